"""The plan-maintenance screens: who may see and change what, what a save does, constant query counts."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import AuditEntry
from indicators.models import PPIndicator
from plans.models import Revision, SPIndicator, TargetYear
from plans.services.common import version_token
from submissions.choices import SubmissionState
from tests.factories import (
    PPIndicatorFactory,
    QuarterlyValueFactory,
    SPIndicatorFactory,
    SPIndicatorYearFactory,
    TargetFactory,
)
from tests.plans.conftest import PASSWORD

pytestmark = pytest.mark.django_db

ROLES = ["strateji", "yonetici", "ust", "veri", "onay", "baska"]
READERS = {"strateji", "yonetici", "ust"}
EDITORS = {"strateji", "yonetici"}


def _login(client, setup, role):
    assert client.login(username=setup.users[role].username, password=PASSWORD)


def _read_urls(setup):
    return [
        reverse("plans:index"),
        reverse("plans:plan_detail", args=[setup.plan.pk]),
        reverse("plans:target_detail", args=[setup.target.pk]),
        reverse("plans:sp_indicator_detail", args=[setup.with_values.pk]),
        reverse("plans:programme_detail", args=[2024]),
        reverse("plans:pp_indicator_detail", args=[setup.pp.pk]),
        reverse("plans:consistency"),
    ]


def _edit_urls(setup):
    return [
        reverse("plans:plan_edit", args=[setup.plan.pk]),
        reverse("plans:target_edit", args=[setup.target.aim_id, setup.target.pk]),
        reverse("plans:sp_indicator_edit", args=[setup.target.pk, setup.with_values.pk]),
        reverse("plans:sp_indicator_create", args=[setup.target.pk]),
        reverse("plans:pp_indicator_edit", args=[setup.pp.sub_program_id, setup.pp.pk]),
        reverse("plans:goal_create", args=[setup.pp.sub_program_id]),
        reverse("plans:rollover", args=[2024]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_read_pages_permission_matrix(client, setup, role):
    _login(client, setup, role)
    for url in _read_urls(setup):
        assert client.get(url).status_code == (200 if role in READERS else 403), url


@pytest.mark.parametrize("role", ROLES)
def test_edit_pages_permission_matrix(client, setup, role):
    _login(client, setup, role)
    for url in _edit_urls(setup):
        assert client.get(url).status_code == (200 if role in EDITORS else 403), url


@pytest.mark.parametrize("role", ROLES)
def test_only_editors_may_post_weights(client, setup, role):
    _login(client, setup, role)
    url = reverse("plans:target_detail", args=[setup.target.pk])
    data = {
        f"weight_{setup.with_values.pk}": "60",
        f"token_{setup.with_values.pk}": version_token(setup.with_values),
        f"weight_{setup.without_values.pk}": "40",
        f"token_{setup.without_values.pk}": version_token(setup.without_values),
    }
    status = client.post(url, data).status_code
    assert status == (302 if role in EDITORS else 403)


def test_anonymous_is_sent_to_login(client, setup):
    response = client.get(reverse("plans:index"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_other_administrations_plan_is_not_found(client, setup):
    from tests.plans.conftest import build_plan

    other = build_plan("OTH")
    _login(client, setup, "strateji")
    assert client.get(reverse("plans:target_detail", args=[other.target.pk])).status_code == 404
    assert client.get(reverse("plans:sp_indicator_detail", args=[other.with_values.pk])).status_code == 404


def test_weights_page_refuses_a_sum_other_than_100_and_keeps_input(client, setup):
    _login(client, setup, "strateji")
    url = reverse("plans:target_detail", args=[setup.target.pk])
    response = client.post(
        url,
        {
            f"weight_{setup.with_values.pk}": "70",
            f"token_{setup.with_values.pk}": version_token(setup.with_values),
            f"weight_{setup.without_values.pk}": "40",
            f"token_{setup.without_values.pk}": version_token(setup.without_values),
            "reason": "Deneme",
        },
    )
    assert response.status_code == 400
    assert "100 olmalı; şu an 110" in response.content.decode()
    assert SPIndicator.objects.get(pk=setup.with_values.pk).weight == Decimal(60)


def test_sp_target_value_change_shows_in_the_history(client, setup):
    _login(client, setup, "strateji")
    indicator = setup.with_values
    row = indicator.years.get(year=2024)
    url = reverse("plans:sp_target_value", args=[indicator.pk, 2024])
    client.post(url, {"y2024-value": "175", "y2024-token": version_token(row)})
    assert not Revision.objects.exists()  # refused: no reason
    client.post(url, {"y2024-value": "175", "y2024-token": version_token(row), "y2024-reason": "Yeni veri"})
    page = client.get(reverse("plans:sp_indicator_detail", args=[indicator.pk])).content.decode()
    assert "Yeni veri" in page and "v1" in page
    assert Revision.objects.get().new_value == "175"


def test_pp_indicator_form_saves_every_attribute(client, setup):
    _login(client, setup, "strateji")
    url = reverse("plans:pp_indicator_create", args=[setup.pp.sub_program_id])
    response = client.post(
        url,
        {
            "code": "PP.09", "seq": "9", "name": "Yeni gösterge", "unit_of_measure": "Sayı", "direction": "decrease",
            "aggregation": "ratio", "allows_negative": "on", "decimals": "2", "prev_year": "2023",
            "prev_value": "1.009.098", "target_value": "18,99", "responsible_unit": setup.unit.pk,
            "sp_indicator": setup.with_values.pk,
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    created = PPIndicator.objects.get(code="PP.09")
    assert (created.prev_value, created.target_value, created.aggregation, created.allows_negative) == (
        Decimal(1009098), Decimal("18.99"), "ratio", True,
    )  # fmt: skip
    # Its own number of decimals: kept, shown on its page and used for its figures there.
    assert created.decimals == 2
    page = client.get(reverse("plans:pp_indicator_detail", args=[created.pk])).content.decode()
    assert "Ondalık basamak sayısı" in page and "1.009.098,00" in page and "18,99" in page
    edit = client.get(reverse("plans:pp_indicator_edit", args=[setup.pp.sub_program_id, created.pk])).content.decode()
    assert 'name="decimals"' in edit and 'value="2"' in edit
    too_many = client.post(url, {"code": "PP.10", "decimals": "5"}).content.decode()
    assert "4 değerinden az veya eşit" in too_many and not PPIndicator.objects.filter(code="PP.10").exists()


def test_unit_writes_its_texts_approver_submits_directorate_accepts(client, setup):
    url = reverse("plans:target_texts", args=[setup.target.pk, 2024])
    _login(client, setup, "veri")
    assert client.get(url).status_code == 200
    assert not TargetYear.objects.exists()  # viewing writes nothing
    client.post(url, {"action": "save", "version": "1", "deviation_reason": "Yok.", "measures": "Gerek yok."})
    assert client.post(url, {"action": "approve"}).status_code == 403  # not the unit's to accept
    _login(client, setup, "onay")
    client.post(url, {"action": "submit"})
    _login(client, setup, "ust")
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "save", "version": "3", "measures": "x"}).status_code == 403
    _login(client, setup, "baska")
    assert client.get(url).status_code == 403  # another unit's texts: not this user's right
    _login(client, setup, "strateji")
    client.post(url, {"action": "approve"})
    row = TargetYear.objects.get(target=setup.target, year=2024)
    assert (row.text_state, row.measures) == (SubmissionState.APPROVED, "Gerek yok.")


@pytest.mark.parametrize("name", ["plans:target_texts", "plans:sp_texts"])
def test_texts_refuse_a_user_without_the_right_with_403_and_a_missing_one_with_404(client, setup, name):
    obj = setup.target if name == "plans:target_texts" else setup.with_values
    _login(client, setup, "baska")
    assert client.get(reverse(name, args=[obj.pk, 2024])).status_code == 403
    assert client.post(reverse(name, args=[obj.pk, 2024]), {"action": "save"}).status_code == 403
    _login(client, setup, "strateji")
    assert client.get(reverse(name, args=[999999, 2024])).status_code == 404


@pytest.mark.parametrize("action", ["save", "submit", "approve", "bogus"])
def test_a_read_only_post_to_the_texts_page_writes_nothing(client, setup, action):
    """Top management may read a target's texts; its POST is refused before the year's row is created."""
    url = reverse("plans:target_texts", args=[setup.target.pk, 2024])
    _login(client, setup, "ust")
    response = client.post(url, {"action": action, "version": "1", "measures": "x"})
    assert response.status_code == 403
    assert not TargetYear.objects.exists()


def test_unit_user_sees_only_own_texts_in_the_list(client, setup):
    other_target = TargetFactory(aim=setup.target.aim, code="H1.2", responsible_unit=setup.pp_empty.responsible_unit)
    _login(client, setup, "veri")
    page = client.get(reverse("plans:texts_index") + "?year=2024").content.decode()
    assert setup.target.title in page and other_target.title not in page


# --- Constant query counts ------------------------------------------------------------------------


def _grow(setup, size: int) -> None:
    start = SPIndicator.objects.filter(target=setup.target).count() + 10
    for n in range(start, start + size):
        target = TargetFactory(aim=setup.target.aim, code=f"H1.{n}", responsible_unit=setup.unit)
        for m in range(3):
            sp = SPIndicatorFactory(target=target, code=f"PG1.{n}.{m + 1}", weight=Decimal(30))
            SPIndicatorYearFactory(indicator=sp, year=2024, actual_value=None)
        extra = SPIndicatorFactory(target=setup.target, code=f"PG1.1.{n}", weight=Decimal(0))
        SPIndicatorYearFactory(indicator=extra, year=2024, actual_value=None)
        pp = PPIndicatorFactory(sub_program=setup.pp.sub_program, code=f"PP.{n}", responsible_unit=setup.unit)
        QuarterlyValueFactory(indicator=pp, quarter=1)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize(
    "name",
    ["plan_detail", "target_detail", "programme_detail", "consistency", "rollover", "texts_index", "sp_detail",
     "pp_detail", "pp_edit"],
)  # fmt: skip
def test_pages_run_a_constant_number_of_queries(client, setup, name):
    _login(client, setup, "strateji")
    url = {
        "plan_detail": reverse("plans:plan_detail", args=[setup.plan.pk]),
        "target_detail": reverse("plans:target_detail", args=[setup.target.pk]),
        "programme_detail": reverse("plans:programme_detail", args=[2024]),
        "consistency": reverse("plans:consistency"),
        "rollover": reverse("plans:rollover", args=[2024]),
        "texts_index": reverse("plans:texts_index") + "?year=2024",
        "sp_detail": reverse("plans:sp_indicator_detail", args=[setup.with_values.pk]),
        "pp_detail": reverse("plans:pp_indicator_detail", args=[setup.pp.pk]),
        "pp_edit": reverse("plans:pp_indicator_edit", args=[setup.pp.sub_program_id, setup.pp.pk]),
    }[name]
    _grow(setup, 2)
    small = _count(client, url)
    _grow(setup, 18)
    assert _count(client, url) == small


def test_rolled_over_indicator_form_offers_the_sp_target_as_suggestion(client, setup):
    from plans.services.rollover import programme_rollover

    programme_rollover(administration=setup.administration, from_year=2024, actor=None)
    copied = PPIndicator.objects.get(performance_program__year=2025, code="PP.01")
    _login(client, setup, "strateji")
    page = client.get(reverse("plans:pp_indicator_edit", args=[copied.sub_program_id, copied.pk])).content.decode()
    # PG1.1.1 is cumulative: B(2025) 200 − B(2024) 150.
    assert "önerilen hedef: 50" in page


def test_demo_pages_render_for_the_directorate(client, demo):
    from plans.models import PerformanceProgram, Target

    assert client.login(username="strateji", password="Demo-strateji-2024")
    h23 = Target.objects.get(code="H2.3", aim__plan__administration=demo)
    programme = PerformanceProgram.objects.get(administration=demo, year=2024)
    pp = PPIndicator.objects.filter(performance_program=programme).first()
    assert pp is not None
    urls = [
        reverse("plans:index"),
        reverse("plans:plan_detail", args=[h23.aim.plan_id]) + "?year=2024",
        reverse("plans:programme_detail", args=[2024]),
        reverse("plans:consistency"),
        reverse("plans:rollover", args=[2024]),
        reverse("plans:texts_index") + "?year=2024",
        reverse("plans:target_texts", args=[h23.pk, 2024]),
        reverse("plans:pp_indicator_edit", args=[pp.sub_program_id, pp.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("plans:target_detail", args=[h23.pk]) + "?year=2024").content.decode()
    # The printed plan's H2.3 sums to 80: the page shows it and the save waits for 100.
    assert 'id="weight-sum"' in page
    consistency = client.get(reverse("plans:consistency")).content.decode()
    assert "H2.3" in consistency


def test_retire_forms_need_a_year_and_a_reason_then_retire(client, setup):
    from plans.models import RetiredPPCode

    _login(client, setup, "strateji")
    sp_url = reverse("plans:sp_indicator_retire", args=[setup.without_values.pk])
    pp_url = reverse("plans:pp_indicator_retire", args=[setup.pp_empty.pk])
    refused = client.post(sp_url, {"from_year": "", "reason": ""}, follow=True).content.decode()
    assert "Yıl ve gerekçe girin." in refused
    client.post(pp_url, {"from_year": "2025", "reason": ""}, follow=True)
    setup.without_values.refresh_from_db()
    assert setup.without_values.retired_from_year is None and not RetiredPPCode.objects.exists()
    done = client.post(sp_url, {"from_year": "2026", "reason": "Ölçülemiyor"}, follow=True).content.decode()
    assert "Gösterge kullanımdan kaldırıldı." in done
    client.post(pp_url, {"from_year": "2025", "reason": "Kaldırıldı"}, follow=True)
    setup.without_values.refresh_from_db()
    assert setup.without_values.retired_from_year == 2026
    assert RetiredPPCode.objects.filter(code=setup.pp_empty.code).exists()


def test_data_source_and_evidence_requirement_are_kept_shown_and_in_the_history(client, setup):
    """The directorate writes where a PP figure is read from and requires evidence; both are audited."""
    _login(client, setup, "strateji")
    indicator = setup.pp_empty
    url = reverse("plans:pp_indicator_edit", args=[indicator.sub_program_id, indicator.pk])
    assert "Veri kaynağı" in client.get(url).content.decode()
    fields = {
        "code": indicator.code, "seq": "2", "name": indicator.name, "unit_of_measure": indicator.unit_of_measure,
        "direction": indicator.direction, "aggregation": indicator.aggregation, "target_value": "100",
        "responsible_unit": indicator.responsible_unit_id, "token": version_token(indicator),
        "data_source": "e-İkamet sistemi, aylık izin raporu", "evidence_required": "on",
        "decimals": str(indicator.decimals),
    }  # fmt: skip
    response = client.post(url, fields)
    assert response.status_code == 302, response.content.decode()[:2000]
    indicator.refresh_from_db()
    assert (indicator.data_source, indicator.evidence_required) == ("e-İkamet sistemi, aylık izin raporu", True)
    page = client.get(reverse("plans:pp_indicator_detail", args=[indicator.pk])).content.decode()
    assert "e-İkamet sistemi, aylık izin raporu" in page
    entry = AuditEntry.objects.filter(object_id=str(indicator.pk), action="update").latest("pk")
    assert entry.changes["data_source"] == [None, "e-İkamet sistemi, aylık izin raporu"]
    assert entry.changes["evidence_required"] == ["False", "True"]


def test_sp_indicator_data_source_is_kept_and_shown(client, setup):
    _login(client, setup, "strateji")
    indicator = setup.without_values
    url = reverse("plans:sp_indicator_edit", args=[setup.target.pk, indicator.pk])
    fields = {
        "code": indicator.code, "name": indicator.name, "unit_of_measure": "Sayı", "baseline": "10",
        "direction": "increase", "responsible_unit": indicator.responsible_unit_id,
        "token": version_token(indicator), "data_source": "Personel kayıtları (HİTAP)",
        **{f"target_{year}": "20" for year in range(2024, 2029)},
    }  # fmt: skip
    response = client.post(url, fields)
    assert response.status_code == 302, response.content.decode()[:2000]
    indicator.refresh_from_db()
    assert indicator.data_source == "Personel kayıtları (HİTAP)"
    page = client.get(reverse("plans:sp_indicator_detail", args=[indicator.pk])).content.decode()
    assert "Personel kayıtları (HİTAP)" in page
