"""Helpers for the plans tests: a team with its people, a case in it, and plan changes."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Phase
from eenplan.plans import services
from eenplan.plans.services import ActionData, AddGoal, GoalData, SolutionData
from eenplan.testing.factories import CaseFactory, HouseholdMemberFactory, TeamFactory, UserFactory, team_cast, zrm_domain


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
    member: object  # a household member (HouseholdMember)


def make_world(phase=Phase.PLAN, **case_kwargs) -> World:
    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team, first_name="Anna", last_name="de Vries")
    member = HouseholdMemberFactory(household__wijk=team.wijken.first(), person__given_names="Sandra", person__surname="Bakker")
    case_kwargs.setdefault("regisseur", pro)
    case = CaseFactory(household=member.household, team=team, phase=phase, **case_kwargs)
    return World(
        team=team, **team_cast(team, pro),
        case=case, member=member,
    )


def domain(code="financien"):
    return zrm_domain(code)


def in_days(n):
    return timezone.localdate() + timedelta(days=n)


def goal_data(title="Sandra heeft overzicht over haar geld", code="financien", days=90, **kw) -> GoalData:
    return GoalData(title=title, term=kw.pop("term", "kort"), target_date=in_days(days), domain_ids=[domain(code).pk], **kw)


def share(version, world):
    """The household is given this version (its PDF): from now on a change makes a new version."""
    return services.plan_version_share(version=version, by=world.pro)


def add_goal(world, title="Sandra heeft overzicht over haar geld", *, based_on=None, actions=None, solutions=None, shared=True, **kw):
    """Add a goal; with `shared` (the default) the version is then given to the household, so it is
    fixed and the next change makes a new version. `shared=False` leaves it a draft."""
    plan = services.plan_ensure(case=world.case, by=world.pro)
    change = AddGoal(
        data=goal_data(title, **kw),
        solutions=solutions if solutions is not None else [SolutionData(frame="netwerk", description="Zus helpt met de post")],
        actions=actions if actions is not None else [ActionData(what="Post samen sorteren", owner_kind="inwoner", owner_name="Sandra", due_on=in_days(14))],
    )
    version = services.plan_version_create(
        plan=plan, by=world.pro, reason="Samen met het gezin besproken", changes=[change],
        based_on=plan.current_number if based_on is None else based_on,
    )
    if shared:
        share(version, world)
    return version, change.key
