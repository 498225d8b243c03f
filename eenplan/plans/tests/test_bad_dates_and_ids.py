"""Bad input in the plan goal form (issue 11, defects 3 and 12): an impossible date is refused in words
and kept; an id beyond a database key (2**63 and up) is a validation error, not a 500."""

import pytest
from django.urls import reverse

from eenplan.plans import selectors

from .factories import domain, in_days, make_world

pytestmark = pytest.mark.django_db

HUGE = str(2**63)


def _goal(world, **extra):
    data = {
        "goal-based_on": "0", "goal-reason": "Aan de keukentafel afgesproken", "goal-title": "Sandra opent haar post elke week",
        "goal-term": "kort", "goal-target_date": in_days(60).strftime("%d-%m-%Y"), "goal-domains": [str(domain().pk)],
    }
    data.update(extra)
    return data


def test_the_goal_form_takes_a_dutch_date(verified_client):
    world = make_world()
    response = verified_client(world.pro).post(reverse("plans:goal_add", args=[world.case.pk]), _goal(world))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert selectors.current_goals(world.case).get().target_date == in_days(60)


def test_an_impossible_target_date_is_refused_on_the_field_and_kept(verified_client):
    world = make_world()
    response = verified_client(world.pro).post(reverse("plans:goal_add", args=[world.case.pk]), _goal(world, **{"goal-target_date": "31-02-2020"}))
    assert response.status_code == 400
    html = response.content.decode()
    assert "31-02-2020 bestaat niet: februari 2020 heeft 29 dagen." in html
    assert 'value="31-02-2020"' in html
    assert 'id="id_goal-target_date_error"' in html
    assert not selectors.current_goals(world.case).exists()


@pytest.mark.parametrize("field", ["goal-domains", "goal-members"])
@pytest.mark.parametrize("value", [HUGE, "99999999999999999999999", "-" + HUGE, "abc"])
def test_a_multiple_choice_id_beyond_any_key_is_a_validation_error(verified_client, field, value):
    world = make_world()
    data = _goal(world)
    data[field] = [value] if field == "goal-members" else [str(domain().pk), value]
    response = verified_client(world.pro).post(reverse("plans:goal_add", args=[world.case.pk]), data)
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not selectors.current_goals(world.case).exists()
