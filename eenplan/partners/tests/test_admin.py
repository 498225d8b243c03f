"""The functional administrator makes a partner system in /beheer/ (Dutch labels); its secret is shown once and works."""

import base64
import re

import pytest
from django.contrib.messages import get_messages

from eenplan.access.models import AccessLogEntry, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.intake.models import SignalType, SourceType
from eenplan.partners.models import PartnerClient
from eenplan.socialmap.tests.factories import OrganisationFactory
from eenplan.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
ADD = "/beheer/partners/partnerclient/add/"


def test_the_functional_admin_makes_a_partner_system_whose_secret_works_once(verified_client, client):
    admin_user = UserFactory(roles=[RoleCode.FUNCTIONAL_ADMIN])
    org = OrganisationFactory(name="Woonstad")
    browser = verified_client(admin_user)
    page = browser.get(ADD).content.decode()
    for label in ("Partnerorganisatie", "Naam van het partnersysteem", "nieuwe signalen melden (bijvoorbeeld betalingsachterstanden)",
                  "Soorten signalen die het mag melden"):
        assert label in page
    response = browser.post(ADD, {
        "organisation": org.pk, "name": "Huurincasso", "scopes": ["afspraken:lezen", "signalen:melden"],
        "source_type": SourceType.objects.get(code="woningcorporatie").pk, "signal_types": [SignalType.objects.get(code="vhu").pk],
        "active": "on",
    })
    assert response.status_code == 302
    partner = PartnerClient.objects.get()
    assert partner.organisation == org and partner.scope_list() == ["afspraken:lezen", "signalen:melden"]
    assert partner.application.authorization_grant_type == "client-credentials" and not partner.service_user.is_active
    message = " ".join(str(m) for m in get_messages(response.wsgi_request))
    secret = re.search(r"client-secret (\S+)", message).group(1)
    assert secret not in partner.application.client_secret  # stored hashed
    basic = base64.b64encode(f"{partner.client_id}:{secret}".encode()).decode()
    token = client.post("/api/v1/partners/token", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {basic}")
    assert token.status_code == 200 and token.json()["scope"] == "afspraken:lezen signalen:melden"


def test_the_add_form_keeps_what_was_typed_and_says_what_is_missing(verified_client):
    browser = verified_client(UserFactory(roles=[RoleCode.FUNCTIONAL_ADMIN]))
    response = browser.post(ADD, {"organisation": OrganisationFactory().pk, "name": "Huurincasso", "active": "on"})
    assert response.status_code == 200 and not PartnerClient.objects.exists()
    page = response.content.decode()
    assert "Dit veld is vereist." in page and 'value="Huurincasso"' in page


def test_other_roles_are_refused_and_logged(verified_client):
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL])
    assert verified_client(pro).get(ADD).status_code == 403
    assert AccessLogEntry.objects.filter(username=pro.username, outcome=Outcome.REFUSED).exists()
