"""NEN 7513: every kind of read, write and refusal is in the log with user, role, client, record,
action and outcome — and each write exactly once."""

import pytest

from eenplan.access.models import AccessLogEntry, Action, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.testing.factories import CaseFactory, HouseholdMemberFactory, TeamFactory, UserFactory, team_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team, username="pro")
    cast = team_cast(team, pro)
    member = HouseholdMemberFactory()
    case = CaseFactory(team=team, regisseur=pro, household=member.household)
    return cast, case, member


def _new_lines(since):
    return list(AccessLogEntry.objects.filter(pk__gt=since).order_by("pk"))


def _mark():
    last = AccessLogEntry.objects.order_by("-pk").first()
    return last.pk if last else 0


def _one(lines, **expected):
    found = [line for line in lines if all(getattr(line, k) == v for k, v in expected.items())]
    assert len(found) == 1, (expected, [(x.username, x.action, x.outcome, x.record_type, x.detail) for x in lines])
    line = found[0]
    assert line.user_id and line.username and line.acting_role, "who and in which role"
    assert line.record_type, "which record"
    assert line.at and line.path, "when and where"
    return line


def test_every_kind_of_access_is_logged_completely(world, verified_client, client):
    cast, case, member = world
    pro, colleague, lead, officer, admin = cast["pro"], cast["other_pro"], cast["lead"], cast["officer"], cast["admin"]
    client_ids = {"case_id": case.pk, "household_id": case.household_id}

    # A read, allowed by involvement.
    since = _mark()
    assert verified_client(pro).get(f"/casussen/{case.pk}/").status_code == 200
    _one(_new_lines(since), action=Action.READ, outcome=Outcome.ALLOWED, record_type="cases.Case", acting_role="betrokken", **client_ids)

    # A write: one line, with the ground, the client and the page.
    since = _mark()
    assert verified_client(pro).post(f"/casussen/{case.pk}/fase/", {"to_phase": "plan", "note": ""}).status_code == 302
    lines = _new_lines(since)
    assert [x.action for x in lines].count(Action.UPDATE) == 1
    _one(lines, action=Action.UPDATE, outcome=Outcome.ALLOWED, acting_role="betrokken", path=f"/casussen/{case.pk}/fase/", **client_ids)

    # A refusal by the policy (same team, not involved) and by role (municipal officer), both with the client.
    since = _mark()
    assert verified_client(colleague).get(f"/casussen/{case.pk}/").status_code == 403
    assert verified_client(officer).get(f"/casussen/{case.pk}/").status_code == 403
    lines = _new_lines(since)
    _one(lines, user=colleague, outcome=Outcome.REFUSED, acting_role=RoleCode.PROFESSIONAL, **client_ids)
    _one(lines, user=officer, outcome=Outcome.REFUSED, acting_role=RoleCode.MUNICIPAL_OFFICER, **client_ids)

    # A household read, and a refused write on it.
    since = _mark()
    assert verified_client(pro).get(f"/huishoudens/{case.household_id}/").status_code == 200
    _one(_new_lines(since), action=Action.READ, record_type="people.Household", household_id=case.household_id)

    # A search: what was shown, by id.
    since = _mark()
    verified_client(pro).get("/zoeken/", {"name": member.person.surname})
    search = _one(_new_lines(since), action=Action.SEARCH, record_type="people.Person")
    assert member.person.pk in search.shown_ids

    # A list page: the ids it showed.
    since = _mark()
    verified_client(pro).get("/caseload/")
    assert _one(_new_lines(since), record_type="caseload").shown_ids == [case.pk]

    # The API: an allowed list, and a refusal by role with the client.
    since = _mark()
    verified_client(pro).get("/api/v1/cases")
    verified_client(cast["policy"]).get(f"/api/v1/cases/{case.pk}")
    lines = _new_lines(since)
    assert _one(lines, action=Action.SEARCH, record_type="cases.Case").shown_ids == [case.pk]
    _one(lines, user=cast["policy"], outcome=Outcome.REFUSED, **client_ids)

    # Access with a reason, then a refused write under it.
    since = _mark()
    lead_client = verified_client(lead)
    assert lead_client.post(f"/casussen/{case.pk}/openen-met-reden/", {"reason": "Regisseur ziek, school belde"}).status_code == 302
    assert lead_client.post(f"/casussen/{case.pk}/fase/", {"to_phase": "ondersteuning"}).status_code == 403
    lines = _new_lines(since)
    assert _one(lines, action=Action.BREAK_GLASS, outcome=Outcome.ALLOWED, **client_ids).reason == "Regisseur ziek, school belde"
    _one(lines, outcome=Outcome.REFUSED, acting_role="team_lead:reden:alleen-lezen", **client_ids)

    # A staff member's roles changed: before and after.
    since = _mark()
    from eenplan.accounts.tests.test_admin_own_access import _change_data

    verified_client(admin).post(f"/beheer/accounts/user/{colleague.pk}/change/",
                                _change_data(colleague, roles=[RoleCode.PROFESSIONAL, RoleCode.SAFETY_SPECIALIST]))
    change = _one(_new_lines(since), action=Action.UPDATE, record_type="accounts.User", record_id=str(colleague.pk))
    assert change.before["roles"] == ["professional"] and change.after["roles"] == ["professional", "safety_specialist"]

    # A failed login.
    since = _mark()
    client.logout()
    client.post("/inloggen/", {"username": pro.username, "password": "fout"})
    failed = [x for x in _new_lines(since) if x.action == Action.LOGIN]
    assert len(failed) == 1 and failed[0].outcome == Outcome.REFUSED and failed[0].user_id == pro.pk and failed[0].ip_address
