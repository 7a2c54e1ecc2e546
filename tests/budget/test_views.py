"""The budget pages on the 2024 demo: printed totals on screen, Excel, permissions, entry, query counts."""

import io
import json
import re
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Unit, User
from budget.choices import TransferKind
from budget.models import BudgetLine, BudgetSpending, BudgetTransfer, EconomicCode
from budget.selectors import execution_summary
from budget.services import budget_aggregates_recompute
from core.models import AuditEntry
from core.numbers import format_decimal
from plans.models import Activity, PerformanceProgram
from tests.factories import PPIndicatorFactory, SubProgramFactory

REPORTS = ("karsilastirma", "dagilim", "uygulama", "ekonomik-ayrinti", "program", "birim")


def _login(client, username: str):
    client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def finance_client(client, demo):
    return _login(client, "mali.hizmetler")


def _printed(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_execution_table_shows_the_printed_tablo_9_totals(finance_client):
    content = finance_client.get(reverse("budget:execution"), {"year": 2024}).content.decode()
    # Tablo 9's printed totals: KBÖ, eklenen, düşülen, toplam ödenek, harcama, %94,21.
    for figure in (
        "21.631.742.000,00",
        "16.630.210.362,00",
        "6.954.426.426,00",
        "31.307.525.936,00",
        "29.496.087.082,00",
        "%94,21",
    ):
        assert figure in content, figure
    assert 'data-chart="execution-chart-data"' in content and 'id="execution-chart-data"' in content


@pytest.mark.parametrize("report", REPORTS)
def test_every_table_opens_for_every_year(finance_client, report):
    for year in (2023, 2024, 2025):
        response = finance_client.get(reverse("budget:report", args=[report]), {"year": year})
        assert response.status_code == 200
        assert f"· {year}" in response.content.decode()


def test_tablo_7_compares_the_two_years_kbo(finance_client):
    content = finance_client.get(reverse("budget:report", args=["karsilastirma"]), {"year": 2024}).content.decode()
    assert "Personel Giderleri" in content
    assert "25.600.000" in content and "24.000.000" in content and "-%6,25" in content  # code 7 fell


def test_the_unit_table_names_units_and_filters(finance_client):
    url = reverse("budget:report", args=["birim"])
    content = finance_client.get(url, {"year": 2024}).content.decode()
    assert "DIDB Dış İlişkiler Dairesi Başkanlığı" in content and "OKM Özel Kalem Müdürlüğü" in content
    # The search finds the unit by its name, the Turkish way (ı/I), and leaves the others out.
    filtered = finance_client.get(url, {"year": 2024, "q": "DIŞ İLİŞKİLER"}).content.decode()
    assert "97.897.000" in filtered and "Özel Kalem" not in filtered


def test_the_unit_table_lists_the_units_in_the_administrations_order(finance_client, demo):
    url = reverse("budget:report", args=["birim"])
    units = list(Unit.objects.filter(administration=demo).order_by("seq", "code"))
    content = finance_client.get(url, {"year": 2024}).content.decode()
    shown = [
        u.code
        for u in sorted(units, key=lambda u: content.find(f"{u.code} {u.name}"))
        if f"{u.code} {u.name}" in content
    ]
    assert shown[:3] == ["OKM", "DIDB", "RDB"]  # Tablo 11's first rows, not the codes' order (BHIM, DGGM …)
    assert shown == [u.code for u in units if u.code in shown]
    # The Excel download keeps the order, and the column sorts back to it after a reverse sort.
    sheet = openpyxl.load_workbook(
        io.BytesIO(finance_client.get(url, {"year": 2024, "_export": "xlsx"}).content)
    ).active
    assert [row[0].value.split(" ")[0] for row in sheet.iter_rows(min_row=2)] == shown
    reverse_sorted = finance_client.get(url, {"year": 2024, "sort": "-key"}).content.decode()
    assert reverse_sorted.find("OKM Özel Kalem") > reverse_sorted.find("DIDB Dış İlişkiler")


def test_the_excel_download_has_numeric_cells_that_add_up(finance_client):
    response = finance_client.get(reverse("budget:execution"), {"year": 2024, "_export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    kbo = header.index("KBÖ")
    values = [row[kbo].value for row in sheet.iter_rows(min_row=2)]
    assert all(isinstance(v, int | float | Decimal) for v in values)
    assert sum(Decimal(str(v)) for v in values) == Decimal("21631742000")


def test_execution_summary_for_the_coordinators_dashboard(demo):
    summary = execution_summary(demo, 2024)
    assert (summary.initial, summary.total, summary.spending) == (
        Decimal("21631742000"),
        Decimal("31307525936"),
        Decimal("29496087082"),
    )
    assert summary.realization_pct.quantize(Decimal("0.01")) == Decimal("94.21")
    assert sum(p.total for p in summary.programs) == summary.total
    assert {p.key for p in summary.programs} >= {"Göç Yönetimi", "Dış Politika"}
    assert not execution_summary(demo, 1999).has_data


def test_the_demo_import_records_the_printed_transfers_and_spending(demo):
    transfers = BudgetTransfer.objects.filter(year=2024, imported=True)
    added = sum(t.amount for t in transfers if t.kind == TransferKind.ADDITION)
    deducted = sum(t.amount for t in transfers if t.kind == TransferKind.DEDUCTION)
    assert (added, deducted) == (Decimal("16630210362"), Decimal("6954426426"))
    assert all(t.date.isoformat() == "2024-12-31" and t.reason for t in transfers)
    december = BudgetSpending.objects.filter(line__year=2024)
    assert {s.month for s in december} == {12}
    assert sum(s.amount for s in december) == Decimal("29496087082")


@pytest.mark.parametrize(
    ("username", "sees", "enters"),
    [
        ("mali.hizmetler", True, True),
        ("strateji", True, False),
        ("ust.yonetim", True, False),
        ("birim.veri", False, False),
        ("birim.onay", False, False),
    ],
)
def test_who_sees_and_who_enters_the_budget(client, demo, username, sees, enters):
    _login(client, username)
    line = BudgetLine.objects.filter(year=2024, unit__isnull=False).first()
    for url in (reverse("budget:execution"), reverse("budget:lines"), reverse("budget:money_performance")):
        assert client.get(url).status_code == (200 if sees else 403), url
    assert client.get(reverse("budget:line", args=[line.pk])).status_code == (200 if sees else 403)
    response = client.post(
        reverse("budget:line_transfer", args=[line.pk]),
        {"kind": "addition", "date": "2024-05-02", "amount": "1.000", "reason": "Ek", "version": line.version},
    )
    assert response.status_code == (302 if enters else 403)
    assert BudgetTransfer.objects.filter(imported=False).count() == (1 if enters else 0)
    assert ("Bütçe" in client.get(reverse("home")).content.decode()) is sees


def test_an_over_deduction_through_the_form_says_why_and_writes_nothing(finance_client):
    line = BudgetLine.objects.filter(year=2024, unit__code="DIDB").order_by("pk").first()
    remaining = line.figures.remaining
    audits, transfers = AuditEntry.objects.count(), BudgetTransfer.objects.count()
    response = finance_client.post(
        reverse("budget:line_transfer", args=[line.pk]),
        {
            "kind": "deduction",
            "date": "2024-06-01",
            "amount": format_decimal(remaining + 1, 2),
            "reason": "Fazla",
            "version": line.version,
        },
    )
    assert response.status_code == 400
    assert "kullanılabilir ödeneği" in response.content.decode()
    assert (AuditEntry.objects.count(), BudgetTransfer.objects.count()) == (audits, transfers)
    line.refresh_from_db()
    assert line.figures.remaining == remaining


def test_a_stale_form_is_refused_with_409(finance_client):
    line = BudgetLine.objects.filter(year=2024, unit__isnull=False).first()
    form = {"month": "3", "amount": "1", "version": line.version}
    assert finance_client.post(reverse("budget:line_spending", args=[line.pk]), form).status_code == 302
    response = finance_client.post(reverse("budget:line_spending", args=[line.pk]), {**form, "amount": "2"})
    assert response.status_code == 409
    assert BudgetSpending.objects.get(line=line, month=3).amount == Decimal(1)


def test_a_new_line_through_the_form(finance_client):
    code = EconomicCode.objects.get(code="03")
    unit = Unit.objects.get(code="DIDB")
    response = finance_client.post(
        reverse("budget:line_create") + "?year=2026",
        {"year": "2026", "economic_code": code.pk, "unit": unit.pk, "initial_appropriation": "1.250.000"},
    )
    line = BudgetLine.objects.get(year=2026)
    assert response["Location"] == reverse("budget:line", args=[line.pk])
    assert line.initial_appropriation == Decimal(1250000) and line.version == 1


def test_money_beside_performance_shows_money_statuses_and_targets(finance_client):
    content = _printed(finance_client.get(reverse("budget:money_performance"), {"year": 2024}).content.decode())
    assert "Göçmenlere Yönelik Hizmetler" in content
    assert "status-badge" in content  # the PP indicators' stored statuses
    assert "hedef performansı" in content  # the SP targets' stored performance
    assert "birim maliyet" in content  # says why no cost per unit is shown


def _grow(administration) -> None:
    """Add many lines (new codes, activities and units), sub-programmes and indicators to 2024."""
    programme = PerformanceProgram.objects.get(administration=administration, year=2024)
    unit = Unit.objects.filter(administration=administration).first()
    units = list(Unit.objects.filter(administration=administration)[:40])
    for s in range(8):
        sub_program = SubProgramFactory(program__performance_program=programme)
        activity = Activity.objects.create(sub_program=sub_program, name=f"Ek faaliyet {s}")
        for i in range(10):
            PPIndicatorFactory(sub_program=sub_program, responsible_unit=unit)
            code = EconomicCode.objects.get_or_create(code=f"9.{s}.{i}", defaults={"name": f"Deneme kodu {s}.{i}"})[0]
            line = BudgetLine.objects.create(
                administration=administration, year=2024, economic_code=code, activity=activity,
                unit=units[(s * 10 + i) % len(units)], initial_appropriation=Decimal(1000 + i),
            )  # fmt: skip
            BudgetSpending.objects.create(line=line, month=1 + i, amount=Decimal(10))
    budget_aggregates_recompute(administration_id=administration.pk, year=2024)


def _count(client, url, params) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured), response.content.decode().count("<tr")


def test_query_counts_do_not_grow_with_the_data(finance_client, demo):
    line = BudgetLine.objects.filter(year=2024, unit__isnull=False).first()
    pages = [
        *((reverse("budget:report", args=[r]), {"year": 2024}) for r in REPORTS),
        (reverse("budget:lines"), {"year": 2024}),
        (reverse("budget:money_performance"), {"year": 2024}),
        (reverse("budget:line", args=[line.pk]), {}),
    ]
    small = [_count(finance_client, url, params) for url, params in pages]
    _grow(demo)
    large = [_count(finance_client, url, params) for url, params in pages]
    assert [count for count, _ in large] == [count for count, _ in small]
    # The data did grow where it shows: more rows on the line list and the economic detail; Tablo 9
    # shows level I, where the new codes (9.s.i) roll up into one row.
    slugs = list(REPORTS)
    assert large[len(slugs)][1] > small[len(slugs)][1] + 50
    assert large[slugs.index("ekonomik-ayrinti")][1] > small[slugs.index("ekonomik-ayrinti")][1] + 50
    assert large[slugs.index("uygulama")][1] == small[slugs.index("uygulama")][1] + 1


def test_the_line_page_shows_its_change_history(finance_client):
    line = BudgetLine.objects.filter(year=2024, unit__isnull=False).order_by("pk").first()
    finance_client.post(
        reverse("budget:line_transfer", args=[line.pk]),
        {
            "kind": "addition",
            "date": "2024-05-02",
            "amount": "1.000",
            "reason": "Yedek ödenek",
            "version": line.version,
        },
    )
    history = _printed(finance_client.get(reverse("budget:line", args=[line.pk])).content.decode())
    section = history[history.index('id="history"') :]
    assert "mali.hizmetler" in section or "Fatma" in section
    # The change in the user's language: the field's label and the money with two decimals.
    assert "Eklenen</span>" in section and "additions" not in section and "Yedek ödenek" in section


def test_the_execution_page_follows_spending_month_by_month(finance_client):
    content = finance_client.get(reverse("budget:execution"), {"year": 2024}).content.decode()
    spec = json.loads(re.search(r'id="monthly-chart-data"[^>]*>(.*?)</script>', content, re.S).group(1))
    cumulative = [Decimal(v) for v in spec["datasets"][0]["data"]]
    # The demo's spending is recorded in December (imports/demo_data/README.md).
    assert cumulative[:11] == [Decimal(0)] * 11
    assert cumulative[11] == Decimal("29496087082")


def test_a_goal_with_many_indicators_shows_status_counts_and_a_link(finance_client, monkeypatch):
    monkeypatch.setattr("budget.selectors.INDICATORS_LISTED", 1)
    content = _printed(finance_client.get(reverse("budget:money_performance"), {"year": 2024}).content.decode())
    assert "GYH.01" not in content  # no longer listed one by one
    assert re.search(r"\d+ gösterge: <span class=\"badge status-badge", content)
    assert reverse("dashboards:indicator_table") + "?year=2024&amp;sub_program=" in content
