"""Charts for the PDF, drawn on the server as SVG (pure: no ORM, no JavaScript)."""

from collections import Counter
from collections.abc import Iterable
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from exports.builders.layout import Chart
from plans.choices import STATUS_COLOURS, Status

STATUS_ORDER = [
    Status.EXCEEDED,
    Status.REACHED,
    Status.PARTIALLY_REACHED,
    Status.NOT_REACHED,
    Status.NOT_COMPUTABLE,
]


def status_chart(statuses: Iterable[str]) -> Chart:
    """Return the number of indicators in each status, in the bands' order."""
    counts = Counter(statuses)
    return Chart(
        title=_("Gerçekleşme durumuna göre gösterge sayısı"),
        bars=[(str(status.label), counts.get(status, 0), STATUS_COLOURS[status]) for status in STATUS_ORDER],
    )


def chart_svg(chart: Chart, *, number_format=str, width: int = 640, bar_height: int = 22) -> str:
    """Return a horizontal bar chart as an SVG document; every bar is named and counted in text."""
    label_width, gap, top = 170, 8, 34
    plot_width = width - label_width - 70
    largest = max((bar[1] for bar in chart.bars), default=0) or 1
    height = top + len(chart.bars) * (bar_height + gap) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(chart.title)}">',
        f'<text x="0" y="18" font-family="DejaVu Sans" font-size="14" font-weight="bold">{escape(chart.title)}</text>',
    ]
    for index, (label, value, colour) in enumerate(chart.bars):
        y = top + index * (bar_height + gap)
        length = round(plot_width * value / largest)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar_height - 6}" text-anchor="end" '
            f'font-family="DejaVu Sans" font-size="12">{escape(label)}</text>'
        )
        parts.append(f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}" fill="{colour}"/>')
        parts.append(
            f'<text x="{label_width + length + 6}" y="{y + bar_height - 6}" '
            f'font-family="DejaVu Sans" font-size="12">{escape(number_format(value))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def chart_summary(chart: Chart) -> str:
    """Return the chart's figures as one line of text (for readers who cannot see the colours)."""
    return "; ".join(f"{label}: {value}" for label, value, _colour in chart.bars) or _("Veri yok")
