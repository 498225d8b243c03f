"""The goal page: change a goal, add and remove actions and solutions, remove a goal; stale forms refused."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from eenplan.access.models import AccessLogEntry, Outcome
from eenplan.cases.models import Phase
from eenplan.plans import selectors, services
from eenplan.plans.services import AddProblem

from .factories import add_goal, domain, in_days, make_world

pytestmark = pytest.mark.django_db


def _goal_fields(**extra):
    data = {"goal-based_on": "1", "goal-reason": "Na evaluatie bijgesteld", "goal-title": "Overzicht over geld en schulden",
            "goal-term": "lang", "goal-target_date": in_days(200).isoformat(), "goal-domains": [str(domain().pk)],
            "goal-status": "open"}
    data.update(extra)
    return data


def test_change_goal_add_and_remove_an_action(verified_client):
    world = make_world()
    _, key = add_goal(world)
    client = verified_client(world.pro)
    url = reverse("plans:goal", args=[world.case.pk, key])
    assert client.get(url).status_code == 200
    assert client.post(url, _goal_fields()).status_code == 302
    assert selectors.current_goals(world.case).get().title == "Overzicht over geld en schulden"
    response = client.post(reverse("plans:action_add", args=[world.case.pk, key]), {
        "action-based_on": "2", "action-reason": "Zus helpt mee", "action-what": "Samen naar de bank",
        "action-owner_kind": "netwerk", "action-owner_name": "Zus Petra", "action-due_on": in_days(10).isoformat()})
    assert response.status_code == 302
    goal = selectors.current_goals(world.case).get()
    added = goal.actions.get(what="Samen naar de bank")
    # version 2 is not given to the household yet: a draft, changed in place
    response = client.post(reverse("plans:action_remove", args=[world.case.pk, key, added.key]), {"rm-based_on": "2"})
    assert response.status_code == 302
    assert not selectors.current_goals(world.case).get().actions.filter(what="Samen naar de bank").exists()
    assert selectors.plan_of(world.case).current_number == 2


def test_action_without_owner_on_the_goal_page_keeps_the_input(verified_client):
    world = make_world()
    _, key = add_goal(world)
    response = verified_client(world.pro).post(reverse("plans:action_add", args=[world.case.pk, key]), {
        "action-based_on": "1", "action-reason": "r", "action-what": "Bellen met de school", "action-owner_kind": "",
        "action-owner_name": "", "action-due_on": in_days(3).isoformat()})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies wie dit doet" in html and "Bellen met de school" in html


def test_a_stale_goal_change_is_refused(verified_client):
    world = make_world()
    _, key = add_goal(world)
    add_goal(world, "Tussendoor door een collega", code="huisvesting")
    response = verified_client(world.pro).post(reverse("plans:goal", args=[world.case.pk, key]), _goal_fields())
    assert response.status_code == 400
    assert "Overzicht over geld en schulden" in response.content.decode()  # input kept
    assert selectors.current_goals(world.case).get(key=key).title == "Sandra heeft overzicht over haar geld"


def test_remove_goal_needs_a_reason_and_keeps_history(verified_client):
    world = make_world()
    _, key = add_goal(world)
    client = verified_client(world.pro)
    url = reverse("plans:goal_remove", args=[world.case.pk, key])
    assert client.post(url, {"rm-based_on": "1", "rm-reason": ""}).status_code == 400
    assert client.post(url, {"rm-based_on": "1", "rm-reason": "Gezin wil dit niet meer"}).status_code == 302
    assert not selectors.current_goals(world.case).exists()
    assert selectors.goal_history(world.case, key).count() == 1


def test_problem_statement_and_priorities_over_http(verified_client):
    world = make_world()
    _, a = add_goal(world, "Eerst")
    _, b = add_goal(world, "Dan", code="huisvesting")
    client = verified_client(world.pro)
    assert client.post(reverse("plans:problem_add", args=[world.case.pk]), {
        "problem-based_on": "2", "problem-reason": "Uit het keukentafelgesprek", "problem-text": "De huur is achter",
        "problem-domain": str(domain("huisvesting").pk)}).status_code == 302
    assert client.post(reverse("plans:priorities", args=[world.case.pk]), {
        "prio-based_on": "3", "prio-reason": "Wonen eerst", f"prio-{a}": "2", f"prio-{b}": "1"}).status_code == 302
    assert list(selectors.current_goals(world.case).values_list("title", flat=True)) == ["Dan", "Eerst"]


@pytest.mark.parametrize("name,data", [
    ("plans:goal_add", {"goal-based_on": "1"}),
    ("plans:agreement", {"agree-version": "1"}),
    ("plans:regie", {"regie-holder": "inwoner"}),
    ("plans:problem_add", {"problem-based_on": "1", "problem-text": "x", "problem-reason": "y"}),
])
def test_writes_by_someone_not_involved_are_refused_and_logged(verified_client, name, data):
    world = make_world()
    add_goal(world)
    response = verified_client(world.other_pro).post(reverse(name, args=[world.case.pk]), data)
    assert response.status_code == 403
    assert AccessLogEntry.objects.filter(user=world.other_pro, outcome=Outcome.REFUSED, case_id=world.case.pk).exists()
    assert selectors.plan_of(world.case).current_number == 1


def test_a_closed_case_keeps_its_plan_read_only():
    world = make_world(phase=Phase.AFGESLOTEN)
    plan = services.plan_ensure(case=world.case, by=world.pro)
    with pytest.raises(ValidationError):
        services.plan_version_create(plan=plan, by=world.pro, reason="r", based_on=0, changes=[AddProblem(text="x")])


def test_agreement_only_with_the_newest_version_and_not_in_the_future():
    world = make_world()
    v1, _ = add_goal(world)
    with pytest.raises(ValidationError) as exc:
        services.plan_agreement_record(version=v1, by=world.pro, agrees=True, on=in_days(1), how="papier")
    assert "on" in exc.value.message_dict
    add_goal(world, "Tweede", code="huisvesting")
    with pytest.raises(ValidationError):
        services.plan_agreement_record(version=v1, by=world.pro, agrees=True, on=in_days(0), how="papier")


def test_change_an_action_keeps_its_key_and_shows_in_the_comparison(verified_client):
    world = make_world()
    version, key = add_goal(world)
    action = version.actions.get()
    prefix = f"act-{action.key.hex}"
    client = verified_client(world.pro)
    url = reverse("plans:action_edit", args=[world.case.pk, key, action.key])
    bad = client.post(url, {f"{prefix}-based_on": "1", f"{prefix}-reason": "Zus neemt het over", f"{prefix}-what": "Post samen sorteren",
                            f"{prefix}-owner_kind": "netwerk", f"{prefix}-owner_name": "", f"{prefix}-due_on": in_days(14).isoformat()})
    assert bad.status_code == 400 and "Schrijf wie dit doet" in bad.content.decode()
    ok = client.post(url, {f"{prefix}-based_on": "1", f"{prefix}-reason": "Zus neemt het over", f"{prefix}-what": "Post samen sorteren",
                           f"{prefix}-owner_kind": "netwerk", f"{prefix}-owner_name": "Zus Petra", f"{prefix}-due_on": in_days(14).isoformat()})
    assert ok.status_code == 302
    v2 = selectors.current_version(world.case)
    assert v2.actions.get().key == action.key and v2.actions.get().owner_name == "Zus Petra"
    comparison = selectors.compare_versions(version, v2)
    change = comparison.goals[0].actions[0]
    assert change.kind == "changed" and ("wie", "Sandra", "Zus Petra") in [(str(a), b, c) for a, b, c in change.lines]
    html = client.get(reverse("plans:versions", args=[world.case.pk])).content.decode()
    assert "Zus Petra" in html and "<del>Sandra</del>" in html
