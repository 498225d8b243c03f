"""The overview's query count does not grow with the number of households."""

from datetime import timedelta

import pytest
from django.utils import timezone

from eenplan.accounts.models import RoleCode
from eenplan.people.models import MemberRole
from eenplan.safety import services
from eenplan.testing.factories import CaseFactory, HouseholdMemberFactory, UserFactory
from eenplan.testing.queries import count_queries

from .factories import make_world

pytestmark = pytest.mark.django_db


def add_records(world, n):
    today = timezone.localdate()
    for i in range(n):
        pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=world.team)
        case = CaseFactory(team=world.team, regisseur=pro)
        HouseholdMemberFactory(household=case.household, role=MemberRole.CHILD)
        services.meldcode_start(case=case, concern="Signalen", by=pro)
        watch = services.stut_en_steun_start(case=case, reason="Blijvend risico", every_days=30, first_check_on=today, by=pro)
        type(watch).objects.filter(pk=watch.pk).update(next_check_on=today - timedelta(days=i))
        plan = services.safety_plan_create(case=case, agreed_with="Moeder", agreed_on=today, by=pro)
        cond = services.safety_condition_add(plan=plan, description="Voorwaarde", checker="School", every_days=7, first_check_on=today, by=pro)
        services.safety_check_record(condition=cond, checked_on=today, result="geschonden", note="Gebeurd", by=pro)
        services.regie_takeover_start(case=case, ground="gevaar", reason="Gevaar", starts_on=today, ends_on=today + timedelta(days=30),
                                      review_on=today, by=pro)


def test_overview_query_count_is_flat(verified_client, django_assert_num_queries):
    world = make_world()
    client = verified_client(world.specialist)
    add_records(world, 2)
    client.get("/veiligheid/")
    small = count_queries(lambda: client.get("/veiligheid/"))
    add_records(world, 8)
    with django_assert_num_queries(small):
        response = client.get("/veiligheid/")
    body = response.content.decode()
    assert body.count("/veiligheid/meldcode/") == 10


def test_overview_shows_only_own_teams(verified_client):
    world = make_world()
    services.meldcode_start(case=world.case, concern="Signalen", by=world.pro)
    elsewhere = make_world()
    services.meldcode_start(case=elsewhere.case, concern="Signalen", by=elsewhere.pro)
    body = verified_client(world.lead).get("/veiligheid/").content.decode()
    assert world.case.household.name in body and elsewhere.case.household.name not in body


def test_overview_links_only_records_the_user_may_open(verified_client):
    world = make_world()
    services.meldcode_start(case=world.case, concern="Signalen", by=world.pro)
    link = f'href="/casussen/{world.case.pk}/veiligheid/meldcode/"'
    lead_view = verified_client(world.lead).get("/veiligheid/").content.decode()
    assert world.case.household.name in lead_view and link not in lead_view
    specialist_view = verified_client(world.specialist).get("/veiligheid/").content.decode()
    assert link in specialist_view
