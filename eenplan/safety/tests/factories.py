"""Helpers for the safety tests: a team with its people, and a case in it."""

from dataclasses import dataclass

from eenplan.accounts.models import RoleCode
from eenplan.testing.factories import CaseFactory, HouseholdMemberFactory, TeamFactory, UserFactory


@dataclass
class World:
    team: object
    pro: object  # involved professional (regisseur)
    other_pro: object  # same team, not involved
    lead: object
    specialist: object  # team's safety specialist, not involved
    officer: object
    policy: object
    admin: object
    front: object  # front office, not involved
    case: object


def make_world(**case_kwargs) -> World:
    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    world = World(
        team=team,
        pro=pro,
        other_pro=UserFactory(roles=[RoleCode.PROFESSIONAL], team=team),
        lead=UserFactory(roles=[RoleCode.TEAM_LEAD], team=team),
        specialist=UserFactory(roles=[RoleCode.SAFETY_SPECIALIST, RoleCode.PROFESSIONAL], team=team),
        officer=UserFactory(roles=[RoleCode.MUNICIPAL_OFFICER]),
        policy=UserFactory(roles=[RoleCode.POLICY]),
        admin=UserFactory(roles=[RoleCode.FUNCTIONAL_ADMIN]),
        front=UserFactory(roles=[RoleCode.FRONT_OFFICE], team=team),
        case=None,
    )
    member = HouseholdMemberFactory(household__wijk=team.wijken.first())
    world.case = CaseFactory(household=member.household, team=team, regisseur=pro, **case_kwargs)
    return world
