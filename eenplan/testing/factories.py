"""Shared factory_boy factories. Apps keep their own factories in `<app>/tests/factories.py`."""

from datetime import date

import factory
from django.utils import timezone

from eenplan.accounts.models import Role, RoleCode, TeamMembership, User
from eenplan.cases.models import Case, Involvement, Phase, PhaseTransition
from eenplan.organisation.models import Team, Wijk
from eenplan.people.models import Household, HouseholdMember, MemberRole, Person


class WijkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wijk
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Wijk {n}")
    code = factory.Sequence(lambda n: f"wijk-{n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Team {n}")

    @factory.post_generation
    def wijken(self, create, extracted, **kwargs):
        for wijk in extracted or [WijkFactory()]:
            self.wijken.add(wijk)


class UserFactory(factory.django.DjangoModelFactory):
    """`UserFactory(roles=["professional"], team=team, lead=True)`."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        codes = extracted if extracted is not None else [RoleCode.PROFESSIONAL]
        for code in codes:
            self.roles.add(Role.objects.get_or_create(code=code)[0])
        self.forget_cached_access()

    @factory.post_generation
    def team(self, create, extracted, **kwargs):
        if extracted is not None:
            TeamMembership.objects.create(user=self, team=extracted, is_lead=RoleCode.TEAM_LEAD in self.role_codes())
            self.forget_cached_access()
        self.save()


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_names = factory.Faker("first_name", locale="nl_NL")
    # No "van 't Riet": HTML escapes the apostrophe, which made name-in-page assertions flaky.
    surname = factory.LazyAttribute(lambda o: o.faker_surname.replace("'", ""))
    birth_date = factory.LazyFunction(lambda: date(1985, 4, 12))
    postcode = "3511 AB"
    house_number = factory.Sequence(lambda n: n + 1)
    street = "Voorbeeldstraat"
    city = "Voorbeeldstad"

    class Params:
        faker_surname = factory.Faker("last_name", locale="nl_NL")


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    name = factory.LazyAttribute(lambda o: f"Gezin {o.surname.replace(chr(39), '')}")
    wijk = factory.SubFactory(WijkFactory)
    postcode = "3511 AB"
    house_number = factory.Sequence(lambda n: n + 1)
    street = "Voorbeeldstraat"
    city = "Voorbeeldstad"

    class Params:
        surname = factory.Faker("last_name", locale="nl_NL")


class HouseholdMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HouseholdMember

    household = factory.SubFactory(HouseholdFactory)
    person = factory.SubFactory(PersonFactory)
    role = MemberRole.PARENT


class CaseFactory(factory.django.DjangoModelFactory):
    """`CaseFactory(involved=[user])` adds involvements; `regisseur=user` involves them too."""

    class Meta:
        model = Case
        skip_postgeneration_save = True

    household = factory.SubFactory(HouseholdFactory)
    team = factory.SubFactory(TeamFactory)
    phase = Phase.VRAAGVERHELDERING
    phase_since = factory.LazyFunction(timezone.now)
    opened_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def involved(self, create, extracted, **kwargs):
        users = list(extracted or [])
        if self.regisseur is not None and self.regisseur not in users:
            users.append(self.regisseur)
        for user in users:
            Involvement.objects.create(case=self, user=user, since=self.opened_at)
        PhaseTransition.objects.create(case=self, from_phase="", to_phase=self.phase, at=self.opened_at, by=users[0] if users else UserFactory())


def team_cast(team, pro) -> dict:
    """Around an involved professional `pro`: a colleague who is not involved, the team lead, the
    front office, and the roles outside the team (municipal officer, policy, functional admin).
    The people every access test needs; `World(team=team, **team_cast(team, pro), ...)`."""
    return dict(
        pro=pro,
        other_pro=UserFactory(roles=[RoleCode.PROFESSIONAL], team=team),
        lead=UserFactory(roles=[RoleCode.TEAM_LEAD], team=team),
        officer=UserFactory(roles=[RoleCode.MUNICIPAL_OFFICER]),
        policy=UserFactory(roles=[RoleCode.POLICY]),
        admin=UserFactory(roles=[RoleCode.FUNCTIONAL_ADMIN]),
        front=UserFactory(roles=[RoleCode.FRONT_OFFICE], team=team),
    )


def zrm_domain(code: str = "financien"):
    """A ZRM 2017 life domain from the data migration."""
    from eenplan.assessment.models import Domain

    return Domain.objects.get(instrument__code="zrm-2017", code=code)
