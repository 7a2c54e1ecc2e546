"""The unit's quarter form and the review, as people use them through the pages."""

import html
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from core.models import AuditEntry
from indicators.calculations import manual_value_rule
from indicators.models import QuarterlyValue
from submissions.models import QuarterException, Submission
from tests.scenario import PASSWORD, QUARTER, YEAR

pytestmark = pytest.mark.django_db


def url(scenario, name="submissions:unit_quarter", unit=None, **extra):
    return reverse(name, kwargs={"unit_code": (unit or scenario.unit).code, "year": YEAR, "quarter": QUARTER, **extra})


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def form_data(scenario, version=1, **rows):
    """POST data for the whole form; rows maps indicator key → {field: text}."""
    data = {"form_version": str(version)}
    for key, indicator in scenario.indicators.items():
        stored = QuarterlyValue.objects.filter(indicator=indicator, quarter=QUARTER).first()
        prefix = f"i{indicator.pk}-"
        data[prefix + "version"] = str(stored.version) if stored else ""
        for name, value in rows.get(key, {}).items():
            data[prefix + name] = value
    return data


FULL = {
    "sum": {"value": "32.031", "year_end_estimate": "85.000", "narrative": "Hedefin üzerinde; yakalamalar arttı."},
    "ratio": {"numerator": "6", "denominator": "43", "narrative": "Mağdur sayısı düşük kaldı."},
    "last": {"value": "-1,31", "narrative": "Emeklilikler nedeniyle personel azaldı."},
    "manual": {"narrative": ""},
}


def test_unit_user_saves_turkish_numbers(client, scenario):
    login(client, scenario.entry)
    page = client.get(url(scenario))
    assert page.status_code == 200
    assert "Sınır dışı edilen yabancı sayısı" in page.content.decode()
    response = client.post(url(scenario), form_data(scenario, **FULL))
    assert response.status_code == 302
    values = {q.indicator.code: q for q in QuarterlyValue.objects.select_related("indicator")}
    assert values["T.01"].value == Decimal(32031)
    assert values["T.01"].year_end_estimate == Decimal(85000)
    assert values["T.02"].value.quantize(Decimal("0.01")) == Decimal("13.95")
    assert values["T.03"].value == Decimal("-1.31")
    assert "T.04" not in values  # MANUAL: nothing to enter before Q4, and no empty row is stored
    assert Submission.objects.get(unit=scenario.unit).version == 2


def test_one_bad_field_saves_nothing_and_keeps_what_was_typed(client, scenario):
    login(client, scenario.entry)
    data = form_data(scenario, **{**FULL, "sum": {"value": "1,2,3", "narrative": "yazdığım metin"}})
    response = client.post(url(scenario), data)
    content = response.content.decode()
    assert response.status_code == 400
    assert "“1,2,3” bir sayı değil" in content
    assert 'value="1,2,3"' in content and "yazdığım metin" in content and 'value="-1,31"' in content
    assert not QuarterlyValue.objects.exists()


def test_negative_value_where_forbidden_gets_its_message(client, scenario):
    login(client, scenario.entry)
    response = client.post(url(scenario), form_data(scenario, **{**FULL, "sum": {"value": "-5"}}))
    assert "Bu gösterge eksi değer alamaz." in response.content.decode()
    assert not QuarterlyValue.objects.exists()


def test_a_value_with_more_decimals_than_its_indicator_takes_is_refused(client, scenario):
    """A count takes whole numbers (its unit's rule, said once), a percentage its two decimals; nothing is saved."""
    login(client, scenario.entry)
    data = form_data(scenario, **{**FULL, "sum": {"value": "1.200,5"}, "last": {"value": "-1,315"}})
    content = client.post(url(scenario), data).content.decode()
    assert content.count("ondalık girilemez") == 1  # the count's refusal, not a second one from its decimals
    assert "Bu gösterge en fazla 2 ondalıkla girilir." in content
    assert not QuarterlyValue.objects.exists()


def test_no_data_needs_a_reason(client, scenario):
    login(client, scenario.entry)
    response = client.post(url(scenario), form_data(scenario, **{**FULL, "sum": {"no_data": "on"}}))
    assert "“Veri yok” için gerekçe yazın." in response.content.decode()
    response = client.post(
        url(scenario), form_data(scenario, **{**FULL, "sum": {"no_data": "on", "no_data_reason": "Sistem arızası"}})
    )
    assert response.status_code == 302
    assert QuarterlyValue.objects.get(indicator=scenario.indicators["sum"]).no_data_reason == "Sistem arızası"


def test_second_of_two_concurrent_saves_is_refused_with_what_the_first_saved(client, scenario):
    login(client, scenario.entry)
    first = form_data(scenario, **FULL)
    second = form_data(scenario, **{**FULL, "sum": {"value": "99.999"}})  # loaded at the same time
    assert client.post(url(scenario), first).status_code == 302
    response = client.post(url(scenario), second)
    content = response.content.decode()
    assert response.status_code == 409
    assert "siz düzenlerken" in content and "32.031" in content
    assert QuarterlyValue.objects.get(indicator=scenario.indicators["sum"]).value == Decimal(32031)


def test_live_preview_computes_with_the_engine(client, scenario):
    login(client, scenario.entry)
    indicator = scenario.indicators["sum"]
    response = client.post(
        url(scenario, "submissions:preview", indicator_id=indicator.pk),
        {f"i{indicator.pk}-value": "60.000", f"i{indicator.pk}-year_end_estimate": "85.000"},
        HTTP_HX_REQUEST="true",
    )
    content = response.content.decode()
    assert "60.000" in content and "%120" in content and "Aşıldı" in content
    bad = client.post(
        url(scenario, "submissions:preview", indicator_id=indicator.pk), {f"i{indicator.pk}-value": "NaN"}
    )
    assert "bir sayı değil" in bad.content.decode()
    assert not QuarterlyValue.objects.exists()  # the preview saves nothing


def test_submit_requires_values_and_deviation_narratives(client, scenario):
    login(client, scenario.entry)
    rows = {**FULL, "sum": {"value": "32.031", "year_end_estimate": "85.000"}}  # exceeded, no narrative
    client.post(url(scenario), form_data(scenario, **rows))
    login(client, scenario.approver)
    response = client.post(url(scenario, "submissions:submit"), follow=True)
    assert "sapmayı açıklayan bir değerlendirme yazın" in response.content.decode()
    assert Submission.objects.get(unit=scenario.unit).state == "draft"


def test_entry_user_cannot_submit(client, scenario):
    login(client, scenario.entry)
    assert client.post(url(scenario, "submissions:submit")).status_code == 403


def _submitted(client, scenario):
    login(client, scenario.entry)
    assert client.post(url(scenario), form_data(scenario, **FULL)).status_code == 302
    login(client, scenario.approver)
    client.post(url(scenario, "submissions:submit"))
    submission = Submission.objects.get(unit=scenario.unit)
    assert submission.state == "submitted"
    return submission


def test_whole_cycle_return_fix_resubmit_approve_then_locked(client, scenario, django_capture_on_commit_callbacks):
    submission = _submitted(client, scenario)
    login(client, scenario.strategy)
    queue = client.get(reverse("submissions:review_list")).content.decode()
    assert scenario.unit.name in queue
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("submissions:review_one", args=[submission.pk]),
            {"action": "return", "comment": "Oranı kontrol edin."},
        )
    assert Submission.objects.get(pk=submission.pk).state == "returned"
    assert mail.outbox and "Oranı kontrol edin." in mail.outbox[0].body
    assert set(mail.outbox[0].to) == {"veri@example.gov.tr", "onay@example.gov.tr"}
    login(client, scenario.entry)
    page = client.get(url(scenario)).content.decode()
    assert "Oranı kontrol edin." in page
    version = Submission.objects.get(pk=submission.pk).version
    client.post(
        url(scenario), form_data(scenario, version=version, **{**FULL, "ratio": {**FULL["ratio"], "numerator": "7"}})
    )
    login(client, scenario.approver)
    client.post(url(scenario, "submissions:submit"))
    login(client, scenario.strategy)
    client.post(reverse("submissions:review_list"), {"submission": [submission.pk], "action": "approve"})
    assert Submission.objects.get(pk=submission.pk).state == "approved"
    login(client, scenario.entry)
    page = client.get(url(scenario)).content.decode()
    assert "Kilitli" in page and "Onaylandı" in page and 'name="i' not in page
    assert client.post(url(scenario), form_data(scenario, **FULL)).status_code == 400  # refused, says why
    states = list(AuditEntry.objects.filter(content_type__model="submission").values_list("action", flat=True))
    assert sorted(states) == sorted(["submit", "return", "submit", "approve", "refused"])  # the refusal recorded


def test_return_needs_a_comment(client, scenario):
    submission = _submitted(client, scenario)
    login(client, scenario.strategy)
    response = client.post(reverse("submissions:review_one", args=[submission.pk]), {"action": "return"}, follow=True)
    assert "İade için bir açıklama yazın" in response.content.decode()
    assert Submission.objects.get(pk=submission.pk).state == "submitted"


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (date(2026, 9, 30), "Henüz açılmadı"),
        (date(2026, 11, 2), "Süre doldu"),
    ],
)
def test_locked_form_says_exactly_why(client, scenario, today, day, message):
    today(day)
    login(client, scenario.entry)
    page = client.get(url(scenario)).content.decode()
    assert f"Kilitli: {message}" in page
    assert client.post(url(scenario), form_data(scenario, **FULL)).status_code == 400
    assert not QuarterlyValue.objects.exists()


def test_directorate_reopens_a_quarter_for_one_unit_until_a_date(client, scenario, today):
    today(date(2026, 11, 2))
    login(client, scenario.strategy)
    response = client.post(
        url(scenario, "submissions:grant_exception"), {"expires_on": "2026-11-10", "reason": ""}, follow=True
    )
    assert "gerekçe yazın" in response.content.decode()
    client.post(url(scenario, "submissions:grant_exception"), {"expires_on": "2026-11-10", "reason": "Sistem arızası"})
    assert QuarterException.objects.get().reason == "Sistem arızası"
    login(client, scenario.entry)
    assert client.post(url(scenario), form_data(scenario, **FULL)).status_code == 302
    today(date(2026, 11, 11))
    assert "Kilitli: İstisna süresi doldu" in client.get(url(scenario)).content.decode()
    # The other unit is still closed.
    login(client, scenario.other_entry)
    assert "Kilitli: Süre doldu" in client.get(url(scenario, unit=scenario.other_unit)).content.decode()


def test_history_shows_who_changed_what(client, scenario):
    login(client, scenario.entry)
    client.post(url(scenario), form_data(scenario, **FULL))
    client.post(url(scenario), form_data(scenario, version=2, **{**FULL, "sum": {**FULL["sum"], "value": "33.000"}}))
    indicator = scenario.indicators["sum"]
    content = client.get(url(scenario, "submissions:history", indicator_id=indicator.pk)).content.decode()
    assert "32.031 → 33.000" in content and "Veri" in content


def _history_page(client, scenario, key):
    indicator = scenario.indicators[key]
    response = client.get(url(scenario, "submissions:history", indicator_id=indicator.pk))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("language", ["tr", "en"])
def test_the_history_of_a_saved_row_reads_in_the_users_language(client, scenario, language):
    login(client, scenario.entry)
    client.post(url(scenario), form_data(scenario, **FULL))
    client.post(
        url(scenario),
        form_data(scenario, version=2, **{**FULL, "sum": {**FULL["sum"], "value": "913.719", "year_end_estimate": ""}}),
    )
    client.cookies["django_language"] = language
    content = _history_page(client, scenario, "sum")
    start = content.index('data-testid="history"')
    section = content[start : content.index("</table>", start)]
    # No internal field name, no raw stored decimal, no version counter or id.
    for internal in (
        "year_end_estimate",
        "indicator_id",
        "no_data_reason",
        "narrative:",
        "version",
        "913719.0000",
        "32031",
    ):
        assert internal not in section
    if language == "tr":
        assert "Oluşturuldu" in section and "Değiştirildi" in section
        assert "Değer</span>: 32.031 → 913.719" in section
        assert "Yıl sonu gerçekleşme tahmini</span>: 85.000 → —" in section
    else:
        assert "Created" in section and "Changed" in section
        assert "Value</span>: 32,031 → 913,719" in section
    assert "<td>create</td>" not in section and "<td>update</td>" not in section


def test_the_history_of_a_ratio_row_names_numerator_and_denominator(client, scenario):
    login(client, scenario.entry)
    client.post(url(scenario), form_data(scenario, **FULL))
    content = _history_page(client, scenario, "ratio")
    section = content[content.index('data-testid="history"') :]
    assert "Pay</span>: — → 6" in section and "Payda</span>: — → 43" in section
    assert "numerator" not in section and "denominator" not in section


@pytest.mark.parametrize("version", ["", "abc", "1.5", "-1", "١"])
def test_a_form_without_a_readable_version_saves_nothing_and_says_so(client, scenario, version):
    login(client, scenario.entry)
    response = client.post(url(scenario), {**form_data(scenario, **FULL), "form_version": version})
    assert response.status_code == 400
    assert "Form sürümü okunamadı" in response.content.decode()
    assert not QuarterlyValue.objects.exists()


def test_save_and_submit_keeps_the_narrative_and_submits_in_one_step(client, scenario):
    login(client, scenario.approver)
    data = {**form_data(scenario, **FULL), "action": "save_submit"}
    response = client.post(url(scenario), data, follow=True)
    assert "Form kaydedildi ve Strateji Geliştirme'ye gönderildi." in html.unescape(response.content.decode())
    submission = Submission.objects.get(unit=scenario.unit)
    assert submission.state == "submitted" and submission.submitted_by == scenario.approver
    stored = QuarterlyValue.objects.get(indicator=scenario.indicators["sum"], quarter=QUARTER)
    assert stored.narrative == "Hedefin üzerinde; yakalamalar arttı."


def test_save_and_submit_refused_stores_nothing_keeps_the_text_and_marks_the_rows(client, scenario):
    login(client, scenario.approver)
    rows = {**FULL, "sum": {"value": "32.031", "year_end_estimate": "85.000"}}  # exceeded, no narrative
    rows["ratio"] = {**FULL["ratio"], "narrative": "Yazdığım uzun açıklama."}
    response = client.post(url(scenario), {**form_data(scenario, **rows), "action": "save_submit"})
    content = response.content.decode()
    assert response.status_code == 400
    assert "Form gönderilemedi: işaretli satırları tamamlayın." in content
    assert "Yazdığım uzun açıklama." in content  # what was typed is on the page again
    assert content.count('data-testid="row-error"') == 1  # exactly the row that lacks a narrative
    assert not QuarterlyValue.objects.exists()  # one transaction: the save rolled back with the submit
    assert not Submission.objects.filter(unit=scenario.unit, state="submitted").exists()


def test_entry_user_cannot_save_and_submit(client, scenario):
    login(client, scenario.entry)
    response = client.post(url(scenario), {**form_data(scenario, **FULL), "action": "save_submit"})
    assert response.status_code == 403
    assert not QuarterlyValue.objects.exists()


def test_saved_form_lists_what_is_missing_at_the_top_and_on_the_row(client, scenario):
    login(client, scenario.entry)
    rows = {**FULL, "sum": {"value": "32.031", "year_end_estimate": "85.000"}}  # exceeded, no narrative
    assert client.post(url(scenario), form_data(scenario, **rows)).status_code == 302  # the entry user may save
    page = client.get(url(scenario)).content.decode()
    assert 'data-testid="missing"' in page
    assert "Göndermeden önce 1 satır tamamlanmalı" in page
    assert page.count('data-testid="row-missing"') == 1
    assert "Durum “Aşıldı” (gerçekleşme oranı 100&#x27;ün üzerinde)" in page


def test_live_preview_says_when_a_deviation_narrative_is_required(client, scenario):
    login(client, scenario.entry)
    indicator = scenario.indicators["sum"]
    prefix = f"i{indicator.pk}-"
    below = client.post(
        url(scenario, "submissions:preview", indicator_id=indicator.pk),
        {prefix + "value": "10.000", prefix + "year_end_estimate": "30.000"},
    ).content.decode()
    assert 'data-testid="narrative-required"' in below and "80&#x27;in altında" in below
    written = client.post(
        url(scenario, "submissions:preview", indicator_id=indicator.pk),
        {prefix + "value": "10.000", prefix + "year_end_estimate": "30.000", prefix + "narrative": "Nedeni şu."},
    ).content.decode()
    assert "(yazıldı)" in written
    on_track = client.post(
        url(scenario, "submissions:preview", indicator_id=indicator.pk),
        {prefix + "value": "30.000", prefix + "year_end_estimate": "50.000"},
    ).content.decode()
    assert 'data-testid="narrative-required"' not in on_track


def test_every_value_field_is_labelled_with_its_indicator_and_quarter(client, scenario):
    login(client, scenario.entry)
    content = client.get(url(scenario)).content.decode()
    labels = [
        html.unescape(re.sub(r"<[^>]+>", "", label))
        for label in re.findall(r"<label[^>]*>(.*?)</label>", content, re.S)
    ]
    for indicator in scenario.indicators.values():
        named = [label for label in labels if indicator.code in label]
        assert named, indicator.code
        assert not any(label.strip() == "Değer" for label in labels)
    assert any(f"{QUARTER}. dönem değeri" in label for label in labels)


def test_a_manual_indicator_outside_the_fourth_quarter_shows_the_rule_it_follows(client, scenario):
    login(client, scenario.entry)
    content = html.unescape(client.get(url(scenario)).content.decode())
    note = re.search(r'data-testid="value-note">([^<]*)<', content).group(1)
    # The page's words are the rule's (indicators.calculations), the same as its refusal's.
    assert note == manual_value_rule() == "Elle girilen göstergenin değeri yalnızca 4. dönemde girilir."
