"""The plan pages run a fixed number of queries, however big the plan and its history."""

import pytest
from django.urls import reverse

from eenplan.plans import selectors, services
from eenplan.plans.services import ActionData, SolutionData
from eenplan.testing.queries import count_queries

from .factories import add_goal, in_days, make_world

pytestmark = pytest.mark.django_db


def _grow(world, n):
    for i in range(n):
        add_goal(world, f"Doel {i}", code=["financien", "huisvesting", "sociaal-netwerk"][i % 3],
                 solutions=[SolutionData(frame="netwerk", description="Buurman helpt"), SolutionData(frame="eigen_kracht", description="Zelf")],
                 actions=[ActionData(what=f"Actie {i}.{j}", owner_kind="professional", owner_name="Anna", owner_user_id=world.pro.pk,
                                     due_on=in_days(5 + j)) for j in range(3)])
        version = selectors.current_version(world.case)
        services.plan_agreement_record(version=version, by=world.pro, agrees=True, on=in_days(0), how="papier",
                                       person=world.member.person)


@pytest.mark.parametrize("name", ["plans:case", "plans:versions", "plans:goal_add"])
def test_plan_pages_do_not_grow_with_the_plan(verified_client, name):
    world = make_world()
    client = verified_client(world.pro)
    url = reverse(name, args=[world.case.pk])
    _grow(world, 2)
    client.get(url)  # the first request after login also saves the session
    small = count_queries(lambda: client.get(url))
    _grow(world, 5)
    assert count_queries(lambda: client.get(url)) == small


def test_the_plan_page_lists_the_five_newest_versions_and_shows_the_newest(verified_client):
    world = make_world()
    _grow(world, 7)
    newest = selectors.current_version(world.case).number
    page = verified_client(world.pro).get(reverse("plans:case", args=[world.case.pk]))
    assert page.context["version"].number == newest
    assert [v.number for v in page.context["versions"]] == list(range(newest, newest - 5, -1))
    html = page.content.decode()
    assert reverse("plans:version", args=[world.case.pk, newest - 4]) in html
    assert reverse("plans:version", args=[world.case.pk, newest - 5]) + '"' not in html


def test_the_goal_page_reads_the_colleagues_once_however_many_actions_it_lists(verified_client):
    """Every action on the goal page has a colleague list (to change who does it); they share one read."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    world = make_world()
    _grow(world, 1)
    goal = selectors.current_goals(world.case).first()
    services.plan_version_create(plan=goal.version.plan, by=world.pro, reason="Extra acties", based_on=goal.version.number, changes=[
        services.AddAction(goal_key=goal.key, data=ActionData(what=f"Extra {n}", owner_kind="professional", owner_name="",
                                                              owner_user_id=world.pro.pk, due_on=in_days(9 + n)))
        for n in range(4)])
    client = verified_client(world.pro)
    url = reverse("plans:goal", args=[world.case.pk, goal.key])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert len(page.context["action_edits"]) == 7
    assert all(form["owner_user"].value() == world.pro.pk for _a, form in page.context["action_edits"])
    assert f'<option value="{world.pro.pk}" selected>' in page.content.decode()
    colleague_reads = [q["sql"] for q in queries if '"first_name" AS "first_name"' in q["sql"]]
    assert len(colleague_reads) == 1, colleague_reads
