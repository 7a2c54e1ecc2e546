"""Chart series for the dashboards' Chart.js charts, pure: counts and values in, chart configuration out.

No ORM and no request: the views pass what the selectors read; the texts are in the active language.
Colours: the statuses' own (plans.choices.STATUS_COLOURS) and Okabe–Ito hues for the series, so
colour-vision deficiencies keep them apart; every series is also named in the legend and tooltip.
"""

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from plans.choices import STATUS_COLOURS, AggregationMethod, Status

QUARTER_COLOUR = "#56B4E9"
CUMULATIVE_COLOUR = "#0072B2"
TARGET_COLOUR = "#D55E00"


def _status_series(label: str, counts: Mapping[str, int], order: Sequence[str]) -> dict[str, Any]:
    return {
        "label": label,
        "data": [counts.get(s, 0) for s in order],
        "backgroundColor": [STATUS_COLOURS[Status(s)] for s in order],
    }


def status_chart(
    *, counts: Mapping[str, int], trend_counts: Mapping[str, int] | None, order: Sequence[str]
) -> dict[str, Any]:
    """Return the doughnut of indicators per status; before Q4 two rings: the units' estimates
    outside, the trend projection inside (`trend_counts`)."""
    labels = {s.value: str(s.label) for s in Status}
    datasets = [_status_series(_("Tahmine göre") if trend_counts else _("Gösterge sayısı"), counts, order)]
    if trend_counts:
        datasets.append(_status_series(_("Eğilime göre"), trend_counts, order))
    return {"type": "doughnut", "labels": [labels[s] for s in order], "datasets": datasets}


def sub_program_chart(*, groups: Iterable[tuple[str, Mapping[str, int]]], order: Sequence[str]) -> dict[str, Any]:
    """Return the stacked bars of indicators per status for each sub-programme ("Program › Alt program")."""
    groups = list(groups)
    labels = {s.value: str(s.label) for s in Status}
    return {
        "type": "bar",
        "stacked": True,
        "labels": [name.split(" › ")[-1] for name, _counts in groups],
        "datasets": [
            {
                "label": labels[s],
                "data": [counts.get(s, 0) for _name, counts in groups],
                "backgroundColor": STATUS_COLOURS[Status(s)],
            }
            for s in order
        ],
    }


def cumulative(values: Sequence[Decimal | None]) -> list[Decimal | None]:
    """Return the running total of the quarters with a value (None where a quarter has none)."""
    running = Decimal(0)
    result: list[Decimal | None] = []
    for value in values:
        if value is None:
            result.append(None)
        else:
            running += value
            result.append(running)
    return result


def indicator_chart(*, values: Sequence[Decimal | None], target: Decimal | None, aggregation: str) -> dict[str, Any]:
    """Return one PP indicator's quarters as bars, the running total of a SUM indicator and the target line."""
    datasets: list[dict[str, Any]] = [
        {"type": "bar", "label": _("Dönem değeri"), "data": list(values), "backgroundColor": QUARTER_COLOUR}
    ]
    if aggregation == AggregationMethod.SUM:
        datasets.append(
            {"type": "line", "label": _("Kümülatif"), "data": cumulative(values), "borderColor": CUMULATIVE_COLOUR}
        )
    datasets.append(
        {
            "type": "line",
            "label": _("Hedeflenen değer"),
            "data": [target] * len(values),
            "borderColor": TARGET_COLOUR,
            "borderDash": [6, 4],
            "pointRadius": 0,
        }
    )
    return {
        "type": "bar",
        "labels": [_("%(q)d. Dönem") % {"q": q} for q in range(1, len(values) + 1)],
        "datasets": datasets,
    }


def sp_indicator_chart(
    *, years: Sequence[int], baseline: Decimal, targets: Sequence[Decimal | None], actuals: Sequence[Decimal | None]
) -> dict[str, Any]:
    """Return an SP indicator's lines over the plan years: the baseline A, each year's target B and actual C."""
    return {
        "type": "line",
        "labels": [str(year) for year in years],
        "datasets": [
            {
                "label": _("Başlangıç (A)"),
                "data": [baseline] * len(years),
                "borderColor": "#6c757d",
                "borderDash": [2, 4],
                "pointRadius": 0,
            },
            {"label": _("Yıl hedefi (B)"), "data": list(targets), "borderColor": "#a34100", "borderDash": [6, 4]},
            {"label": _("Gerçekleşme (C)"), "data": list(actuals), "borderColor": "#005a8c"},
        ],
    }
