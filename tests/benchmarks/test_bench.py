"""make bench's own pieces: it runs twice on the same database, and prints the goals it recorded."""

import io

import pytest
from django.core.management import call_command

from accounts.choices import Role
from accounts.models import Administration, RoleAssignment, Unit, User
from benchmarks.goals import goal_record, goals_read, goals_table
from benchmarks.synthetic import CODE
from indicators.models import PPIndicator


@pytest.mark.django_db
def test_synthetic_generated_again_after_the_benchmarks_gave_its_units_roles():
    call_command("generate_synthetic", units=3, indicators=4, years=1, stdout=io.StringIO())
    administration = Administration.objects.get(code=CODE)
    user = User.objects.create(username="panel.kiyas")
    unit = Unit.objects.filter(administration=administration).first()
    RoleAssignment.objects.create(user=user, role=Role.STRATEGY, administration=administration, unit=unit)

    call_command("generate_synthetic", units=3, indicators=4, years=1, stdout=io.StringIO())

    fresh = Administration.objects.get(code=CODE)
    assert fresh.pk != administration.pk
    assert PPIndicator.objects.filter(performance_program__administration=fresh).count() == 12
    assert not RoleAssignment.objects.filter(user=user).exists()
    assert User.objects.filter(username="panel.kiyas").exists()  # the user stays; bench_* give the role again


def test_goal_table_lists_each_recorded_goal_with_its_verdict(tmp_path, monkeypatch):
    results = tmp_path / "bench-results.jsonl"
    monkeypatch.setenv("BENCH_RESULTS", str(results))
    goal_record("engine: full ≤ 3 × GROUP BY", "2.4 ×", True)
    goal_record("Form-4 pdf < 1 GiB", "+1,300 MiB", False)
    goal_record("peak RSS", "120 MiB / 40 MiB", None)

    lines = goals_table(goals_read(results))

    cells = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]
    assert [row[:3] for row in cells] == [
        ["engine: full ≤ 3 × GROUP BY", "2.4 ×", "yes"],
        ["Form-4 pdf < 1 GiB", "+1,300 MiB", "NO"],
        ["peak RSS", "120 MiB / 40 MiB", "—"],
    ]
    out = io.StringIO()
    call_command("bench_summary", results=str(results), stdout=out)
    assert "3 figures, 1 goal(s) not met." in out.getvalue()
