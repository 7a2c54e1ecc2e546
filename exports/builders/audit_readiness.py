"""Denetime hazırlık as a file: the count per criterion, then each criterion's findings with their screen."""

from collections.abc import Callable
from decimal import Decimal

from django.utils.translation import gettext as _

from exports.builders.layout import NUMBER, Column, Document, Export, Row, Section, Table
from reports.builders.readiness import ReadinessReport

CSV_HEADER = ["year", "criterion", "subject", "quarter", "finding", "url"]


def _summary(report: ReadinessReport) -> Table:
    rows = [
        Row([c.title, c.question, Decimal(c.checked), Decimal(c.passed), Decimal(len(c.findings))], places=0)
        for c in report.criteria
    ]
    total = Decimal(report.finding_count)
    rows.append(Row([_("Toplam"), "", None, None, total], emphasis=True, places=0))
    return Table(
        title=_("Ölçütlere göre özet"),
        columns=[
            Column(_("Ölçüt"), width=26),
            Column(_("Soru"), width=56),
            Column(_("Denetlenen"), NUMBER, width=14),
            Column(_("Uygun"), NUMBER, width=12),
            Column(_("Bulgu"), NUMBER, width=12),
        ],
        sections=[Section(rows=rows)],
        sheet=_("Özet"),
    )


def _findings(report: ReadinessReport, link: Callable[[str], str]) -> Table:
    """One section per criterion, headed by its title and count; 'Bulgu yok' where it has none."""
    sections = []
    for number, c in enumerate(report.criteria, start=1):
        heading = _("%(n)s. %(title)s — %(passed)s / %(checked)s uygun, %(findings)s bulgu") % {
            "n": number,
            "title": c.title,
            "passed": c.passed,
            "checked": c.checked,
            "findings": len(c.findings),
        }
        rows = [
            Row([f.subject, _("%(q)s. dönem") % {"q": f.quarter} if f.quarter else "", f.message, link(f.url)])
            for f in c.findings
        ] or [Row([_("Bulgu yok."), "", "", ""])]
        sections.append(Section(headings=[(_("Ölçüt"), heading)], rows=rows))
    return Table(
        title=_("Bulgular"),
        columns=[
            Column(_("Gösterge / tablo"), width=24),
            Column(_("Dönem"), width=10),
            Column(_("Bulgu"), width=60),
            Column(_("Düzeltileceği ekran"), width=40),
        ],
        sections=sections,
        sheet=_("Bulgular"),
    )


def audit_readiness_export(*, report: ReadinessReport, administration: str, link: Callable[[str], str] = str) -> Export:
    """Return the year's Denetime hazırlık: the summary, then the findings grouped by criterion.

    `link` turns a page's path into the address printed beside each finding (the site's address).
    """
    document = Document(
        title=_("Denetime hazırlık — %(year)s") % {"year": report.year},
        subtitle=administration,
        tables=[_summary(report), _findings(report, link)],
    )
    csv_rows = [
        [report.year, c.key, f.subject, f.quarter or "", f.message, link(f.url)]
        for c in report.criteria
        for f in c.findings
    ]
    return Export(document=document, csv_header=CSV_HEADER, csv_rows=csv_rows)
