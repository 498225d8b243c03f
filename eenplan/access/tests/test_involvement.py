"""A professional sees a case because they are involved in it — not because they are in the team."""

import pytest
from django.core.exceptions import ValidationError

from eenplan.access import policy
from eenplan.access.models import AccessLogEntry, Action, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.testing.factories import CaseFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    team = TeamFactory()
    involved = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    colleague = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    lead = UserFactory(roles=[RoleCode.TEAM_LEAD], team=team)
    case = CaseFactory(team=team, regisseur=involved)
    return team, involved, colleague, lead, case


def test_uninvolved_team_member_is_refused_and_logged(setup, verified_client):
    _, _, colleague, _, case = setup
    response = verified_client(colleague).get(f"/casussen/{case.pk}/")
    assert response.status_code == 403
    entry = AccessLogEntry.objects.get(username=colleague.username, case_id=case.pk)
    assert entry.outcome == Outcome.REFUSED and entry.household_id == case.household_id


def test_involved_read_is_logged_with_client(setup, verified_client):
    _, involved, _, _, case = setup
    assert verified_client(involved).get(f"/casussen/{case.pk}/").status_code == 200
    entry = AccessLogEntry.objects.get(username=involved.username, action=Action.READ, case_id=case.pk)
    assert entry.outcome == Outcome.ALLOWED
    assert entry.acting_role == "betrokken"
    assert entry.household_id == case.household_id
    assert entry.path == f"/casussen/{case.pk}/"


def test_team_lead_lists_but_opens_only_with_reason(setup, verified_client):
    _, _, _, lead, case = setup
    client = verified_client(lead)
    listing = client.get("/team/")
    assert case.household.name in listing.content.decode()
    assert client.get(f"/casussen/{case.pk}/").status_code == 403
    too_short = client.post(f"/casussen/{case.pk}/openen-met-reden/", {"reason": "kijken"})
    assert too_short.status_code == 200 and not policy.has_active_grant(lead, case)
    response = client.post(f"/casussen/{case.pk}/openen-met-reden/", {"reason": "Signaal van school, regisseur ziek"})
    assert response.status_code == 302
    assert client.get(f"/casussen/{case.pk}/").status_code == 200
    grant_line = AccessLogEntry.objects.get(action=Action.BREAK_GLASS, username=lead.username)
    assert grant_line.reason == "Signaal van school, regisseur ziek"


def test_lead_of_other_team_cannot_open_with_reason(setup):
    _, _, _, _, case = setup
    other_lead = UserFactory(roles=[RoleCode.TEAM_LEAD], team=TeamFactory())
    with pytest.raises(policy.PermissionDenied):
        policy.access_grant_with_reason(user=other_lead, case=case, reason="Ik wil het graag zien")
    assert AccessLogEntry.objects.filter(username=other_lead.username, outcome=Outcome.REFUSED).exists()


def test_reason_is_required(setup):
    _, _, _, lead, case = setup
    with pytest.raises(ValidationError):
        policy.access_grant_with_reason(user=lead, case=case, reason="  ")


def test_released_professional_loses_access(setup):
    from eenplan.cases.services import case_involve, case_release

    _, involved, colleague, _, case = setup
    case_involve(case=case, user=colleague, by=involved)
    assert policy.case_decision(colleague, case)
    case_release(case=case, user=colleague, by=involved)
    assert not policy.case_decision(colleague, case)


def test_municipal_officer_never_gets_content_even_if_involved(setup):
    from django.utils import timezone

    from eenplan.cases.models import Involvement

    _, _, _, _, case = setup
    officer = UserFactory(roles=[RoleCode.MUNICIPAL_OFFICER])
    Involvement.objects.create(case=case, user=officer, since=timezone.now())
    assert not policy.case_decision(officer, case)
    assert case not in policy.cases_visible_to(officer)
