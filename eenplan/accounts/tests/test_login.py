import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from eenplan.access.middleware import view_declares_access
from eenplan.access.models import AccessLogEntry, Action, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.accounts.services import current_code, totp_device_set_demo
from eenplan.testing.browser import PASSWORD
from eenplan.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    user = UserFactory(roles=[RoleCode.PROFESSIONAL], username="sanne")
    totp_device_set_demo(user=user)
    return user


def _password_step(client, password=PASSWORD, username="sanne"):
    return client.post("/inloggen/", {"username": username, "password": password})


def test_two_steps_password_then_code(client, user):
    response = _password_step(client)
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/code/")
    # Password alone does not open anything.
    assert client.get("/caseload/")["Location"].startswith("/inloggen/code/")
    device = user.totpdevice_set.get()
    response = client.post("/inloggen/code/", {"token": current_code(device)})
    assert response.status_code == 302
    assert client.get("/caseload/").status_code == 200
    assert AccessLogEntry.objects.filter(action=Action.LOGIN, username="sanne", outcome=Outcome.ALLOWED).exists()


def test_wrong_code_is_refused_and_logged(client, user):
    _password_step(client)
    response = client.post("/inloggen/code/", {"token": "000000" if current_code(user.totpdevice_set.get()) != "000000" else "111111"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert client.get("/caseload/").status_code == 302
    assert AccessLogEntry.objects.filter(action=Action.LOGIN, outcome=Outcome.REFUSED).exists()


def test_account_without_device_must_enrol(client):
    UserFactory(roles=[RoleCode.PROFESSIONAL], username="nieuw")
    _password_step(client, username="nieuw")
    response = client.get("/inloggen/code/")
    assert response["Location"] == "/inloggen/app-koppelen/"
    page = client.get("/inloggen/app-koppelen/")
    assert page.status_code == 200 and "<svg" in page.content.decode()


def test_enrolment_key_stays_the_same_on_reload_until_confirmed(client):
    """Issue 11, defect 14: every reload of the setup page made a new key, so a key scanned before the reload failed."""
    import re

    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = UserFactory(roles=[RoleCode.PROFESSIONAL], username="nieuw")
    _password_step(client, username="nieuw")

    def key():
        return re.search(r"<code>([A-Z2-7]+)</code>", client.get("/inloggen/app-koppelen/").content.decode()).group(1)

    first = key()
    assert key() == first and TOTPDevice.objects.filter(user=user).count() == 1
    device = TOTPDevice.objects.get(user=user)
    response = client.post("/inloggen/app-koppelen/", {"token": current_code(device)})
    assert response.status_code == 302 and TOTPDevice.objects.get(user=user).confirmed


def test_failed_logins_are_throttled(client, user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _password_step(client, password="wrong password")
    response = _password_step(client)  # even the right password is now refused
    assert response.status_code == 429


def test_logout_ends_session(verified_client, user):
    client = verified_client(user)
    assert client.get("/caseload/").status_code == 200
    client.post("/uitloggen/")
    assert client.get("/caseload/").status_code == 302


def test_idle_timeout_is_fifteen_minutes(settings):
    # Not saved on every request: eenplan.core.session saves it at most once a minute (tests in core).
    assert settings.SESSION_COOKIE_AGE == 900 and not settings.SESSION_SAVE_EVERY_REQUEST


def test_demo_code_only_shown_in_demo_mode(client, user, settings):
    _password_step(client)
    settings.DEBUG, settings.EENPLAN_DEMO = False, False
    body = client.get("/inloggen/code/").content.decode()
    assert "Demo" not in body
    settings.DEBUG, settings.EENPLAN_DEMO = True, True
    assert current_code(user.totpdevice_set.get()) in client.get("/inloggen/code/").content.decode()


def _all_patterns(resolver, prefix=""):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver) and p.app_name == "admin":
            continue  # the admin site decides access itself; tested in test_page_access
        if isinstance(p, URLResolver):
            yield from _all_patterns(p, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.callback


def test_every_view_declares_who_may_use_it():
    undeclared = [route for route, view in _all_patterns(get_resolver()) if not view_declares_access(view)]
    assert undeclared == []


def test_session_id_is_rotated_at_the_second_factor(client, user):
    _password_step(client)
    after_password = client.cookies["sessionid"].value
    client.post("/inloggen/code/", {"token": current_code(user.totpdevice_set.get())})
    assert client.cookies["sessionid"].value != after_password
    assert client.get("/caseload/").status_code == 200


def test_failed_logins_and_lockout_are_in_the_access_log(client, user, settings):
    _password_step(client, password="wrong password", username="niemand")
    unknown = AccessLogEntry.objects.get(action=Action.LOGIN, outcome=Outcome.REFUSED)
    assert unknown.username == "anonymous" and "niemand" in unknown.detail and unknown.ip_address == "127.0.0.1"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _password_step(client, password="wrong password")
    refused = AccessLogEntry.objects.filter(action=Action.LOGIN, outcome=Outcome.REFUSED, username="sanne")
    assert refused.filter(detail="wrong password").count() >= settings.AXES_FAILURE_LIMIT - 1
    assert refused.filter(detail__startswith="locked out").exists()


def test_lockout_counts_the_forwarded_client_behind_a_trusted_proxy(client, user, settings):
    settings.EENPLAN_TRUSTED_PROXIES = ["127.0.0.1"]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/inloggen/", {"username": "sanne", "password": "wrong"}, HTTP_X_FORWARDED_FOR="203.0.113.9")
    # The same username from another client behind the same proxy is not locked out.
    response = client.post("/inloggen/", {"username": "sanne", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response.status_code == 302
    assert AccessLogEntry.objects.filter(ip_address="203.0.113.9", outcome=Outcome.REFUSED).exists()
