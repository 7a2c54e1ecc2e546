"""The realization rules, pure: Decimal in, Decimal out, no ORM, no settings, no clock.

Every rule of domain.md §2 about indicators is defined here once: the year-end value by aggregation
method, the realization rate by direction, the status bands, the in-year projections, the SP
indicator performance P = (C − A) ÷ (B − A) × 100 and the weighted target performance.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.numbers import RATE_PLACES, format_decimal
from core.numbers import VALUE_PLACES as MOST_DECIMALS
from plans.choices import AggregationMethod, Direction, Status

HUNDRED = Decimal(100)
QUARTERS_IN_YEAR = 4

# The bands of the national performance-programme monitoring guide, on the exact rate:
# below 80 not reached; 80 up to (not including) 100 partially reached; exactly 100 reached;
# above 100 exceeded.
STATUS_THRESHOLDS = {"partially_reached_from": Decimal(80), "reached_at": HUNDRED}


def status_band(status: str) -> str:
    """Return the band of the rate a status stands for, as text built from STATUS_THRESHOLDS (%80–%100 …)."""
    low, high = (int(STATUS_THRESHOLDS[k]) for k in ("partially_reached_from", "reached_at"))
    bands = {
        Status.NOT_REACHED: _("%%%(low)s altı") % {"low": low},
        Status.PARTIALLY_REACHED: _("%%%(low)s ile %%%(high)s arası (%%%(high)s hariç)") % {"low": low, "high": high},
        Status.REACHED: _("tam %%%(high)s") % {"high": high},
        Status.EXCEEDED: _("%%%(high)s üstü") % {"high": high},
        Status.NOT_COMPUTABLE: _("hedef 0 ya da değer yok"),
    }
    return bands[Status(status)]


def status_bands_summary() -> str:
    """Return every band in one line (<80 Ulaşılamadı, 80–<100 Kısmen Ulaşıldı …), for notes and legends."""
    return ", ".join(
        f"{Status(s).label}: {status_band(s)}"
        for s in (Status.NOT_REACHED, Status.PARTIALLY_REACHED, Status.REACHED, Status.EXCEEDED)
    )


def takes_value(aggregation: str, quarter: int) -> bool:
    """Return whether a quarter takes a typed value: not a RATIO (computed from its parts), and a
    MANUAL indicator only in the fourth quarter (its year-end value)."""
    if aggregation == AggregationMethod.RATIO:
        return False
    return aggregation != AggregationMethod.MANUAL or quarter == QUARTERS_IN_YEAR


def manual_value_rule() -> str:
    """The rule a MANUAL indicator's quarters follow, as the form, the page and every refusal say it."""
    return _("Elle girilen göstergenin değeri yalnızca %(quarter)s. dönemde girilir.") % {"quarter": QUARTERS_IN_YEAR}


def quarter_figure_problems(
    *,
    aggregation: str,
    quarter: int,
    value: Decimal | None,
    numerator: Decimal | None,
    denominator: Decimal | None,
    allows_negative: bool,
    decimals: int | None = None,
    year_end_estimate: Decimal | None = None,
    counts: bool = False,
) -> list[tuple[str, str]]:
    """Return (field, message) for each rule a quarter's figures break; none when they may be saved.

    The one definition of a quarter's input rules, used by the Form-3 form, the value service (so the
    admin and the API) and the importer with the same messages: a RATIO indicator takes numerator and
    denominator together (its value is computed from them), a positive denominator and a numerator not
    below zero; other indicators take no numerator or denominator; a MANUAL indicator takes its value
    in the fourth quarter only; a negative value only where the indicator allows it; a typed value and
    year-end estimate with no more decimals than the indicator's own (`decimals`, when known; not for a
    count indicator, `counts`, whose own refusal of any decimal names its unit: indicators.checks).
    """
    problems: list[tuple[str, str]] = []
    if counts:
        decimals = None
    if decimals is not None and _more_decimals(year_end_estimate, decimals):
        problems.append(("year_end_estimate", decimals_message(decimals)))
    if aggregation == AggregationMethod.RATIO:
        if value is not None and numerator is None and denominator is None:
            problems.append(("numerator", _("Oran göstergesinde pay ve payda birlikte girilmeli.")))
        elif (numerator is None) != (denominator is None):
            problems.append(("denominator", _("Oran göstergesinde pay ve payda birlikte girilmeli.")))
        if denominator is not None and denominator <= 0:
            problems.append(("denominator", _("Payda sıfırdan büyük olmalı.")))
        if numerator is not None and numerator < 0:
            problems.append(("numerator", _("Pay eksi olamaz.")))
        if not problems and value is not None and numerator is not None and denominator is not None:
            problems += _ratio_value_problems(value, numerator, denominator)
        return problems
    if numerator is not None or denominator is not None:
        problems.append(("numerator", _("Pay ve payda yalnızca oran göstergelerinde girilir.")))
    if value is not None and not takes_value(aggregation, quarter):
        problems.append(("value", manual_value_rule()))
    if value is not None and value < 0 and not allows_negative:
        problems.append(("value", _("Bu gösterge eksi değer alamaz.")))
    if decimals is not None and _more_decimals(value, decimals):
        problems.append(("value", decimals_message(decimals)))
    return problems


# The decimals a quarter's value keeps (core.fields.ValueField): a RATIO quarter's value is stored so.
VALUE_PLACES = Decimal("0.0001")


def ratio_quarter_value(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """Return a RATIO quarter's value as the form stores it: numerator ÷ denominator × 100 to 4 decimals."""
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return (numerator / denominator * HUNDRED).quantize(VALUE_PLACES)


def _ratio_value_problems(value: Decimal, numerator: Decimal, denominator: Decimal) -> list[tuple[str, str]]:
    """Refuse a RATIO quarter's written value that is not its numerator ÷ denominator × 100.

    The value may be written with fewer decimals (13,95 for 6 ÷ 43 = 13,9535): it agrees when the
    computed value rounded half-up to the written decimals is the written value.
    """
    exact = numerator / denominator * HUNDRED
    exponent = value.as_tuple().exponent
    places = Decimal(1).scaleb(min(exponent, 0)) if isinstance(exponent, int) else VALUE_PLACES
    if exact.quantize(places, rounding=ROUND_HALF_UP) == value or ratio_quarter_value(numerator, denominator) == value:
        return []
    language = get_language() or "tr"
    return [
        (
            "value",
            _(
                "Oran göstergesinin değeri pay ÷ payda × 100 olarak hesaplanır: %(numerator)s ÷ %(denominator)s × 100 "
                "= %(computed)s; yazılan %(value)s bununla uyuşmuyor. Değeri boş bırakın ya da pay ve paydayı düzeltin."
            )
            % {
                "numerator": format_decimal(numerator, language=language),
                "denominator": format_decimal(denominator, language=language),
                "computed": format_decimal(exact, 2, language=language),
                "value": format_decimal(value, language=language),
            },
        )
    ]


# A RATIO indicator's value is a computed percentage: two decimals, as every rate.
RATIO_DECIMALS = RATE_PLACES


def _more_decimals(number: Decimal | None, decimals: int) -> bool:
    """Whether a typed figure has more decimals than the indicator's own (trailing zeros do not count)."""
    if number is None or not number.is_finite():
        return False
    return number != number.quantize(Decimal(1).scaleb(-decimals))


def default_decimals(aggregation: str, figures: Iterable[Decimal | None]) -> int:
    """Return the decimals of an indicator not told its own: a ratio's two (a rate), else the most typed."""
    places = [max(0, -int(f.normalize().as_tuple().exponent)) for f in figures if f is not None and f.is_finite()]
    return min(MOST_DECIMALS, max([RATIO_DECIMALS if aggregation == AggregationMethod.RATIO else 0, *places]))


def decimals_message(decimals: int) -> str:
    """The refusal of a figure typed with more decimals than its indicator takes."""
    if decimals == 0:
        return _("Bu gösterge tam sayıyla girilir; ondalık girilemez.")
    return _("Bu gösterge en fazla %(places)d ondalıkla girilir.") % {"places": decimals}


@dataclass(frozen=True, slots=True)
class QuarterFigures:
    """What a unit entered for one quarter; every figure may be missing."""

    quarter: int
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    year_end_estimate: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Realization:
    """A realization rate (None when not computable) and its status."""

    rate: Decimal | None
    status: Status


NOT_COMPUTABLE = Realization(rate=None, status=Status.NOT_COMPUTABLE)


def _with_values(quarters: Iterable[QuarterFigures]) -> list[QuarterFigures]:
    return sorted((q for q in quarters if q.value is not None), key=lambda q: q.quarter)


def ratio_value(quarters: Iterable[QuarterFigures]) -> Decimal | None:
    """Return Σ numerators ÷ Σ denominators × 100 over the quarters that have both."""
    pairs = [(q.numerator, q.denominator) for q in quarters if q.numerator is not None and q.denominator is not None]
    denominator = sum((d for _, d in pairs), Decimal(0))
    if not pairs or denominator == 0:
        return None
    return sum((n for n, _ in pairs), Decimal(0)) / denominator * HUNDRED


def year_end_value(method: str, quarters: Sequence[QuarterFigures]) -> Decimal | None:
    """Return the year-end (or year-to-date) value of an indicator by its aggregation method.

    SUM adds the quarters with a value; LAST takes the latest quarter with a value; AVERAGE is the
    mean of the quarters with a value; RATIO is Σ numerators ÷ Σ denominators × 100 (never the mean
    of the quarterly percentages); MANUAL is the value the unit entered in the fourth quarter.
    None when there is nothing to aggregate.
    """
    valued = _with_values(quarters)
    if method == AggregationMethod.RATIO:
        return ratio_value(quarters)
    if method == AggregationMethod.MANUAL:
        fourth = [q for q in valued if q.quarter == QUARTERS_IN_YEAR]
        return fourth[0].value if fourth else None
    if not valued:
        return None
    values = [q.value for q in valued if q.value is not None]
    if method == AggregationMethod.SUM:
        return sum(values, Decimal(0))
    if method == AggregationMethod.LAST:
        return values[-1]
    if method == AggregationMethod.AVERAGE:
        return sum(values, Decimal(0)) / len(values)
    raise ValueError(f"unknown aggregation method: {method!r}")


def classify_status(rate: Decimal | None) -> Status:
    """Return the status band of a realization rate; NOT_COMPUTABLE when there is no rate."""
    if rate is None:
        return Status.NOT_COMPUTABLE
    if rate < STATUS_THRESHOLDS["partially_reached_from"]:
        return Status.NOT_REACHED
    if rate < STATUS_THRESHOLDS["reached_at"]:
        return Status.PARTIALLY_REACHED
    if rate == STATUS_THRESHOLDS["reached_at"]:
        return Status.REACHED
    return Status.EXCEEDED


def realization(value: Decimal | None, target: Decimal | None, direction: str) -> Realization:
    """Return the realization rate (%) and status of a value against its target.

    INCREASE: value ÷ target × 100. DECREASE (smaller is better): target ÷ value × 100, and a value of
    0 against a positive target counts as exceeded (there is no finite rate to show). With no value,
    or a target of 0, there is no rate: the status is NOT_COMPUTABLE, never a rate of 0.
    """
    if value is None or target is None or target == 0:
        return NOT_COMPUTABLE
    if direction == Direction.DECREASE:
        if value == 0:
            return Realization(rate=None, status=Status.EXCEEDED) if target > 0 else NOT_COMPUTABLE
        rate = target / value * HUNDRED
    else:
        rate = value / target * HUNDRED
    return Realization(rate=rate, status=classify_status(rate))


def trend_projection(method: str, quarters: Sequence[QuarterFigures], so_far: Decimal | None = None) -> Decimal | None:
    """Return a year-end projection from the quarters so far (a second opinion beside the estimate).

    SUM: the year-to-date total scaled to the whole year by the share of the year elapsed (up to the
    latest quarter with a value); LAST, AVERAGE and RATIO: their value so far; MANUAL: none.
    `so_far` may pass the year-to-date value when the caller has it already.
    """
    if method == AggregationMethod.MANUAL:
        return None
    if so_far is None:
        so_far = year_end_value(method, quarters)
    if so_far is None or method != AggregationMethod.SUM:
        return so_far
    elapsed = max(q.quarter for q in _with_values(quarters))
    return so_far * QUARTERS_IN_YEAR / elapsed


def latest_estimate(quarters: Sequence[QuarterFigures]) -> Decimal | None:
    """Return the year-end estimate of the latest quarter that gave one."""
    given = sorted((q for q in quarters if q.year_end_estimate is not None), key=lambda q: q.quarter)
    return given[-1].year_end_estimate if given else None


@dataclass(frozen=True, slots=True)
class IndicatorOutcome:
    """Everything the engine stores for one PP indicator and year."""

    year_end_value: Decimal | None
    realization: Realization
    # In-year projections, labelled as such on every page: from the unit's latest year-end
    # estimate, and from the quarters so far.
    year_end_estimate: Decimal | None
    projected_status: Status
    trend_projection: Decimal | None
    projected_status_trend: Status


def indicator_outcome(
    *, method: str, direction: str, target: Decimal | None, quarters: Sequence[QuarterFigures]
) -> IndicatorOutcome:
    """Return the year-end value, rate, status and both projections of one indicator."""
    value = year_end_value(method, quarters)
    estimate = latest_estimate(quarters)
    trend = trend_projection(method, quarters, so_far=value)
    return IndicatorOutcome(
        year_end_value=value,
        realization=realization(value, target, direction),
        year_end_estimate=estimate,
        projected_status=realization(estimate, target, direction).status,
        trend_projection=trend,
        projected_status_trend=realization(trend, target, direction).status,
    )


def outcomes_by_quarter(
    *, method: str, direction: str, target: Decimal | None, quarters: Sequence[QuarterFigures]
) -> dict[int, IndicatorOutcome]:
    """Return, for each quarter q, the outcome as it stood at the end of q (quarters after q unseen).

    The dashboards' quarter view: what the year-to-date value, the unit's latest estimate and the
    trend projection said then. The outcome at the end of Q4 is the year's own outcome. A quarter that
    brought nothing (no value, numerator, denominator or estimate) leaves every figure as the previous
    quarter left it, so its outcome is the previous one, reused rather than evaluated again.
    """
    outcomes: dict[int, IndicatorOutcome] = {}
    previous: IndicatorOutcome | None = None
    for quarter in range(1, QUARTERS_IN_YEAR + 1):
        if previous is None or any(_brings_figures(q) for q in quarters if q.quarter == quarter):
            seen = [q for q in quarters if q.quarter <= quarter]
            previous = indicator_outcome(method=method, direction=direction, target=target, quarters=seen)
        outcomes[quarter] = previous
    return outcomes


def _brings_figures(quarter: QuarterFigures) -> bool:
    """Whether a quarter holds any figure an outcome reads."""
    return any(
        figure is not None
        for figure in (quarter.value, quarter.numerator, quarter.denominator, quarter.year_end_estimate)
    )


# --- Strategic plan -------------------------------------------------------------------------


def sp_actual(
    *, baseline: Decimal, cumulative: bool, yearly_values: Sequence[tuple[int, Decimal | None]], year: int
) -> Decimal | None:
    """Return C for an SP indicator fed by a PP indicator, for the monitoring year.

    Cumulative: C = A + the sum of the PP year-end values from the plan's first year up to the year.
    Level: C = the latest PP year-end value up to the year. None when no year has a value.
    """
    known = sorted((y, v) for y, v in yearly_values if y <= year and v is not None)
    if not known:
        return None
    if cumulative:
        return baseline + sum((v for _, v in known), Decimal(0))
    return known[-1][1]


@dataclass(frozen=True)
class SPPerformance:
    """P raw (may be below 0 or above 100) and P clamped to [0, 100]; both None when not computable."""

    raw: Decimal | None
    clamped: Decimal | None

    @property
    def out_of_range(self) -> bool:
        return self.raw is not None and not (0 <= self.raw <= HUNDRED)


def sp_performance(*, baseline: Decimal, target: Decimal | None, actual: Decimal | None) -> SPPerformance:
    """Return P = (C − A) ÷ (B − A) × 100, raw and clamped; not computable when B = A or C is missing.

    The same formula serves decreasing indicators (B < A).
    """
    if target is None or actual is None or target == baseline:
        return SPPerformance(raw=None, clamped=None)
    raw = (actual - baseline) / (target - baseline) * HUNDRED
    return SPPerformance(raw=raw, clamped=min(max(raw, Decimal(0)), HUNDRED))


@dataclass(frozen=True)
class TargetPerformance:
    """A target's weighted performance over its computable indicators."""

    performance: Decimal | None
    weight_total: Decimal  # of every indicator of the target; 100 when the plan is consistent
    weight_used: Decimal  # of the indicators with a computable P

    @property
    def weights_incomplete(self) -> bool:
        return self.weight_total != HUNDRED


def target_performance(indicators: Iterable[tuple[Decimal, Decimal | None]]) -> TargetPerformance:
    """Return Σ weightᵢ × Pᵢ ÷ Σ weightᵢ over the indicators with a computable (clamped) P.

    The weights are renormalised over those indicators, so a missing P does not count as 0, and a
    target whose weights do not sum to 100 (the printed H2.3 sums to 80) is computed over the
    weights present and flagged by `weights_incomplete`.
    """
    rows = list(indicators)
    weight_total = sum((w for w, _ in rows), Decimal(0))
    used = [(w, p) for w, p in rows if p is not None]
    weight_used = sum((w for w, _ in used), Decimal(0))
    if weight_used == 0:
        return TargetPerformance(performance=None, weight_total=weight_total, weight_used=weight_used)
    performance = sum((w * p for w, p in used), Decimal(0)) / weight_used
    return TargetPerformance(performance=performance, weight_total=weight_total, weight_used=weight_used)
