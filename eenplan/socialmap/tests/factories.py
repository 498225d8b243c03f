"""Helpers for the socialmap tests: a team with its people, a case, and the sociale kaart."""

from dataclasses import dataclass

import factory

from eenplan.accounts.models import RoleCode
from eenplan.assessment.models import Domain
from eenplan.socialmap.models import Organisation, Provision, ProvisionType
from eenplan.testing.factories import CaseFactory, HouseholdMemberFactory, TeamFactory, UserFactory, team_cast


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Partner {n}")


class ProvisionFactory(factory.django.DjangoModelFactory):
    """`ProvisionFactory(domains=["financien"], wijken=[wijk])`."""

    class Meta:
        model = Provision
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Voorziening {n}")
    type = ProvisionType.PRECEDING

    @factory.post_generation
    def domains(self, create, extracted, **kwargs):
        for code in extracted or []:
            self.domains.add(Domain.objects.get(instrument__code="zrm-2017", code=code))

    @factory.post_generation
    def wijken(self, create, extracted, **kwargs):
        for wijk in extracted or []:
            self.wijken.add(wijk)


@dataclass
class World:
    team: object
    pro: object  # involved professional (regisseur)
    other_pro: object  # same team, not involved
    lead: object
    specialist: object
    officer: object
    policy: object
    admin: object
    front: object
    case: object
    member: object  # a household member (the parent)


def make_world(**case_kwargs) -> World:
    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team, first_name="Anna", last_name="de Boer")
    member = HouseholdMemberFactory(household__wijk=team.wijken.first(), person__given_names="Sanne", person__surname="Veldkamp")
    case = CaseFactory(household=member.household, team=team, regisseur=pro, question="Schulden en stress over de huur.", **case_kwargs)
    return World(
        team=team, **team_cast(team, pro),
        specialist=UserFactory(roles=[RoleCode.SAFETY_SPECIALIST, RoleCode.PROFESSIONAL], team=team),
        case=case, member=member,
    )
