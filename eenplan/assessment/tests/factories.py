"""Helpers for the assessment tests: a team with its people, and a case with a household of
two adults and a child."""

from dataclasses import dataclass, field
from datetime import date

from eenplan.accounts.models import RoleCode
from eenplan.assessment.models import Domain, Instrument
from eenplan.people.models import MemberRole
from eenplan.testing.factories import CaseFactory, HouseholdMemberFactory, PersonFactory, TeamFactory, UserFactory, team_cast


@dataclass
class World:
    team: object
    pro: object  # involved professional (regisseur)
    other_pro: object  # same team, not involved
    lead: object
    officer: object
    policy: object
    admin: object
    front: object  # front office, not involved
    case: object = None
    parent: object = None
    partner: object = None
    child: object = None
    members: list = field(default_factory=list)


def make_world(**case_kwargs) -> World:
    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    world = World(
        team=team,
        **team_cast(team, pro),
    )
    first = HouseholdMemberFactory(
        household__wijk=team.wijken.first(), person=PersonFactory(given_names="Samira", birth_date=date(1984, 3, 2))
    )
    household = first.household
    partner = HouseholdMemberFactory(household=household, person=PersonFactory(given_names="Kees", birth_date=date(1980, 7, 9)))
    child = HouseholdMemberFactory(
        household=household, role=MemberRole.CHILD, person=PersonFactory(given_names="Yara", birth_date=date(2015, 5, 1))
    )
    world.parent, world.partner, world.child = first.person, partner.person, child.person
    world.members = [world.parent, world.partner, world.child]
    world.case = CaseFactory(household=household, team=team, regisseur=pro, **case_kwargs)
    return world


def zrm2017() -> Instrument:
    return Instrument.objects.get(code="zrm-2017")


def domains(code="zrm-2017") -> dict[str, Domain]:
    return {d.code: d for d in Domain.objects.filter(instrument__code=code)}


def scores(values: dict, code="zrm-2017") -> dict:
    """`scores({"financien": 2, "justitie": "nvt"})` → {domain id: value}."""
    by_code = domains(code)
    return {by_code[k].pk: v for k, v in values.items()}
