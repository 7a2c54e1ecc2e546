"""Denetime hazırlık: a year's performance information read the way the Court of Accounts (Sayıştay)
reads an activity report in its performance-information audit — pure: plain data in, findings out.

Each criterion is one function over the facts a selector read (reports.readiness); each finding
names the indicator, what is wrong and the screen where it is fixed. The rules are the product's
own: the deviation narrative is `indicators.checks.narrative_requirement` on the status the form
judges, the year-end figures are `indicators.calculations`, the printed report's agreement is
`reports.builders.printed_audit`.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.numbers import VALUE_PLACES, format_decimal
from indicators.calculations import QuarterFigures, indicator_outcome, outcomes_by_quarter, sp_actual
from indicators.checks import judged_status, narrative_requirement, quarter_reported
from reports.builders.printed_audit import Difference, column_label, table_label

QUARTERS = (1, 2, 3, 4)


@dataclass(frozen=True)
class QuarterFacts:
    """What the unit reported for one quarter, and whether an evidence file is attached."""

    quarter: int
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    estimate: Decimal | None = None
    narrative: str = ""
    no_data_reason: str = ""
    has_evidence: bool = False


@dataclass(frozen=True)
class PPFacts:
    """One PP indicator of the year with its quarters, its stored result and its screens."""

    code: str
    unit_of_measure: str = ""
    baseline: Decimal | None = None  # the previous period's realization (önceki dönem gerçekleşme)
    target: Decimal | None = None
    data_source: str = ""
    responsible_unit: str = ""
    has_goal: bool = False
    sp_target: str = ""  # the code of the SP target its SP indicator belongs to
    aggregation: str = "sum"
    direction: str = "increase"
    evidence_required: bool = False
    decimals: int = 0
    quarters: tuple[QuarterFacts, ...] = ()
    stored_year_end: Decimal | None = None
    has_result: bool = False
    edit_url: str = ""
    detail_url: str = ""
    quarter_urls: tuple[str, ...] = ("", "", "", "")  # the unit's Form-3 of each quarter


@dataclass(frozen=True)
class SPFacts:
    """One SP indicator active in the year, its year's target B and its entered and linked C."""

    code: str
    unit_of_measure: str = ""
    baseline: Decimal | None = None
    target: Decimal | None = None  # the year's B; None when the year has no row
    data_source: str = ""
    responsible_unit: str = ""
    typed_actual: Decimal | None = None  # C typed by hand
    cumulative: bool = False
    linked_values: tuple[tuple[int, Decimal | None], ...] = ()  # (year, PP year-end value) of the linked PP indicators
    edit_url: str = ""
    target_url: str = ""
    detail_url: str = ""


@dataclass(frozen=True)
class TargetChange:
    """One recorded change of a target value (an audit entry), with its reason."""

    code: str
    old: str | None
    new: str | None
    reason: str
    when: str  # dd.mm.yyyy
    url: str


@dataclass(frozen=True)
class ReadinessFacts:
    year: int
    quarters_due: int  # 4 for a past year; the quarters already ended for the current one
    pp: tuple[PPFacts, ...] = ()
    sp: tuple[SPFacts, ...] = ()
    printed: tuple[Difference, ...] = ()
    printed_count: int = 0  # every printed figure of the year, agreeing or not
    printed_url: str = ""
    target_changes: tuple[TargetChange, ...] = ()
    language: str = "tr"


@dataclass(frozen=True)
class Finding:
    subject: str  # the indicator's or table's code
    message: str
    url: str
    quarter: int | None = None


@dataclass(frozen=True)
class CriterionResult:
    key: str
    title: str
    question: str
    checked: int  # how many things the criterion examined
    findings: list[Finding] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """Return how many of the examined things have at least one finding."""
        return len({f.subject for f in self.findings})

    @property
    def passed(self) -> int:
        return max(self.checked - self.failed, 0)


@dataclass(frozen=True)
class ReadinessReport:
    year: int
    criteria: list[CriterionResult]

    @property
    def finding_count(self) -> int:
        return sum(len(c.findings) for c in self.criteria)


def _num(value: Decimal | None, facts: ReadinessFacts, places: int | None = None) -> str:
    return format_decimal(value, places, language=facts.language) if value is not None else _("yok")


def _missing(labels: Sequence[tuple[bool, str]]) -> list[str]:
    return [label for absent, label in labels if absent]


def _definition_findings(facts: ReadinessFacts) -> list[Finding]:
    """Every PP and SP indicator has its unit of measure, baseline, target, data source and responsible unit."""
    found = []
    for pp in facts.pp:
        missing = _missing(
            [
                (not pp.unit_of_measure.strip(), _("ölçü birimi")),
                (pp.baseline is None, _("önceki dönem gerçekleşme (başlangıç değeri)")),
                (pp.target is None, _("hedeflenen değer")),
                (not pp.data_source.strip(), _("veri kaynağı")),
                (not pp.responsible_unit, _("sorumlu birim")),
            ]
        )
        if missing:
            found.append(Finding(pp.code, _("PP göstergesinde eksik: %(m)s") % {"m": ", ".join(missing)}, pp.edit_url))
    for sp in facts.sp:
        missing = _missing(
            [
                (not sp.unit_of_measure.strip(), _("ölçü birimi")),
                (sp.baseline is None, _("plan dönemi başlangıç değeri (A)")),
                (sp.target is None, _("%(year)s hedefi (B)") % {"year": facts.year}),
                (not sp.data_source.strip(), _("veri kaynağı")),
                (not sp.responsible_unit, _("sorumlu birim")),
            ]
        )
        if missing:
            only_target = sp.target is None and len(missing) == 1
            url = sp.target_url if only_target else sp.edit_url
            found.append(Finding(sp.code, _("SP göstergesinde eksik: %(m)s") % {"m": ", ".join(missing)}, url))
    return found


def _link_findings(facts: ReadinessFacts) -> list[Finding]:
    """Every PP indicator is linked to a performance goal (alt program hedefi) and to an SP target."""
    found = []
    for pp in facts.pp:
        missing = _missing(
            [
                (not pp.has_goal, _("bir performans hedefine (alt program hedefi)")),
                (not pp.sp_target, _("bir stratejik plan hedefine (SP göstergesi üzerinden)")),
            ]
        )
        if missing:
            message = _("Bağlı değil: %(m)s") % {"m": _(" ve ").join(missing)}
            found.append(Finding(pp.code, message, pp.edit_url))
    return found


def _quarter(pp: PPFacts, quarter: int) -> QuarterFacts | None:
    return next((q for q in pp.quarters if q.quarter == quarter), None)


def _due(facts: ReadinessFacts) -> range:
    return range(1, facts.quarters_due + 1)


def _quarter_findings(facts: ReadinessFacts) -> list[Finding]:
    """Every quarter already ended has its value, or the unit's reason why there is none."""
    found = []
    for pp in facts.pp:
        for quarter in _due(facts):
            row = _quarter(pp, quarter)
            value, reason = (row.value, row.no_data_reason) if row else (None, "")
            if not quarter_reported(pp.aggregation, quarter, value=value, no_data_reason=reason):
                message = _("%(q)s. dönemin değeri girilmemiş, “veri yok” gerekçesi de yok.") % {"q": quarter}
                found.append(Finding(pp.code, message, pp.quarter_urls[quarter - 1], quarter))
    return found


def _evidence_findings(facts: ReadinessFacts) -> list[Finding]:
    """Every reported quarter of an indicator whose evidence the directorate requires has a file."""
    found = []
    for pp in facts.pp:
        if not pp.evidence_required:
            continue
        for quarter in _due(facts):
            row = _quarter(pp, quarter)
            if row is not None and row.value is not None and not row.has_evidence:
                message = _("%(q)s. dönemin değeri için zorunlu kanıt dosyası yok.") % {"q": quarter}
                found.append(Finding(pp.code, message, pp.quarter_urls[quarter - 1] + "#evidence-title", quarter))
    return found


def _figures(pp: PPFacts) -> list[QuarterFigures]:
    return [QuarterFigures(q.quarter, q.value, q.numerator, q.denominator, q.estimate) for q in pp.quarters]


def _narrative_findings(facts: ReadinessFacts) -> list[Finding]:
    """Every reported quarter judged below 80 or above 100 has a narrative (the form's own rule)."""
    found = []
    for pp in facts.pp:
        outcomes = outcomes_by_quarter(
            method=pp.aggregation, direction=pp.direction, target=pp.target, quarters=_figures(pp)
        )
        for quarter in _due(facts):
            row = _quarter(pp, quarter)
            if row is None or row.value is None or row.narrative.strip():
                continue
            requirement = narrative_requirement(judged_status(outcomes[quarter], quarter))
            if requirement:
                message = _("%(q)s. dönem: %(why)s") % {"q": quarter, "why": requirement}
                found.append(Finding(pp.code, message, pp.quarter_urls[quarter - 1], quarter))
    return found


def _pp_figure_findings(facts: ReadinessFacts) -> list[Finding]:
    """The stored year-end value of each PP indicator is the one its quarters give."""
    found = []
    places = Decimal(1).scaleb(-VALUE_PLACES)
    for pp in facts.pp:
        if not pp.quarters:
            continue
        computed = indicator_outcome(
            method=pp.aggregation, direction=pp.direction, target=pp.target, quarters=_figures(pp)
        ).year_end_value
        computed = computed.quantize(places) if computed is not None else None
        if not pp.has_result:
            found.append(Finding(pp.code, _("Sonuç hesaplanmamış: yeniden hesaplama gerekli."), pp.detail_url))
        elif computed != pp.stored_year_end:
            message = _("Kayıtlı yıl sonu değeri %(stored)s, dönem değerlerinden hesaplanan %(computed)s.") % {
                "stored": _num(pp.stored_year_end, facts, pp.decimals),
                "computed": _num(computed, facts, pp.decimals),
            }
            found.append(Finding(pp.code, message, pp.detail_url))
    return found


def _sp_figure_findings(facts: ReadinessFacts) -> list[Finding]:
    """A C typed by hand on an SP indicator fed by PP indicators is the C those indicators give."""
    found = []
    for sp in facts.sp:
        if sp.typed_actual is None or not sp.linked_values or sp.baseline is None:
            continue
        computed = sp_actual(
            baseline=sp.baseline, cumulative=sp.cumulative, yearly_values=sp.linked_values, year=facts.year
        )
        if computed is not None and computed != sp.typed_actual:
            message = _(
                "Elle girilen gerçekleşme (C) %(typed)s, bağlı PP göstergelerinden hesaplanan %(computed)s."
            ) % {
                "typed": _num(sp.typed_actual, facts),
                "computed": _num(computed, facts),
            }
            found.append(Finding(sp.code, message, sp.detail_url))
    return found


def _printed_places(text: str) -> int | None:
    try:
        number = Decimal(text)
    except ArithmeticError:
        return None
    if not number.is_finite():
        return None
    return len(text.split(".")[1]) if "." in text else 0


def _printed_findings(facts: ReadinessFacts) -> list[Finding]:
    """Every printed figure of the report is the one the rules compute (reports.builders.printed_audit).

    Both figures are shown at the printed number of decimals, so 46,80 stands beside 46,81.
    """
    found = []
    for d in facts.printed:
        places = _printed_places(d.printed)
        printed = d.printed if places is None else format_decimal(Decimal(d.printed), places, language=facts.language)
        computed = d.computed if isinstance(d.computed, str) else _num(d.computed, facts, places)
        row = _("Toplam") if d.row == "TOTAL" else d.row
        subject = f"{table_label(d.table)} · {row} · {column_label(d.column)}"
        message = _("Basılı %(printed)s, kurallarla hesaplanan %(computed)s.") % {
            "printed": printed,
            "computed": computed,
        }
        found.append(Finding(subject, message, facts.printed_url))
    return found


def _figure_findings(facts: ReadinessFacts) -> list[Finding]:
    return _pp_figure_findings(facts) + _sp_figure_findings(facts) + _printed_findings(facts)


def _revision_findings(facts: ReadinessFacts) -> list[Finding]:
    """Every recorded change of a target value has its reason."""
    found = []
    for change in facts.target_changes:
        if change.reason.strip() or _same_number(change.old, change.new):
            continue
        message = _("Hedef %(when)s tarihinde gerekçesiz değiştirilmiş: %(old)s → %(new)s.") % {
            "when": change.when,
            "old": _text_number(change.old, facts),
            "new": _text_number(change.new, facts),
        }
        found.append(Finding(change.code, message, change.url))
    return found


def _as_number(text: str | None) -> Decimal | None:
    try:
        return Decimal(text) if text not in (None, "") else None
    except ArithmeticError:
        return None


def _same_number(old: str | None, new: str | None) -> bool:
    a, b = _as_number(old), _as_number(new)
    return a is not None and a == b


def _text_number(text: str | None, facts: ReadinessFacts) -> str:
    number = _as_number(text)
    return _num(number, facts) if number is not None and number.is_finite() else (text or _("yok"))


@dataclass(frozen=True)
class Criterion:
    key: str
    title: object  # lazy: read in the page's or the export's language
    question: object
    check: Callable[[ReadinessFacts], list[Finding]]
    checked: Callable[[ReadinessFacts], int]


def _due_quarters(facts: ReadinessFacts) -> int:
    return len(facts.pp) * facts.quarters_due


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "definitions",
        gettext_lazy("Gösterge tanımları"),
        gettext_lazy(
            "Her PP ve SP göstergesinin ölçü birimi, başlangıç değeri, hedefi, veri kaynağı ve sorumlu birimi var mı?"
        ),
        _definition_findings,
        lambda f: len(f.pp) + len(f.sp),
    ),
    Criterion(
        "links",
        gettext_lazy("Hedeflerle bağlantı"),
        gettext_lazy("Her PP göstergesi bir performans hedefine ve bir stratejik plan hedefine bağlı mı?"),
        _link_findings,
        lambda f: len(f.pp),
    ),
    Criterion(
        "quarters",
        gettext_lazy("Dönem değerleri"),
        gettext_lazy("Sona eren her dönemin değeri (ya da değer olmamasının gerekçesi) girilmiş mi?"),
        _quarter_findings,
        lambda f: len(f.pp),
    ),
    Criterion(
        "evidence",
        gettext_lazy("Kanıt dosyaları"),
        gettext_lazy("Kanıtı zorunlu göstergelerin her değerinin kanıt dosyası var mı?"),
        _evidence_findings,
        lambda f: sum(1 for pp in f.pp if pp.evidence_required),
    ),
    Criterion(
        "narratives",
        gettext_lazy("Sapma açıklamaları"),
        gettext_lazy("80'in altında ya da 100'ün üzerinde kalan her dönemin sapmayı açıklayan değerlendirmesi var mı?"),
        _narrative_findings,
        lambda f: len(f.pp),
    ),
    Criterion(
        "figures",
        gettext_lazy("Değerlerin tutarlılığı"),
        gettext_lazy(
            "SP, PP ve rapor değerleri kurallarla hesaplananla aynı mı "
            "(elle yazılan hiçbir değer hesaplanandan farklı değil mi)?"
        ),
        _figure_findings,
        lambda f: len(f.pp) + len(f.sp) + f.printed_count,
    ),
    Criterion(
        "revisions",
        gettext_lazy("Hedef değişikliklerinin gerekçesi"),
        gettext_lazy("Değiştirilen her hedefin kayıtlı bir gerekçesi var mı?"),
        _revision_findings,
        lambda f: len(f.target_changes),
    ),
)


def readiness_check(facts: ReadinessFacts) -> ReadinessReport:
    """Return every criterion's result for the year: what it examined and each finding."""
    return ReadinessReport(
        year=facts.year,
        criteria=[
            CriterionResult(c.key, str(c.title), str(c.question), c.checked(facts), c.check(facts)) for c in CRITERIA
        ],
    )
