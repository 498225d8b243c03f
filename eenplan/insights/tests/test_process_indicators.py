"""Process indicators on the hand-made data set (tests/data.py). Every expected number is worked out
by hand from the dates in data.py, in the comments; the threshold is 1 so nothing is hidden here."""

import pytest

from .data import make_world
from .helpers import MUNI, column, figures, team, wijk

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def world(settings):
    settings.INSIGHTS_SMALL_CELL_THRESHOLD = 1
    settings.LANGUAGE_CODE = "en"
    return make_world()


def test_cases_opened_per_month(world):
    # Opened in the period: c1 (10 Jan), c2 (1 Feb), c4 (15 Mar), all team A / Noord. Previous period: c3 (Dec, A), c5 (Nov, B).
    a = column("cases_opened", team(world.team_a))
    assert [a["January 2025"], a["February 2025"], a["March 2025"], a["Total"]] == [1, 1, 1, 3]
    assert column("cases_opened", team(world.team_b))["Total"] == 0
    total = figures("cases_opened", MUNI)["Total"]
    assert total[0] == 3 and total[1] == 2 and total[2] == 1  # now, previous, change


def test_cases_per_phase_at_the_end_of_the_period(world):
    # Open on 31 March: c1 support (since 19 Feb), c2 plan, c4 intake (team A); c5 plan (team B). c3 closed on 1 March.
    a = figures("cases_per_phase", team(world.team_a))
    assert a["Support"][0] == 1 and a["Plan"][0] == 1 and a["Intake"][0] == 1 and a["Total"][0] == 3
    assert a["Plan"][1] == pytest.approx(100 / 3)  # share of the team's open cases
    # On 31 December 2024 team A had c3 in intake (opened 1 Dec); c1, c2, c4 did not exist yet.
    assert a["Intake"][2] == 1 and a["Total"][2] == 1 and a["Intake"][3] == 0
    m = column("cases_per_phase", MUNI)
    assert m["Plan"] == 2 and m["Total"] == 4
    assert column("cases_per_phase", wijk(world.zuid))["Plan"] == 1


def test_time_in_phase(world):
    # Days from entering the phase to 1 April 00:00: c1 support since 19 Feb 12:00 → 40.5; c2 plan since 11 Feb 12:00 → 48.5;
    # c4 intake since 15 Mar 12:00 → 16.5; c5 plan since 21 Nov 12:00 → 130.5. Each minus one hour: summer time
    # started on 30 March 2025, so 1 April 00:00 comes an hour sooner.
    h = 1 / 24
    a = figures("time_in_phase", team(world.team_a))
    assert a["Support"][:3] == [1, pytest.approx(40.5 - h), pytest.approx(40.5 - h)]
    assert a["All"][:3] == [3, pytest.approx(40.5 - h), pytest.approx(48.5 - h)]  # median of 16.5, 40.5, 48.5; P90 = 3rd of 3
    m = figures("time_in_phase", MUNI)
    assert m["Plan"][:3] == [2, pytest.approx((48.5 + 130.5) / 2 - h), pytest.approx(130.5 - h)]
    assert m["All"][:3] == [4, pytest.approx((40.5 + 48.5) / 2 - h), pytest.approx(130.5 - h)]  # P90: rank ceil(3.6) = 4


def test_time_from_intake_to_plan(world):
    # First plan in the period: c1 (10 Jan → 9 Feb = 30 days), c2 (1 Feb → 11 Feb = 10), c3 (1 Dec → 20 Jan = 50).
    a = figures("intake_to_plan", team(world.team_a))["All cases"]
    assert a[:3] == [3, pytest.approx(30), pytest.approx(50)]
    # Previous period: c5 (1 Nov → 21 Nov = 20 days), team B.
    assert figures("intake_to_plan", team(world.team_b))["All cases"][3:] == [1, pytest.approx(20), pytest.approx(20)]


def test_waiting_time_until_support(world):
    # Only c1 started support in the period: 10 Jan → 19 Feb = 40 days.
    assert figures("waiting_time", MUNI)["All cases"][:3] == [1, pytest.approx(40), pytest.approx(40)]


def test_cases_without_regisseur(world):
    # Open on 31 March in team A: c1 (u1), c2 (u1), c4 — whose regie history only starts on 10 April, so none yet.
    a = column("without_regisseur", team(world.team_a))
    assert a == {"Without a regisseur": 1, "With a regisseur": 2, "Total": 3}


def test_overdue_evaluations(world):
    # c1: due 20 Mar, not done → 11 days late. c2: due 1 Feb, done only 5 Apr → 58 days late. c4: done in time.
    # c3's evaluation is overdue, but c3 was closed. The home visit is not an evaluation.
    a = column("overdue_evaluations", team(world.team_a))
    assert a == {"1 to 14 days late": 1, "15 to 30 days late": 0, "more than 30 days late": 1, "Total": 2}


def test_caseload_per_professional(world):
    # Regisseur on 31 March: u1 has c1 and c2; c4 has none yet; u3 has c5 (team B).
    assert figures("caseload", team(world.team_a))["This period"] == [1, 2, 2]
    assert figures("caseload", MUNI)["This period"] == [2, pytest.approx(1.5), 2]  # loads 1, 2: median 1.5, P90 rank 2
