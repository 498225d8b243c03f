"""The informatieprotocol page: public, made from the policy, and each line true of real users."""

import pytest
from django.utils import timezone

from eenplan.access import policy
from eenplan.accounts.models import Role, RoleCode
from eenplan.intake.models import Signal
from eenplan.testing.factories import CaseFactory, TeamFactory, UserFactory

from .data import signal

pytestmark = pytest.mark.django_db


def test_protocol_is_public_and_lists_every_configured_role_in_dutch(client, settings):
    settings.RETENTION_YEARS = {"jeugdwet": 20, "wmo": 15, "participatiewet": 5}
    settings.PRIVACY_OFFICER_CONTACT = "fg@voorbeeld.example"
    response = client.get("/privacy/informatieprotocol/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wie mag uw gegevens zien" in html
    for role in Role.objects.all():
        assert str(RoleCode(role.code).label) in html  # Dutch labels, e.g. "Privacyfunctionaris"
    assert "Privacyfunctionaris" in html
    assert "Jeugdwet): 20 jaar" in html and "Wmo 2015): 15 jaar" in html
    assert "fg@voorbeeld.example" in html


def test_protocol_only_shows_roles_configured_here(client):
    Role.objects.filter(code=RoleCode.POLICY).delete()
    html = client.get("/privacy/informatieprotocol/").content.decode()
    assert str(RoleCode.POLICY.label) not in html


def test_public_form_and_footer_link_to_protocol(client):
    assert 'href="/privacy/informatieprotocol/">Wie mag uw gegevens zien</a>.' in client.get("/aanmelden/").content.decode()
    assert 'href="/privacy/informatieprotocol/"' in client.get("/inloggen/").content.decode()


def _rules(code):
    return {rule.key for rule in policy.PROTOCOL_RULES if rule.applies(policy.RoleProbe(code))}


@pytest.mark.parametrize("code", [c for c in RoleCode.values])
def test_each_rule_on_the_page_is_what_the_policy_decides_for_a_real_user(code, client):
    """Not a copy of the table: the real decisions for a real user with only this role."""
    from eenplan.testing.auth import login_verified

    team = TeamFactory()
    user = UserFactory(roles=[code], team=team)
    lead_membership = user.memberships.first()
    if lead_membership and code == RoleCode.TEAM_LEAD:
        assert lead_membership.is_lead
    case = CaseFactory(team=team, involved=[user])
    other_case = CaseFactory(team=team)
    sig = signal(team=team, received_at=timezone.now())
    rules = _rules(code)

    assert bool(policy.case_decision(user, case)) == ("case_content" in rules)
    assert bool(policy.signal_decision(user, Signal.objects.get(pk=sig.pk))) == ("signals" in rules)
    assert policy.can_search_people(user) == ("search" in rules)
    assert policy.sees_only_known_status(user) == ("known_only" in rules)
    assert policy.can_request_access(user, other_case) == ("team_list" in rules)
    assert bool(policy.safety_record_decision(user, other_case)) == ("safety_records" in rules)
    login_verified(client, user)
    assert (client.get("/privacy/toegang/").status_code == 200) == ("review_log" in rules)
