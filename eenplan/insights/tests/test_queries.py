"""The dashboard pages run the same number of queries for a few cases as for many."""

from datetime import timedelta

import pytest
from django.utils import timezone

from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Phase, PhaseTransition, PlannedItem
from eenplan.testing.factories import CaseFactory, TeamFactory, UserFactory
from eenplan.testing.queries import count_queries

pytestmark = pytest.mark.django_db


def add_cases(team, pro, n):
    now = timezone.now()
    for i in range(n):
        case = CaseFactory(team=team, household__wijk=team.wijken.first(), regisseur=pro, phase=Phase.PLAN,
                           opened_at=now - timedelta(days=20 + i))
        PhaseTransition.objects.create(case=case, from_phase=Phase.AANMELDING, to_phase=Phase.PLAN, at=now - timedelta(days=5), by=pro)
        PlannedItem.objects.create(case=case, kind="evaluation", label="Evaluatie", due_on=timezone.localdate() - timedelta(days=3))


@pytest.mark.parametrize("url", ["team", "wijk", "municipality"])
def test_dashboard_query_count_does_not_grow_with_cases(verified_client, url):
    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    client = verified_client(UserFactory(roles=[RoleCode.POLICY]))
    path = {"team": f"/inzicht/teams/{team.pk}/", "wijk": f"/inzicht/wijken/{team.wijken.first().code}/",
            "municipality": "/inzicht/gemeente/"}[url]
    add_cases(team, pro, 6)
    client.get(path)
    small = count_queries(lambda: client.get(path))
    add_cases(team, pro, 30)
    large = count_queries(lambda: client.get(path))
    assert small == large
