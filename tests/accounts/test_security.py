"""The security baseline a user or an attacker would notice: lockout, session limits, cookies, admin."""

import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from accounts.choices import Role
from core.middleware import SESSION_SEEN, SESSION_STARTED
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.scenario import PASSWORD

pytestmark = pytest.mark.django_db

LOCKOUT_TEXT = "Çok sayıda hatalı giriş denemesi yapıldı"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True


def _log_in(client, username, password, ip="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_five_failures_lock_the_user_out_with_a_turkish_message(axes_on, client, scenario):
    for _ in range(4):
        response = _log_in(client, "veri", "yanlis-parola")
        assert response.status_code == 200
        assert "Kullanıcı adı veya parola hatalı" in response.content.decode()
    response = _log_in(client, "veri", "yanlis-parola")
    assert response.status_code == 429
    # Locked now: even the right password is refused, with the reason and the waiting time.
    response = _log_in(client, "veri", PASSWORD)
    page = response.content.decode()
    assert response.status_code == 429
    assert LOCKOUT_TEXT in page and "15 dakika" in page
    assert '<form method="post"' in page  # still the log-in page, not an error page
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_user_and_address(axes_on, client, scenario):
    for _ in range(5):
        _log_in(client, "veri", "yanlis-parola", ip="10.0.0.1")
    # Another person at another address, and the same user from another address, still get in.
    assert _log_in(client, "onay", PASSWORD, ip="10.0.0.1").status_code == 302
    client.logout()
    assert _log_in(client, "veri", PASSWORD, ip="10.0.0.2").status_code == 302


def test_lockout_lifts_by_itself_after_the_cool_off(axes_on, client, scenario):
    for _ in range(5):
        _log_in(client, "veri", "yanlis-parola")
    assert _log_in(client, "veri", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = _log_in(client, "veri", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("start")


def test_password_spraying_from_one_address_locks_the_address_with_the_same_message(axes_on, client, scenario):
    # One password tried on many user names (four each, below the pair limit) from one address.
    names = [f"kisi{n}" for n in range(5)]
    for attempt in range(19):
        assert _log_in(client, names[attempt % 5], "Bahar2024!", ip="10.0.0.9").status_code == 200
    response = _log_in(client, "veri", "Bahar2024!", ip="10.0.0.9")
    assert response.status_code == 429
    # Now even a real user with the right password is refused from that address, with the lockout text.
    response = _log_in(client, "onay", PASSWORD, ip="10.0.0.9")
    assert response.status_code == 429 and LOCKOUT_TEXT in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The same people from their own addresses still get in: the sprayer locked only itself.
    assert _log_in(client, "veri", PASSWORD, ip="10.0.0.2").status_code == 302


def test_a_shared_address_is_not_locked_by_a_few_colleagues_typos(axes_on, client, scenario):
    for name in ("veri", "onay", "strateji"):
        for _ in range(3):
            _log_in(client, name, "yanlis-parola", ip="10.0.0.1")
    assert _log_in(client, "veri", PASSWORD, ip="10.0.0.1").status_code == 302


def test_a_sprayer_cannot_reset_the_address_count_by_logging_in_with_its_own_account(axes_on, client, scenario):
    for attempt in range(15):
        _log_in(client, f"kisi{attempt % 5}", "Bahar2024!", ip="10.0.0.9")
    assert _log_in(client, "veri", PASSWORD, ip="10.0.0.9").status_code == 302  # the sprayer's own account
    client.logout()
    for attempt in range(5):
        _log_in(client, f"kisi{attempt % 5}", "Bahar2024!", ip="10.0.0.9")
    assert _log_in(client, "onay", PASSWORD, ip="10.0.0.9").status_code == 429


def test_an_attacker_cannot_keep_a_user_locked_out_for_ever(axes_on, client, scenario):
    # An attacker at the user's own (shared) address locks the pair, then keeps trying while locked.
    for _ in range(5):
        _log_in(client, "veri", "yanlis-parola", ip="10.0.0.1")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=10))
    for _ in range(30):
        assert _log_in(client, "veri", "yanlis-parola", ip="10.0.0.1").status_code == 429
    # Failures during the lock are not counted: 15 minutes after the locking failure, the user gets in.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=6))
    assert _log_in(client, "veri", PASSWORD, ip="10.0.0.1").status_code == 302
    # And from another address the attacker never locks the user at all (no per-user-name limit).
    client.logout()
    for _ in range(40):
        _log_in(client, "veri", "yanlis-parola", ip="10.0.0.66")
    assert _log_in(client, "veri", PASSWORD, ip="10.0.0.2").status_code == 302


def test_a_success_resets_the_failure_count(axes_on, client, scenario):
    for _ in range(4):
        _log_in(client, "veri", "yanlis-parola")
    assert _log_in(client, "veri", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert _log_in(client, "veri", "yanlis-parola").status_code == 200


def test_log_in_cookie_is_http_only_same_site_and_lasts_thirty_idle_minutes(client, scenario):
    response = _log_in(client, "veri", PASSWORD)
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 30 * 60
    session = Session.objects.get(session_key=cookie.value)
    assert timedelta(minutes=29) < session.expire_date - timezone.now() <= timedelta(minutes=30)


def _age_session(client, *, started_ago: float, seen_ago: float) -> None:
    session = client.session
    now = time.time()
    session[SESSION_STARTED] = now - started_ago
    session[SESSION_SEEN] = now - seen_ago
    session.save()


def test_thirty_idle_minutes_end_the_session(client, scenario):
    client.login(username="veri", password=PASSWORD)
    _age_session(client, started_ago=31 * 60, seen_ago=31 * 60)
    response = client.get(reverse("dashboards:overview"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "Oturumunuzun süresi doldu" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_expired_stored_session_is_not_accepted(client, scenario):
    client.login(username="veri", password=PASSWORD)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(reverse("dashboards:overview"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_activity_keeps_the_session_alive_for_up_to_twelve_hours(client, scenario):
    client.login(username="veri", password=PASSWORD)
    # Active for 11 hours, last request two minutes ago: the request passes and refreshes the clock.
    _age_session(client, started_ago=11 * 3600, seen_ago=120)
    assert client.get(reverse("dashboards:overview")).status_code == 200
    assert time.time() - client.session[SESSION_SEEN] < 5
    expiry = Session.objects.get(session_key=client.session.session_key).expire_date
    assert expiry - timezone.now() > timedelta(minutes=29)
    # Twelve hours after log-in the session ends however active the person is.
    _age_session(client, started_ago=12 * 3600 + 1, seen_ago=10)
    response = client.get(reverse("dashboards:overview"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_pages_carry_a_content_security_policy_without_inline_script(client, scenario):
    client.login(username="veri", password=PASSWORD)
    policy = client.get(reverse("dashboards:overview")).headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy


@pytest.mark.parametrize(
    ("password", "accepted"),
    [
        ("Kısa-1", False),  # shorter than 12
        ("parolaparolaparola", False),  # letters only
        ("123456789012345", False),  # digits only
        ("password1234", False),  # a common password
        ("Göç-İzleme-2026!", True),
        ("uzun bir parola cümlesi 7", True),
    ],
)
def test_password_rules(password, accepted):
    if accepted:
        validate_password(password)
    else:
        with pytest.raises(ValidationError):
            validate_password(password)


@pytest.mark.parametrize(
    ("role", "is_staff", "is_superuser", "allowed"),
    [
        (Role.ADMIN, True, False, True),
        (None, False, True, True),
        (Role.ADMIN, False, False, False),  # the role without the staff flag
        (Role.STRATEGY, True, False, False),  # staff status alone is not enough
        (Role.UNIT_ENTRY, True, False, False),
        (Role.TOP_MANAGEMENT, False, False, False),
    ],
)
def test_the_django_admin_is_for_admins_only(client, role, is_staff, is_superuser, allowed):
    user = UserFactory(is_staff=is_staff, is_superuser=is_superuser)
    if role:
        RoleAssignmentFactory(user=user, role=role)
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    if allowed:
        assert response.status_code == 200
    else:
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert ("Yönetim paneli" in client.get(reverse("dashboards:overview")).content.decode()) is allowed


def test_demo_admin_reaches_the_admin_and_the_strategy_user_does_not(client, demo):
    client.login(username="yonetici", password="Demo-yonetici-2024")
    assert client.get(reverse("admin:index")).status_code == 200
    client.logout()
    client.login(username="strateji", password="Demo-strateji-2024")
    assert client.get(reverse("admin:index")).status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded", "peer", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.5", "10.0.0.5"),  # no proxy: a forged header is ignored
        (1, "203.0.113.9", "10.0.0.5", "203.0.113.9"),  # the address our proxy appended
        (1, "1.2.3.4, 203.0.113.9", "10.0.0.5", "203.0.113.9"),  # the client's own claim is ignored
        (1, "", "10.0.0.5", "10.0.0.5"),
    ],
)
def test_the_lockout_counts_the_real_client_address(settings, rf, proxies, forwarded, peer, expected):
    from accounts.views import client_ip

    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=peer)
    assert client_ip(request) == expected


def test_an_expired_session_sends_an_htmx_call_to_the_log_in_page(client, scenario):
    client.login(username="veri", password=PASSWORD)
    _age_session(client, started_ago=31 * 60, seen_ago=31 * 60)
    response = client.post("/izleme/DB1/2026/3/onizleme/1/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("login") + "?next=")
