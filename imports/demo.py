"""The 2024 demo: the report's data set plus one demo user per role. Demo only, never production."""

import secrets
from dataclasses import dataclass, replace
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.choices import Role
from accounts.models import Administration, RoleAssignment, Unit, User
from budget.selectors import budget_years
from budget.services import budget_aggregates_recompute
from core.audit import audit_record
from core.workflow import ReviewState
from imports.dataset import read_csv_folder
from imports.services import ImportSummary, dataset_import
from indicators.models import PPIndicator, RecomputeRun
from indicators.services import results_recompute
from plans.models import SPIndicatorYear, TargetYear
from submissions.choices import SubmissionState
from submissions.models import Submission

DEMO_DATA_DIR = Path(__file__).resolve().parent / "demo_data"
DEMO_ADMINISTRATION = "GIB"
DEMO_YEAR = 2024
# The unit whose forms the demo unit users see: responsible for the first Form-3 indicator.
DEMO_UNIT_INDICATOR = "GYH.01"
STRATEGY_UNIT = "SGDB"


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    first_name: str
    last_name: str
    role: Role


DEMO_USERS = (
    DemoUser("birim.veri", "Demo-birim-2024", "Ayşe", "Veri", Role.UNIT_ENTRY),
    DemoUser("birim.onay", "Demo-onay-2024", "Mehmet", "Onaylı", Role.UNIT_APPROVER),
    DemoUser("strateji", "Demo-strateji-2024", "Zeynep", "Strateji", Role.STRATEGY),
    DemoUser("yonetici", "Demo-yonetici-2024", "Ali", "Yönetici", Role.ADMIN),
    DemoUser("ust.yonetim", "Demo-ust-2024", "İsmail", "Başkan", Role.TOP_MANAGEMENT),
    # Financial services sit in the strategy directorate (Mali Hizmetler); budget entry only.
    DemoUser("mali.hizmetler", "Demo-mali-2024", "Fatma", "Mali", Role.FINANCE),
)


@transaction.atomic
def demo_load(*, data_dir: Path = DEMO_DATA_DIR) -> tuple[ImportSummary, list[DemoUser]]:
    """Load the demo data set and demo users; return what changed and the users created now."""
    dataset = read_csv_folder(data_dir)
    summary = dataset_import(dataset=dataset, recompute=False)
    administration = Administration.objects.get(code=DEMO_ADMINISTRATION)
    demo_unit = (
        PPIndicator.objects.select_related("responsible_unit")
        .get(
            performance_program__administration=administration,
            performance_program__year=DEMO_YEAR,
            code=DEMO_UNIT_INDICATOR,
        )
        .responsible_unit
    )
    strategy_unit = Unit.objects.get(administration=administration, code=STRATEGY_UNIT)
    created = _demo_users_ensure(administration=administration, unit_for_units=demo_unit, strategy_unit=strategy_unit)
    _demo_submissions_ensure(administration=administration, year=DEMO_YEAR)
    _demo_texts_accept(administration=administration, year=DEMO_YEAR)
    if summary.changed:
        # The demo opens with its results computed, whether or not a worker is running.
        results_recompute(administration_id=administration.pk, kind=RecomputeRun.Kind.MANUAL)
        for year in budget_years(administration_id=administration.pk):
            budget_aggregates_recompute(administration_id=administration.pk, year=year)
    return summary, created


def _demo_users_ensure(*, administration: Administration, unit_for_units: Unit, strategy_unit: Unit) -> list[DemoUser]:
    created: list[DemoUser] = []
    for demo in DEMO_USERS:
        user, is_new = User.objects.get_or_create(
            username=demo.username,
            defaults={"first_name": demo.first_name, "last_name": demo.last_name},
        )
        if is_new:
            if not settings.DEMO_PUBLISHED_PASSWORDS:
                demo = replace(demo, password=secrets.token_urlsafe(12))
            user.set_password(demo.password)
            user.is_staff = demo.role == Role.ADMIN
            user.is_superuser = demo.role == Role.ADMIN
            user.save(update_fields=["password", "is_staff", "is_superuser"])
            audit_record(actor=None, obj=user, action="create", reason="Demo kullanıcısı")
            created.append(demo)
        unit = unit_for_units if demo.role in (Role.UNIT_ENTRY, Role.UNIT_APPROVER) else strategy_unit
        RoleAssignment.objects.get_or_create(
            user=user, unit=unit, role=demo.role, defaults={"administration": administration}
        )
    return created


def _demo_texts_accept(*, administration: Administration, year: int) -> None:
    """Mark the printed year's evaluation texts accepted: the printed report is their accepted version."""
    TargetYear.objects.filter(target__aim__plan__administration=administration, year=year).exclude(
        text_state=ReviewState.APPROVED
    ).update(text_state=ReviewState.APPROVED)
    SPIndicatorYear.objects.filter(indicator__target__aim__plan__administration=administration, year=year).exclude(
        text_state=ReviewState.APPROVED
    ).update(text_state=ReviewState.APPROVED)


def _demo_submissions_ensure(*, administration: Administration, year: int) -> None:
    """Mark the printed year's four quarters approved for every unit that reported."""
    unit_ids = set(
        PPIndicator.objects.filter(
            performance_program__administration=administration, performance_program__year=year
        ).values_list("responsible_unit_id", flat=True)
    )
    existing = set(Submission.objects.filter(unit_id__in=unit_ids, year=year).values_list("unit_id", "quarter"))
    now = timezone.now()
    Submission.objects.bulk_create(
        [
            Submission(
                unit_id=unit_id,
                year=year,
                quarter=quarter,
                state=SubmissionState.APPROVED,
                submitted_at=now,
                reviewed_at=now,
            )
            for unit_id in sorted(unit_ids)
            for quarter in (1, 2, 3, 4)
            if (unit_id, quarter) not in existing
        ]
    )
