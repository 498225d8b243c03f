"""Intake, outcome, collaboration, domeinstapelaar and recurring-theme indicators on a hand-made data set.
Expected numbers are worked out by hand in the comments; the threshold is 1 so nothing is hidden here."""

from datetime import date

import pytest

from eenplan.assessment.models import Domain, Instrument, ParticipationMeasurement, ZrmMeasurement, ZrmScore
from eenplan.followup.models import Closing, Evaluation, GoalProgress
from eenplan.intake.models import Signal, SignalType, SourceType, Triage
from eenplan.plans.models import Goal, Plan, PlanVersion, Solution
from eenplan.socialmap.models import (
    CaseDiscussion,
    CasePartner,
    Organisation,
    Provision,
    RequestStatusChange,
    TailoredProvisionRequest,
)
from eenplan.testing.factories import PersonFactory

from .data import at, make_world
from .helpers import MUNI, column, figures, team, wijk

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def world(settings):
    settings.INSIGHTS_SMALL_CELL_THRESHOLD = 1
    settings.INSIGHTS_RECURRING_THEME_MIN = 3
    settings.LANGUAGE_CODE = "en"
    return make_world()


def signal(w, team, wijk, source, channel, received, *, household=None, contact=None, deadline=None, kind=None):
    return Signal.objects.create(team=team, wijk=wijk, source=source, channel=channel, received_at=received, reported_on=received.date(),
                                 description="Signaal", household=household, first_contact_at=contact, deadline=deadline,
                                 signal_type=kind, created_by=w.u1)


@pytest.fixture
def intake(world):
    w = world
    res = SourceType.objects.create(code="t-res", name="Test: inwoner zelf")
    corp = SourceType.objects.create(code="t-corp", name="Test: woningcorporatie")
    arrears = SignalType.objects.create(code="t-huur", name="Test: huurachterstand")
    lonely = SignalType.objects.create(code="t-eenzaam", name="Test: eenzaamheid")
    A, B, N, Z = w.team_a, w.team_b, w.noord, w.zuid
    g1 = signal(w, A, N, res, "telefoon", at(2025, 1, 5), household=w.cases["c1"].household, contact=at(2025, 1, 7),
                deadline=date(2025, 1, 15), kind=arrears)
    g2 = signal(w, A, N, corp, "telefoon", at(2025, 2, 10), contact=at(2025, 2, 20), deadline=date(2025, 2, 24), kind=arrears)
    signal(w, A, N, corp, "webformulier", at(2025, 3, 1), deadline=date(2025, 3, 15), kind=arrears)  # g3: no contact → overdue
    signal(w, B, Z, corp, "inloop", at(2024, 12, 10), deadline=date(2024, 12, 24))  # g4: previous period, still overdue
    g5 = signal(w, A, N, res, "telefoon", at(2025, 3, 20), contact=at(2025, 4, 2), deadline=date(2025, 4, 3), kind=lonely)
    for sig, decision, when in ((g1, "advies", at(2025, 1, 8)), (g2, "casus", at(2025, 2, 21)), (g5, "verwezen", at(2025, 3, 25))):
        Triage.objects.create(signal=sig, urgency="normaal", unsafe="nee", children="nee", decision=decision, decided_at=when, decided_by=w.u1)
    return {"res": res, "corp": corp, "arrears": arrears, "lonely": lonely}


def test_signals_by_source_and_channel(world, intake):
    # Team A in the period: g1 (resident, phone), g2 (corporation, phone), g3 (corporation, web form), g5 (resident, phone).
    src = column("signals_by_source", team(world.team_a))
    assert src["Test: inwoner zelf"] == 2 and src["Test: woningcorporatie"] == 2 and src["Total"] == 4
    ch = column("signals_by_channel", team(world.team_a))
    assert ch["Phone"] == 3 and ch["Web form"] == 1 and ch["Walk-in"] == 0
    # g4 (walk-in, team B) came in the previous period.
    assert figures("signals_by_channel", MUNI)["Walk-in"] == [0, 0.0, 1, -1]  # now, share of 4, previous, change


def test_triage_outcomes(world, intake):
    # g1 advice → solved at triage; g2 case opened; g5 referred. One of three solved without a case: 33.3%.
    t = figures("triage_outcomes", team(world.team_a))
    assert t["Solved or advised at triage, no case"][:2] == [1, pytest.approx(100 / 3)]
    assert t["Referred elsewhere"][0] == 1 and t["Case opened"][0] == 1 and t["Total"][0] == 3


def test_time_to_first_contact(world, intake):
    # g1: 5 → 7 Jan = 2 days; g2: 10 → 20 Feb = 10 days; g5's contact (2 April) falls after the period.
    assert figures("time_to_first_contact", team(world.team_a))["Signals with contact"][:3] == [2, pytest.approx(6), pytest.approx(10)]


def test_overdue_signals(world, intake):
    # On 31 March: g3 (deadline 15 Mar, no contact) in team A; g4 (deadline 24 Dec, no contact) in team B.
    # g5's deadline (3 April) had not passed.
    assert column("overdue_signals", team(world.team_a)) == {"Deadline passed, no contact yet": 1}
    assert column("overdue_signals", MUNI) == {"Deadline passed, no contact yet": 2}
    assert figures("overdue_signals", team(world.team_b))["Deadline passed, no contact yet"][1] == 1  # previous period: g4


def test_recurring_themes_are_marked_on_the_wijk_page(world, intake):
    # Noord: arrears in g1 (household of c1), g2 and g3 (not yet known: one household each) = 3 ≥ 3 → recurring; loneliness 1.
    rows = column("recurring_themes", wijk(world.noord))
    assert rows["Test: huurachterstand — recurring"] == 3
    assert rows["Test: eenzaamheid"] == 1


@pytest.fixture
def outcomes(world):
    w = world
    c1, c2, c5 = w.cases["c1"], w.cases["c2"], w.cases["c5"]
    instrument = Instrument.objects.filter(is_current=True).first() or Instrument.objects.create(code="t-zrm", name="ZRM", is_current=True)
    d_fin, d_hous = (Domain.objects.filter(instrument=instrument).order_by("order")[:2] if Domain.objects.filter(instrument=instrument).count() >= 2
                     else [Domain.objects.create(instrument=instrument, code=c, name=c, order=i) for i, c in enumerate(["fin", "hous"])])
    p1, p2, p3 = PersonFactory(), PersonFactory(), PersonFactory()

    def zrm(case, person, on, scores):
        m = ZrmMeasurement.objects.create(case=case, person=person, instrument=instrument, measured_on=on, by=w.u1)
        for domain, score in scores.items():
            ZrmScore.objects.create(measurement=m, domain=domain, score=score)

    zrm(c1, p1, date(2025, 1, 12), {d_fin: 2, d_hous: 3})
    zrm(c1, p1, date(2025, 3, 10), {d_fin: 4, d_hous: 3})
    zrm(c2, p2, date(2025, 2, 5), {d_fin: 3})
    zrm(c2, p2, date(2025, 2, 25), {d_fin: 2})
    zrm(c5, p3, date(2025, 1, 15), {d_fin: 1})
    for case, person, on, level in ((c1, p1, date(2025, 1, 12), 2), (c1, p1, date(2025, 3, 10), 4), (c2, p2, date(2025, 2, 5), 3),
                                    (c2, p2, date(2025, 2, 25), 3), (c5, p3, date(2024, 12, 1), 1), (c5, p3, date(2025, 4, 10), 2)):
        ParticipationMeasurement.objects.create(case=case, person=person, level=level, measured_on=on, by=w.u1)

    def evaluation(case, on, goals):
        e = Evaluation.objects.create(case=case, held_on=on, next_step="doorgaan", by=w.u1, created_at=at(on.year, on.month, on.day))
        for key, status in goals.items():
            GoalProgress.objects.create(evaluation=e, case=case, goal_key=key, goal_text=key, status=status)

    evaluation(c1, date(2025, 2, 15), {"g-a": "bezig"})
    evaluation(c1, date(2025, 3, 20), {"g-a": "behaald", "g-b": "deels_behaald"})
    evaluation(c2, date(2025, 3, 5), {"g-c": "niet_behaald"})
    closing = dict(outcome="afsluiten", question_answered="ja", process="Goed", lessons="Veel", self_reliance="gestegen",
                   self_reliance_measured="gestegen", participation="gelijk", participation_measured="gelijk", by=w.u1, created_at=at(2025, 3, 1))
    Closing.objects.create(case=w.cases["c3"], decided_on=date(2025, 2, 28), resident_satisfaction=8, **closing)
    Closing.objects.create(case=c5, decided_on=date(2025, 3, 15), resident_satisfaction=None, **closing)
    return {"fin": d_fin, "hous": d_hous}


def test_zrm_change_per_domain(world, outcomes):
    # p1 (c1): finances 2 → 4 up, housing 3 → 3 the same. p2 (c2): finances 3 → 2 down. p3 (c5) has one measurement only.
    fin, hous = outcomes["fin"].name, outcomes["hous"].name
    rows = column("zrm_change", team(world.team_a))
    assert rows[f"{fin}: up"] == 1 and rows[f"{fin}: the same"] == 0 and rows[f"{fin}: down"] == 1
    assert rows[f"{hous}: the same"] == 1 and rows[f"{hous}: up"] == 0
    assert column("zrm_change", team(world.team_b))["Total"] == 0


def test_participatieladder_movement(world, outcomes):
    # c1: rung 2 → 4 up; c2: 3 → 3 the same; c5: its last rung up to 31 March was measured in December → not counted.
    assert column("participation_movement", MUNI) == {"up": 1, "the same": 1, "down": 0, "Total": 2}


def test_goals_achieved(world, outcomes):
    # Last status in the period: g-a achieved (in progress earlier), g-b partly achieved, g-c not achieved.
    rows = column("goals_achieved", team(world.team_a))
    assert rows["achieved"] == 1 and rows["partly achieved"] == 1 and rows["not achieved"] == 1 and rows["in progress"] == 0
    assert rows["Total"] == 3


def test_residents_judgement_at_closing(world, outcomes):
    # c3 (team A) closed 28 Feb with a score of 8; c5 (team B) closed 15 Mar without a score.
    assert column("closing_judgement", team(world.team_a))["8 to 10"] == 1
    assert column("closing_judgement", MUNI) == {"8 to 10": 1, "6 or 7": 0, "1 to 5": 0, "No score from the resident": 1, "Total": 2}


@pytest.fixture
def collaboration(world, outcomes):
    w = world
    c1, c2, c5 = w.cases["c1"], w.cases["c2"], w.cases["c5"]
    debts, ggd = Organisation.objects.create(name="Test Schuldhulp"), Organisation.objects.create(name="Test GGD")
    extra = Domain.objects.create(instrument=outcomes["fin"].instrument, code="t-extra", name="Test extra", order=99)
    p_broad = Provision.objects.create(organisation=debts, name="Breed", type="maatwerk")
    p_broad.domains.set([outcomes["fin"], outcomes["hous"], extra])
    p_fin = Provision.objects.create(organisation=debts, name="Budgetcursus", type="voorliggend")
    p_fin.domains.set([outcomes["fin"]])
    partner = dict(role="Hulp", contact_name="Contact", added_by=w.u1, added_at=at(2025, 1, 1))
    CasePartner.objects.create(case=c1, organisation=debts, since=date(2024, 12, 1), **partner)
    CasePartner.objects.create(case=c2, organisation=debts, since=date(2025, 4, 5), **partner)
    CasePartner.objects.create(case=c2, organisation=ggd, since=date(2024, 10, 1), until=date(2024, 12, 31), **partner)
    CasePartner.objects.create(case=c5, organisation=ggd, since=date(2025, 1, 1), **partner)

    def plan(case, when, solutions):
        p = Plan.objects.create(case=case, created_at=when, created_by=w.u1)
        v = PlanVersion.objects.create(plan=p, number=1, created_at=when, created_by=w.u1, reason="Eerste plan")
        goal = Goal.objects.create(version=v, title="Doel", term="kort", target_date=date(2025, 6, 1))
        for frame, provision in solutions:
            Solution.objects.create(version=v, goal=goal, frame=frame, description="Oplossing", provision=provision)

    plan(c1, at(2025, 2, 9), [("eigen_kracht", None), ("maatwerk", p_broad), ("voorliggend", p_fin)])
    plan(c2, at(2025, 2, 11), [("netwerk", None)])

    def request(case, on, history):
        r = TailoredProvisionRequest.objects.create(case=case, provision=p_broad, law="wmo", motivation="Nodig", status=history[-1][0],
                                                    status_on=history[-1][1], requested_on=on, requested_by=w.u1)
        for status, when in history:
            RequestStatusChange.objects.create(request=r, status=status, on=when, by=w.u1, recorded_at=at(2025, 1, 1))

    request(c1, date(2025, 1, 20), [("aangevraagd", date(2025, 1, 20)), ("toegekend", date(2025, 2, 1))])
    request(c2, date(2025, 3, 1), [("aangevraagd", date(2025, 3, 1)), ("afgewezen", date(2025, 4, 10))])
    request(c1, date(2025, 2, 1), [("aangevraagd", date(2025, 2, 1)), ("afgewezen", date(2025, 2, 15))])
    discussion = dict(question="Vraag", recorded_by=w.u1, recorded_at=at(2025, 1, 1))
    CaseDiscussion.objects.create(team=w.team_a, case=c1, kind="casusoverleg", held_on=date(2025, 1, 15), **discussion)
    CaseDiscussion.objects.create(team=w.team_a, anonymous=True, kind="expertisetent", held_on=date(2025, 2, 20), **discussion)
    CaseDiscussion.objects.create(team=w.team_b, case=c5, kind="casusoverleg", held_on=date(2024, 12, 1), **discussion)
    return {"debts": debts, "ggd": ggd}


def test_partners_involved(world, collaboration):
    # In the period: c1 with Schuldhulp (since Dec, not ended); c5 with GGD (since 1 Jan). c2's Schuldhulp starts in April,
    # its GGD ended on 31 December.
    assert column("partners_involved", team(world.team_a)) == {"Test GGD": 0, "Test Schuldhulp": 1}
    assert column("partners_involved", MUNI) == {"Test GGD": 1, "Test Schuldhulp": 1}


def test_solution_frames(world, collaboration):
    # c1's plan: own strength, tailored, preceding; c2's plan: network.
    assert column("solution_frames", team(world.team_a)) == {
        "own strength": 1, "social network": 1, "general, collective or preceding provision": 1, "tailored provision": 1}


def test_tailored_requests(world, collaboration):
    # Requested in the period: c1 (granted 1 Feb), c1 (refused 15 Feb), c2 (refused only on 10 April → waiting on 31 March).
    assert column("tailored_requests", team(world.team_a)) == {"Granted": 1, "Refused": 1, "Waiting for a decision": 1, "Total": 3}


def test_case_discussions(world, collaboration):
    # Team A: a casusoverleg on c1 (15 Jan) and an anonymous expertisetent (20 Feb). Team B's was in December.
    rows = column("case_discussions", team(world.team_a))
    assert rows["case discussion (casusoverleg)"] == 1 and rows["expertisetent"] == 1 and rows["Total"] == 2
    # The anonymous one has no household and so no wijk: Noord shows only the casusoverleg.
    assert column("case_discussions", wijk(world.noord))["Total"] == 1
    assert figures("case_discussions", team(world.team_b))["Total"][2] == 1  # previous period


def test_domeinstapelaars(world, collaboration):
    # Open on 31 March in team A: c1's plan uses 'Breed' (finances, housing, extra) and 'Budgetcursus' (finances): 3 domains;
    # c2's plan has no provision; c4 has no plan.
    rows = column("domain_stacking", team(world.team_a))
    assert rows["3 domains or more (domeinstapelaar)"] == 1 and rows["No provision in the plan (yet)"] == 2 and rows["Total"] == 3
