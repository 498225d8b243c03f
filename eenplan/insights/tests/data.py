"""A small, hand-made municipality with known answers (worked out by hand in each test).

Period under test: 1 January – 31 March 2025 (90 days); the previous period is 3 October – 31 December 2024.
Team A serves wijk Noord, team B serves wijk Zuid.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import timezone

from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Case, Phase, PhaseTransition, PlannedItem, RegieChange
from eenplan.insights.periods import Period
from eenplan.testing.factories import HouseholdFactory, TeamFactory, UserFactory, WijkFactory

PERIOD = Period(date(2025, 1, 1), date(2025, 3, 31))


def at(y, m, d, hour=12):
    return timezone.make_aware(datetime.combine(date(y, m, d), time(hour)))


@dataclass
class World:
    team_a: object = None
    team_b: object = None
    noord: object = None
    zuid: object = None
    u1: object = None
    u2: object = None
    u3: object = None
    cases: dict = field(default_factory=dict)


def make_case(world, name, team, wijk, opened, phases=(), closed=None, regisseur=None):
    """`phases`: [(phase, datetime), …] after the opening (which is in aanmelding)."""
    case = Case.objects.create(
        household=HouseholdFactory(wijk=wijk, name=f"Huishouden {name}"), team=team, phase=Phase.AANMELDING, phase_since=opened,
        opened_at=opened, regisseur=regisseur,
    )
    by = world.u1
    PhaseTransition.objects.create(case=case, from_phase="", to_phase=Phase.AANMELDING, at=opened, by=by)
    previous = Phase.AANMELDING
    for phase, when in phases:
        PhaseTransition.objects.create(case=case, from_phase=previous, to_phase=phase, at=when, by=by)
        previous = phase
    if closed:
        PhaseTransition.objects.create(case=case, from_phase=previous, to_phase=Phase.AFGESLOTEN, at=closed, by=by)
        previous = Phase.AFGESLOTEN
    Case.objects.filter(pk=case.pk).update(phase=previous, closed_at=closed)
    case.refresh_from_db()
    world.cases[name] = case
    return case


def make_world() -> World:
    w = World()
    w.noord, w.zuid = WijkFactory(name="Noord", code="noord"), WijkFactory(name="Zuid", code="zuid")
    w.team_a, w.team_b = TeamFactory(name="Team A", wijken=[w.noord]), TeamFactory(name="Team B", wijken=[w.zuid])
    w.u1 = UserFactory(roles=[RoleCode.PROFESSIONAL], team=w.team_a)
    w.u2 = UserFactory(roles=[RoleCode.PROFESSIONAL], team=w.team_a)
    w.u3 = UserFactory(roles=[RoleCode.PROFESSIONAL], team=w.team_b)
    P = Phase
    make_case(w, "c1", w.team_a, w.noord, at(2025, 1, 10), regisseur=w.u1,
              phases=[(P.VRAAGVERHELDERING, at(2025, 1, 20)), (P.PLAN, at(2025, 2, 9)), (P.ONDERSTEUNING, at(2025, 2, 19))])
    make_case(w, "c2", w.team_a, w.noord, at(2025, 2, 1), regisseur=w.u1, phases=[(P.PLAN, at(2025, 2, 11))])
    make_case(w, "c3", w.team_a, w.noord, at(2024, 12, 1), regisseur=w.u2, phases=[(P.PLAN, at(2025, 1, 20))],
              closed=at(2025, 3, 1))
    c4 = make_case(w, "c4", w.team_a, w.noord, at(2025, 3, 15), regisseur=w.u2)
    # c4 got its regisseur only after the period: its regie history starts on 10 April.
    RegieChange.objects.create(case=c4, regisseur=w.u2, at=at(2025, 4, 10), by=w.u1)
    make_case(w, "c5", w.team_b, w.zuid, at(2024, 11, 1), regisseur=w.u3, phases=[(P.PLAN, at(2024, 11, 21))])

    c = w.cases
    PlannedItem.objects.create(case=c["c1"], kind="evaluatie", label="Evaluatie", due_on=date(2025, 3, 20))
    PlannedItem.objects.create(case=c["c2"], kind="evaluatie", label="Evaluatie", due_on=date(2025, 2, 1), done_at=at(2025, 4, 5))
    PlannedItem.objects.create(case=c["c4"], kind="evaluatie", label="Evaluatie", due_on=date(2025, 3, 1), done_at=at(2025, 3, 5))
    PlannedItem.objects.create(case=c["c3"], kind="evaluatie", label="Evaluatie", due_on=date(2025, 2, 1))
    PlannedItem.objects.create(case=c["c1"], kind="huisbezoek", label="Huisbezoek", due_on=date(2025, 1, 15))
    return w
