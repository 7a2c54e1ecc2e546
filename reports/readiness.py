"""Reads for Denetime hazırlık: the year's facts the Court of Accounts' reading is checked on.

A constant number of queries whatever the number of indicators (tested at two sizes); the checks
themselves are pure (reports.builders.readiness).
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from accounts.models import Administration
from core.models import AuditEntry
from indicators.models import PPIndicator, PPIndicatorResult, QuarterlyValue
from plans.models import SPIndicatorYear
from plans.selectors import sp_indicators_for_year, strategic_plan_for_year
from reports.builders.readiness import (
    PPFacts,
    QuarterFacts,
    ReadinessFacts,
    ReadinessReport,
    SPFacts,
    TargetChange,
    readiness_check,
)
from reports.models import PrintedFigure
from reports.printed import printed_differences
from submissions.models import Evidence


def quarters_due(*, year: int, today: date) -> int:
    """Return how many of the year's quarters have ended by `today` (4 for a past year)."""
    if year < today.year:
        return 4
    if year > today.year:
        return 0
    return (today.month - 1) // 3


def _quarter_facts(value: QuarterlyValue, evidence: set[tuple[int, int]]) -> QuarterFacts:
    return QuarterFacts(
        quarter=value.quarter,
        value=value.value,
        numerator=value.numerator,
        denominator=value.denominator,
        estimate=value.year_end_estimate,
        narrative=value.narrative,
        no_data_reason=value.no_data_reason,
        has_evidence=(value.indicator_id, value.quarter) in evidence,
    )


def _pp_facts(*, administration: Administration, year: int) -> list[PPFacts]:
    """The year's PP indicators with their quarters, result and evidence (three queries)."""
    indicators = list(
        PPIndicator.objects.filter(performance_program__administration=administration, performance_program__year=year)
        .select_related("responsible_unit", "sp_indicator__target", "result")
        .prefetch_related(
            Prefetch("quarterly_values", queryset=QuarterlyValue.objects.order_by("quarter"), to_attr="quarters")
        )
        .order_by("sub_program__program__seq", "sub_program__seq", "seq", "code")
    )
    evidence = set(
        Evidence.objects.filter(
            indicator__performance_program__administration=administration,
            indicator__performance_program__year=year,
            removed_at__isnull=True,
        ).values_list("indicator_id", "quarter")
    )
    facts = []
    for pp in indicators:
        result = getattr(pp, "result", None)
        unit = pp.responsible_unit
        facts.append(
            PPFacts(
                code=pp.code,
                unit_of_measure=pp.unit_of_measure,
                baseline=pp.prev_value,
                target=pp.target_value,
                data_source=pp.data_source,
                responsible_unit=unit.name if unit else "",
                has_goal=pp.goal_id is not None,
                sp_target=pp.sp_indicator.target.code if pp.sp_indicator else "",
                aggregation=pp.aggregation,
                direction=pp.direction,
                evidence_required=pp.evidence_required,
                decimals=pp.decimals,
                quarters=tuple(_quarter_facts(q, evidence) for q in pp.quarters),
                stored_year_end=result.year_end_value if result else None,
                has_result=result is not None,
                edit_url=reverse("plans:pp_indicator_edit", args=[pp.sub_program_id, pp.pk]),
                detail_url=reverse("plans:pp_indicator_detail", args=[pp.pk]),
                quarter_urls=tuple(
                    reverse("submissions:unit_quarter", args=[unit.code, year, q]) if unit else "" for q in (1, 2, 3, 4)
                ),
            )
        )
    return facts


def _linked_values(sp_ids: list[int], *, year: int) -> dict[int, list[tuple[int, Decimal | None]]]:
    """Return {SP indicator id: [(year, year-end value)]} of the PP indicators feeding it (one query)."""
    per_year: dict[int, dict[int, Decimal | None]] = defaultdict(dict)
    for sp_id, pp_year, value in PPIndicatorResult.objects.filter(
        indicator__sp_indicator_id__in=sp_ids, indicator__performance_program__year__lte=year
    ).values_list("indicator__sp_indicator_id", "indicator__performance_program__year", "year_end_value"):
        # Two PP indicators feeding one SP indicator in the same year add up (as the engine does).
        previous = per_year[sp_id].get(pp_year)
        per_year[sp_id][pp_year] = value if previous is None else previous + (value or Decimal(0))
    return {sp_id: sorted(values.items()) for sp_id, values in per_year.items()}


def _sp_facts(*, administration: Administration, year: int) -> list[SPFacts]:
    """The plan's SP indicators active in the year, with the year's row and linked values (three queries)."""
    plan = strategic_plan_for_year(administration=administration, year=year)
    if plan is None:
        return []
    indicators = [
        i
        for i in sp_indicators_for_year(plan=plan, year=year)
        if i.retired_from_year is None or i.retired_from_year > year
    ]
    linked = _linked_values([i.pk for i in indicators], year=year)
    facts = []
    for sp in indicators:
        year_rows: list[SPIndicatorYear] = getattr(sp, "year_rows", [])
        row = year_rows[0] if year_rows else None
        facts.append(
            SPFacts(
                code=sp.code,
                unit_of_measure=sp.unit_of_measure,
                baseline=sp.baseline,
                target=row.target_value if row else None,
                data_source=sp.data_source,
                responsible_unit=sp.responsible_unit.name if sp.responsible_unit_id else "",
                typed_actual=row.actual_value if row else None,
                cumulative=sp.is_cumulative,
                linked_values=tuple((y, v) for y, v in linked.get(sp.pk, []) if y >= plan.start_year),
                edit_url=reverse("plans:sp_indicator_edit", args=[sp.target_id, sp.pk]),
                target_url=reverse("plans:sp_indicator_detail", args=[sp.pk]),
                detail_url=reverse("plans:sp_indicator_detail", args=[sp.pk]),
            )
        )
    return facts


def _target_changes(*, administration: Administration, year: int) -> list[TargetChange]:
    """Every recorded update of a target value of the year's PP indicators and SP yearly rows (two queries)."""
    pp_type = ContentType.objects.get_for_model(PPIndicator)
    sp_type = ContentType.objects.get_for_model(SPIndicatorYear)
    pp_ids = {
        str(pk): (code, pk)
        for pk, code in PPIndicator.objects.filter(
            performance_program__administration=administration, performance_program__year=year
        ).values_list("pk", "code")
    }
    sp_rows = {
        str(pk): (code, indicator_id)
        for pk, code, indicator_id in SPIndicatorYear.objects.filter(
            indicator__target__aim__plan__administration=administration, year=year
        ).values_list("pk", "indicator__code", "indicator_id")
    }
    entries = AuditEntry.objects.filter(
        Q(content_type=pp_type, object_id__in=list(pp_ids)) | Q(content_type=sp_type, object_id__in=list(sp_rows)),
        action="update",
        changes__has_key="target_value",
    )
    changes = []
    for entry in entries.order_by("at", "pk"):
        old, new = [*list(entry.changes["target_value"]), None, None][:2]
        if entry.content_type_id == pp_type.pk:
            code, pk = pp_ids[entry.object_id]
            url = reverse("plans:pp_indicator_detail", args=[pk])
        else:
            code, pk = sp_rows[entry.object_id]
            url = reverse("plans:sp_indicator_detail", args=[pk])
        when = timezone.localtime(entry.at).strftime("%d.%m.%Y")
        changes.append(TargetChange(code=code, old=old, new=new, reason=entry.reason, when=when, url=url))
    return changes


def readiness_facts(*, administration: Administration, year: int, today: date) -> ReadinessFacts:
    """Return everything the year's readiness is checked on, read in a constant number of queries."""
    printed = printed_differences(administration=administration, year=year)
    return ReadinessFacts(
        year=year,
        quarters_due=quarters_due(year=year, today=today),
        pp=tuple(_pp_facts(administration=administration, year=year)),
        sp=tuple(_sp_facts(administration=administration, year=year)),
        printed=tuple(printed),
        printed_count=PrintedFigure.objects.filter(administration=administration, year=year).count(),
        printed_url=reverse("printed_audit") + f"?year={year}",
        target_changes=tuple(_target_changes(administration=administration, year=year)),
        language=get_language() or "tr",
    )


def audit_readiness(*, administration: Administration, year: int, today: date) -> ReadinessReport:
    """Return the year's Denetime hazırlık: every criterion's count and findings."""
    return readiness_check(readiness_facts(administration=administration, year=year, today=today))
