"""Second factor: every staff account must have a confirmed TOTP device."""

import base64
import binascii
import secrets

from django.conf import settings
from django.db import transaction
from django_otp import match_token
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

DEMO_DEVICE_NAME = "demo"


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def device_secret_base32(device: TOTPDevice) -> str:
    return base64.b32encode(binascii.unhexlify(device.key)).decode().rstrip("=")


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):0{device.digits}d}"


@transaction.atomic
def totp_device_start_enrolment(*, user) -> TOTPDevice:
    """The device being linked: the unconfirmed one if there is one, so a reload of the page shows the same key (the
    app may have scanned it already); a new one otherwise."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, user, token: str) -> TOTPDevice | None:
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


def verify_token(*, user, token: str):
    return match_token(user, token)


@transaction.atomic
def totp_device_set_demo(*, user, hex_key: str | None = None) -> TOTPDevice:
    """Demo seed only: a fixed, printed secret so a demo can pass the second factor."""
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(
        user=user, name=DEMO_DEVICE_NAME, key=hex_key or secrets.token_hex(20), confirmed=True
    )


def demo_hints_enabled() -> bool:
    return bool(settings.DEBUG and settings.EENPLAN_DEMO)


@transaction.atomic
def notification_preference_set(*, user, email: str, email_notifications: bool):
    """The staff member's own choice of notification e-mail; e-mail needs an address to go to."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    email = (email or "").strip()
    if email_notifications and not email:
        raise ValidationError({"email": _("Enter the e-mail address the notifications go to.")})
    user.email, user.email_notifications = email, bool(email_notifications)
    user.save(update_fields=["email", "email_notifications"])
    return user
