"""Hole 6: scope rules live in access.policy; the menu asks the policy (the view's declared roles)."""

import pytest
from django.urls import reverse

from eenplan.access import policy
from eenplan.accounts.models import RoleCode
from eenplan.core.context_processors import NAV_ITEMS
from eenplan.testing.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [r.value for r in RoleCode])
def test_menu_shows_exactly_the_pages_the_role_may_open(role, verified_client):
    user = UserFactory(roles=[role], team=TeamFactory())
    client = verified_client(user)
    body = client.get("/", follow=True).content.decode()
    for name, _label in NAV_ITEMS:
        try:
            url = reverse(name)
        except Exception:
            continue
        shown = f'href="{url}"' in body
        assert shown == policy.may_use_page(user, name), (role, name)
        if shown and not name.startswith("admin:"):
            assert client.get(url).status_code == 200, (role, name)


def test_insights_scopes_come_from_the_policy():
    from eenplan.insights import selectors
    from eenplan.insights.framework import TEAM, Scope

    team, other = TeamFactory(), TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    assert selectors.visible_team_ids(pro) == policy.insight_team_ids(pro) == {team.pk}
    assert selectors.may_see(pro, Scope(TEAM, team)) and not selectors.may_see(pro, Scope(TEAM, other))
    assert policy.insight_team_ids(UserFactory(roles=[RoleCode.POLICY])) is None
    assert policy.insight_team_ids(UserFactory(roles=[RoleCode.MUNICIPAL_OFFICER])) == set()


def test_safety_overview_teams_come_from_the_policy():
    from eenplan.safety.selectors import overview_team_ids

    team, other = TeamFactory(), TeamFactory()
    specialist = UserFactory(roles=[RoleCode.SAFETY_SPECIALIST], team=team)
    lead = UserFactory(roles=[RoleCode.TEAM_LEAD], team=other)
    assert overview_team_ids(specialist) == policy.safety_overview_team_ids(specialist) == {team.pk}
    assert overview_team_ids(lead) == {other.pk}
