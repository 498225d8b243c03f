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
    path += OTHER_PERIOD  # computed, not read from a snapshot
    add_cases(team, pro, 6)
    client.get(path)
    small = count_queries(lambda: client.get(path))
    add_cases(team, pro, 30)
    large = count_queries(lambda: client.get(path))
    assert small == large


# The page as it opens reads its snapshot (ADR 0134); with a chosen period it computes, and both must stay flat.
_TODAY = timezone.localdate()
OTHER_PERIOD = f"?van={_TODAY - timedelta(days=120):%d-%m-%Y}&tot={_TODAY - timedelta(days=1):%d-%m-%Y}"
PAGES = ["", "export.xlsx", "time_in_phase.csv", "cases_per_phase.xlsx", OTHER_PERIOD, "export.xlsx" + OTHER_PERIOD]


@pytest.mark.parametrize("kind", ["team", "wijk", "municipality"])
def test_page_and_export_query_counts_do_not_grow_with_teams_and_wijken(verified_client, kind):
    """One aggregate statement per indicator covers every team and wijk (ADR 0130): three teams with three
    wijken of data cost the same number of queries as one."""
    first = TeamFactory()
    add_cases(first, UserFactory(roles=[RoleCode.PROFESSIONAL], team=first), 4)
    client = verified_client(UserFactory(roles=[RoleCode.POLICY]))
    base = {"team": f"/inzicht/teams/{first.pk}/", "wijk": f"/inzicht/wijken/{first.wijken.first().code}/",
            "municipality": "/inzicht/gemeente/"}[kind]
    for page in PAGES:
        client.get(base + page)
    one = {page: count_queries(lambda page=page: client.get(base + page)) for page in PAGES}
    for _ in range(2):
        team = TeamFactory()
        add_cases(team, UserFactory(roles=[RoleCode.PROFESSIONAL], team=team), 5)
    three = {page: count_queries(lambda page=page: client.get(base + page)) for page in PAGES}
    assert one == three
    assert one[""] < 80, one  # a page is a few dozen queries, not hundreds
