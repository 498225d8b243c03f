"""Regie: who holds it and why, and the team lead's flag for cases without a regisseur after the plan phase."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from eenplan.access.models import AccessLogEntry, Action
from eenplan.cases.models import Phase
from eenplan.plans import selectors, services
from eenplan.testing.factories import CaseFactory, HouseholdFactory
from eenplan.testing.queries import count_queries

from .factories import make_world

pytestmark = pytest.mark.django_db


def test_reason_is_required_when_the_household_does_not_hold_regie_and_history_is_kept():
    world = make_world()
    with pytest.raises(ValidationError) as exc:
        services.regie_reason_record(case=world.case, by=world.pro, holder="regisseur", reason=" ")
    assert "reason" in exc.value.message_dict
    assert selectors.resident_holds_regie(world.case) is None
    services.regie_reason_record(case=world.case, by=world.pro, holder="regisseur", reason="Crisis: huisuitzetting dreigt")
    services.regie_reason_record(case=world.case, by=world.pro, holder="inwoner", reason="wordt genegeerd")
    assert selectors.resident_holds_regie(world.case) is True
    assert selectors.regie_current(world.case).reason == ""  # no reason kept when the household holds regie
    assert world.case.regie_reasons.count() == 2
    assert AccessLogEntry.objects.filter(case_id=world.case.pk, action=Action.UPDATE, record_type="plans.RegieReason").count() == 2


@pytest.mark.parametrize("phase,flagged", [
    (Phase.VRAAGVERHELDERING, False), (Phase.PLAN, False), (Phase.ONDERSTEUNING, True), (Phase.EVALUATIE, True),
    (Phase.MONITORING, True),
])
def test_cases_without_regisseur_after_the_plan_phase_are_flagged(phase, flagged):
    world = make_world(phase=phase, regisseur=None, involved=None)
    with_regisseur = CaseFactory(team=world.team, phase=Phase.ONDERSTEUNING, regisseur=world.pro)
    result = list(selectors.cases_without_regisseur([world.team.pk]))
    assert (world.case in result) is flagged
    assert with_regisseur not in result
    assert list(selectors.cases_without_regisseur([])) == []


def test_team_lead_sees_the_flag_on_the_team_page_with_a_flat_query_count(verified_client):
    world = make_world(phase=Phase.ONDERSTEUNING, regisseur=None, involved=None)
    client = verified_client(world.lead)
    url = reverse("cases:team")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "h-regie-flags" in html and escape(world.case.household.name) in html
    small = count_queries(lambda: client.get(url))
    for _ in range(5):
        CaseFactory(team=world.team, phase=Phase.EVALUATIE, regisseur=None, household=HouseholdFactory(wijk=world.team.wijken.first()))
    assert count_queries(lambda: client.get(url)) == small


def test_no_flag_when_every_case_has_a_regisseur(verified_client):
    world = make_world(phase=Phase.ONDERSTEUNING)
    html = verified_client(world.lead).get(reverse("cases:team")).content.decode()
    assert "h-regie-flags" not in html
