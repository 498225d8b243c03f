"""Helpers for the followup tests: a team with its people, a case with a plan of goals, measurements."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from eenplan.accounts.models import RoleCode
from eenplan.assessment import services as assessment_services
from eenplan.cases.models import Phase
from eenplan.plans import services as plan_services
from eenplan.plans.services import ActionData, AddGoal, GoalData, SolutionData
from eenplan.testing.factories import (
    CaseFactory,
    HouseholdMemberFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
    team_cast,
    zrm_domain,
)

from ..services import ClosingAnswers, GoalAssessment


@dataclass
class World:
    team: object
    pro: object  # involved professional (regisseur)
    other_pro: object  # same team, not involved
    lead: object
    officer: object
    policy: object
    admin: object
    front: object
    case: object
    person: object  # the adult household member


def make_world(phase=Phase.ONDERSTEUNING, **case_kwargs) -> World:
    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team, first_name="Anna", last_name="de Boer")
    member = HouseholdMemberFactory(household__wijk=team.wijken.first(), household__name="Huishouden Veldkamp",
                                    person=PersonFactory(given_names="Sandra", surname="Veldkamp", birth_date=date(1984, 3, 2)))
    case_kwargs.setdefault("regisseur", pro)
    case = CaseFactory(household=member.household, team=team, phase=phase, **case_kwargs)
    return World(
        team=team, **team_cast(team, pro),
        case=case, person=member.person,
    )


def domain(code="financien"):
    return zrm_domain(code)


def in_days(n):
    return timezone.localdate() + timedelta(days=n)


def with_plan(world, titles=("Sandra heeft overzicht over haar geld", "Sandra heeft een vaste daginvulling")) -> list[str]:
    """A plan version with one goal per title; returns the goals' keys (as strings)."""
    plan = plan_services.plan_ensure(case=world.case, by=world.pro)
    changes = [
        AddGoal(
            data=GoalData(title=t, term="kort", target_date=in_days(90), domain_ids=[domain().pk]),
            solutions=[SolutionData(frame="netwerk", description="Zus helpt met de post")],
            actions=[ActionData(what="Post samen sorteren", owner_kind="inwoner", owner_name="Sandra", due_on=in_days(14))],
        )
        for t in titles
    ]
    plan_services.plan_version_create(plan=plan, by=world.pro, reason="Samen besproken", changes=changes)
    return [str(c.key) for c in changes]


def measure(world, on: date, **scores):
    """A ZRM measurement of the adult: `measure(world, date, financien=2, huisvesting=3)`."""
    return assessment_services.zrm_measurement_record(
        case=world.case, person=world.person, measured_on=on, by=world.pro,
        scores={domain(code).pk: score for code, score in scores.items()},
    )


def ladder(world, on: date, level: int):
    return assessment_services.participation_record(case=world.case, person=world.person, level=level, measured_on=on, by=world.pro)


def progress(key, status="bezig", **kw) -> GoalAssessment:
    kw.setdefault("resident_view", "Het gaat beter, de post is bij.")
    kw.setdefault("professional_view", "Overzicht is er, betalingsregeling loopt.")
    return GoalAssessment(key=key, status=status, **kw)


def answers(**kw) -> ClosingAnswers:
    base = dict(
        decided_on=timezone.localdate(), outcome="afsluiten", question_answered="ja",
        process="Snel contact, zus heeft veel gedaan.", lessons="Netwerk eerder inzetten.",
        self_reliance="gestegen", participation="gelijk", resident_satisfaction=8, resident_words="Ik ben geholpen.",
    )
    base.update(kw)
    return ClosingAnswers(**base)
