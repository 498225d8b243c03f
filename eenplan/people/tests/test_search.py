from datetime import date

import pytest

from eenplan.access.models import AccessLogEntry, Action
from eenplan.accounts.models import RoleCode
from eenplan.people.selectors import PersonQuery, search_people
from eenplan.testing.factories import (
    CaseFactory,
    HouseholdMemberFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
)
from eenplan.testing.queries import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    a = PersonFactory(given_names="Sanne Maria", surname="Vries", surname_prefix="de", bsn="123456782",
                      birth_date=date(1984, 3, 12), postcode="7411 AB", house_number=12)
    b = PersonFactory(given_names="Mark", surname="Vermeulen", bsn="111222333", birth_date=date(1990, 7, 1),
                      postcode="7413 CD", house_number=5)
    return a, b


@pytest.mark.parametrize(
    "query,expected",
    [
        (PersonQuery(name="vrie"), {"Vries"}),
        (PersonQuery(name="sanne de vries"), {"Vries"}),
        (PersonQuery(name="ver"), {"Vermeulen"}),
        (PersonQuery(bsn="1234"), {"Vries"}),
        (PersonQuery(postcode="7413"), {"Vermeulen"}),
        (PersonQuery(postcode="7411ab", house_number="12"), {"Vries"}),
        (PersonQuery(birth_date="1984"), {"Vries"}),
        (PersonQuery(birth_date="07-1990"), {"Vermeulen"}),
        (PersonQuery(birth_date="12-03-1984"), {"Vries"}),
        (PersonQuery(birth_date="1990-07-01"), {"Vermeulen"}),
    ],
)
def test_partial_input_finds_people(people, query, expected):
    assert {p.surname for p in search_people(query)} == expected


def test_unreadable_birth_date_finds_nobody(people):
    assert list(search_people(PersonQuery(birth_date="31-02-1984"))) == []


def test_search_is_logged_and_municipal_officer_sees_only_known_status(verified_client, people):
    officer = UserFactory(roles=[RoleCode.MUNICIPAL_OFFICER])
    member = HouseholdMemberFactory(person=people[0])
    CaseFactory(household=member.household)
    response = verified_client(officer).get("/zoeken/", {"name": "vries"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Vries" in body
    assert "7411 AB" not in body  # no address for a municipal officer
    assert member.household.name not in body  # no household link
    entry = AccessLogEntry.objects.get(action=Action.SEARCH)
    assert entry.username == officer.username and "name=vries" in entry.detail


def test_search_query_count_does_not_grow(verified_client, django_assert_num_queries):
    team = TeamFactory()
    user = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    client = verified_client(user)

    def add(n):
        for _ in range(n):
            member = HouseholdMemberFactory(person=PersonFactory(surname="Bakker"))
            CaseFactory(household=member.household, team=team, regisseur=user)

    add(2)
    client.get("/zoeken/", {"name": "bakker"})  # warm-up: session, user
    small = count_queries(lambda: client.get("/zoeken/", {"name": "bakker"}))
    add(10)
    with django_assert_num_queries(small):
        response = client.get("/zoeken/", {"name": "bakker"})
    assert response.content.decode().count("Bakker") >= 12
