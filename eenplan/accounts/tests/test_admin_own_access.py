"""Hole 2: nobody changes their own roles, teams or expertise; changes to others' are logged before/after."""

import pytest

from eenplan.access.models import AccessLogEntry, Action
from eenplan.accounts.models import Role, RoleCode, TeamMembership
from eenplan.testing.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def _change_data(user, *, roles, memberships=()):
    data = {
        "username": user.username, "first_name": user.first_name, "last_name": user.last_name, "email": "",
        "phone": "", "job_title": "", "is_active": "on",
        "roles": [Role.objects.get_or_create(code=c)[0].pk for c in roles],
        "memberships-TOTAL_FORMS": str(len(memberships)), "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000",
    }
    for i, (team, lead) in enumerate(memberships):
        data[f"memberships-{i}-team"] = team.pk
        if lead:
            data[f"memberships-{i}-is_lead"] = "on"
    return data


def test_functional_admin_cannot_give_herself_roles_or_teams(verified_client):
    mira = UserFactory(roles=[RoleCode.FUNCTIONAL_ADMIN])
    team = TeamFactory()
    client = verified_client(mira)
    page = client.get(f"/beheer/accounts/user/{mira.pk}/change/").content.decode()
    assert 'name="roles"' not in page  # shown read-only
    client.post(f"/beheer/accounts/user/{mira.pk}/change/",
                _change_data(mira, roles=[RoleCode.FUNCTIONAL_ADMIN, RoleCode.TEAM_LEAD, RoleCode.PROFESSIONAL],
                             memberships=[(team, True)]))
    mira.refresh_from_db()
    assert sorted(mira.roles.values_list("code", flat=True)) == [RoleCode.FUNCTIONAL_ADMIN]
    assert not TeamMembership.objects.filter(user=mira).exists()


def test_role_and_team_changes_of_a_colleague_are_logged_with_before_and_after(verified_client):
    mira = UserFactory(roles=[RoleCode.FUNCTIONAL_ADMIN])
    sam = UserFactory(roles=[RoleCode.PROFESSIONAL])
    team = TeamFactory(name="Team Noord")
    response = verified_client(mira).post(
        f"/beheer/accounts/user/{sam.pk}/change/",
        _change_data(sam, roles=[RoleCode.PROFESSIONAL, RoleCode.TEAM_LEAD], memberships=[(team, True)]),
    )
    assert response.status_code == 302
    assert sam.roles.filter(code=RoleCode.TEAM_LEAD).exists()
    line = AccessLogEntry.objects.get(action=Action.UPDATE, record_type="accounts.User", record_id=str(sam.pk))
    assert line.username == mira.username
    assert line.before == {"roles": ["professional"], "teams": []}
    assert line.after == {"roles": ["professional", "team_lead"], "teams": [{"team": "Team Noord", "lead": True}]}
