"""The household's change since the first measurement, as the closing questions use it."""

import pytest

from eenplan.followup import selectors
from eenplan.followup.models import Direction

from .factories import in_days, ladder, make_world, measure

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "overalls, expected",
    [
        ([], Direction.UNKNOWN),
        ([(None, 0)], Direction.UNKNOWN),
        ([(0.5, 2)], Direction.UP),
        ([(-1.0, 1)], Direction.DOWN),
        ([(0.0, 3)], Direction.SAME),
        # one person up 1 on 1 domain, another down 0.5 on 4 domains: weighted by domains → down
        ([(1.0, 1), (-0.5, 4)], Direction.DOWN),
        ([(1.0, 2), (-1.0, 2)], Direction.SAME),
    ],
)
def test_combined_zrm_direction_weighs_each_domain_the_same(overalls, expected):
    assert selectors.combined_zrm_direction(overalls) == expected


@pytest.mark.parametrize(
    "deltas, expected",
    [([], Direction.UNKNOWN), ([None], Direction.UNKNOWN), ([2], Direction.UP), ([1, -2], Direction.DOWN), ([1, -1], Direction.SAME)],
)
def test_combined_participation_direction_sums_the_steps(deltas, expected):
    assert selectors.combined_participation_direction(deltas) == expected


def test_one_measurement_is_unknown_two_give_the_change_per_domain():
    w = make_world()
    measure(w, in_days(-60), financien=2, huisvesting=3)
    change = selectors.household_change(w.case)
    assert change.self_reliance == Direction.UNKNOWN
    measure(w, in_days(-1), financien=4, huisvesting=3)
    change = selectors.household_change(w.case)
    assert change.self_reliance == Direction.UP
    person = change.zrm_people[0]
    by_code = person.zrm.by_code()
    assert (by_code["financien"].first, by_code["financien"].last, by_code["financien"].delta) == (2, 4, 2)
    assert by_code["huisvesting"].delta == 0
    assert person.zrm.overall.delta == 1.0


def test_self_reliance_down_and_participation_from_the_ladder():
    w = make_world()
    measure(w, in_days(-60), financien=4)
    measure(w, in_days(-1), financien=3)
    ladder(w, in_days(-60), 2)
    directions = selectors.measured_directions(w.case)
    assert directions.self_reliance == Direction.DOWN
    assert directions.participation == Direction.UNKNOWN
    ladder(w, in_days(-1), 4)
    assert selectors.measured_directions(w.case).participation == Direction.UP
