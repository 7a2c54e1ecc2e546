"""Every plan-maintenance rule, through its service: reasons, revisions, weights, deletion, texts, rollover."""

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType

from core.exceptions import ApplicationError, ConcurrentEditError
from core.models import AuditEntry
from indicators.models import PPIndicator, PPIndicatorResult
from indicators.services.recompute import results_recompute
from plans.choices import AggregationMethod, Direction, RevisedField
from plans.models import (
    Activity,
    PerformanceProgram,
    Revision,
    SPIndicator,
    SPIndicatorYear,
    SubProgramGoal,
    TargetResult,
)
from plans.selectors import consistency_problems, revision_markers
from plans.services import programme, rollover, strategic, texts
from plans.services.common import version_token
from submissions.choices import SubmissionState
from submissions.workflow import Action

pytestmark = pytest.mark.django_db


def _pp_input(indicator: PPIndicator, **changes) -> programme.PPIndicatorInput:
    fields = {
        name: getattr(indicator, name)
        for name in (
            "code", "seq", "name", "unit_of_measure", "direction", "aggregation", "allows_negative", "prev_year",
            "prev_value", "target_value", "responsible_unit", "goal", "sp_indicator",
        )
    }  # fmt: skip
    fields.update(changes)
    return programme.PPIndicatorInput(**fields)


def _sp_input(indicator: SPIndicator, **changes) -> strategic.SPIndicatorInput:
    fields = {
        "code": indicator.code,
        "name": indicator.name,
        "unit_of_measure": indicator.unit_of_measure,
        "baseline": indicator.baseline,
        "direction": indicator.direction,
        "is_cumulative": indicator.is_cumulative,
        "responsible_unit": indicator.responsible_unit,
        "yearly_targets": {row.year: row.target_value for row in indicator.years.all()},
    }
    fields.update(changes)
    return strategic.SPIndicatorInput(**fields)


# --- Reasons and revisions ------------------------------------------------------------------------


def test_pp_target_change_with_values_needs_a_reason_and_writes_nothing_without(setup):
    actor = setup.users["strateji"]
    with pytest.raises(ApplicationError, match="gerekçe"):
        programme.pp_indicator_save(
            sub_program=setup.pp.sub_program, indicator=setup.pp, data=_pp_input(setup.pp, target_value=Decimal(80)),
            actor=actor, token=version_token(setup.pp),
        )  # fmt: skip
    setup.pp.refresh_from_db()
    assert setup.pp.target_value == Decimal(50)
    assert not Revision.objects.exists()


def test_pp_target_change_with_a_reason_keeps_a_versioned_revision(setup, django_capture_on_commit_callbacks):
    actor = setup.users["strateji"]
    with django_capture_on_commit_callbacks(execute=True):
        programme.pp_indicator_save(
            sub_program=setup.pp.sub_program, indicator=setup.pp, data=_pp_input(setup.pp, target_value=Decimal(80)),
            actor=actor, reason="Kanun değişikliği", token=version_token(setup.pp),
        )  # fmt: skip
    setup.pp.refresh_from_db()
    programme.pp_indicator_save(
        sub_program=setup.pp.sub_program, indicator=setup.pp,
        data=_pp_input(setup.pp, target_value=Decimal(90), direction=Direction.DECREASE),
        actor=actor, reason="İkinci revizyon", token=version_token(setup.pp),
    )  # fmt: skip
    revisions = list(Revision.objects.order_by("version", "field"))
    assert [(r.version, r.field, r.old_value, r.new_value, r.year) for r in revisions] == [
        (1, RevisedField.TARGET_VALUE, "50", "80", 2024),
        (2, RevisedField.DIRECTION, "increase", "decrease", 2024),
        (2, RevisedField.TARGET_VALUE, "80", "90", 2024),
    ]
    assert revisions[0].actor == actor and revisions[0].reason == "Kanun değişikliği"
    # The recompute ran on commit: the stored result reflects the new target (40 of 80 → %50).
    assert PPIndicatorResult.objects.get(indicator=setup.pp).realization_rate == Decimal(50)


def test_aggregation_method_is_locked_without_a_reason_once_values_exist(setup):
    with pytest.raises(ApplicationError, match="gerekçe yazın: yıl sonu hesaplama yöntemi"):
        programme.pp_indicator_save(
            sub_program=setup.pp.sub_program, indicator=setup.pp,
            data=_pp_input(setup.pp, aggregation=AggregationMethod.LAST), actor=setup.users["strateji"],
        )  # fmt: skip
    programme.pp_indicator_save(
        sub_program=setup.pp.sub_program, indicator=setup.pp_empty.__class__.objects.get(pk=setup.pp_empty.pk),
        data=_pp_input(setup.pp_empty, aggregation=AggregationMethod.LAST), actor=setup.users["strateji"],
    )  # fmt: skip  # no values: no reason needed, no revision
    assert not Revision.objects.exists()


def test_changes_without_values_need_no_reason_but_are_audited(setup):
    data = _sp_input(
        setup.without_values, baseline=Decimal(12), yearly_targets={y: Decimal(30) for y in range(2024, 2029)}
    )
    strategic.sp_indicator_save(
        target=setup.target, indicator=setup.without_values, data=data, actor=setup.users["strateji"]
    )
    assert not Revision.objects.exists()
    entry = AuditEntry.objects.filter(object_id=str(setup.without_values.pk), action="update").get()
    assert entry.changes == {"baseline": ["10", "12"]}


def test_sp_baseline_and_yearly_target_changes_with_values_need_a_reason(setup):
    indicator = setup.with_values
    with pytest.raises(ApplicationError, match="gerekçe"):
        strategic.sp_indicator_save(
            target=setup.target, indicator=indicator, data=_sp_input(indicator, baseline=Decimal(90)),
            actor=setup.users["strateji"],
        )  # fmt: skip
    with pytest.raises(ApplicationError, match="gerekçe"):
        strategic.sp_target_value_save(indicator=indicator, year=2025, value=Decimal(1), actor=setup.users["strateji"])
    strategic.sp_target_value_save(
        indicator=indicator, year=2025, value=Decimal(210), actor=setup.users["strateji"], reason="Yeni öngörü"
    )
    revision = Revision.objects.get()
    assert (revision.field, revision.year, revision.old_value, revision.new_value) == (
        "target_value",
        2025,
        "200",
        "210",
    )


def test_revision_markers_name_the_rows_a_years_figures_depend_on(setup):
    strategic.sp_target_value_save(
        indicator=setup.with_values, year=2025, value=Decimal(210), actor=setup.users["strateji"], reason="Öngörü"
    )
    weights = {setup.with_values.pk: Decimal(70), setup.without_values.pk: Decimal(30)}
    tokens = {i.pk: version_token(i) for i in SPIndicator.objects.filter(target=setup.target)}
    strategic.target_weights_save(target=setup.target, weights=weights, tokens=tokens, actor=None, reason="Öncelik")
    markers_2025 = revision_markers(administration_id=setup.administration.pk, year=2025)
    markers_2026 = revision_markers(administration_id=setup.administration.pk, year=2026)
    assert [r.field for r in markers_2025.sp["PG1.1.1"]] == ["target_value", "weight"]
    assert [r.field for r in markers_2026.sp["PG1.1.1"]] == ["weight"]  # a weight affects every year
    assert "H1.1" in markers_2026.targets and "PG1.1.2" not in markers_2026.sp
    assert "Hedefe etkisi" in markers_2026.note("sp", "PG1.1.1") and markers_2026.note("pp", "PP.01") == ""


# --- Weights --------------------------------------------------------------------------------------


def _tokens(target):
    return {i.pk: version_token(i) for i in SPIndicator.objects.filter(target=target)}


def test_weights_must_sum_to_100_and_nothing_is_written_otherwise(setup):
    weights = {setup.with_values.pk: Decimal(60), setup.without_values.pk: Decimal(30)}
    with pytest.raises(ApplicationError, match="100 olmalı; şu an 90"):
        strategic.target_weights_save(
            target=setup.target, weights=weights, tokens=_tokens(setup.target), actor=None, reason="x"
        )
    assert SPIndicator.objects.get(pk=setup.without_values.pk).weight == Decimal(40)


def test_weight_change_of_an_indicator_with_values_needs_a_reason(setup, django_capture_on_commit_callbacks):
    weights = {setup.with_values.pk: Decimal(50), setup.without_values.pk: Decimal(50)}
    with pytest.raises(ApplicationError, match="gerekçe"):
        strategic.target_weights_save(target=setup.target, weights=weights, tokens=_tokens(setup.target), actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        strategic.target_weights_save(
            target=setup.target, weights=weights, tokens=_tokens(setup.target), actor=None, reason="Eşit ağırlık"
        )
    revision = Revision.objects.get()
    assert (revision.code, revision.old_value, revision.new_value, revision.year) == ("PG1.1.1", "60", "50", None)
    # The target's stored performance was recomputed with the new weights.
    assert TargetResult.objects.get(target=setup.target, year=2024).weight_total == Decimal(100)


def test_concurrent_weight_edit_is_refused(setup):
    stale = _tokens(setup.target)
    weights = {setup.with_values.pk: Decimal(60), setup.without_values.pk: Decimal(40)}
    strategic.sp_indicator_save(
        target=setup.target, indicator=setup.without_values,
        data=_sp_input(setup.without_values, name="Yeni ad"), actor=None,
    )  # fmt: skip
    with pytest.raises(ConcurrentEditError):
        strategic.target_weights_save(target=setup.target, weights=weights, tokens=stale, actor=None, reason="x")


def test_concurrent_pp_edit_is_refused(setup):
    stale = version_token(setup.pp_empty)
    programme.pp_indicator_save(
        sub_program=setup.pp_empty.sub_program, indicator=setup.pp_empty, data=_pp_input(setup.pp_empty, seq=5),
        actor=None, token=stale,
    )  # fmt: skip
    with pytest.raises(ConcurrentEditError):
        programme.pp_indicator_save(
            sub_program=setup.pp_empty.sub_program, indicator=setup.pp_empty, data=_pp_input(setup.pp_empty, seq=6),
            actor=None, token=stale,
        )  # fmt: skip


# --- Save-time consistency ------------------------------------------------------------------------


def test_sp_indicator_needs_a_target_for_every_plan_year(setup):
    data = _sp_input(setup.without_values, code="PG1.1.3", yearly_targets={2024: Decimal(1), 2025: Decimal(2)})
    with pytest.raises(ApplicationError, match="2026, 2027, 2028"):
        strategic.sp_indicator_save(target=setup.target, indicator=None, data=data, actor=None)


def test_new_sp_indicator_starts_with_weight_zero_and_nested_code(setup):
    yearly = {y: Decimal(5) for y in range(2024, 2029)}
    wrong = _sp_input(setup.without_values, code="PG2.1.1", yearly_targets=yearly)
    with pytest.raises(ApplicationError, match=r"H1\.1"):
        strategic.sp_indicator_save(target=setup.target, indicator=None, data=wrong, actor=None)
    right = _sp_input(setup.without_values, code="PG1.1.3", yearly_targets=yearly)
    created = strategic.sp_indicator_save(target=setup.target, indicator=None, data=right, actor=None)
    assert created.weight == 0 and created.years.count() == 5


def test_linking_incompatible_units_is_refused(setup):
    setup.without_values.unit_of_measure = "km"
    setup.without_values.save()
    with pytest.raises(ApplicationError, match="Ölçü birimleri uyumsuz"):
        programme.pp_indicator_save(
            sub_program=setup.pp_empty.sub_program, indicator=setup.pp_empty,
            data=_pp_input(setup.pp_empty, sp_indicator=setup.without_values), actor=None,
        )  # fmt: skip


def test_pp_indicator_needs_a_responsible_unit(setup):
    with pytest.raises(ApplicationError, match="sorumlu birim"):
        programme.pp_indicator_save(
            sub_program=setup.pp_empty.sub_program, indicator=setup.pp_empty,
            data=_pp_input(setup.pp_empty, responsible_unit=None), actor=None,
        )  # fmt: skip


# --- Deletion and retirement ----------------------------------------------------------------------


def test_deleting_an_indicator_with_values_is_refused(setup):
    with pytest.raises(ApplicationError, match="silinemez"):
        programme.pp_indicator_delete(indicator=setup.pp, actor=None)
    with pytest.raises(ApplicationError, match="silinemez"):
        strategic.sp_indicator_delete(indicator=setup.with_values, actor=None)
    assert PPIndicator.objects.filter(pk=setup.pp.pk).exists()
    assert SPIndicator.objects.filter(pk=setup.with_values.pk).exists()


def test_deleting_an_indicator_without_values_works_and_is_audited(setup):
    programme.pp_indicator_delete(indicator=setup.pp_empty, actor=setup.users["strateji"])
    strategic.sp_indicator_delete(indicator=setup.without_values, actor=setup.users["strateji"])
    assert not PPIndicator.objects.filter(pk=setup.pp_empty.pk).exists()
    assert AuditEntry.objects.filter(action="delete").count() == 2


def test_retired_sp_indicator_stops_counting_from_its_year(setup):
    strategic.sp_indicator_retire(indicator=setup.without_values, from_year=2026, reason="Ölçülemiyor", actor=None)
    results_recompute(administration_id=setup.administration.pk, years=[2025, 2026])
    assert TargetResult.objects.get(target=setup.target, year=2025).weight_total == Decimal(100)
    assert TargetResult.objects.get(target=setup.target, year=2026).weight_total == Decimal(60)
    with pytest.raises(ApplicationError, match="gerekçe"):
        strategic.sp_indicator_retire(indicator=setup.with_values, from_year=2026, reason=" ", actor=None)


def test_retired_pp_code_is_not_rolled_over(setup):
    programme.pp_indicator_retire(indicator=setup.pp_empty, from_year=2025, reason="Kaldırıldı", actor=None)
    preview = rollover.programme_rollover(administration=setup.administration, from_year=2024, actor=None)
    assert {row.indicator.code: row.action for row in preview.rows} == {"PP.01": "copy", "PP.02": "retired"}
    assert list(PPIndicator.objects.filter(performance_program__year=2025).values_list("code", flat=True)) == ["PP.01"]


# --- Yearly texts ---------------------------------------------------------------------------------


def test_yearly_texts_follow_the_quarterly_workflow(setup):
    row = texts.target_year_row(target=setup.target, year=2024)
    entry, approver, strategy = setup.users["veri"], setup.users["onay"], setup.users["strateji"]
    row = texts.yearly_texts_save(
        row=row, values={"deviation_reason": "Sapma yok.", "measures": ""}, actor=entry, expected_version=1
    )
    with pytest.raises(ApplicationError, match="bütün metinleri"):
        texts.yearly_texts_transition(row=row, action=Action.SUBMIT, actor=approver)
    row = texts.yearly_texts_save(
        row=row, values={"deviation_reason": "Sapma yok.", "measures": "Gerek yok."}, actor=entry, expected_version=2
    )
    with pytest.raises(ConcurrentEditError):
        texts.yearly_texts_save(row=row, values={"measures": "eski"}, actor=entry, expected_version=2)
    row = texts.yearly_texts_transition(row=row, action=Action.SUBMIT, actor=approver)
    with pytest.raises(ApplicationError, match="değiştirilemez"):
        texts.yearly_texts_save(row=row, values={"measures": "x"}, actor=entry, expected_version=row.text_version)
    with pytest.raises(ApplicationError, match="açıklama"):
        texts.yearly_texts_transition(row=row, action=Action.RETURN, actor=strategy)
    row = texts.yearly_texts_transition(row=row, action=Action.RETURN, actor=strategy, comment="Önlemleri açın.")
    assert row.text_state == SubmissionState.RETURNED and row.text_comment == "Önlemleri açın."
    row = texts.yearly_texts_save(
        row=row, values={"deviation_reason": "Sapma yok.", "measures": "Eğitim verilecek."}, actor=entry,
        expected_version=row.text_version,
    )  # fmt: skip
    row = texts.yearly_texts_transition(row=row, action=Action.SUBMIT, actor=approver)
    row = texts.yearly_texts_transition(row=row, action=Action.APPROVE, actor=strategy)
    assert row.text_state == SubmissionState.APPROVED
    actions = list(
        AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(row), object_id=str(row.pk))
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    assert actions == ["update", "update", "submit", "return", "update", "submit", "approve"]


def test_sp_texts_need_the_years_target_row(setup):
    row = texts.sp_year_row(indicator=setup.with_values, year=2024)
    values = {"relevance": "a", "effectiveness": "b", "efficiency": "c", "sustainability": "d"}
    row = texts.yearly_texts_save(row=row, values=values, actor=None, expected_version=1)
    assert SPIndicatorYear.objects.get(pk=row.pk).sustainability == "d"
    with pytest.raises(ApplicationError):
        texts.sp_year_row(indicator=setup.with_values, year=2031)


# --- Rollover -------------------------------------------------------------------------------------


def test_rollover_preview_writes_nothing(setup):
    results_recompute(administration_id=setup.administration.pk, years=[2024])
    preview = rollover.rollover_preview(administration=setup.administration, from_year=2024)
    assert not PerformanceProgram.objects.filter(year=2025).exists()
    by_code = {row.indicator.code: row for row in preview.rows}
    assert by_code["PP.01"].prev_value == Decimal(40)  # SUM of four quarters of 10
    # PG1.1.1 is cumulative: B(2025) 200 − B(2024) 150 = 50.
    assert by_code["PP.01"].suggestion == Decimal(50)
    assert by_code["PP.02"].suggestion is None


def test_rollover_copies_once_and_is_idempotent(setup):
    SubProgramGoal.objects.create(sub_program=setup.pp.sub_program, text="Hedef metni", seq=1)
    Activity.objects.create(sub_program=setup.pp.sub_program, name="Faaliyet 1")
    results_recompute(administration_id=setup.administration.pk, years=[2024])
    first = rollover.programme_rollover(administration=setup.administration, from_year=2024, actor=None)
    assert len(first.to_copy) == 2
    copied = PPIndicator.objects.get(performance_program__year=2025, code="PP.01")
    assert (copied.prev_year, copied.prev_value, copied.target_value) == (2024, Decimal(40), Decimal(0))
    assert copied.sp_indicator_id == setup.with_values.pk and copied.sub_program.name == "Alt program 1"
    counts = (
        PPIndicator.objects.filter(performance_program__year=2025).count(),
        SubProgramGoal.objects.filter(sub_program__program__performance_program__year=2025).count(),
        Activity.objects.filter(sub_program__program__performance_program__year=2025).count(),
    )
    second = rollover.programme_rollover(administration=setup.administration, from_year=2024, actor=None)
    assert second.to_copy == [] and {row.action for row in second.rows} == {"exists"}
    assert (
        counts
        == (
            PPIndicator.objects.filter(performance_program__year=2025).count(),
            SubProgramGoal.objects.filter(sub_program__program__performance_program__year=2025).count(),
            Activity.objects.filter(sub_program__program__performance_program__year=2025).count(),
        )
        == (2, 1, 1)
    )


# --- Consistency page -----------------------------------------------------------------------------


def test_consistency_lists_what_the_screens_refuse(setup):
    SPIndicator.objects.filter(pk=setup.without_values.pk).update(weight=Decimal(20), unit_of_measure="km")
    SPIndicatorYear.objects.filter(indicator=setup.without_values, year=2027).delete()
    PPIndicator.objects.filter(pk=setup.pp_empty.pk).update(sp_indicator=setup.without_values)
    problems = {(p.kind, p.code) for p in consistency_problems(administration=setup.administration)}
    assert problems == {("weights", "H1.1"), ("yearly_target", "PG1.1.2"), ("units", "PP.02 (2024)")}


def test_consistency_flags_printed_h23_of_the_demo(demo):
    problems = consistency_problems(administration=demo)
    weights = [p for p in problems if p.kind == "weights"]
    assert [p.code for p in weights] == ["H2.3"]
    assert "80" in weights[0].message
