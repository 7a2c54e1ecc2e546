"""Denetime hazırlık's pure checks: each criterion finds a planted defect and passes once it is fixed."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.utils import translation

from indicators.calculations import STATUS_THRESHOLDS
from reports.builders.printed_audit import Difference
from reports.builders.readiness import (
    CRITERIA,
    PPFacts,
    QuarterFacts,
    ReadinessFacts,
    SPFacts,
    TargetChange,
    readiness_check,
)

D = Decimal


@pytest.fixture(autouse=True)
def _turkish():
    with translation.override("tr"):
        yield


QUARTER_VALUES = (D(25), D(25), D(25), D(25))


def _quarters(values=QUARTER_VALUES, **overrides) -> tuple[QuarterFacts, ...]:
    return tuple(
        QuarterFacts(quarter=q, value=v, estimate=D(100), has_evidence=True, **overrides)
        for q, v in enumerate(values, start=1)
    )


PP = PPFacts(
    code="GYH.01",
    unit_of_measure="Sayı",
    baseline=D(90),
    target=D(100),
    data_source="Göç İdaresi e-İkamet sistemi",
    responsible_unit="İkamet İzinleri Daire Başkanlığı",
    has_goal=True,
    sp_target="H1.1",
    aggregation="sum",
    direction="increase",
    evidence_required=True,
    quarters=_quarters(),
    stored_year_end=D("100.0000"),
    has_result=True,
    edit_url="/plan/alt-program/1/gosterge/1/",
    detail_url="/plan/pp-gosterge/1/",
    quarter_urls=("/izleme/IDB/2024/1/", "/izleme/IDB/2024/2/", "/izleme/IDB/2024/3/", "/izleme/IDB/2024/4/"),
)
SP = SPFacts(
    code="PG1.1.1",
    unit_of_measure="Sayı",
    baseline=D(0),
    target=D(1000),
    data_source="Yıllık istatistik raporu",
    responsible_unit="Strateji Geliştirme Daire Başkanlığı",
    typed_actual=D(400),
    cumulative=True,
    linked_values=((2024, D(400)),),
    edit_url="/plan/hedef/1/gosterge/1/duzenle/",
    target_url="/plan/sp-gosterge/1/hedef/2024/",
    detail_url="/plan/sp-gosterge/1/",
)
CLEAN = ReadinessFacts(
    year=2024,
    quarters_due=4,
    pp=(PP,),
    sp=(SP,),
    printed=(),
    printed_count=1,
    printed_url="/basili-rapor-farklari/?year=2024",
    target_changes=(TargetChange("GYH.01", "95", "100", "Programın revizyonu", "01.03.2024", "/plan/pp-gosterge/1/"),),
)


def _pp(**changes) -> ReadinessFacts:
    return replace(CLEAN, pp=(replace(PP, **changes),))


def _sp(**changes) -> ReadinessFacts:
    return replace(CLEAN, sp=(replace(SP, **changes),))


def _without_quarter(quarter: int) -> tuple[QuarterFacts, ...]:
    return tuple(q for q in PP.quarters if q.quarter != quarter)


def _with_quarter(quarter: int, **changes) -> tuple[QuarterFacts, ...]:
    return tuple(replace(q, **changes) if q.quarter == quarter else q for q in PP.quarters)


# (criterion, planted defect, subject, what the finding says, where it links)
DEFECTS = [
    ("definitions", _pp(unit_of_measure="  "), "GYH.01", "ölçü birimi", PP.edit_url),
    ("definitions", _pp(baseline=None), "GYH.01", "önceki dönem gerçekleşme", PP.edit_url),
    ("definitions", _pp(target=None), "GYH.01", "hedeflenen değer", PP.edit_url),
    ("definitions", _pp(data_source=""), "GYH.01", "veri kaynağı", PP.edit_url),
    ("definitions", _pp(responsible_unit=""), "GYH.01", "sorumlu birim", PP.edit_url),
    ("definitions", _sp(unit_of_measure=""), "PG1.1.1", "ölçü birimi", SP.edit_url),
    ("definitions", _sp(baseline=None), "PG1.1.1", "başlangıç değeri (A)", SP.edit_url),
    ("definitions", _sp(target=None), "PG1.1.1", "2024 hedefi (B)", SP.target_url),
    ("definitions", _sp(target=None, data_source=""), "PG1.1.1", "2024 hedefi (B), veri kaynağı", SP.edit_url),
    ("definitions", _sp(data_source=" "), "PG1.1.1", "veri kaynağı", SP.edit_url),
    ("definitions", _sp(responsible_unit=""), "PG1.1.1", "sorumlu birim", SP.edit_url),
    ("links", _pp(has_goal=False), "GYH.01", "performans hedefine", PP.edit_url),
    ("links", _pp(sp_target=""), "GYH.01", "stratejik plan hedefine", PP.edit_url),
    ("quarters", _pp(quarters=_without_quarter(2)), "GYH.01", "2. dönemin değeri girilmemiş", PP.quarter_urls[1]),
    ("quarters", _pp(quarters=_with_quarter(3, value=None)), "GYH.01", "3. dönemin", PP.quarter_urls[2]),
    ("quarters", _pp(aggregation="manual", quarters=()), "GYH.01", "4. dönemin", PP.quarter_urls[3]),
    (
        "evidence",
        _pp(quarters=_with_quarter(1, has_evidence=False)),
        "GYH.01",
        "kanıt",
        PP.quarter_urls[0] + "#evidence-title",
    ),
    # Q4 below 80: 25 + 25 + 25 + 4 = 79 of 100.
    (
        "narratives",
        _pp(quarters=_with_quarter(4, value=D(4)), stored_year_end=D(79)),
        "GYH.01",
        "80'in altında",
        PP.quarter_urls[3],
    ),
    # Q4 above 100: 101 of 100.
    (
        "narratives",
        _pp(quarters=_with_quarter(4, value=D(26)), stored_year_end=D(101)),
        "GYH.01",
        "100'ün üzerinde",
        PP.quarter_urls[3],
    ),
    # Q2 judged on the unit's year-end estimate in-year: 70 of 100.
    ("narratives", _pp(quarters=_with_quarter(2, estimate=D(70))), "GYH.01", "2. dönem", PP.quarter_urls[1]),
    (
        "figures",
        _pp(stored_year_end=D(99)),
        "GYH.01",
        "Kayıtlı yıl sonu değeri 99, dönem değerlerinden hesaplanan 100",
        PP.detail_url,
    ),
    ("figures", _pp(has_result=False, stored_year_end=None), "GYH.01", "Sonuç hesaplanmamış", PP.detail_url),
    (
        "figures",
        _sp(typed_actual=D(450)),
        "PG1.1.1",
        "Elle girilen gerçekleşme (C) 450, bağlı PP göstergelerinden hesaplanan 400",
        SP.detail_url,
    ),
    (
        "figures",
        replace(CLEAN, printed=(Difference("tablo7", "06", "increase_pct", "46.80", D("46.808511"), "rule"),)),
        "Tablo 7 · 06 · Artış (%)",
        "Basılı 46,80, kurallarla hesaplanan 46,81.",
        CLEAN.printed_url,
    ),
    (
        "revisions",
        replace(
            CLEAN,
            target_changes=(TargetChange("GYH.01", "950000", "1000000", "  ", "01.03.2024", "/plan/pp-gosterge/1/"),),
        ),
        "GYH.01",
        "Hedef 01.03.2024 tarihinde gerekçesiz değiştirilmiş: 950.000 → 1.000.000.",
        "/plan/pp-gosterge/1/",
    ),
]


def _result(facts: ReadinessFacts, key: str):
    return next(c for c in readiness_check(facts).criteria if c.key == key)


def test_the_clean_year_passes_every_criterion():
    report = readiness_check(CLEAN)
    assert [c.key for c in report.criteria] == [c.key for c in CRITERIA]
    assert report.finding_count == 0
    assert all(c.passed == c.checked for c in report.criteria)
    assert {c.key: c.checked for c in report.criteria} == {
        "definitions": 2,
        "links": 1,
        "quarters": 1,
        "evidence": 1,
        "narratives": 1,
        "figures": 3,
        "revisions": 1,
    }


@pytest.mark.parametrize(("key", "facts", "subject", "says", "url"), DEFECTS)
def test_each_criterion_finds_its_planted_defect(key, facts, subject, says, url):
    result = _result(facts, key)
    assert len(result.findings) == 1, result.findings
    finding = result.findings[0]
    assert finding.subject == subject
    assert says in finding.message
    assert finding.url == url
    assert result.passed == result.checked - 1


def test_every_criterion_has_a_planted_defect_in_the_table():
    assert {key for key, *_ in DEFECTS} == {c.key for c in CRITERIA}


@pytest.mark.parametrize(
    ("q4", "finding"),
    [
        # The one threshold rule: 80 and 100 themselves need no narrative.
        (STATUS_THRESHOLDS["partially_reached_from"] - 75 - D("0.01"), True),
        (STATUS_THRESHOLDS["partially_reached_from"] - 75, False),
        (STATUS_THRESHOLDS["reached_at"] - 75, False),
        (STATUS_THRESHOLDS["reached_at"] - 75 + D("0.01"), True),
    ],
)
def test_the_deviation_narrative_follows_the_status_bands(q4, finding):
    facts = _pp(quarters=_with_quarter(4, value=q4))
    assert bool(_result(facts, "narratives").findings) is finding
    written = _pp(quarters=_with_quarter(4, value=q4, narrative="Talep beklenenin altında kaldı."))
    assert _result(written, "narratives").findings == []


def test_a_decreasing_indicator_deviates_the_other_way():
    # Smaller is better: 125 against a target of 100 is a rate of 80 (reached partly), 126 below 80.
    assert _result(_pp(direction="decrease", quarters=_with_quarter(4, value=D(50))), "narratives").findings == []
    found = _result(_pp(direction="decrease", quarters=_with_quarter(4, value=D(51))), "narratives").findings
    assert [f.quarter for f in found] == [4]


def test_a_no_data_reason_reports_the_quarter_and_a_manual_indicator_needs_only_the_fourth():
    reason = _pp(quarters=_with_quarter(2, value=None, no_data_reason="Sistem arızası"))
    assert _result(reason, "quarters").findings == []
    manual = _pp(aggregation="manual", quarters=(QuarterFacts(4, value=D(100), has_evidence=True),))
    assert _result(manual, "quarters").findings == []


def test_quarters_not_yet_ended_are_not_asked_for():
    in_year = replace(_pp(quarters=PP.quarters[:2]), quarters_due=2)
    assert _result(in_year, "quarters").findings == []
    assert [f.quarter for f in _result(replace(in_year, quarters_due=3), "quarters").findings] == [3]


def test_evidence_is_asked_only_where_the_directorate_requires_it():
    missing = _with_quarter(1, has_evidence=False)
    assert _result(_pp(quarters=missing, evidence_required=False), "evidence").findings == []
    assert _result(_pp(quarters=missing, evidence_required=False), "evidence").checked == 0
    # A quarter with no value has no value to prove (the quarters criterion reports it).
    assert _result(_pp(quarters=_with_quarter(1, value=None, has_evidence=False)), "evidence").findings == []


def test_a_target_change_with_a_reason_or_no_change_of_value_is_no_finding():
    same = TargetChange("GYH.01", "100.0000", "100", "", "01.03.2024", "/x/")
    assert _result(replace(CLEAN, target_changes=(same,)), "revisions").findings == []


def test_an_sp_indicator_with_c_derived_or_without_links_is_not_compared():
    assert _result(_sp(typed_actual=None), "figures").findings == []
    assert _result(_sp(linked_values=()), "figures").findings == []


def test_counts_and_messages_follow_the_language():
    facts = _pp(stored_year_end=D("1234567.5"), target=D(1234567), quarters=_quarters((D(1234567), None, None, None)))
    facts = replace(facts, pp=(replace(facts.pp[0], aggregation="last", decimals=1),))
    assert "1.234.567,5" in _result(facts, "figures").findings[0].message
    with translation.override("en"):
        english = readiness_check(replace(facts, language="en"))
    assert "1,234,567.5" in next(c for c in english.criteria if c.key == "figures").findings[0].message
