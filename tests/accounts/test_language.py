"""Language: the user's choice is kept; dates dd.mm.yyyy; Turkish sorting; e-mails in each recipient's language."""

from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from hypothesis import given
from hypothesis import strategies as st

from accounts.models import Unit
from core.db import turkish_order
from core.text import turkish_lower, turkish_sort_key
from submissions.models import Submission
from submissions.reminders import send_deadline_reminders, send_late_report
from submissions.services import submission_return
from tests.factories import PPIndicatorFactory, UnitFactory
from tests.scenario import PASSWORD, YEAR

PROVINCES_IN_TURKISH_ORDER = [
    "Adana", "Ağrı", "Aksaray", "Cizre", "Çanakkale", "Çorum", "Denizli", "Gaziantep", "Giresun", "Göksun",
    "Gümüşhane", "Hakkari", "Iğdır", "Isparta", "İstanbul", "İzmir", "Kars", "Ordu", "Ödemiş", "Sinop",
    "Şanlıurfa", "Şırnak", "Tokat", "Uşak", "Ünye", "Van", "Zonguldak",
]  # fmt: skip


def test_python_sorting_follows_the_turkish_alphabet():
    shuffled = sorted(PROVINCES_IN_TURKISH_ORDER, key=lambda s: s[::-1])
    assert sorted(shuffled, key=turkish_sort_key) == PROVINCES_IN_TURKISH_ORDER


@given(st.text(alphabet="abcçdefgğhıijklmnoöprsştuüvyzABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ ", max_size=12))
def test_sorting_ignores_case_the_turkish_way(text):
    assert turkish_sort_key(text) == turkish_sort_key(turkish_lower(text))
    assert turkish_sort_key(text.replace("i", "İ")) == turkish_sort_key(text)


@pytest.mark.django_db
def test_the_database_sorts_names_the_turkish_way():
    for i, name in enumerate(reversed(PROVINCES_IN_TURKISH_ORDER)):
        UnitFactory(code=f"IL{i:02d}", name=f"{name} İl Göç İdaresi Müdürlüğü")
    names = [n.split(" İl ")[0] for n in Unit.objects.order_by(turkish_order("name")).values_list("name", flat=True)]
    assert names == PROVINCES_IN_TURKISH_ORDER
    backwards = Unit.objects.order_by(turkish_order("name", descending=True)).values_list("name", flat=True)
    assert [n.split(" İl ")[0] for n in backwards] == PROVINCES_IN_TURKISH_ORDER[::-1]


@pytest.mark.django_db
def test_the_indicator_table_sorts_names_the_turkish_way(client, scenario):
    for name in ("Şube sayısı", "Çağrı sayısı", "İade sayısı", "Ihlamur sayısı", "Zaman", "Cari işlem"):
        PPIndicatorFactory(
            name=name, sub_program=scenario.indicators["sum"].sub_program, responsible_unit=scenario.unit
        )
    client.login(username=scenario.strategy.username, password=PASSWORD)
    response = client.get(reverse("dashboards:indicator_table"), {"sort": "name", "year": YEAR})
    names = [row.record.name for row in response.context["table"].rows]
    assert names == sorted(names, key=turkish_sort_key)
    assert names.index("Cari işlem") < names.index("Çağrı sayısı") < names.index("Geri dönüş oranı")
    assert names.index("Ihlamur sayısı") < names.index("İade sayısı") < names.index("Şube sayısı")


@pytest.mark.parametrize("language", ["tr", "en"])
def test_dates_are_dd_mm_yyyy_in_both_languages(language):
    with translation.override(language):
        assert date_format(date(2026, 11, 5)) == "05.11.2026"
        assert date_format(date(2026, 11, 5), "SHORT_DATE_FORMAT") == "05.11.2026"
        assert forms.DateField().clean("05.11.2026") == date(2026, 11, 5)


@pytest.mark.django_db
def test_the_language_menu_keeps_the_choice_for_the_user(client, scenario):
    client.login(username="veri", password=PASSWORD)
    client.post(reverse("set_language"), {"language": "en", "next": "/panel/"})
    scenario.entry.refresh_from_db()
    assert scenario.entry.language == "en"
    # On another browser (no language cookie) the saved choice applies after log-in.
    client.cookies.clear()
    client.login(username="veri", password=PASSWORD)
    response = client.get(reverse("dashboards:overview"))
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.django_db
def test_the_log_in_page_offers_the_language_menu(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    assert response.status_code == 302 and response["Location"] == "/login/"
    assert client.get(reverse("login")).headers["Content-Language"] == "en"


@pytest.mark.django_db
def test_reminders_go_out_in_each_recipients_language(scenario):
    scenario.entry.language = "en"
    scenario.entry.save(update_fields=["language"])
    for unit in (scenario.unit, scenario.other_unit):
        for quarter in (1, 2):
            Submission.objects.create(unit=unit, year=YEAR, quarter=quarter, state="approved")
    send_deadline_reminders(today=date(2026, 10, 26), days_before=5)
    by_address = {tuple(m.to): m for m in mail.outbox}
    english, turkish = by_address[("veri@example.gov.tr",)], by_address[("onay@example.gov.tr",)]
    assert english.subject.startswith("Reminder") and "31.10.2026" in english.subject
    assert turkish.subject.startswith("Hatırlatma") and "31.10.2026" in turkish.subject
    assert scenario.unit.name in english.body and scenario.unit.name in turkish.body


@pytest.mark.django_db
def test_the_late_list_and_the_return_note_follow_the_recipients_language(scenario, django_capture_on_commit_callbacks):
    scenario.strategy.language = "en"
    scenario.strategy.save(update_fields=["language"])
    send_late_report(today=date(2026, 11, 2))
    assert mail.outbox[-1].subject.startswith("Late monitoring forms")
    scenario.entry.language = "en"
    scenario.entry.save(update_fields=["language"])
    submission = Submission.objects.create(unit=scenario.unit, year=YEAR, quarter=3, state="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        submission_return(submission=submission, actor=scenario.strategy, comment="Oranı kontrol edin.")
    returned = [m for m in mail.outbox if "Oranı kontrol edin." in m.body]
    assert {m.to[0]: m.subject for m in returned} == {
        "veri@example.gov.tr": "Your Q3 2026 monitoring form has been returned",
        "onay@example.gov.tr": "2026/3. dönem izleme formunuz iade edildi",
    }


def test_number_formatting_follows_the_language():
    from core.templatetags.formatting import num, pct

    with translation.override("en"):
        assert (num(Decimal("1009098.5")), pct(Decimal("96.4"), 1)) == ("1,009,098.5", "96.4%")
    with translation.override("tr"):
        assert (num(Decimal("1009098.5")), pct(Decimal("96.4"), 1)) == ("1.009.098,5", "%96,4")
