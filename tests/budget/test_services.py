"""Entering transfers and spending: derived sums, refusals with nothing written, locks, audit, recompute."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from budget import services
from budget.choices import TransferKind
from budget.models import BudgetAggregate, BudgetLine, BudgetSpending, BudgetTransfer
from core.exceptions import ApplicationError, ConcurrentEditError
from core.models import AuditEntry
from tests.budget.conftest import YEAR

D = Decimal
DAY = datetime.date(YEAR, 3, 15)


def _snapshot():
    return (
        list(BudgetLine.objects.order_by("pk").values_list("additions", "deductions", "spending", "version")),
        BudgetTransfer.objects.count(),
        BudgetSpending.objects.count(),
        AuditEntry.objects.count(),
    )


def _transfer(budget, kind, amount, *, from_line=None, to_line=None, version=None, reason="Yedek ödenekten"):
    line = from_line or to_line
    return services.budget_transfer_create(
        kind=kind,
        date=DAY,
        amount=D(amount),
        reason=reason,
        from_line=from_line,
        to_line=to_line,
        expected_versions={line.pk: line.version if version is None else version},
        actor=budget.finance,
    )


def test_additions_deductions_and_spending_are_derived_from_the_records(budget):
    _transfer(budget, TransferKind.ADDITION, 200, to_line=budget.goods)
    budget.goods.refresh_from_db()
    _transfer(budget, TransferKind.TRANSFER, 300, from_line=budget.goods, to_line=budget.capital)
    budget.goods.refresh_from_db()
    services.budget_spending_set(
        line=budget.goods, month=1, amount=D(100), expected_version=budget.goods.version, actor=budget.finance
    )
    budget.goods.refresh_from_db()
    services.budget_spending_set(
        line=budget.goods, month=2, amount=D(150), expected_version=budget.goods.version, actor=budget.finance
    )
    goods, capital = BudgetLine.objects.get(pk=budget.goods.pk), BudgetLine.objects.get(pk=budget.capital.pk)
    assert (goods.additions, goods.deductions, goods.spending) == (D(200), D(300), D(250))
    assert goods.figures.total == D(900) and goods.figures.remaining == D(650)
    assert (capital.additions, capital.deductions) == (D(300), D(0))
    assert goods.version == 5  # created 1, four changes
    transfer = BudgetTransfer.objects.get(kind=TransferKind.TRANSFER)
    assert transfer.entered_by == budget.finance and transfer.reason == "Yedek ödenekten"


def test_setting_a_month_again_replaces_it(budget):
    services.budget_spending_set(line=budget.goods, month=6, amount=D(400), expected_version=1, actor=budget.finance)
    services.budget_spending_set(line=budget.goods, month=6, amount=D(50), expected_version=2, actor=budget.finance)
    assert BudgetLine.objects.get(pk=budget.goods.pk).spending == D(50)
    assert BudgetSpending.objects.filter(line=budget.goods).count() == 1


def test_every_change_is_audited_with_who_and_why(budget):
    _transfer(budget, TransferKind.DEDUCTION, 100, from_line=budget.goods, reason="Tasarruf tedbiri")
    entries = AuditEntry.objects.filter(actor=budget.finance)
    assert {e.content_type.model for e in entries} == {"budgettransfer", "budgetline"}
    line_entry = entries.get(content_type__model="budgetline")
    assert line_entry.changes == {"deductions": ["0.00", "100.00"]}
    assert line_entry.reason == "Tasarruf tedbiri"


@pytest.mark.parametrize(
    ("kind", "amount", "spent"),
    [
        (TransferKind.DEDUCTION, "1000.01", 0),  # more than the whole KBÖ
        (TransferKind.DEDUCTION, "601", 400),  # more than what is left after spending
        (TransferKind.TRANSFER, "700", 400),
    ],
)
def test_over_deduction_is_refused_and_nothing_is_written(budget, kind, amount, spent):
    if spent:
        services.budget_spending_set(
            line=budget.goods, month=1, amount=D(spent), expected_version=1, actor=budget.finance
        )
        budget.goods.refresh_from_db()
    before = _snapshot()
    other = budget.capital if kind == TransferKind.TRANSFER else None
    with pytest.raises(ApplicationError, match="kullanılabilir ödeneği"):
        _transfer(budget, kind, amount, from_line=budget.goods, to_line=other)
    assert _snapshot() == before


def test_over_spending_is_refused_and_nothing_is_written(budget):
    services.budget_spending_set(line=budget.goods, month=1, amount=D(900), expected_version=1, actor=budget.finance)
    before = _snapshot()
    with pytest.raises(ApplicationError, match=r"toplam ödeneği .* aşıyor"):
        services.budget_spending_set(
            line=budget.goods, month=2, amount=D("100.01"), expected_version=2, actor=budget.finance
        )
    assert _snapshot() == before


def test_a_kbo_cut_below_the_spending_is_refused(budget):
    services.budget_spending_set(line=budget.goods, month=1, amount=D(900), expected_version=1, actor=budget.finance)
    before = _snapshot()
    with pytest.raises(ApplicationError):
        services.budget_line_update(
            line=budget.goods, initial_appropriation=D(899), expected_version=2, actor=budget.finance
        )
    assert _snapshot() == before


def test_a_stale_version_is_refused_and_nothing_is_overwritten(budget):
    services.budget_spending_set(line=budget.goods, month=1, amount=D(10), expected_version=1, actor=budget.finance)
    before = _snapshot()
    with pytest.raises(ConcurrentEditError):
        services.budget_spending_set(line=budget.goods, month=1, amount=D(20), expected_version=1, actor=budget.finance)
    with pytest.raises(ConcurrentEditError):
        _transfer(budget, TransferKind.ADDITION, 5, to_line=budget.goods, version=1)
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"reason": "  "}, "Gerekçe"),
        ({"date": datetime.date(YEAR + 1, 1, 2)}, "bütçe yılı"),
        ({"amount": D(0)}, "sıfırdan büyük"),
    ],
)
def test_a_transfer_needs_a_reason_a_date_in_the_year_and_an_amount(budget, kwargs, message):
    arguments = {
        "kind": TransferKind.ADDITION,
        "date": DAY,
        "amount": D(5),
        "reason": "Ek ödenek",
        "from_line": None,
        "to_line": budget.goods,
        "expected_versions": {budget.goods.pk: 1},
        "actor": budget.finance,
        **kwargs,
    }
    with pytest.raises(ApplicationError, match=message):
        services.budget_transfer_create(**arguments)
    assert BudgetTransfer.objects.count() == 0


def test_the_database_refuses_spending_above_the_total_and_mismatched_transfers(budget):
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLine.objects.filter(pk=budget.goods.pk).update(spending=D(1001))
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetTransfer.objects.create(
            administration=budget.administration, year=YEAR, kind=TransferKind.ADDITION, date=DAY, amount=D(1),
            from_line=budget.goods, to_line=budget.capital, reason="x",
        )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetSpending.objects.create(line=budget.goods, month=13, amount=D(1))


def test_a_change_asks_for_the_recompute_and_the_aggregates_follow(budget, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _transfer(budget, TransferKind.ADDITION, 250, to_line=budget.goods)
    assert len(callbacks) == 1
    total = BudgetAggregate.objects.get(administration=budget.administration, year=YEAR, level="total")
    assert (total.initial_appropriation, total.additions, total.total) == (D(1500), D(250), D(1750))


def test_a_database_emptied_since_its_migrations_still_takes_the_demo_budget(db):
    """A flushed database (manage.py flush, a test database after a transactional test) lacks the
    national classification migration 0004 wrote; the import writes the codes it names again."""
    # As a flush leaves it (TRUNCATE, protected parents and all).
    from django.db import connection

    from budget.models import EconomicCode
    from budget.services import national_economic_code_ids

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {EconomicCode._meta.db_table} CASCADE")
    ids = national_economic_code_ids({"03.2", "01"})
    assert set(ids) == {"03.2", "01"}
    assert EconomicCode.objects.get(code="03.2").parent.code == "03"
    assert EconomicCode.objects.get(code="03").name == "Mal ve Hizmet Alım Giderleri"
    assert national_economic_code_ids({"03.2"}) == {"03.2": ids["03.2"]}  # written once
    assert national_economic_code_ids({"99"}) == {}  # not national: never written
    from django.core.management import call_command

    call_command("load_demo", stdout=__import__("io").StringIO())
    assert EconomicCode.objects.filter(code="01").exists()
