"""Two-factor log-in as a user meets it: the app set up, the code after the password, recovery codes, REQUIRE_2FA."""

import io
from binascii import unhexlify

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.choices import Role
from accounts.two_factor_services import two_factor_enable, two_factor_secret_new
from accounts.views import ENROL_SECRET
from core.models import AuditEntry
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.scenario import PASSWORD

pytestmark = pytest.mark.django_db

SETUP = reverse("accounts:two_factor")
VERIFY = reverse("accounts:two_factor_verify")
DASHBOARD = reverse("dashboards:overview")


def _log_in(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def _turn_on(user) -> tuple[TOTPDevice, list[str]]:
    """Set up the app for the user as the set-up page does; the next 30-second window's code is due."""
    key = two_factor_secret_new()
    device, codes = two_factor_enable(user=user, key=key, code=str(totp(unhexlify(key))).zfill(6))
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # as if the next window had come
    return device, codes


def _throttle_forget(user) -> None:
    StaticDevice.objects.filter(user=user).update(throttling_failure_count=0)
    TOTPDevice.objects.filter(user=user).update(throttling_failure_count=0)


def _code(device: TOTPDevice) -> str:
    return str(totp(device.bin_key)).zfill(6)


def test_any_user_sets_up_the_app_from_a_server_drawn_qr_code_and_sees_the_recovery_codes_once(client, scenario):
    client.force_login(scenario.entry)
    page = client.get(SETUP).content.decode()
    assert 'class="qr-code border" src="data:image/svg+xml' in page  # drawn here: no CDN, no script
    key = client.session[ENROL_SECRET]
    assert "Uygulamanın gösterdiği 6 haneli kodu girin" in page

    wrong = client.post(SETUP, {"action": "enable", "code": "000000" if _code_for(key) != "000000" else "111111"})
    assert wrong.status_code == 400 and "Kod doğrulanamadı" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=scenario.entry).exists()

    shown = client.post(SETUP, {"action": "enable", "code": _code_for(key)})
    assert shown.status_code == 200 and shown["Cache-Control"] == "no-store"
    codes = list(StaticToken.objects.filter(device__user=scenario.entry).values_list("token", flat=True))
    assert len(codes) == 10 and all(code in shown.content.decode() for code in codes)
    assert "bir daha gösterilmeyecekler" in shown.content.decode()
    assert TOTPDevice.objects.get(user=scenario.entry).confirmed
    assert AuditEntry.objects.filter(action="two_factor_enable", object_id=str(scenario.entry.pk)).count() == 1
    # The session that set it up is verified; the page now says "on" and never shows the codes again.
    again = client.get(SETUP).content.decode()
    assert "İki adımlı giriş açık." in again and "Kullanılmamış 10 kurtarma kodunuz var." in again
    assert not any(code in again for code in codes)


def _code_for(key: str) -> str:
    return str(totp(unhexlify(key))).zfill(6)


def test_the_log_in_asks_for_the_code_after_the_password_and_holds_every_page_until_then(client, scenario):
    device, _codes = _turn_on(scenario.strategy)
    _log_in(client, scenario.strategy)
    for url in (DASHBOARD, reverse("submissions:forms_index"), "/admin/", SETUP):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == f"{VERIFY}?next={url.replace('/', '%2F')}"
    htmx = client.get(DASHBOARD, headers={"HX-Request": "true"})
    assert htmx.status_code == 204 and htmx["HX-Redirect"].startswith(VERIFY)

    wrong = client.post(VERIFY, {"code": "12345x", "next": DASHBOARD})
    assert wrong.status_code == 400 and "Kod hatalı" in wrong.content.decode()
    _throttle_forget(scenario.strategy)  # a wrong code makes the next one wait a second
    right = client.post(VERIFY, {"code": _code(device), "next": reverse("submissions:forms_index")})
    assert right.status_code == 302 and right["Location"] == reverse("submissions:forms_index")
    assert client.get(DASHBOARD).status_code == 200
    # The same code cannot be used twice (another session replaying it is refused).
    other = client.__class__()
    _log_in(other, scenario.strategy)
    assert other.post(VERIFY, {"code": _code(device)}).status_code == 400


def test_the_code_that_turned_it_on_cannot_be_replayed_at_the_log_in(client, scenario):
    key = two_factor_secret_new()
    code = _code_for(key)
    two_factor_enable(user=scenario.entry, key=key, code=code)
    _log_in(client, scenario.entry)
    assert client.post(VERIFY, {"code": code}).status_code == 400


def test_a_recovery_code_logs_in_once(client, scenario):
    _device, codes = _turn_on(scenario.entry)
    _log_in(client, scenario.entry)
    # Typed in capitals with a space, as people copy them.
    first = client.post(VERIFY, {"code": f"{codes[0][:4].upper()} {codes[0][4:].upper()}"})
    assert first.status_code == 302 and client.get(DASHBOARD).status_code == 200
    assert AuditEntry.objects.filter(action="recovery_code_use").count() == 1
    client.post(reverse("logout"))
    _log_in(client, scenario.entry)
    assert client.post(VERIFY, {"code": codes[0]}).status_code == 400
    assert StaticToken.objects.filter(device__user=scenario.entry).count() == 9
    client.get(SETUP)  # still held at the code page
    assert client.get(DASHBOARD).status_code == 302


def test_renewed_recovery_codes_replace_the_old_ones(client, scenario):
    device, old = _turn_on(scenario.entry)
    _log_in(client, scenario.entry)
    client.post(VERIFY, {"code": _code(device)})
    renewed = client.post(SETUP, {"action": "codes"})
    new = list(StaticToken.objects.filter(device__user=scenario.entry).values_list("token", flat=True))
    assert renewed.status_code == 200 and all(code in renewed.content.decode() for code in new)
    assert not set(old) & set(new)
    client.post(reverse("logout"))
    _log_in(client, scenario.entry)
    assert client.post(VERIFY, {"code": old[1]}).status_code == 400
    _throttle_forget(scenario.entry)  # a wrong code makes the next one wait a second
    assert client.post(VERIFY, {"code": new[1]}).status_code == 302


def test_wrong_codes_slow_the_next_attempt_down(client, scenario):
    device, _codes = _turn_on(scenario.entry)
    _log_in(client, scenario.entry)
    for _ in range(3):
        client.post(VERIFY, {"code": "000000" if _code(device) != "000000" else "111111"})
    # Three failures: the next code waits four seconds, even the right one.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=timezone.now())
    response = client.post(VERIFY, {"code": _code(device)})
    assert response.status_code == 400 and "Çok sayıda hatalı kod girildi" in response.content.decode()


def test_a_user_who_is_not_required_may_turn_it_off(client, scenario):
    device, _codes = _turn_on(scenario.entry)
    _log_in(client, scenario.entry)
    client.post(VERIFY, {"code": _code(device)})
    assert client.post(SETUP, {"action": "disable"}).status_code == 302
    assert not TOTPDevice.objects.filter(user=scenario.entry).exists()
    assert not StaticToken.objects.filter(device__user=scenario.entry).exists()
    assert AuditEntry.objects.filter(action="two_factor_disable").count() == 1
    client.post(reverse("logout"))
    _log_in(client, scenario.entry)
    assert client.get(DASHBOARD).status_code == 200  # the password alone again


def test_without_require_2fa_nobody_is_asked_to_set_it_up(client, scenario, settings):
    settings.REQUIRE_2FA = False
    _log_in(client, scenario.strategy)
    assert client.get(DASHBOARD).status_code == 200


@pytest.mark.parametrize("who", ["strategy", "admin role", "superuser"])
def test_require_2fa_holds_admins_and_the_strategy_directorate_until_they_set_it_up(client, scenario, settings, who):
    settings.REQUIRE_2FA = True
    if who == "strategy":
        user = scenario.strategy
    elif who == "admin role":
        user = UserFactory(username="yonetici2", is_staff=True)
        RoleAssignmentFactory(user=user, unit=scenario.unit, role=Role.ADMIN)
    else:
        user = UserFactory(username="kok", is_staff=True, is_superuser=True)
    _log_in(client, user)
    for url in (DASHBOARD, "/admin/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(f"{SETUP}?next=")
    page = client.get(SETUP).content.decode()
    assert "Rolünüz için iki adımlı giriş zorunludur" in page
    key = client.session[ENROL_SECRET]
    client.post(SETUP, {"action": "enable", "code": _code_for(key), "next": DASHBOARD})
    assert client.get(DASHBOARD).status_code == 200
    # Required: it cannot be turned off by the user.
    assert client.post(SETUP, {"action": "disable"}).status_code == 400
    assert TOTPDevice.objects.filter(user=user).exists()


def test_require_2fa_leaves_unit_users_free_to_choose(client, scenario, settings):
    settings.REQUIRE_2FA = True
    _log_in(client, scenario.entry)
    assert client.get(DASHBOARD).status_code == 200


def test_the_django_admin_needs_the_verified_session(client, scenario, settings):
    settings.REQUIRE_2FA = True
    admin = UserFactory(username="kok", is_staff=True, is_superuser=True)
    device, _codes = _turn_on(admin)
    _log_in(client, admin)
    assert client.get("/admin/").status_code == 302
    client.post(VERIFY, {"code": _code(device)})
    assert client.get("/admin/").status_code == 200


def test_a_session_begun_before_require_2fa_was_switched_on_is_held_at_its_next_request(client, scenario, settings):
    settings.REQUIRE_2FA = False
    _log_in(client, scenario.strategy)
    assert client.get(DASHBOARD).status_code == 200
    settings.REQUIRE_2FA = True
    assert client.get(DASHBOARD)["Location"].startswith(SETUP)


def test_the_reset_command_removes_a_lost_phone_with_a_reason(scenario):
    _turn_on(scenario.strategy)
    with pytest.raises(CommandError):
        call_command("two_factor_reset", "strateji", stdout=io.StringIO())
    call_command("two_factor_reset", "strateji", reason="Telefon kayboldu", stdout=io.StringIO())
    assert not TOTPDevice.objects.filter(user=scenario.strategy).exists()
    entry = AuditEntry.objects.get(action="two_factor_disable")
    assert entry.reason == "Telefon kayboldu" and entry.actor is None


def test_the_pages_speak_english_too(client, scenario):
    _device, _codes = _turn_on(scenario.entry)
    client.cookies["django_language"] = "en"
    _log_in(client, scenario.entry)
    page = client.get(VERIFY).content.decode()
    assert "Verification code" in page and "Doğrulama kodu" not in page


def test_the_code_page_offers_no_menu_only_leaving(client, scenario):
    _turn_on(scenario.strategy)
    _log_in(client, scenario.strategy)
    page = client.get(VERIFY).content.decode()
    assert f'href="{DASHBOARD}"' not in page and f'href="{reverse("submissions:forms_index")}"' not in page
    assert 'action="/logout/"' in page and "Vazgeç ve çıkış yap" in page
