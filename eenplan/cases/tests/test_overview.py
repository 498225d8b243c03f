"""The case overview is an overview (issue 11): at a glance what a working day needs, the change forms
behind buttons, the phase never proposed backwards, and a flat number of queries."""

import pytest
from django.utils import timezone

from eenplan.assessment import services as assessment_services
from eenplan.cases import services
from eenplan.cases.forms import TransitionForm
from eenplan.cases.models import Involvement, Phase
from eenplan.followup import services as followup_services
from eenplan.plans.models import PlanAction
from eenplan.plans.services import ActionData
from eenplan.plans.tests.factories import add_goal, in_days, make_world
from eenplan.safety import services as safety_services
from eenplan.testing.factories import HouseholdMemberFactory, UserFactory, zrm_domain
from eenplan.testing.queries import count_queries

pytestmark = pytest.mark.django_db


def _grow(world, n, start=0):
    """n more members (each measured), goals with actions for several owners, colleagues and route steps."""
    for i in range(start, start + n):
        member = HouseholdMemberFactory(household=world.case.household, role="kind", person__given_names=f"Kind{i}")
        assessment_services.zrm_measurement_record(
            case=world.case, person=member.person, measured_on=timezone.localdate(),
            scores={zrm_domain("financien").pk: 2, zrm_domain("huisvesting").pk: 4}, by=world.pro)
        colleague = UserFactory(roles=["professional"], team=world.team)
        Involvement.objects.create(case=world.case, user=colleague, since=timezone.now(), role_in_case=f"rol {i}")
        add_goal(world, f"Doel {i}", actions=[
            ActionData(what=f"Actie {i} te laat", owner_kind="inwoner", owner_name=f"Inwoner {i}", due_on=in_days(2)),
            ActionData(what=f"Actie {i} collega", owner_kind="professional", owner_user_id=colleague.pk, owner_name="", due_on=in_days(5)),
        ])
        PlanAction.objects.filter(what=f"Actie {i} te laat").update(due_on=in_days(-3))  # time passed


def _world():
    world = make_world(phase=Phase.PLAN)
    add_goal(world)
    plan = safety_services.safety_plan_create(case=world.case, agreed_with="Sandra en haar zus", agreed_on=timezone.localdate(), by=world.pro)
    safety_services.safety_condition_add(plan=plan, description="Zus komt elke dag langs", checker="regisseur", every_days=7,
                                         first_check_on=in_days(7), by=world.pro)
    followup_services.evaluation_moment_plan(case=world.case, due_on=in_days(30), by=world.pro)
    return world


def test_the_overview_shows_what_a_working_day_needs(verified_client):
    world = _world()
    _grow(world, 1)
    html = verified_client(world.pro).get(f"/casussen/{world.case.pk}/").content.decode()
    for text in ("Sandra Bakker", "Kind0", "Versie", "Volgende evaluatie", in_days(30).strftime("%d-%m-%Y"),
                 "Openstaande acties", "Inwoner 0", "Actie 0 te laat", "Laatste ZRM per gezinslid", "gemiddeld 3,0",
                 "Veiligheidsplan afgesproken", "1 veiligheidsvoorwaarde", "Wie is betrokken", "rol 0", "regisseur"):
        assert text in html, text
    # overdue owners first
    assert html.index("Inwoner 0") < html.index("Post samen sorteren")
    # the change forms are behind buttons, not stacked on the page
    assert html.count('<details class="change"') == 4
    assert ' open>' not in html.split('<details class="history"')[0].replace("<details class=\"change\">", "")


def test_a_refused_change_comes_back_open_with_what_was_typed(verified_client):
    world = _world()
    response = verified_client(world.pro).post(f"/casussen/{world.case.pk}/veiligheidsstatus/", {"status": "zorgen", "reason": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert '<details class="change" open>' in html


@pytest.mark.parametrize("phase, proposed", [
    (Phase.AANMELDING, Phase.TRIAGE), (Phase.VRAAGVERHELDERING, Phase.PLAN), (Phase.ONDERSTEUNING, Phase.EVALUATIE),
    (Phase.EVALUATIE, ""),
])
def test_the_phase_selector_proposes_the_next_step_never_a_step_back(phase, proposed):
    world = make_world(phase=phase)
    form = TransitionForm(case=world.case)
    assert form["to_phase"].value() == proposed
    values = [v for v, _label in form.fields["to_phase"].choices]
    assert phase not in values
    html = str(form["to_phase"])
    if phase == Phase.EVALUATIE:
        assert "Terug naar: Plan" in html


def test_the_overview_query_count_is_flat(verified_client):
    world = _world()
    client = verified_client(world.pro)
    url = f"/casussen/{world.case.pk}/"
    _grow(world, 1)
    client.get(url)
    small = count_queries(lambda: client.get(url))
    _grow(world, 6, start=1)
    services.case_transition(case=world.case, to_phase=Phase.ONDERSTEUNING, by=world.pro)
    services.case_transition(case=world.case, to_phase=Phase.EVALUATIE, by=world.pro)
    large = count_queries(lambda: client.get(url))
    assert large == small
    assert "Actie 6 collega" in client.get(url).content.decode()
