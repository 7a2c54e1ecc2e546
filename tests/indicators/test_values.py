"""Saving a quarter: rules with Turkish messages, no silent overwrite, audit, recompute on commit."""

from decimal import Decimal
from unittest import mock

import pytest

from core.exceptions import ApplicationError, ConcurrentEditError
from core.models import AuditEntry
from indicators.models import PPIndicator, PPIndicatorResult, QuarterlyValue
from indicators.services import EntryWarningsError, quarterly_value_save
from plans.choices import AggregationMethod
from tests.factories import PPIndicatorFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_save_creates_then_updates_with_a_version_and_an_audit_trail():
    indicator = PPIndicatorFactory()
    user = UserFactory()
    row = quarterly_value_save(indicator=indicator, quarter=1, value=Decimal(10), actor=user, expected_version=None)
    assert row.version == 1
    row = quarterly_value_save(indicator=indicator, quarter=1, value=Decimal(12), actor=user, expected_version=1)
    assert (row.value, row.version) == (Decimal(12), 2)
    entries = AuditEntry.objects.filter(object_id=str(row.pk)).order_by("id")
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].changes == {"value": ["10.0000", "12"]}
    assert entries[1].actor == user


def test_second_of_two_concurrent_saves_is_refused_and_told_what_the_other_saved():
    indicator = PPIndicatorFactory()
    first, second = UserFactory(first_name="Ayşe", last_name="Veri"), UserFactory()
    quarterly_value_save(indicator=indicator, quarter=2, value=Decimal(5), actor=first, expected_version=None)
    # Both loaded version 1; the first saves 7, the second then tries 9.
    quarterly_value_save(indicator=indicator, quarter=2, value=Decimal(7), actor=first, expected_version=1)
    with pytest.raises(ConcurrentEditError) as excinfo:
        quarterly_value_save(indicator=indicator, quarter=2, value=Decimal(9), actor=second, expected_version=1)
    assert "Ayşe Veri bu dönemi siz düzenlerken kaydetti" in excinfo.value.message
    assert excinfo.value.extra["current"]["value"] == Decimal(7)
    assert QuarterlyValue.objects.get(indicator=indicator, quarter=2).value == Decimal(7)


def test_two_people_creating_the_same_quarter():
    indicator = PPIndicatorFactory()
    quarterly_value_save(indicator=indicator, quarter=3, value=Decimal(1), actor=None, expected_version=None)
    with pytest.raises(ConcurrentEditError):
        quarterly_value_save(indicator=indicator, quarter=3, value=Decimal(2), actor=None, expected_version=None)


def test_ratio_value_comes_from_numerator_and_denominator():
    indicator = PPIndicatorFactory(aggregation=AggregationMethod.RATIO)
    row = quarterly_value_save(
        indicator=indicator, quarter=1, numerator=Decimal(6), denominator=Decimal(43), actor=None, expected_version=None
    )
    assert row.value.quantize(Decimal("0.01")) == Decimal("13.95")


@pytest.mark.parametrize(
    ("aggregation", "allows_negative", "kwargs", "message"),
    [
        (AggregationMethod.RATIO, False, {"value": Decimal(5)}, "pay ve payda birlikte"),
        (AggregationMethod.RATIO, False, {"numerator": Decimal(1)}, "pay ve payda birlikte"),
        (AggregationMethod.RATIO, False, {"numerator": Decimal(1), "denominator": Decimal(0)}, "Payda sıfırdan büyük"),
        (AggregationMethod.SUM, False, {"numerator": Decimal(1), "denominator": Decimal(2)}, "yalnızca oran"),
        (AggregationMethod.SUM, False, {"value": Decimal("-1.31")}, "eksi değer alamaz"),
    ],
)
def test_bad_input_is_refused_with_a_turkish_message_and_nothing_saved(aggregation, allows_negative, kwargs, message):
    indicator = PPIndicatorFactory(aggregation=aggregation, allows_negative=allows_negative)
    with pytest.raises(ApplicationError, match=message):
        quarterly_value_save(indicator=indicator, quarter=1, actor=None, expected_version=None, **kwargs)
    assert not QuarterlyValue.objects.exists()
    assert not AuditEntry.objects.exists()


def test_negative_value_accepted_where_the_indicator_allows_it():
    indicator = PPIndicatorFactory(allows_negative=True, unit_of_measure="Yüzde", decimals=2)
    row = quarterly_value_save(
        indicator=indicator, quarter=1, value=Decimal("-1.31"), actor=None, expected_version=None
    )
    assert row.value == Decimal("-1.31")


def test_a_value_with_more_decimals_than_the_indicator_takes_is_refused_by_the_service():
    """The admin, the API and the import write through the service: the form's rule holds there too."""
    indicator = PPIndicatorFactory(unit_of_measure="Puan", decimals=0)
    with pytest.raises(ApplicationError, match="tam sayıyla girilir"):
        quarterly_value_save(indicator=indicator, quarter=1, value=Decimal("1.5"), actor=None, expected_version=None)
    with pytest.raises(ApplicationError, match="tam sayıyla girilir"):
        quarterly_value_save(
            indicator=indicator, quarter=1, value=Decimal(2), year_end_estimate=Decimal("8.25"), actor=None,
            expected_version=None,
        )  # fmt: skip
    assert not indicator.quarterly_values.exists()


def test_saving_requests_a_recompute_of_the_unit_once_committed(demo, django_capture_on_commit_callbacks):
    indicator = PPIndicator.objects.get(code="GYH.01")
    q4 = indicator.quarterly_values.get(quarter=4)
    with django_capture_on_commit_callbacks(execute=True):
        quarterly_value_save(
            indicator=indicator, quarter=4, value=Decimal(960000), actor=None, expected_version=q4.version
        )
    # Tasks run in-process here: the stored status follows the saved value.
    assert PPIndicatorResult.objects.get(indicator=indicator).status == "exceeded"


def test_unchanged_save_writes_nothing():
    indicator = PPIndicatorFactory()
    quarterly_value_save(indicator=indicator, quarter=1, value=Decimal(10), actor=None, expected_version=None)
    with mock.patch("indicators.services.values.request_recompute") as request:
        again = quarterly_value_save(indicator=indicator, quarter=1, value=Decimal(10), actor=None, expected_version=1)
    assert again.version == 1
    request.assert_not_called()
    assert AuditEntry.objects.count() == 1


def test_two_first_saves_of_a_quarter_at_once_the_later_is_told_not_crashed():
    indicator = PPIndicatorFactory()
    first, second = UserFactory(first_name="Ayşe"), UserFactory()
    quarterly_value_save(indicator=indicator, quarter=1, value=Decimal(10), actor=first, expected_version=None)
    # The second save looked for the row before the first one committed: it saw none.
    with (
        mock.patch.object(QuarterlyValue.objects, "select_for_update", return_value=QuarterlyValue.objects.none()),
        pytest.raises(ConcurrentEditError) as told,
    ):
        quarterly_value_save(indicator=indicator, quarter=1, value=Decimal(99), actor=second, expected_version=None)
    assert "Değişiklikleriniz kaydedilmedi" in told.value.message and "10" in told.value.message
    assert told.value.extra["current"]["value"] == Decimal(10)
    assert QuarterlyValue.objects.get(indicator=indicator, quarter=1).value == Decimal(10)


def test_a_count_indicator_refuses_decimals_with_the_forms_message():
    indicator = PPIndicatorFactory(unit_of_measure="Kişi")
    with pytest.raises(ApplicationError, match="“Kişi” ile ölçülen bir gösterge tam sayı alır"):
        quarterly_value_save(indicator=indicator, quarter=1, value=Decimal("12.5"), actor=None, expected_version=None)
    with pytest.raises(ApplicationError, match="tam sayı alır"):
        quarterly_value_save(
            indicator=indicator, quarter=1, value=Decimal(12), year_end_estimate=Decimal("40.5"), actor=None,
            expected_version=None,
        )  # fmt: skip
    assert not QuarterlyValue.objects.filter(indicator=indicator).exists()
    assert quarterly_value_save(
        indicator=indicator, quarter=1, value=Decimal("12.0"), actor=None, expected_version=None
    ).value == Decimal(12)


def test_an_outlier_is_saved_only_when_confirmed_with_a_comment_which_is_kept_and_audited():
    indicator = PPIndicatorFactory()
    user = UserFactory()
    quarterly_value_save(indicator=indicator, quarter=1, value=Decimal(100), actor=user, expected_version=None)
    with pytest.raises(EntryWarningsError, match="Olağan dışı değer: 400, önceki dönem değerine") as refused:
        quarterly_value_save(indicator=indicator, quarter=2, value=Decimal(400), actor=user, expected_version=None)
    assert refused.value.extra["warnings"]
    with pytest.raises(EntryWarningsError):  # a tick without a comment is not enough
        quarterly_value_save(
            indicator=indicator, quarter=2, value=Decimal(400), actor=user, expected_version=None,
            confirm_warnings=True,
        )  # fmt: skip
    row = quarterly_value_save(
        indicator=indicator, quarter=2, value=Decimal(400), actor=user, expected_version=None,
        confirm_warnings=True, warning_comment="Yeni şube açıldı.",
    )  # fmt: skip
    assert [w["code"] for w in row.confirmed_warnings] == ["outlier_previous_quarter"]
    assert row.warning_comment == "Yeni şube açıldı."
    entry = AuditEntry.objects.filter(object_id=str(row.pk)).get()
    assert entry.changes["warning_comment"] == [None, "Yeni şube açıldı."]
    assert "Olağan dışı değer: 400" in entry.changes["confirmed_warnings"][1]
    # Saving the row again with the same value asks nothing more and keeps the confirmation.
    row = quarterly_value_save(
        indicator=indicator, quarter=2, value=Decimal(400), narrative="Açıklama.", actor=user, expected_version=1
    )
    assert row.confirmed_warnings and row.warning_comment == "Yeni şube açıldı."
    # A value back in line clears them.
    row = quarterly_value_save(indicator=indicator, quarter=2, value=Decimal(120), actor=user, expected_version=2)
    assert (row.confirmed_warnings, row.warning_comment) == ([], "")


def test_an_outlier_against_the_same_quarter_of_last_year_and_a_cumulative_indicator_going_down(settings):
    last_year = PPIndicatorFactory(
        code="K.01", sub_program__program__performance_program__year=2025, aggregation=AggregationMethod.LAST
    )
    this_year = PPIndicatorFactory(
        code="K.01",
        aggregation=AggregationMethod.LAST,
        sub_program__program__performance_program__year=2026,
        sub_program__program__performance_program__administration=last_year.performance_program.administration,
        responsible_unit=last_year.responsible_unit,
    )
    quarterly_value_save(indicator=last_year, quarter=2, value=Decimal(1000), actor=None, expected_version=None)
    quarterly_value_save(indicator=this_year, quarter=1, value=Decimal(900), actor=None, expected_version=None)
    with pytest.raises(EntryWarningsError) as refused:
        quarterly_value_save(indicator=this_year, quarter=2, value=Decimal(250), actor=None, expected_version=None)
    assert any("geçen yılın aynı dönemi" in w for w in refused.value.extra["warnings"])
    assert any("Birikimli (son değer) gösterge azaldı" in w for w in refused.value.extra["warnings"])
    # The factor is a setting: at 5× the same drop is no outlier, but the cumulative fall still warns.
    settings.ENTRY_OUTLIER_FACTOR = "5"
    with pytest.raises(EntryWarningsError) as refused:
        quarterly_value_save(indicator=this_year, quarter=2, value=Decimal(250), actor=None, expected_version=None)
    assert len(refused.value.extra["warnings"]) == 1
