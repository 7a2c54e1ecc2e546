"""Writes of the two-factor log-in: set up, verify a code, renew recovery codes, turn off, reset.

The authenticator app is a django-otp TOTPDevice (RFC 6238: six digits every 30 seconds); the
recovery codes are the tokens of one StaticDevice, each deleted when used. Every change is audited.
"""

from base64 import b32encode
from binascii import unhexlify
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from accounts.models import User
from core.audit import audit_record
from core.exceptions import ApplicationError

RECOVERY_CODE_COUNT = 10
DEVICE_NAME = gettext_lazy("Kimlik doğrulama uygulaması")
RECOVERY_NAME = gettext_lazy("Kurtarma kodları")


@dataclass(frozen=True)
class CodeCheck:
    device: Device | None
    message: str = ""


def two_factor_secret_new() -> str:
    """Return a new TOTP secret (20 random bytes as hex), kept in the session until it is confirmed."""
    return random_hex(20)


def two_factor_secret_text(key: str) -> str:
    """Return the secret as the base32 text an authenticator app accepts, in groups of four."""
    text = b32encode(unhexlify(key)).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def two_factor_setup_url(*, user: User, key: str) -> str:
    """Return the otpauth:// address the QR code carries (issuer OTP_TOTP_ISSUER, the user name)."""
    return TOTPDevice(user=user, key=key).config_url


def _code_normalize(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def _recovery_codes_replace(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=str(RECOVERY_NAME), confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def two_factor_enable(*, user: User, key: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Turn on two-factor log-in once the app shows a right code for `key`; return the device and new recovery codes."""
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ApplicationError(_("İki adımlı giriş zaten açık."))
    code = _code_normalize(code)
    totp = TOTP(unhexlify(key))
    if not (code.isdigit() and totp.verify(int(code), tolerance=1)):
        raise ApplicationError(
            _("Kod doğrulanamadı. Uygulamadaki güncel 6 haneli kodu girin; telefonunuzun saati doğru olmalı.")
        )
    TOTPDevice.objects.filter(user=user).delete()
    # last_t: the code just typed cannot be used again for the log-in's second step.
    device = TOTPDevice.objects.create(user=user, name=str(DEVICE_NAME), key=key, confirmed=True, last_t=totp.t())
    codes = _recovery_codes_replace(user)
    audit_record(actor=user, obj=user, action="two_factor_enable", changes={"two_factor": [None, str(DEVICE_NAME)]})
    return device, codes


@transaction.atomic
def two_factor_code_check(*, user: User, code: str) -> CodeCheck:
    """Check a code of the app (six digits) or a recovery code (used up); a wrong one slows the next down."""
    code = _code_normalize(code)
    model: type[TOTPDevice] | type[StaticDevice] = TOTPDevice if code.isdigit() else StaticDevice
    device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
    if device is None or not code:
        return CodeCheck(None, _("Kod hatalı. Lütfen yeniden deneyin."))
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        return CodeCheck(None, _("Çok sayıda hatalı kod girildi. Birkaç saniye bekleyip yeniden deneyin."))
    if not device.verify_token(code):
        return CodeCheck(None, _("Kod hatalı. Lütfen yeniden deneyin."))
    if isinstance(device, StaticDevice):
        left = device.token_set.count()
        audit_record(
            actor=user, obj=user, action="recovery_code_use", changes={"recovery_codes_left": [None, str(left)]}
        )
    return CodeCheck(device)


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    """Replace the user's recovery codes with new ones (the old ones stop working); return them to show once."""
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ApplicationError(_("Önce iki adımlı girişi açın."))
    codes = _recovery_codes_replace(user)
    audit_record(actor=user, obj=user, action="recovery_codes_renew", changes={})
    return codes


@transaction.atomic
def two_factor_disable(*, user: User, actor: User | None, reason: str = "") -> None:
    """Remove the user's authenticator app and recovery codes (the user's choice, or an admin's reset)."""
    removed = TOTPDevice.objects.filter(user=user).delete()[0] + StaticDevice.objects.filter(user=user).delete()[0]
    if removed:
        audit_record(
            actor=actor,
            obj=user,
            action="two_factor_disable",
            changes={"two_factor": [str(DEVICE_NAME), None]},
            reason=reason,
        )
