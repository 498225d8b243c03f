"""Single sign-on end to end: a real OpenID Connect provider (django-oidc-provider, started here on a
loopback port), eenplan's mozilla-django-oidc client, and headless Chromium in between. No mocks."""

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

from eenplan.access.models import AccessLogEntry
from eenplan.accounts.models import IdPDevice, RoleCode, User
from eenplan.accounts.oidc import idp_asserted_second_factor, mapped_roles
from eenplan.testing.browser import assert_accessible
from eenplan.testing.factories import TeamFactory, UserFactory
from eenplan.testing.servers import OidcProvider

ROLE_MAP = {"eenplan-professional": RoleCode.PROFESSIONAL, "eenplan-teamlead": RoleCode.TEAM_LEAD}


@pytest.fixture
def sso(live_server, settings, tmp_path):
    provider = OidcProvider(
        tmp_path, redirect_uri=f"{live_server.url}/sso/terug/", logout_uri=f"{live_server.url}/inloggen/",
        users=["sso-anna:idp-wachtwoord-anna:anna@eendijk.example:eenplan-professional,mfa",
               "sso-gerrit:idp-wachtwoord-gerrit:gerrit@eendijk.example:eenplan-teamlead"],
    )
    for name, value in provider.client_settings().items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = [*django_settings.AUTHENTICATION_BACKENDS, "eenplan.accounts.oidc.EenplanOIDCBackend"]
    settings.OIDC_CREATE_USER = True
    settings.OIDC_ROLE_MAP = ROLE_MAP
    yield provider
    provider.stop()


def _idp_login(page, username, password):
    page.get_by_role("link", name="Inloggen met uw organisatie-account").click()
    page.wait_for_url(lambda url: "/login/" in url)
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen bij de gemeente").click()


@pytest.mark.production
@pytest.mark.browser
def test_sso_with_the_idps_second_factor_maps_the_role_and_logs_out_at_the_idp_too(page, live_server, sso):
    page.goto(f"{live_server.url}/inloggen/")
    assert_accessible(page)
    _idp_login(page, "sso-anna", "idp-wachtwoord-anna")
    page.wait_for_url(f"{live_server.url}/caseload/")  # no eenplan code asked: the IdP asserted amr=mfa

    anna = User.objects.get(username="sso-anna")
    assert anna.role_codes() == {RoleCode.PROFESSIONAL} and anna.email == "anna@eendijk.example"
    assert not anna.has_usable_password() and IdPDevice.objects.filter(user=anna).exists()
    assert AccessLogEntry.objects.filter(username="sso-anna", detail="single sign-on, second factor by the identity provider").exists()

    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"{live_server.url}/inloggen/")  # via the IdP's end-session endpoint and back
    assert page.goto(f"{live_server.url}/caseload/").url.startswith(f"{live_server.url}/inloggen/")
    # The IdP's own session ended too: signing in again asks for the IdP password.
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_role("link", name="Inloggen met uw organisatie-account").click()
    page.wait_for_url(lambda url: "/login/" in url)
    expect(page.get_by_label("Wachtwoord")).to_be_visible()


@pytest.mark.production
@pytest.mark.browser
def test_sso_without_the_idps_second_factor_asks_for_eenplans_code(page, live_server, sso):
    from eenplan.accounts.services import current_code
    from eenplan.testing.auth import verified_device

    gerrit = UserFactory(username="sso-gerrit", roles=[RoleCode.TEAM_LEAD], team=TeamFactory())
    device = verified_device(gerrit)
    page.goto(f"{live_server.url}/inloggen/")
    _idp_login(page, "sso-gerrit", "idp-wachtwoord-gerrit")
    page.wait_for_url(lambda url: "/inloggen/code/" in url)
    page.get_by_label("Code uit uw authenticator-app").fill(current_code(device))
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/inloggen/" not in url)
    assert not IdPDevice.objects.filter(user=gerrit).exists()
    assert AccessLogEntry.objects.filter(username="sso-gerrit", detail="single sign-on, second factor in eenplan").exists()


def test_second_factor_rules(settings):
    settings.OIDC_MFA_AMR, settings.OIDC_MFA_ACR = ["mfa", "otp"], []
    assert idp_asserted_second_factor({"amr": ["pwd", "mfa"]})
    assert not idp_asserted_second_factor({"amr": ["pwd"], "acr": "urn:high"})
    settings.OIDC_MFA_ACR = ["urn:high"]
    assert idp_asserted_second_factor({"amr": ["pwd"], "acr": "urn:high"})


def test_roles_are_eenplans_own_unless_a_map_is_configured(settings):
    settings.OIDC_ROLE_MAP = {}
    assert mapped_roles({"groups": ["eenplan-teamlead"]}) is None
    settings.OIDC_ROLE_MAP, settings.OIDC_ROLE_CLAIM = ROLE_MAP, "groups"
    assert mapped_roles({"groups": ["eenplan-teamlead", "onbekend"]}) == {RoleCode.TEAM_LEAD}


@pytest.mark.django_db
def test_sso_pages_do_not_exist_without_configuration(client):
    assert client.get("/sso/inloggen/").status_code == 404
    assert "organisatie-account" not in client.get("/inloggen/").content.decode()
