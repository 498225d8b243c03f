"""Issue 12's holes: paths that let a user give themselves access. Each test fails on the old policy."""

import pytest

from eenplan.access import policy
from eenplan.access.models import AccessLogEntry, Action, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Case, Involvement
from eenplan.intake.models import TriageDecision
from eenplan.intake.services import triage_decide
from eenplan.testing.factories import CaseFactory, HouseholdFactory, TeamFactory, UserFactory, WijkFactory
from eenplan.testing.migration_data import restore_migration_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_teams():
    restore_migration_data()
    wijk, other_wijk = WijkFactory(postcode_areas="3511"), WijkFactory(postcode_areas="9999")
    team, other_team = TeamFactory(wijken=[wijk]), TeamFactory(wijken=[other_wijk])
    return wijk, team, other_team


# --- hole 1: opening a case for a household ---------------------------------------------------


def test_professional_of_another_team_cannot_open_a_case_on_a_household(two_teams, verified_client):
    wijk, _, other_team = two_teams
    household = HouseholdFactory(wijk=wijk)
    stranger = UserFactory(roles=[RoleCode.PROFESSIONAL], team=other_team)
    client = verified_client(stranger)
    response = client.post(f"/huishoudens/{household.pk}/casus-openen/", {"question": "Even kijken"})
    assert response.status_code == 403
    assert not Case.objects.filter(household=household).exists()
    assert not Involvement.objects.filter(user=stranger).exists()
    refusal = AccessLogEntry.objects.get(username=stranger.username, outcome=Outcome.REFUSED)
    assert refusal.household_id == household.pk and refusal.action == Action.CREATE
    # A reason does not help someone outside the household's team.
    response = client.post(f"/huishoudens/{household.pk}/casus-openen/", {"reason": "Ik wil het gewoon zien"})
    assert response.status_code == 403 and not Case.objects.filter(household=household).exists()


def test_front_office_of_the_team_cannot_open_a_case_without_ground(two_teams, verified_client):
    wijk, team, _ = two_teams
    household = HouseholdFactory(wijk=wijk)
    front = UserFactory(roles=[RoleCode.FRONT_OFFICE], team=team)
    assert verified_client(front).post(f"/huishoudens/{household.pk}/casus-openen/", {}).status_code == 403
    assert not Case.objects.filter(household=household).exists()


def test_a_signal_routed_to_the_team_lets_a_member_open_the_case(two_teams, verified_client):
    from eenplan.intake.tests.factories import make_signal

    wijk, team, _ = two_teams
    household = HouseholdFactory(wijk=wijk)
    make_signal(team=team, household=household)
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    response = verified_client(pro).post(f"/huishoudens/{household.pk}/casus-openen/", {"question": "Schulden"})
    assert response.status_code == 302
    case = Case.objects.get(household=household)
    line = AccessLogEntry.objects.get(username=pro.username, action=Action.CREATE, record_type="cases.Case")
    assert line.acting_role == "signaal-team" and line.case_id == case.pk and line.path.endswith("/casus-openen/")


def test_a_signal_already_triaged_no_longer_opens_the_household(two_teams, verified_client):
    """The walker found it: a signal triaged long ago (advice given, no case) let every team member
    open a case, and so read the household, forever."""
    from eenplan.intake.models import SignalStatus
    from eenplan.intake.tests.factories import make_signal

    wijk, team, _ = two_teams
    household = HouseholdFactory(wijk=wijk)
    signal = make_signal(team=team, household=household)
    signal.status = SignalStatus.TRIAGED
    signal.save(update_fields=["status"])
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    response = verified_client(pro).post(f"/huishoudens/{household.pk}/casus-openen/", {"question": "Schulden"})
    assert response.status_code == 403 and not Case.objects.filter(household=household).exists()
    assert AccessLogEntry.objects.filter(username=pro.username, outcome="refused", household_id=household.pk).exists()


def test_a_team_member_opens_with_a_logged_reason(two_teams, verified_client):
    wijk, team, _ = two_teams
    household = HouseholdFactory(wijk=wijk)
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    client = verified_client(pro)
    assert client.post(f"/huishoudens/{household.pk}/casus-openen/", {"reason": "kort"}).status_code == 403
    response = client.post(f"/huishoudens/{household.pk}/casus-openen/", {"reason": "Moeder belde zelf met een vraag over schulden"})
    assert response.status_code == 302 and Case.objects.filter(household=household).exists()
    line = AccessLogEntry.objects.get(username=pro.username, action=Action.BREAK_GLASS)
    assert line.reason == "Moeder belde zelf met een vraag over schulden" and line.household_id == household.pk


# --- hole 3: a reason grant is read-only; who may involve -----------------------------------------


@pytest.fixture
def granted_lead():
    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    lead = UserFactory(roles=[RoleCode.TEAM_LEAD], team=team)
    case = CaseFactory(team=team, regisseur=pro)
    policy.access_grant_with_reason(user=lead, case=case, reason="Regisseur ziek, school belde")
    return team, pro, lead, case


def test_a_reason_grant_reads_but_never_writes(granted_lead, verified_client):
    _, pro, lead, case = granted_lead
    client = verified_client(lead)
    assert client.get(f"/casussen/{case.pk}/").status_code == 200
    posts = {
        f"/casussen/{case.pk}/fase/": {"to_phase": "plan", "note": "x"},
        f"/casussen/{case.pk}/regisseur/": {"regisseur": lead.pk, "note": "overname"},
        f"/casussen/{case.pk}/veiligheidsstatus/": {"status": "veilig", "reason": "x"},
        f"/casussen/{case.pk}/betrokkenen/": {"user": lead.pk, "role_in_case": "lead"},
        f"/casussen/{case.pk}/plan/doel/": {"title": "Doel"},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code == 403, url
    case.refresh_from_db()
    assert case.regisseur == pro and case.phase == "vraagverheldering"
    assert not Involvement.objects.filter(case=case, user=lead).exists()
    refused = AccessLogEntry.objects.filter(username=lead.username, outcome=Outcome.REFUSED, case_id=case.pk)
    assert refused.count() == len(posts)
    assert sum(line.acting_role == "team_lead:reden:alleen-lezen" for line in refused) == len(posts) - 1  # all but involve


def test_only_involved_or_the_lead_may_involve(granted_lead, verified_client):
    team, pro, lead, case = granted_lead
    colleague = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    other = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    # An uninvolved colleague cannot add themselves or anyone.
    assert verified_client(colleague).post(f"/casussen/{case.pk}/betrokkenen/", {"user": colleague.pk}).status_code == 403
    assert not Involvement.objects.filter(case=case, user=colleague).exists()
    # The lead adds a colleague (dividing work) but never themselves.
    lead_client = verified_client(lead)
    assert lead_client.post(f"/casussen/{case.pk}/betrokkenen/", {"user": lead.pk}).status_code == 403
    assert lead_client.post(f"/casussen/{case.pk}/betrokkenen/", {"user": other.pk}).status_code == 302
    assert Involvement.objects.filter(case=case, user=other, until__isnull=True).exists()
    # The involved professional adds a colleague; the write is logged once.
    before = AccessLogEntry.objects.count()
    assert verified_client(pro).post(f"/casussen/{case.pk}/betrokkenen/", {"user": colleague.pk}).status_code == 302
    lines = AccessLogEntry.objects.filter(pk__gt=0).order_by("-pk")[: AccessLogEntry.objects.count() - before]
    writes = [line for line in lines if line.action == Action.UPDATE]
    assert len(writes) == 1 and writes[0].acting_role == "betrokken" and writes[0].path == f"/casussen/{case.pk}/betrokkenen/"


# --- hole 4: a signal triaged into a case follows the case ------------------------------------------


def test_triaged_signal_follows_the_case(two_teams, verified_client):
    from eenplan.intake.tests.factories import make_signal

    _, team, _ = two_teams
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    colleague = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    signal = make_signal(subject_name="Petra de Wit", postcode="3511 AB", house_number=4, description="Blauwe plekken gezien bij het kind")
    assert verified_client(colleague).get(f"/intake/signalen/{signal.pk}/").status_code == 200  # before triage: the team
    triage_decide(signal=signal, by=pro, urgency="hoog", unsafe="nee", children="ja", decision=TriageDecision.CASE_OPENED,
                  routed_to=pro)
    signal.refresh_from_db()
    assert signal.case is not None
    client = verified_client(colleague)
    response = client.get(f"/intake/signalen/{signal.pk}/")
    assert response.status_code == 403
    assert "Blauwe plekken" not in response.content.decode()
    assert client.post(f"/intake/signalen/{signal.pk}/vervallen/", {"reason": "weg ermee"}).status_code == 403
    refusal = AccessLogEntry.objects.filter(username=colleague.username, outcome=Outcome.REFUSED).first()
    assert refusal.case_id == signal.case_id
    assert verified_client(pro).get(f"/intake/signalen/{signal.pk}/").status_code == 200
