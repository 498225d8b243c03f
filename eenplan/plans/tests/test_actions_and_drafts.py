"""A professional's action goes to a colleague's caseload and can be marked done or not done;
a draft plan changes in place; a goal started from the assessment keeps what the assessment knew."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from eenplan.access.models import AccessLogEntry
from eenplan.accounts.models import RoleCode
from eenplan.assessment.models import AssessmentQuestion, Domain, QuestionFrame
from eenplan.cases.models import ItemOutcome, PlannedItem
from eenplan.plans import selectors, services
from eenplan.plans.models import ActionOutcome, PlanAction, PlanVersion
from eenplan.plans.services import ActionData, AddProblem, ChangeAction, ChangeGoal
from eenplan.testing.factories import TeamFactory, UserFactory

from .factories import add_goal, domain, goal_data, in_days, make_world

pytestmark = pytest.mark.django_db


def _goal_post(world, n=1, **action):
    data = {"goal-based_on": str(selectors.plan_of(world.case).current_number if selectors.plan_of(world.case) else 0),
            "goal-title": f"Doel {n}", "goal-term": "kort", "goal-target_date": in_days(60).isoformat(),
            "goal-domains": [str(domain().pk)]}
    data.update({f"act-0-{k}": v for k, v in action.items()})
    return data


def _due_section(body):
    start = body.index("Voor u te doen")
    return body[start:body.index("</section>", start)]


# --- defect 7: a professional's action reaches the colleague's caseload --------------------------


def test_the_action_form_offers_the_cases_team_and_involved_people_only(verified_client):
    world = make_world()
    UserFactory(roles=[RoleCode.PROFESSIONAL], team=TeamFactory(), first_name="Xander", last_name="Ver")
    body = verified_client(world.pro).get(reverse("plans:goal_add", args=[world.case.pk])).content.decode()
    assert 'name="act-0-owner_user"' in body
    assert world.other_pro.get_full_name() in body and "Xander Ver" not in body


def test_a_professionals_action_goes_on_the_colleagues_caseload_with_its_date(verified_client):
    world = make_world()
    client = verified_client(world.pro)
    response = client.post(reverse("plans:goal_add", args=[world.case.pk]), _goal_post(
        world, what="Aanmelden bij schuldhulp", owner_kind="professional", owner_user=str(world.other_pro.pk),
        due_on=in_days(0).isoformat()))
    assert response.status_code == 302
    action = selectors.current_goals(world.case).get().actions.get()
    assert action.owner_user == world.other_pro and action.owner_name == world.other_pro.get_full_name()
    item = PlannedItem.objects.get(case=world.case, source=f"plans.PlanAction:{action.key}")
    assert (item.owner, item.due_on, item.kind) == (world.other_pro, in_days(0), "plan_actie")
    # the colleague is now involved, so the case and the item are on her caseload
    assert world.case.involvements.filter(user=world.other_pro, until__isnull=True).exists()
    section = _due_section(verified_client(world.other_pro).get("/caseload/").content.decode())
    assert "Aanmelden bij schuldhulp" in section and world.case.household.name in section


def test_a_professionals_action_without_a_colleague_is_refused_with_the_input_kept(verified_client):
    world = make_world()
    response = verified_client(world.pro).post(reverse("plans:goal_add", args=[world.case.pk]), _goal_post(
        world, what="Bellen met de school", owner_kind="professional", owner_name="", due_on=in_days(3).isoformat()))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kies de collega die dit doet" in body and "Bellen met de school" in body
    assert not PlanVersion.objects.filter(plan__case=world.case).exists()


def test_a_colleague_outside_the_case_is_refused_by_the_service():
    world = make_world()
    outsider = UserFactory(roles=[RoleCode.PROFESSIONAL], team=TeamFactory())
    with pytest.raises(ValidationError) as exc:
        add_goal(world, actions=[ActionData(what="Bellen", owner_kind="professional", owner_user_id=outsider.pk, due_on=in_days(3))])
    assert "owner_user" in exc.value.message_dict
    assert not PlannedItem.objects.filter(case=world.case).exists()


def test_marking_the_action_done_from_the_caseload_closes_it_for_good(verified_client):
    world = make_world()
    version, key = add_goal(world, actions=[ActionData(what="Huisbezoek plannen", owner_kind="professional",
                                                       owner_user_id=world.other_pro.pk, due_on=in_days(0))])
    action = version.actions.get()
    client = verified_client(world.other_pro)
    body = client.get("/caseload/").content.decode()
    url = reverse("plans:action_outcome", args=[world.case.pk, action.key])
    assert url in _due_section(body)
    response = client.post(url, {"uitkomst-result": "gedaan", "uitkomst-next": "/caseload/"})
    assert response.status_code == 302 and response.url == "/caseload/"
    item = PlannedItem.objects.get(source=f"plans.PlanAction:{action.key}")
    assert item.done_at is not None and item.outcome == ItemOutcome.DONE and item.closed_by == world.other_pro
    assert "Huisbezoek plannen" not in _due_section(client.get("/caseload/").content.decode())
    assert AccessLogEntry.objects.filter(user=world.other_pro, detail="plan action gedaan").exists()
    # a later change elsewhere in the plan does not bring the done action back
    services.plan_version_create(plan=version.plan, by=world.pro, reason="Nieuw probleem", based_on=1,
                                 changes=[AddProblem(text="Huurachterstand")])
    assert not PlannedItem.objects.filter(source=f"plans.PlanAction:{action.key}", done_at__isnull=True).exists()
    # ... but a new date does: the action is open again
    services.plan_version_create(plan=version.plan, by=world.pro, reason="Nog een keer", based_on=2, changes=[ChangeAction(
        key=action.key, data=ActionData(what="Huisbezoek plannen", owner_kind="professional", owner_user_id=world.other_pro.pk,
                                        due_on=in_days(7)))])
    assert PlannedItem.objects.get(source=f"plans.PlanAction:{action.key}", done_at__isnull=True).due_on == in_days(7)


def test_not_done_needs_a_note_and_keeps_the_households_view(verified_client):
    world = make_world()
    version, key = add_goal(world)  # the resident's own action: "Post samen sorteren", Sandra
    action = version.actions.get()
    client = verified_client(world.pro)
    url = reverse("plans:action_outcome", args=[world.case.pk, action.key])
    response = client.post(url, {"uitkomst-result": "niet_gedaan"})
    assert response.status_code == 400 and "Schrijf op waarom het niet gedaan is." in response.content.decode()
    response = client.post(url, {"uitkomst-note": "Griep in huis"})  # no choice made: refused, the note kept
    assert response.status_code == 400 and "Griep in huis" in response.content.decode()
    assert not ActionOutcome.objects.exists()
    client.post(url, {"uitkomst-result": "niet_gedaan", "uitkomst-household_view": "Het lukte niet door de griep"})
    outcome = ActionOutcome.objects.get()
    assert (outcome.result, outcome.household_view, outcome.due_on) == ("niet_gedaan", "Het lukte niet door de griep", action.due_on)
    body = client.get(reverse("plans:case", args=[world.case.pk])).content.decode()
    assert "niet gedaan" in body and "Het lukte niet door de griep" in body


# --- friction: a first plan is one version; a draft changes in place ------------------------------


def test_a_first_plan_with_three_goals_and_problems_is_one_version_without_reasons(verified_client):
    world = make_world()
    client = verified_client(world.pro)
    for n in range(1, 4):
        assert client.post(reverse("plans:goal_add", args=[world.case.pk]), _goal_post(world, n)).status_code == 302
    assert client.post(reverse("plans:problem_add", args=[world.case.pk]),
                       {"problem-based_on": "1", "problem-text": "Te veel post"}).status_code == 302
    plan = selectors.plan_of(world.case)
    assert plan.current_number == 1 and plan.versions.count() == 1
    assert [g.title for g in selectors.current_goals(world.case)] == ["Doel 1", "Doel 2", "Doel 3"]
    body = client.get(reverse("plans:case", args=[world.case.pk])).content.decode()
    assert "Concept" in body and 'name="problem-reason"' not in body


def test_once_agreed_a_change_needs_a_reason_and_makes_a_new_version_which_is_a_draft_again():
    world = make_world()
    v1, key = add_goal(world, shared=False)
    v1_again, _ = add_goal(world, "Tweede doel", shared=False)
    assert v1_again.pk == v1.pk and v1.plan.versions.count() == 1
    services.plan_agreement_record(version=v1, by=world.pro, agrees=True, on=in_days(0), how="mondeling")
    with pytest.raises(ValidationError) as exc:
        services.plan_version_create(plan=v1.plan, by=world.pro, reason="", based_on=1, changes=[AddProblem(text="Schulden")])
    assert "reason" in exc.value.message_dict
    v2 = services.plan_version_create(plan=v1.plan, by=world.pro, reason="Na het huisbezoek", based_on=1,
                                      changes=[ChangeGoal(key=key, data=goal_data("Sandra opent haar post zelf"))])
    assert v2.number == 2
    # v2 is not agreed yet: further edits change v2, and v1 (what the household agreed to) stays as it was
    v2_again = services.plan_version_create(plan=v1.plan, by=world.pro, reason="", based_on=2, changes=[AddProblem(text="Schulden")])
    assert v2_again.pk == v2.pk and v1.plan.versions.count() == 2
    v2.refresh_from_db()
    assert v2.reason == "Na het huisbezoek" and "Probleemstelling toegevoegd" in v2.summary
    assert [g.title for g in selectors.goals_of(v1)] == ["Sandra heeft overzicht over haar geld", "Tweede doel"]
    assert not v1.problems.exists() and v2.problems.count() == 1


def test_printing_the_plan_for_the_household_fixes_the_version(verified_client):
    world = make_world()
    v1, _ = add_goal(world, shared=False)
    assert verified_client(world.pro).get(reverse("plans:pdf", args=[world.case.pk])).status_code == 200
    v1.refresh_from_db()
    assert v1.shared_at is not None
    assert selectors.needs_reason(v1)


def test_a_process_change_always_makes_a_new_version_with_its_source():
    world = make_world()
    v1, key = add_goal(world, shared=False)
    v2 = services.plan_version_create(plan=v1.plan, by=world.pro, reason="Evaluatie", source="followup.Evaluation:1",
                                      changes=[AddProblem(text="Schulden")])
    assert v2.number == 2


# --- a goal from an assessment question; ZRM-Jongeren domains ------------------------------------


def test_a_goal_from_a_question_keeps_its_person_and_frame_notes(verified_client):
    world = make_world()
    question = AssessmentQuestion.objects.create(case=world.case, person=world.member.person, domain=domain(),
                                                 text="Hoe krijg ik grip op mijn post?", by=world.pro)
    QuestionFrame.objects.create(question=question, frame="netwerk", note="Zus Petra wil helpen sorteren", chosen=True)
    QuestionFrame.objects.create(question=question, frame="eigen_kracht", note="", chosen=False)
    client = verified_client(world.pro)
    body = client.get(reverse("plans:case", args=[world.case.pk]) + "doel/").content.decode()
    link = f"question={question.pk}"
    assert link in body  # the panel's "start a goal from this"
    body = client.get(reverse("plans:goal_add", args=[world.case.pk]) + f"?{link}").content.decode()
    person_box = f'name="goal-members" value="{world.member.person.pk}"'  # by name: a domain can have the same id
    tag = body[body.rindex("<input", 0, body.index(person_box)):body.index(">", body.index(person_box))]
    assert "checked" in tag
    assert "Zus Petra wil helpen sorteren" in body
    assert 'value="netwerk" selected' in body
    assert "Hoe krijg ik grip op mijn post?" in body


def test_a_zrm_jongeren_domain_link_ticks_the_same_life_domain(verified_client):
    world = make_world()
    jongeren = Domain.objects.get(instrument__code="zrm-jongeren", code="financien")
    body = verified_client(world.pro).get(reverse("plans:goal_add", args=[world.case.pk]) + f"?domain={jongeren.pk}").content.decode()
    current = f'name="goal-domains" value="{domain().pk}"'
    tag = body[body.rindex("<input", 0, body.index(current)):body.index(">", body.index(current))]
    assert "checked" in tag


# --- the selectors the case overview uses ------------------------------------------------------


def test_open_actions_per_owner_overdue_first():
    world = make_world()
    version, key = add_goal(world, actions=[
        ActionData(what="Later", owner_kind="inwoner", owner_name="Sandra", due_on=in_days(20)),
        ActionData(what="Bellen", owner_kind="professional", owner_user_id=world.pro.pk, due_on=in_days(5)),
    ])
    late = version.actions.get(what="Bellen")
    PlanAction.objects.filter(pk=late.pk).update(due_on=in_days(-2))  # a week passed
    groups = selectors.open_actions_by_owner(world.case)
    assert [g["owner"] for g in groups] == [world.pro.get_full_name(), "Sandra"]
    assert groups[0]["overdue"] == 1 and groups[0]["actions"][0].overdue
    services.plan_action_outcome_record(case=world.case, action_key=late.key, result="gedaan", by=world.pro)
    assert [g["owner"] for g in selectors.open_actions_by_owner(world.case)] == ["Sandra"]
