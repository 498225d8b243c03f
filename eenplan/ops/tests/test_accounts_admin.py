"""The functional administrator lifts a lockout and resets an authenticator app, both in the access log."""

import pytest
from django.conf import settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from eenplan.access.models import AccessLogEntry
from eenplan.accounts.models import RoleCode
from eenplan.ops.models import Lockout
from eenplan.testing.auth import verified_device
from eenplan.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def password_step(client, username, password):
    return client.post("/inloggen/", {"username": username, "password": password})


def lock_out(client, username):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        password_step(client, username, "wrong password")
    assert password_step(client, username, PASSWORD).status_code == 429


@pytest.fixture
def admin_client(client, verified_client):
    from django.test import Client

    return verified_client(UserFactory(username="mira", roles=[RoleCode.FUNCTIONAL_ADMIN])), Client()


def test_a_locked_account_is_listed_and_unlocked_and_the_colleague_logs_in_again(admin_client):
    admin, colleague = admin_client
    UserFactory(username="bram", roles=[RoleCode.PROFESSIONAL])
    lock_out(colleague, "bram")
    lockout = Lockout.objects.get(username="bram", unlocked_at__isnull=True)

    page = admin.get(reverse("ops:accounts")).content.decode()
    assert "bram" in page and "Ontgrendelen" in page
    response = admin.post(reverse("ops:unlock", args=[lockout.pk]))
    assert response.status_code == 302

    assert password_step(colleague, "bram", PASSWORD)["Location"].startswith("/inloggen/code/")
    entry = AccessLogEntry.objects.get(record_type="account", record_id="bram")
    assert entry.username == "mira" and entry.detail == "account ontgrendeld na te veel mislukte inlogpogingen"
    assert "Er is geen account geblokkeerd." in admin.get(reverse("ops:accounts")).content.decode()


def test_resetting_an_authenticator_removes_the_device_and_is_logged(admin_client):
    admin, _ = admin_client
    anna = UserFactory(username="anna", roles=[RoleCode.PROFESSIONAL])
    verified_device(anna)
    response = admin.post(reverse("ops:accounts"), {"user": anna.pk, "confirm": "on"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=anna).exists()
    entry = AccessLogEntry.objects.get(record_type="account", record_id="anna")
    assert entry.detail.startswith("authenticator-app van anna teruggezet")


def test_reset_without_confirmation_keeps_the_choice_and_says_why(admin_client):
    admin, _ = admin_client
    anna = UserFactory(username="anna", roles=[RoleCode.PROFESSIONAL])
    verified_device(anna)
    page = admin.post(reverse("ops:accounts"), {"user": anna.pk})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Bevestig dat u heeft gecontroleerd wie het vraagt." in html
    assert f'value="{anna.pk}" selected' in html
    assert TOTPDevice.objects.filter(user=anna).exists() and not AccessLogEntry.objects.filter(record_type="account").exists()


def test_a_professional_may_not_use_the_account_page(verified_client):
    client = verified_client(UserFactory(roles=[RoleCode.PROFESSIONAL]))
    assert client.get(reverse("ops:accounts")).status_code == 403
