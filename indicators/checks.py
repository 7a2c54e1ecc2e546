"""The entry checks of a quarter's figures, pure: no ORM, no settings, no clock.

Every rule a value is checked against when it is typed lives here once, beside the engine's
calculations, and the form, the live preview, the import and the services all call it:

- refusals: a count indicator (unit of measure "Sayı", "Adet", "Kişi"…) takes whole numbers only;
- warnings, which the unit confirms with a comment instead of being blocked (like DHIS2's outlier
  rules): a value more than `factor` times, or under 1/`factor` of, the previous quarter or the
  same quarter of the previous year, a change of sign against them, and a cumulative (LAST)
  indicator going down;
- the deviation narrative: a row whose judged status is below 80 or above 100 needs one.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from core.text import turkish_lower
from indicators.calculations import IndicatorOutcome
from plans.choices import AggregationMethod, Status

# Units of measure that count things: their values are whole numbers. Compared after Turkish
# lower-casing, so "SAYI", "Sayı" and "sayı" are the same.
COUNT_UNITS = frozenset(
    {
        "sayı",
        "adet",
        "kişi",
        "kisi",
        "sayi",
        "birey",
        "kurum",
        "proje",
        "hane",
        "araç",
        "işletme",
        "öğrenci",
        "personel",
        "faaliyet",
        "belge",
        "dosya",
        "rapor",
    }
)

# The default factor of the outlier rule: more than 3× or under ⅓ of a comparison value.
DEFAULT_OUTLIER_FACTOR = Decimal(3)


def is_count_unit(unit_of_measure: str) -> bool:
    """Return whether an indicator measured in `unit_of_measure` counts things (whole numbers)."""
    return turkish_lower(unit_of_measure or "").strip() in COUNT_UNITS


def count_refusal(unit_of_measure: str, value: Decimal | None) -> str | None:
    """Return why `value` is refused for a count indicator (it has decimals), or None."""
    if value is None or not is_count_unit(unit_of_measure) or value == value.to_integral_value():
        return None
    return _("“%(unit)s” ile ölçülen bir gösterge tam sayı alır; ondalık girilemez.") % {"unit": unit_of_measure}


def entry_refusals(
    *, unit_of_measure: str, aggregation: str, value: Decimal | None, year_end_estimate: Decimal | None
) -> list[tuple[str, str]]:
    """Return (field, message) for each figure a count indicator refuses (the form, service and import).

    A RATIO indicator's quarter value is a computed rate, whatever its unit says: only its estimate is checked.
    """
    figures = [("year_end_estimate", year_end_estimate)]
    if aggregation != AggregationMethod.RATIO:
        figures.insert(0, ("value", value))
    return [
        (name, message) for name, figure in figures if (message := count_refusal(unit_of_measure, figure)) is not None
    ]


@dataclass(frozen=True)
class EntryHistory:
    """The values a quarter's value is compared with: the previous quarter and last year's same one."""

    previous_quarter: Decimal | None = None
    same_quarter_last_year: Decimal | None = None


def entry_history(
    *, quarter: int, this_year: dict[int, Decimal | None], last_year: dict[int, Decimal | None]
) -> EntryHistory:
    """Return what `quarter` is compared with, from {quarter: value} of this year and of the last.

    The previous quarter is the latest earlier quarter of the year with a value; for the first
    quarter, the previous year's fourth.
    """
    earlier = [this_year[q] for q in sorted(this_year) if q < quarter and this_year[q] is not None]
    previous = earlier[-1] if earlier else (last_year.get(4) if quarter == 1 else None)
    return EntryHistory(previous_quarter=previous, same_quarter_last_year=last_year.get(quarter))


@dataclass(frozen=True)
class EntryWarning:
    """A value the unit should look at twice: `code` names the rule, `message` says it in words."""

    code: str
    message: str


def _far(value: Decimal, reference: Decimal, factor: Decimal) -> bool:
    """Return whether value is more than `factor`× or under 1/`factor` of reference (same sign)."""
    if reference == 0 or value == 0:
        return False
    ratio = abs(value) / abs(reference)
    return ratio > factor or ratio < 1 / factor


def _sign_changed(value: Decimal, reference: Decimal) -> bool:
    return (value > 0 > reference) or (value < 0 < reference)


def entry_warnings(
    *,
    aggregation: str,
    value: Decimal | None,
    previous_quarter: Decimal | None,
    same_quarter_last_year: Decimal | None,
    factor: Decimal = DEFAULT_OUTLIER_FACTOR,
    format_number=str,
) -> list[EntryWarning]:
    """Return the warnings `value` raises against the indicator's history (empty when none).

    `previous_quarter` is the latest earlier quarter's value of the year, `same_quarter_last_year`
    the value of the same quarter a year before (either may be missing); `format_number` writes a
    number the way the page does.
    """
    if value is None:
        return []
    warnings: list[EntryWarning] = []
    comparisons = (
        ("previous_quarter", _("önceki dönem"), previous_quarter),
        ("last_year", _("geçen yılın aynı dönemi"), same_quarter_last_year),
    )
    for code, label, reference in comparisons:
        if reference is None:
            continue
        if _sign_changed(value, reference):
            warnings.append(
                EntryWarning(
                    f"sign_{code}",
                    _("İşaret değişti: %(label)s %(reference)s idi, şimdi %(value)s.")
                    % {"label": label, "reference": format_number(reference), "value": format_number(value)},
                )
            )
        elif _far(value, reference, factor):
            warnings.append(
                EntryWarning(
                    f"outlier_{code}",
                    _(
                        "Olağan dışı değer: %(value)s, %(label)s değerine (%(reference)s) göre "
                        "%(factor)s kattan fazla değişti."
                    )
                    % {
                        "label": label,
                        "reference": format_number(reference),
                        "value": format_number(value),
                        "factor": format_number(factor),
                    },
                )
            )
    if aggregation == AggregationMethod.LAST and previous_quarter is not None and value < previous_quarter:
        warnings.append(
            EntryWarning(
                "last_decreased",
                _("Birikimli (son değer) gösterge azaldı: önceki dönem %(reference)s, şimdi %(value)s.")
                % {"reference": format_number(previous_quarter), "value": format_number(value)},
            )
        )
    return warnings


def confirmation_record(warnings: list[EntryWarning], comment: str) -> tuple[list[dict[str, str]], str]:
    """Return what a quarter's value keeps of the warnings confirmed for it: each rule and sentence, and the comment.

    The one shape the form, the Django admin and the import store (no warnings: nothing, no comment).
    """
    if not warnings:
        return [], ""
    return [{"code": w.code, "message": w.message} for w in warnings], comment.strip()


def confirmed_text(confirmed) -> str:
    """Return the sentences of a value's confirmed warnings, as the history and the review show them."""
    return " ".join(str(w.get("message", "")) for w in confirmed or [] if isinstance(w, dict)).strip()


# --- A quarter reported ------------------------------------------------------------------


def quarter_reported(aggregation: str, quarter: int, *, value: Decimal | None, no_data_reason: str) -> bool:
    """Return whether a quarter is reported: a value, or the unit's reason why there is none.

    A MANUAL indicator takes its value in the fourth quarter only; its earlier quarters need nothing.
    """
    needs_value = aggregation != AggregationMethod.MANUAL or quarter == 4
    return not needs_value or value is not None or bool(no_data_reason.strip())


# --- The deviation narrative ----------------------------------------------------------------

DEVIATING = (Status.NOT_REACHED, Status.EXCEEDED)


def judged_status(outcome: IndicatorOutcome, quarter: int) -> Status:
    """Return the status a deviation narrative is judged on.

    In the fourth quarter the year-end status; before it the projected status (the unit's estimate,
    or the trend when no estimate was given), since a year-to-date rate means little in-year.
    """
    if quarter == 4:
        return outcome.realization.status
    if outcome.projected_status != Status.NOT_COMPUTABLE:
        return outcome.projected_status
    return outcome.projected_status_trend


def narrative_requirement(status: Status) -> str | None:
    """Return why a deviation narrative is required for a row of this status, or None."""
    if status not in DEVIATING:
        return None
    why = (
        _("gerçekleşme oranı 80'in altında") if status == Status.NOT_REACHED else _("gerçekleşme oranı 100'ün üzerinde")
    )
    return _("Durum “%(status)s” (%(why)s): sapmayı açıklayan bir değerlendirme yazın.") % {
        "status": status.label,
        "why": why,
    }
