"""A stale goal edit (issue 11, defect 8): refused, then offered on top of the newest version. The refusal
used to keep the old `based_on`, so sending again was refused forever, and it said "someone else" even when
the newer version was the user's own (another tab)."""

import pytest
from django.urls import reverse

from eenplan.cases.models import Involvement
from eenplan.plans import selectors

from .factories import add_goal, domain, in_days, make_world

pytestmark = pytest.mark.django_db


def _edit(**extra):
    data = {"goal-based_on": "1", "goal-reason": "Aan de keukentafel bijgesteld", "goal-title": "Sandra belt zelf de schuldeisers",
            "goal-term": "kort", "goal-target_date": in_days(120).strftime("%d-%m-%Y"), "goal-domains": [str(domain().pk)],
            "goal-status": "open"}
    data.update(extra)
    return data


def _newer_version_by(world, key, user, client):
    """Version 2, made on version 1 by `user` through the goal page."""
    response = client.post(reverse("plans:goal", args=[world.case.pk, key]), _edit(**{"goal-title": "Sandra opent haar post"}))
    assert response.status_code == 302
    assert selectors.plan_of(world.case).current_number == 2


def test_a_colleagues_newer_version_is_named_and_the_typed_text_can_be_applied_to_it(verified_client):
    world = make_world()
    _, key = add_goal(world)  # version 1, given to the household
    Involvement.objects.create(case=world.case, user=world.other_pro, since=world.case.opened_at)
    _newer_version_by(world, key, world.pro, verified_client(world.pro))
    colleague = verified_client(world.other_pro)
    url = reverse("plans:goal", args=[world.case.pk, key])

    response = colleague.post(url, _edit())
    assert response.status_code == 400
    html = response.content.decode()
    assert "Anna de Vries heeft dit plan intussen gewijzigd" in html
    assert "Iemand anders" not in html
    # the current text beside what was typed, and the form now carries version 2
    assert "Sandra opent haar post" in html and "Sandra belt zelf de schuldeisers" in html
    assert 'name="goal-based_on" value="2"' in html
    assert "Mijn wijziging toepassen op versie 2" in html

    # the button sends the same form again, now on version 2: applied on top of it
    assert colleague.post(url, _edit(**{"goal-based_on": "2"})).status_code == 302
    assert selectors.current_goals(world.case).get().title == "Sandra belt zelf de schuldeisers"


def test_the_users_own_newer_version_is_not_someone_elses(verified_client):
    world = make_world()
    _, key = add_goal(world)
    client = verified_client(world.pro)
    _newer_version_by(world, key, world.pro, client)
    response = client.post(reverse("plans:goal", args=[world.case.pk, key]), _edit())  # the other tab, still on version 1
    assert response.status_code == 400
    html = response.content.decode()
    assert "U heeft zelf een nieuwere versie van dit plan gemaakt (versie 2" in html
    assert "Iemand anders" not in html and "intussen gewijzigd" not in html
    assert 'name="goal-based_on" value="2"' in html
