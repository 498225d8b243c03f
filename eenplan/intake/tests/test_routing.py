"""Routing suggestion: wijk (the professional's team covers it), expertise, then caseload."""

import pytest

from eenplan.accounts.models import ExpertiseTag
from eenplan.intake.selectors import routing_suggestions
from eenplan.testing.factories import CaseFactory, HouseholdFactory, TeamFactory, UserFactory, WijkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    wijk, elsewhere = WijkFactory(), WijkFactory()
    team, other_team = TeamFactory(wijken=[wijk]), TeamFactory(wijken=[elsewhere])
    debts = ExpertiseTag.objects.create(name="schulden")
    youth = ExpertiseTag.objects.create(name="jeugd")
    return wijk, team, other_team, debts, youth


def busy(user, n, wijk=None, team=None):
    for _ in range(n):
        CaseFactory(involved=[user], team=team or TeamFactory(), household=HouseholdFactory(wijk=wijk) if wijk else HouseholdFactory())


def test_expertise_before_caseload(setting):
    wijk, team, _, debts, _ = setting
    expert = UserFactory(team=team, username="expert")
    expert.expertise.add(debts)
    UserFactory(team=team, username="idle")
    busy(expert, 3)
    names = [s.user.username for s in routing_suggestions(team=team, wijk=wijk, expertise_ids=[debts.pk])]
    assert names == ["expert", "idle"]


def test_equal_expertise_lowest_caseload_first(setting):
    wijk, team, _, debts, _ = setting
    a, b = UserFactory(team=team, username="a"), UserFactory(team=team, username="b")
    for u in (a, b):
        u.expertise.add(debts)
    busy(a, 4)
    busy(b, 1)
    suggestions = routing_suggestions(team=team, wijk=wijk, expertise_ids=[debts.pk])
    assert [s.user.username for s in suggestions] == ["b", "a"]
    assert [s.caseload for s in suggestions] == [1, 4]


def test_closed_cases_do_not_count_as_caseload(setting):
    wijk, team, _, debts, _ = setting
    a, b = UserFactory(team=team, username="a"), UserFactory(team=team, username="b")
    CaseFactory(involved=[a], phase="afgesloten")
    CaseFactory(involved=[a], phase="afgesloten")
    busy(b, 1)
    assert [s.user.username for s in routing_suggestions(team=team, wijk=wijk)] == ["a", "b"]


def test_only_professionals_of_a_team_working_in_the_wijk(setting):
    wijk, team, other_team, debts, _ = setting
    UserFactory(team=other_team, username="elsewhere").expertise.add(debts)
    UserFactory(team=team, username="lead", roles=["team_lead"])
    UserFactory(team=team, username="front", roles=["front_office"])
    here = UserFactory(team=team, username="here")
    assert [s.user for s in routing_suggestions(team=team, wijk=wijk, expertise_ids=[debts.pk])] == [here]


def test_knowing_the_wijk_breaks_a_tie(setting):
    wijk, team, _, _, _ = setting
    a, b = UserFactory(team=team, username="a"), UserFactory(team=team, username="b")
    busy(a, 1)
    busy(b, 1, wijk=wijk)
    assert [s.user.username for s in routing_suggestions(team=team, wijk=wijk)] == ["b", "a"]
