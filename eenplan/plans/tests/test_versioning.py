"""Every change makes a new version; keys stay stable; two versions can be compared."""

import pytest
from django.core.exceptions import ValidationError

from eenplan.access.models import AccessLogEntry, Action
from eenplan.cases.models import PlannedItem
from eenplan.plans import selectors, services
from eenplan.plans.models import Goal, PlanVersion
from eenplan.plans.services import (
    ActionData,
    AddAction,
    AddProblem,
    ChangeAction,
    ChangeGoal,
    GoalData,
    PlanConflict,
    RemoveAction,
    RemoveGoal,
    SetPriorities,
)

from .factories import add_goal, domain, goal_data, in_days, make_world

pytestmark = pytest.mark.django_db


def test_each_change_appends_a_version_with_who_and_why_and_keeps_the_old_one():
    world = make_world()
    v1, key = add_goal(world)
    v2, key2 = add_goal(world, "Jesse gaat weer naar school", code="werk-opleiding")
    assert (v1.number, v2.number) == (1, 2)
    assert v2.created_by == world.pro and v2.reason == "Samen met het gezin besproken"
    assert "Jesse gaat weer naar school" in v2.summary
    # the old version is untouched and still readable
    assert [g.title for g in selectors.goals_of(v1)] == ["Sandra heeft overzicht over haar geld"]
    assert [g.key for g in selectors.goals_of(v2)] == [key, key2]
    assert selectors.plan_of(world.case).current_number == 2
    # the goal's identity is the same row key in both versions, in different rows
    assert Goal.objects.filter(key=key).count() == 2
    assert [g.version.number for g in selectors.goal_history(world.case, key)] == [1, 2]
    assert list(selectors.current_goals(world.case).values_list("key", flat=True)) == [key, key2]


def test_children_are_copied_with_their_keys_into_the_next_version():
    world = make_world()
    v1, key = add_goal(world)
    v2, _ = add_goal(world, "Tweede doel", code="huisvesting")
    g1, g2 = selectors.goals_of(v1).get(key=key), selectors.goals_of(v2).get(key=key)
    assert [a.key for a in g1.actions.all()] == [a.key for a in g2.actions.all()]
    assert [s.key for s in g1.solutions.all()] == [s.key for s in g2.solutions.all()]
    assert g1.actions.first().pk != g2.actions.first().pk
    assert set(g2.domains.values_list("code", flat=True)) == {"financien"}


def test_compare_two_versions_per_goal_and_action():
    world = make_world()
    plan = services.plan_ensure(case=world.case, by=world.pro)
    v1, keep = add_goal(world, "Overzicht over geld")
    _, drop = add_goal(world, "Wordt geschrapt", code="huisvesting")
    action_key = selectors.goals_of(plan.versions.first()).get(key=keep).actions.first().key
    v3 = services.plan_version_create(
        plan=plan, by=world.pro, reason="Evaluatie: schulden zijn groter dan gedacht", based_on=2,
        changes=[
            ChangeGoal(key=keep, data=GoalData(title="Overzicht over geld en schulden", term="lang", target_date=in_days(180),
                                               domain_ids=[domain().pk])),
            ChangeAction(key=action_key, data=ActionData(what="Post samen sorteren", owner_kind="netwerk", owner_name="Zus Petra",
                                                         due_on=in_days(14))),
            AddAction(goal_key=keep, data=ActionData(what="Aanmelden bij schuldhulp", owner_kind="professional",
                                                     owner_name="Anna", owner_user_id=world.pro.pk, due_on=in_days(7))),
            RemoveGoal(key=drop),
        ],
    )
    comparison = selectors.compare_versions(v1, v3)
    by_key = {c.goal.key: c for c in comparison.goals}
    assert by_key[keep].goal.kind == "changed"
    assert set(by_key[keep].goal.fields) >= {"title", "term", "target_date"}
    kinds = {c.key: c.kind for c in by_key[keep].actions}
    assert kinds[action_key] == "changed"
    assert sorted(kinds.values()) == ["added", "changed"]
    assert [c.fields for c in by_key[keep].actions if c.key == action_key] == [["owner_kind", "owner_name"]]
    # the dropped goal never existed in v1 and is gone in v3: not in the comparison v1→v3
    assert drop not in by_key
    removed = selectors.compare_versions(PlanVersion.objects.get(plan=plan, number=2), v3)
    assert {c.goal.key: c.goal.kind for c in removed.goals}[drop] == "removed"
    same = selectors.compare_versions(v3, v3)
    assert same.changed_goals == []


def test_editing_an_old_version_is_refused_and_nothing_is_written():
    world = make_world()
    add_goal(world)
    add_goal(world, "Iemand anders was sneller", code="huisvesting", based_on=1)
    plan = selectors.plan_of(world.case)
    with pytest.raises(PlanConflict) as exc:
        add_goal(world, "Mijn wijziging op versie 1", code="sociaal-netwerk", based_on=1)
    assert "versie 2" in str(exc.value.messages[0]) or "version 2" in str(exc.value.messages[0])
    plan.refresh_from_db()
    assert plan.current_number == 2 and plan.versions.count() == 2
    assert not Goal.objects.filter(title="Mijn wijziging op versie 1").exists()


def test_code_may_apply_a_change_to_the_newest_version_without_based_on():
    world = make_world()
    _, key = add_goal(world)
    plan = selectors.plan_of(world.case)
    version = services.plan_version_create(
        plan=plan, by=world.pro, reason="Evaluatie: afschalen, doel behaald", source="followup.Evaluation:1",
        changes=[ChangeGoal(key=key, data=goal_data(status="behaald"))],
    )
    assert version.number == 2 and version.source == "followup.Evaluation:1"
    assert selectors.current_goals(world.case).get(key=key).status == "behaald"


def test_priorities_are_the_households_order():
    world = make_world()
    _, a = add_goal(world, "Eerst")
    _, b = add_goal(world, "Dan", code="huisvesting")
    plan = selectors.plan_of(world.case)
    services.plan_version_create(plan=plan, by=world.pro, reason="Gezin vindt wonen belangrijker", based_on=2,
                                 changes=[SetPriorities(goal_keys=[b, a])])
    assert list(selectors.current_goals(world.case).values_list("title", flat=True)) == ["Dan", "Eerst"]
    with pytest.raises(ValidationError):
        services.plan_version_create(plan=plan, by=world.pro, reason="x", based_on=3, changes=[SetPriorities(goal_keys=[a])])


def test_goal_without_target_date_or_domain_and_action_without_owner_are_refused():
    world = make_world()
    plan = services.plan_ensure(case=world.case, by=world.pro)
    from eenplan.plans.services import AddGoal

    with pytest.raises(ValidationError) as exc:
        services.plan_version_create(plan=plan, by=world.pro, reason="r", based_on=0, changes=[
            AddGoal(data=GoalData(title="Doel", term="kort", target_date=None, domain_ids=[]))])
    assert set(exc.value.message_dict) == {"target_date", "domains"}
    with pytest.raises(ValidationError) as exc:
        add_goal(world, actions=[ActionData(what="Bellen", owner_kind="", owner_name="", due_on=in_days(3))])
    assert set(exc.value.message_dict) == {"owner_kind", "owner_name"}
    assert plan.versions.count() == 0


def test_a_change_to_a_fixed_version_needs_a_reason():
    world = make_world()
    version, _ = add_goal(world)  # given to the household: fixed
    with pytest.raises(ValidationError) as exc:
        services.plan_version_create(plan=version.plan, by=world.pro, reason="  ", based_on=1, changes=[AddProblem(text="Schulden")])
    assert "reason" in exc.value.message_dict
    assert version.plan.versions.count() == 1


def test_professional_actions_become_planned_items_and_follow_the_plan():
    world = make_world()
    version, key = add_goal(world, actions=[ActionData(what="Aanmelden schuldhulp", owner_kind="professional", owner_name="Anna",
                                                       owner_user_id=world.pro.pk, due_on=in_days(5))])
    item = PlannedItem.objects.get(case=world.case, done_at__isnull=True)
    assert item.owner == world.pro and item.due_on == in_days(5)
    action_key = version.actions.get().key
    services.plan_version_create(plan=selectors.plan_of(world.case), by=world.pro, reason="Gedaan door zus", based_on=1,
                                 changes=[RemoveAction(key=action_key)])
    assert not PlannedItem.objects.filter(case=world.case, done_at__isnull=True).exists()


def test_versions_and_agreements_are_logged():
    world = make_world()
    version, _ = add_goal(world)
    services.plan_agreement_record(version=version, by=world.pro, agrees=True, on=in_days(0), how="papier", person=world.member.person)
    log = AccessLogEntry.objects.filter(case_id=world.case.pk, action=Action.CREATE)
    assert set(log.values_list("record_type", flat=True)) >= {"plans.Plan", "plans.PlanVersion", "plans.PlanAgreement"}
    assert all(e.household_id == world.case.household_id for e in log)
