"""Writes of the reports app: the year-end Form-4 summary, and closing and reopening a year."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import clock
from core.audit import audit_record
from core.exceptions import ApplicationError
from indicators.models import PPIndicator
from plans.choices import Status
from plans.selectors import programme_for_year
from reports.builders.readiness import ReadinessReport
from reports.models import Form4Row, Form4Summary
from reports.readiness import audit_readiness
from reports.selectors import form4_order


@transaction.atomic
def form4_build(*, administration_id: int, year: int) -> Form4Summary:
    """Build (or rebuild) the year's Form-4 from the stored results; refused once the year is frozen."""
    summary = Form4Summary.objects.select_for_update().filter(administration_id=administration_id, year=year).first()
    if summary is not None and summary.frozen_at is not None:
        raise ApplicationError(
            _("%(year)s yılı kapatıldı; Form-4 ancak yıl yeniden açılırsa yeniden oluşturulur.") % {"year": year}
        )
    indicators = (
        PPIndicator.objects.filter(
            performance_program__administration_id=administration_id, performance_program__year=year
        )
        .select_related("sub_program__program", "goal", "result")
        .order_by(*form4_order())
    )
    now = timezone.now()
    if summary is None:
        summary = Form4Summary.objects.create(administration_id=administration_id, year=year, built_at=now)
    else:
        summary.built_at = now
        summary.save(update_fields=["built_at"])
        summary.rows.all().delete()
    rows = []
    for seq, indicator in enumerate(indicators, start=1):
        result = getattr(indicator, "result", None)
        rows.append(
            Form4Row(
                summary=summary,
                seq=seq,
                program=indicator.sub_program.program.name,
                sub_program=indicator.sub_program.name,
                sub_program_goal=indicator.goal.text if indicator.goal else "",
                indicator_code=indicator.code,
                indicator=indicator.name,
                target_value=indicator.target_value,
                year_end_value=result.year_end_value if result else None,
                realization_rate=result.realization_rate if result else None,
                status=result.status if result else Status.NOT_COMPUTABLE,
            )
        )
    Form4Row.objects.bulk_create(rows, batch_size=1000)
    return summary


@dataclass(frozen=True)
class YearClosing:
    """A closed year's frozen Form-4 and the Denetime hazırlık findings it was closed with (warnings)."""

    summary: Form4Summary
    readiness: ReadinessReport


@transaction.atomic
def year_close(*, administration_id: int, year: int, actor: Any) -> YearClosing:
    """Close the year: build its Form-4 one last time and freeze it.

    The year's Denetime hazırlık is checked first; its findings are returned as warnings, never a block.
    """
    programme = programme_for_year(administration_id=administration_id, year=year, for_update=True)
    if programme.is_closed:
        raise ApplicationError(_("%(year)s yılı zaten kapatılmış.") % {"year": year})
    readiness = audit_readiness(administration=programme.administration, year=year, today=clock.today())
    summary = form4_build(administration_id=administration_id, year=year)
    if not summary.rows.exists():
        message = _("%(year)s yılının performans programında gösterge yok; kapatılacak veri yok.")
        raise ApplicationError(message % {"year": year})
    summary.frozen_at = timezone.now()
    summary.save(update_fields=["frozen_at"])
    programme.is_closed = True
    programme.save(update_fields=["is_closed", "updated_at"])
    audit_record(actor=actor, obj=programme, action="year_close", changes={"is_closed": ["False", "True"]})
    return YearClosing(summary=summary, readiness=readiness)


@transaction.atomic
def year_reopen(*, administration_id: int, year: int, actor: Any, reason: str) -> None:
    """Reopen a closed year so its Form-4 can be rebuilt; a reason is required and recorded."""
    if not reason.strip():
        raise ApplicationError(_("Kapatılmış bir yılı yeniden açmak için gerekçe yazın."))
    programme = programme_for_year(administration_id=administration_id, year=year, for_update=True)
    if not programme.is_closed:
        raise ApplicationError(_("%(year)s yılı kapatılmamış.") % {"year": year})
    programme.is_closed = False
    programme.save(update_fields=["is_closed", "updated_at"])
    Form4Summary.objects.filter(administration_id=administration_id, year=year).update(frozen_at=None)
    audit_record(
        actor=actor, obj=programme, action="year_reopen", changes={"is_closed": ["True", "False"]}, reason=reason
    )
