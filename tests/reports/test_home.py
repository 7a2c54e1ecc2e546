"""The home page: one year's plan and programme, Turkish numbers, constant queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.choices import Role
from accounts.models import RoleAssignment, Unit
from plans.models import PerformanceProgram, StrategicPlan
from tests.factories import (
    AimFactory,
    PPIndicatorFactory,
    QuarterlyValueFactory,
    SPIndicatorYearFactory,
    SubProgramFactory,
    TargetFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def strategy_client(client, demo):
    client.login(username="strateji", password="Demo-strateji-2024")
    return client


def test_anonymous_user_is_sent_to_the_login_page(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_is_turkish(client):
    content = client.get(reverse("login")).content.decode()
    assert "Kullanıcı adı" in content and "Parola" in content


def test_wrong_password_gets_a_turkish_message(client, demo):
    response = client.post(reverse("login"), {"username": "strateji", "password": "yanlis"})
    assert "Kullanıcı adı veya parola hatalı" in response.content.decode()


def test_home_shows_2024_plan_and_programme_in_turkish_format(strategy_client):
    response = strategy_client.get(reverse("home"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Göç İdaresi Başkanlığı · 2024" in content
    # Form-3 row 1: previous 1.009.098 (2023), target 950.000, Q4 913.719, estimate 1.000.000.
    assert "1.009.098 (2023)" in content
    assert "950.000" in content and "913.719" in content and "1.000.000" in content
    # The engine's stored results: GYH.01 %96 Kısmen Ulaşıldı; GYH.10's year-end value -1,31 (Σ quarters).
    row = re.search(r"Aktif ikamet izni sayısı.*?</tr>", content, re.S).group(0)
    assert "%96" in row and "Kısmen Ulaşıldı" in row
    assert re.search(r"Personel sayısının artış oranı.*?-1,31.*?-%26.*?Ulaşılamadı", content, re.S)
    assert "-3,17" in content  # GYH.10 Q1, negative with a decimal comma
    # The strategic plan: aims, targets and SP indicators with A and B.
    assert "YÖNETİLEBİLİR DÜZENLİ GÖÇ" in content
    assert "PG1.1.1" in content and "405.000" in content
    assert "2.024" not in content  # years are never grouped like figures


def test_home_in_english_uses_english_number_format(strategy_client):
    strategy_client.cookies["django_language"] = "en"
    content = strategy_client.get(reverse("home")).content.decode()
    assert "1,009,098 (2023)" in content
    assert "2024 Performance Program" in content
    headers = [re.sub(r"\s+", " ", h).strip() for h in re.findall(r"<th[^>]*>(.*?)</th>", content, re.S)]
    assert "Q4" in headers, str(headers)


def test_unknown_year_falls_back_with_a_message(strategy_client):
    content = strategy_client.get(reverse("home"), {"year": "1999"}).content.decode()
    assert "“1999” için veri yok" in content
    assert "913.719" in content


def test_a_plan_year_without_programme_shows_the_plan_only(strategy_client):
    content = strategy_client.get(reverse("home"), {"year": "2026"}).content.decode()
    assert "Bu yıl için performans göstergesi yok." in content
    assert "PG1.1.1" in content


def test_user_without_role_is_told_to_ask_for_one(client, db):
    user = UserFactory()
    client.force_login(user)
    response = client.get(reverse("home"))
    # Refused like every page a user without a role asks for (403), the page saying what to do.
    assert response.status_code == 403
    assert "Hesabınıza bir birim ve rol atanmamış" in response.content.decode()


def _queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    return len(captured), response.content.decode()


def _grow_demo_tenfold(administration) -> None:
    """Add nine times the demo's indicators (SP and PP, with quarters) to the same year."""
    plan = StrategicPlan.objects.get(administration=administration)
    programme = PerformanceProgram.objects.get(administration=administration, year=2024)
    unit = Unit.objects.filter(administration=administration).first()
    for a in range(9):
        aim = AimFactory(plan=plan, code=f"X{a}")
        for _t in range(6):
            target = TargetFactory(aim=aim, responsible_unit=unit)
            for _ in range(9):
                SPIndicatorYearFactory(indicator__target=target, indicator__responsible_unit=unit)
        sub_program = SubProgramFactory(program__performance_program=programme)
        for _ in range(22):
            indicator = PPIndicatorFactory(sub_program=sub_program, responsible_unit=unit)
            for quarter in (1, 2, 3, 4):
                QuarterlyValueFactory(indicator=indicator, quarter=quarter)


def test_home_query_count_does_not_grow_with_the_data(strategy_client, demo):
    demo_count, demo_page = _queries(strategy_client)
    _grow_demo_tenfold(demo)
    large_count, large_page = _queries(strategy_client)
    assert large_page.count("<tr") > 9 * demo_page.count("<tr")
    assert large_count == demo_count


def test_every_role_sees_the_home_page(client, demo):
    for role in Role:
        assignment = RoleAssignment.objects.filter(role=role).select_related("user").first()
        assert assignment is not None, role
        client.force_login(assignment.user)
        content = client.get(reverse("home")).content.decode()
        if role == Role.FINANCE:
            # Financial services hold the budget right only: no unit's programme figures, the budget link.
            assert not re.search(r"913\.719", content) and reverse("budget:execution") in content
            continue
        assert re.search(r"913\.719", content), role


def test_turkish_is_the_default_whatever_the_browser_asks(strategy_client):
    content = strategy_client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "1.009.098 (2023)" in content


@pytest.mark.parametrize(
    ("username", "password", "lands_on"),
    [
        ("strateji", "Demo-strateji-2024", "my_work"),
        ("birim.veri", "Demo-birim-2024", "my_work"),
        ("mali.hizmetler", "Demo-mali-2024", "budget:execution"),  # not an all-zero performance dashboard
    ],
)
def test_people_land_where_their_work_is_after_logging_in(client, demo, username, password, lands_on):
    response = client.post(reverse("login"), {"username": username, "password": password}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(lands_on)
    assert response.status_code == 200


def test_a_large_sub_programme_is_paged(strategy_client, demo):
    _grow_demo_tenfold(demo)
    content = strategy_client.get(reverse("home")).content.decode()
    assert content.count("<tr") <= content.count("<table") * 51  # each table: a header and at most 50 rows
    assert "pagination" in content  # the aims with 54 indicators have a second page


def test_unit_users_see_only_their_units_programme_indicators(client, demo):
    client.login(username="birim.veri", password="Demo-birim-2024")  # İkamet İzinleri: GYH.01
    content = client.get(reverse("home")).content.decode()
    assert "Aktif ikamet izni sayısı" in content and "913.719" in content
    assert "Sınır dışı edilen yabancı sayısı" not in content and "142.536" not in content
    assert "PG1.1.1" in content  # the strategic plan is a published document
