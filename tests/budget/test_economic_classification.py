"""The national economic classification: shipped with the application, read-only, level I in Tablo 7–13
with lines entered lower rolled up into it and kept as detail."""

import io
from decimal import Decimal

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from accounts.models import Administration
from budget.catalogue import NATIONAL_ECONOMIC_CODES, normalise_economic_code
from budget.models import BudgetAggregate, BudgetLine, EconomicCode
from budget.services import budget_aggregates_recompute
from imports.dataset import DatasetError
from imports.services import workbook_import
from imports.workbook import WORKBOOK_SHEETS, read_workbook, template_build, workbook_build
from tests.factories import AdministrationFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db
Level = BudgetAggregate.Level


def test_a_fresh_installation_has_the_national_classification():
    names = dict(EconomicCode.objects.values_list("code", "name"))
    assert names["01"] == "Personel Giderleri"
    assert names["02"] == "Sosyal Güvenlik Kurumlarına Devlet Primi Giderleri"
    assert names["03"] == "Mal ve Hizmet Alım Giderleri"
    assert [code for code in names if "." not in code] == ["01", "02", "03", "04", "05", "06", "07", "08", "09"]
    assert [code for code in names if code.startswith("03.")] == [f"03.{n}" for n in range(1, 10)]
    assert names["03.2"] == "Tüketime Yönelik Mal ve Malzeme Alımları" and names["03.5"] == "Hizmet Alımları"
    assert EconomicCode.objects.get(code="03.5").parent.code == "03"
    assert len(names) >= len(NATIONAL_ECONOMIC_CODES)


def test_the_report_s_one_digit_codes_read_as_the_classification_writes_them():
    assert [normalise_economic_code(c) for c in ("1", "3.2", "03.2", "07")] == ["01", "03.2", "03.2", "07"]


def test_the_admin_cannot_add_change_or_delete_a_national_code():
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    model_admin = site._registry[EconomicCode]
    code = EconomicCode.objects.get(code="01")
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, code)
    assert not model_admin.has_delete_permission(request, code)


def _workbook(lines: list[dict]) -> dict[str, list[dict]]:
    return {
        "units": [{"code": "DB1", "name": "Birinci Daire", "parent_code": "", "kind": "department"}],
        "budget_lines": [
            {"year": 2025, "unit_code": "DB1", "added": 0, "deducted": 0, "spent": 0, **line} for line in lines
        ],
    }


def _import(administration: Administration, sheets: dict) -> None:
    dataset = read_workbook(io.BytesIO(workbook_build(sheets)))
    workbook_import(dataset=dataset, administration=administration, actor=None)


def test_a_workbook_needs_no_catalogue_sheet_and_cannot_name_a_code_of_its_own():
    assert "economic_codes" not in WORKBOOK_SHEETS
    assert "economic_codes" not in read_workbook(io.BytesIO(template_build())).rows
    administration = AdministrationFactory(code="YEN")
    _import(administration, _workbook([{"econ_code": "3.2", "econ_name": "Benim adım", "kbo": 100}]))
    line = BudgetLine.objects.get(administration=administration)
    assert line.economic_code.code == "03.2"
    assert line.economic_code.name == "Tüketime Yönelik Mal ve Malzeme Alımları"  # the national name stays
    with pytest.raises(DatasetError) as caught:
        _import(administration, _workbook([{"econ_code": "03.99", "kbo": 100}]))
    [error] = caught.value.errors
    assert (error.sheet, error.row, error.column) == ("budget_lines", 2, "econ_code")
    assert "“03.99” ulusal ekonomik sınıflandırmada yok" in error.message
    assert not EconomicCode.objects.filter(code="03.99").exists()


def test_lines_entered_below_level_one_roll_up_into_it_with_the_lower_levels_as_detail():
    administration = AdministrationFactory(code="YEN")
    UnitFactory(administration=administration, code="DB0")
    _import(
        administration,
        _workbook(
            [
                {"econ_code": "03.2", "kbo": 300, "added": 50, "spent": 200},
                {"econ_code": "03.5", "kbo": 100},
                {"econ_code": "01", "kbo": 600},
            ]
        ),
    )
    budget_aggregates_recompute(administration_id=administration.pk, year=2025)
    stored = {(a.level, a.key): a for a in BudgetAggregate.objects.filter(administration=administration, year=2025)}
    assert sorted(key for level, key in stored if level == Level.ECONOMIC) == ["01", "03"]  # Tablo 7–13: level I
    goods = stored[(Level.ECONOMIC, "03")]
    assert (goods.initial_appropriation, goods.additions, goods.spending) == (Decimal(400), Decimal(50), Decimal(200))
    assert sorted(key for level, key in stored if level == Level.ECONOMIC_DETAIL) == ["03.2", "03.5"]
    assert stored[(Level.ECONOMIC_DETAIL, "03.2")].parent_key == "03"
    # Shares of the KBÖ: level I adds up to 100 %, the detail is a share of the same whole (no double count).
    economic = [a for (level, _key), a in stored.items() if level == Level.ECONOMIC]
    assert sum(a.share_of_initial_pct for a in economic) == Decimal(100)
    assert stored[(Level.ECONOMIC, "03")].share_of_initial_pct == Decimal(40)
    assert stored[(Level.ECONOMIC_DETAIL, "03.2")].share_of_initial_pct == Decimal(30)
    assert stored[(Level.TOTAL, "")].initial_appropriation == Decimal(1000)
