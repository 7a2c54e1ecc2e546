"""The export report registry: each report's builder, registered once under its `Report` value.

A new report is one function here and one `Report` choice; `export_build` looks it up, so there
is no ladder of `if report == …` to extend. Each builder reads through `exports.selectors` and lays
the rows out with its pure builder in `exports.builders`.
"""

from collections.abc import Callable

from django.utils import timezone

from accounts.models import Administration
from budget.models import BudgetAggregate
from core import clock
from core.mail import site_link
from exports import selectors
from exports.builders.annual_report import AnnualInputs, annual_report_export
from exports.builders.audit_readiness import audit_readiness_export
from exports.builders.budget import budget_economic_export, budget_program_export, budget_unit_export
from exports.builders.form3 import form3_export
from exports.builders.form4 import form4_export
from exports.builders.layout import Export
from exports.builders.program_structure import program_structure_export
from exports.builders.sp_evaluation import sp_evaluation_export
from exports.choices import Format, Report
from exports.renderers.annual_docx import render_annual_docx
from exports.renderers.annual_pdf import render_annual_pdf
from plans.selectors import revision_markers
from reports.printed import has_printed_figures, printed_differences
from reports.readiness import audit_readiness

Level = BudgetAggregate.Level
Builder = Callable[[Administration, int], Export]


def _pp_revisions(administration: Administration, year: int) -> dict[str, str]:
    """Map each revised PP indicator's code to the note of the revisions its figures depend on."""
    markers = revision_markers(administration_id=administration.pk, year=year)
    return {code: markers.note("pp", code) for code in markers.pp}


def _sp_revisions(administration: Administration, year: int) -> dict[str, str]:
    """Map each revised SP indicator's or target's code to the note of its revisions."""
    markers = revision_markers(administration_id=administration.pk, year=year)
    return {code: markers.note(kind, code) for kind in ("sp", "targets") for code in getattr(markers, kind)}


def _form3(administration: Administration, year: int) -> Export:
    rows = selectors.form3_rows(administration=administration, year=year)
    revisions = _pp_revisions(administration, year)
    # Once the year is over, the form is the one the activity report prints: no row for an
    # indicator never reported in a quarter. During the year such rows are the ones still to fill.
    year_over = year < timezone.localdate().year
    return form3_export(
        rows=rows, year=year, administration=administration.name, revisions=revisions, year_over=year_over
    )


def _form4(administration: Administration, year: int) -> Export:
    lines, frozen = selectors.form4_lines(administration=administration, year=year)
    revisions = _pp_revisions(administration, year)
    return form4_export(lines=lines, year=year, administration=administration.name, frozen=frozen, revisions=revisions)


def _sp_evaluation(administration: Administration, year: int) -> Export:
    blocks = selectors.sp_evaluation_blocks(administration=administration, year=year)
    revisions = _sp_revisions(administration, year)
    return sp_evaluation_export(blocks=blocks, year=year, administration=administration.name, revisions=revisions)


def _budget_economic(administration: Administration, year: int) -> Export:
    rows = selectors.budget_rows(administration=administration, year=year, levels=[Level.ECONOMIC, Level.TOTAL])
    return budget_economic_export(rows=rows, year=year, administration=administration.name)


def _budget_program(administration: Administration, year: int) -> Export:
    levels = [Level.PROGRAM, Level.SUB_PROGRAM, Level.ACTIVITY, Level.TOTAL]
    rows = selectors.budget_rows(administration=administration, year=year, levels=levels)
    return budget_program_export(rows=rows, year=year, administration=administration.name)


def _budget_unit(administration: Administration, year: int) -> Export:
    rows = selectors.budget_rows(administration=administration, year=year, levels=[Level.UNIT, Level.TOTAL])
    return budget_unit_export(rows=rows, year=year, administration=administration.name)


def _program_structure(administration: Administration, year: int) -> Export:
    rows = selectors.program_structure_rows(administration=administration, year=year)
    return program_structure_export(rows=rows, year=year, administration=administration.name)


def _audit_readiness(administration: Administration, year: int) -> Export:
    report = audit_readiness(administration=administration, year=year, today=clock.today())
    return audit_readiness_export(report=report, administration=administration.name, link=site_link)


def _annual_report(administration: Administration, year: int) -> Export:
    economic_levels = [Level.ECONOMIC, Level.TOTAL]
    program_levels = [Level.PROGRAM, Level.SUB_PROGRAM, Level.ACTIVITY, Level.TOTAL]
    form4, frozen = selectors.form4_lines(administration=administration, year=year)
    compared = has_printed_figures(administration=administration, year=year)
    inputs = AnnualInputs(
        year=year,
        administration=administration.name,
        budget_economic=selectors.budget_rows(administration=administration, year=year, levels=economic_levels),
        budget_program=selectors.budget_rows(administration=administration, year=year, levels=program_levels),
        budget_unit=selectors.budget_rows(administration=administration, year=year, levels=[Level.UNIT, Level.TOTAL]),
        structure=selectors.program_structure_rows(administration=administration, year=year),
        form3=selectors.form3_rows(administration=administration, year=year),
        form4=form4,
        form4_frozen=frozen,
        sp_blocks=selectors.sp_evaluation_blocks(administration=administration, year=year),
        pp_revisions=_pp_revisions(administration, year),
        sp_revisions=_sp_revisions(administration, year),
        year_over=year < timezone.localdate().year,
        differences=printed_differences(administration=administration, year=year) if compared else None,
    )
    return annual_report_export(inputs)


REPORT_BUILDERS: dict[str, Builder] = {
    Report.FORM3: _form3,
    Report.FORM4: _form4,
    Report.SP_EVALUATION: _sp_evaluation,
    Report.BUDGET_ECONOMIC: _budget_economic,
    Report.BUDGET_PROGRAM: _budget_program,
    Report.BUDGET_UNIT: _budget_unit,
    Report.PROGRAM_STRUCTURE: _program_structure,
    Report.AUDIT_READINESS: _audit_readiness,
    Report.ANNUAL_REPORT: _annual_report,
}

# Reports laid out by a renderer of their own, and only in these formats (the others: every format,
# by exports.renderers.RENDERERS).
REPORT_RENDERERS: dict[str, dict[str, Callable[..., bytes]]] = {
    Report.ANNUAL_REPORT: {Format.DOCX: render_annual_docx, Format.PDF: render_annual_pdf},
}
