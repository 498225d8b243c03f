"""Each foundation page against each role: allowed roles get it, others a 403 (never a 500)."""

import pytest

from eenplan.access.models import AccessLogEntry, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.testing.factories import CaseFactory, HouseholdMemberFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

ALL_ROLES = [r.value for r in RoleCode]
WORKERS = {RoleCode.PROFESSIONAL, RoleCode.TEAM_LEAD, RoleCode.SAFETY_SPECIALIST, RoleCode.FRONT_OFFICE}


@pytest.fixture
def world():
    team = TeamFactory()
    users = {code: UserFactory(roles=[code], team=team, username=f"u-{code}") for code in ALL_ROLES}
    member = HouseholdMemberFactory()
    # Every worker role is involved, so only the role decides here; involvement is tested separately.
    case = CaseFactory(household=member.household, team=team, involved=[users[c] for c in WORKERS])
    return users, case


PAGES = {
    "caseload": (lambda case: "/caseload/", WORKERS),
    "team": (lambda case: "/team/", {RoleCode.TEAM_LEAD}),
    "search": (lambda case: "/zoeken/?name=a", WORKERS | {RoleCode.MUNICIPAL_OFFICER}),
    "household": (lambda case: f"/huishoudens/{case.household_id}/", WORKERS),
    "case": (lambda case: f"/casussen/{case.pk}/", WORKERS),
    "household_create": (lambda case: "/huishoudens/nieuw/", WORKERS),
    "access_log": (lambda case: "/beheer/toegangslog/", {RoleCode.FUNCTIONAL_ADMIN}),
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_role_against_page(world, verified_client, page, role):
    users, case = world
    url_for, allowed = PAGES[page]
    response = verified_client(users[role]).get(url_for(case))
    if role in allowed:
        assert response.status_code == 200, f"{role} should reach {page}"
    else:
        assert response.status_code == 403, f"{role} must not reach {page} (got {response.status_code})"
        assert AccessLogEntry.objects.filter(username=users[role].username, outcome=Outcome.REFUSED).exists()


def test_admin_only_for_functional_admin(world, verified_client):
    users, _ = world
    assert verified_client(users[RoleCode.FUNCTIONAL_ADMIN]).get("/beheer/").status_code == 200
    response = verified_client(users[RoleCode.PROFESSIONAL]).get("/beheer/", follow=True)
    assert response.status_code == 403


def test_unverified_user_is_sent_to_second_factor(world, client):
    users, case = world
    client.force_login(users[RoleCode.PROFESSIONAL], backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(f"/casussen/{case.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/code/")


def test_anonymous_is_sent_to_login(client, world):
    _, case = world
    response = client.get(f"/casussen/{case.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")
