"""Every intake page against every role: allowed roles get it, others a 403 (never a 500), logged."""

from datetime import timedelta

import pytest

from eenplan.access.models import AccessLogEntry, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.intake import services
from eenplan.intake.models import TriageDecision
from eenplan.testing.factories import HouseholdMemberFactory, TeamFactory, UserFactory, WijkFactory

from .factories import make_signal

pytestmark = pytest.mark.django_db

ALL_ROLES = [r.value for r in RoleCode]
WORKERS = {RoleCode.PROFESSIONAL, RoleCode.TEAM_LEAD, RoleCode.SAFETY_SPECIALIST, RoleCode.FRONT_OFFICE}


@pytest.fixture
def world():
    wijk = WijkFactory(postcode_areas="3511")
    team = TeamFactory(wijken=[wijk])
    users = {code: UserFactory(roles=[code], team=team, username=f"u-{code}") for code in ALL_ROLES}
    member = HouseholdMemberFactory(household__wijk=wijk)
    signal = make_signal(team=team, household=member.household, by=users[RoleCode.FRONT_OFFICE])
    triage = services.triage_decide(signal=signal, by=users[RoleCode.PROFESSIONAL], urgency="normaal", unsafe="nee", children="nee",
                                    decision=TriageDecision.CASE_OPENED, routed_to=users[RoleCode.PROFESSIONAL])
    for code in WORKERS:  # involvement decides the case tab; here only the role should
        from eenplan.cases.services import case_involve

        case_involve(case=triage.case, user=users[code], by=users[RoleCode.PROFESSIONAL])
    open_signal = make_signal(team=team, postcode="3511 AC", house_number=9)
    return users, triage.case, open_signal


PAGES = {
    "board": (lambda case, s: "/intake/", WORKERS),
    "new": (lambda case, s: "/intake/signalen/nieuw/", WORKERS),
    "signal": (lambda case, s: f"/intake/signalen/{s.pk}/", WORKERS),
    "triage": (lambda case, s: f"/intake/signalen/{s.pk}/triage/", WORKERS),
    "rota": (lambda case, s: "/intake/rooster/", WORKERS),
    "case_triage": (lambda case, s: f"/casussen/{case.pk}/intake/", WORKERS),
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_role_against_page(world, verified_client, page, role):
    users, case, signal = world
    url_for, allowed = PAGES[page]
    response = verified_client(users[role]).get(url_for(case, signal))
    if role in allowed:
        assert response.status_code == 200, f"{role} should reach {page}"
    else:
        assert response.status_code == 403, f"{role} must not reach {page} (got {response.status_code})"
        assert AccessLogEntry.objects.filter(username=users[role].username, outcome=Outcome.REFUSED).exists()


POSTS = ["/intake/signalen/{pk}/contactpoging/", "/intake/signalen/{pk}/toewijzen/", "/intake/signalen/{pk}/koppelen/",
         "/intake/signalen/{pk}/vervallen/", "/intake/signalen/{pk}/triage/"]


@pytest.mark.parametrize("url", POSTS)
@pytest.mark.parametrize("role", [RoleCode.MUNICIPAL_OFFICER, RoleCode.POLICY, RoleCode.FUNCTIONAL_ADMIN])
def test_other_roles_cannot_post(world, verified_client, url, role):
    users, _, signal = world
    assert verified_client(users[role]).post(url.format(pk=signal.pk), {}).status_code == 403


def test_signal_of_another_team_is_refused_and_logged(world, verified_client):
    users, _, signal = world
    outsider = UserFactory(roles=[RoleCode.PROFESSIONAL], team=TeamFactory(), username="outsider")
    response = verified_client(outsider).get(f"/intake/signalen/{signal.pk}/")
    assert response.status_code == 403
    entry = AccessLogEntry.objects.get(username="outsider", outcome=Outcome.REFUSED)
    assert entry.record_type == "intake.Signal" and entry.record_id == str(signal.pk)
    assert verified_client(outsider).post(f"/intake/signalen/{signal.pk}/contactpoging/", {}).status_code == 403
    assert signal.pk not in [s.pk for s in outsider_board(verified_client, outsider)]


def outsider_board(verified_client, user):
    return verified_client(user).get("/intake/").context["signals"]


def test_reading_a_signal_is_logged_with_the_person(world, verified_client):
    users, case, _ = world
    signal = case.signals.get()
    verified_client(users[RoleCode.FRONT_OFFICE]).get(f"/intake/signalen/{signal.pk}/")
    entry = AccessLogEntry.objects.filter(username=users[RoleCode.FRONT_OFFICE].username, record_type="intake.Signal",
                                          action="read").latest("pk")
    assert entry.household_id == case.household_id and entry.outcome == Outcome.ALLOWED


def test_only_the_team_lead_plans_the_rota(world, verified_client):
    users, *_ = world
    from django.utils import timezone

    data = {"day": timezone.localdate().isoformat(), "user": users[RoleCode.PROFESSIONAL].pk}
    assert verified_client(users[RoleCode.PROFESSIONAL]).post("/intake/rooster/", data).status_code == 403
    r = verified_client(users[RoleCode.TEAM_LEAD]).post("/intake/rooster/", data)
    assert r.status_code == 302, [str(m) for m in r.context["messages"]]
    board = verified_client(users[RoleCode.FRONT_OFFICE]).get("/intake/")
    assert board.context["teams"][0].on_duty_today == users[RoleCode.PROFESSIONAL]


def test_case_tab_needs_involvement(world, verified_client):
    _, case, _ = world
    stranger = UserFactory(roles=[RoleCode.PROFESSIONAL], team=case.team, username="stranger")
    assert verified_client(stranger).get(f"/casussen/{case.pk}/intake/").status_code == 403
    assert AccessLogEntry.objects.filter(username="stranger", outcome=Outcome.REFUSED, case_id=case.pk).exists()


def test_case_tab_shows_the_signal_and_triage(world, verified_client):
    users, case, _ = world
    response = verified_client(users[RoleCode.PROFESSIONAL]).get(f"/casussen/{case.pk}/intake/")
    assert response.status_code == 200
    assert [s.pk for s in response.context["signals"]] == list(case.signals.values_list("pk", flat=True))
    assert b"post stapelt zich op" in response.content


def test_team_lead_plans_a_cycle_through_the_page(world, verified_client):
    users, case, _ = world
    from django.utils import timezone

    from eenplan.intake.models import DutyDay

    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday()) + timedelta(days=7)
    pro, spec = users[RoleCode.PROFESSIONAL], users[RoleCode.SAFETY_SPECIALIST]
    response = verified_client(users[RoleCode.TEAM_LEAD]).post("/intake/rooster/", {
        "team": case.team_id, "cyc-start": monday.isoformat(), "cyc-days": "14", "cyc-users": [pro.pk, spec.pk]})
    assert response.status_code == 302
    assert DutyDay.objects.filter(team=case.team).count() == 10
    empty = verified_client(users[RoleCode.TEAM_LEAD]).post("/intake/rooster/", {
        "team": case.team_id, "cyc-start": monday.isoformat(), "cyc-days": "14"})
    assert empty.status_code == 400 and "users" in empty.context["cycle_form"].errors


def test_assigning_a_municipal_officer_is_refused(world, verified_client):
    users, _, signal = world
    officer = users[RoleCode.MUNICIPAL_OFFICER]
    response = verified_client(users[RoleCode.FRONT_OFFICE]).post(f"/intake/signalen/{signal.pk}/toewijzen/", {"asg-user": officer.pk})
    assert response.status_code == 400
    signal.refresh_from_db()
    assert signal.assigned_to != officer
