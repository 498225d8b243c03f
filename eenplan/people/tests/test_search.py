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


def test_postcode_and_house_number_are_one_address():
    """Own address 7411 AB 3, household's 7413 CD 12: found at either address, not at a mix of the two."""
    person = PersonFactory(surname="Tweeadres", postcode="7411 AB", house_number=3)
    HouseholdMemberFactory(person=person, household__postcode="7413 CD", household__house_number=12)
    found = {q: [p.pk for p in search_people(PersonQuery(postcode=q[0], house_number=q[1]))] for q in
             [("7411", "3"), ("7413 CD", "12"), ("7411", "12"), ("7413", "3")]}
    assert found == {("7411", "3"): [person.pk], ("7413 CD", "12"): [person.pk], ("7411", "12"): [], ("7413", "3"): []}


def test_unreadable_birth_date_finds_nobody(people):
    assert list(search_people(PersonQuery(birth_date="31-02-1984"))) == []


def test_search_is_logged_and_municipal_officer_sees_only_known_status(verified_client, people):
    officer = UserFactory(roles=[RoleCode.MUNICIPAL_OFFICER])
    member = HouseholdMemberFactory(person=people[0])
    case = CaseFactory(household=member.household)
    response = verified_client(officer).get("/zoeken/", {"name": "Sanne de Vries", "birth_date": "12-03-1984"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Bekend." in body and case.team.name in body and "Vraagverheldering" in body
    assert "7411 AB" not in body  # no address for a municipal officer
    assert member.household.name not in body  # no household link
    entry = AccessLogEntry.objects.get(action=Action.SEARCH)
    assert entry.username == officer.username and "name=Sanne de Vries" in entry.detail
    assert entry.person_id == people[0].pk and entry.shown_ids == [people[0].pk]


@pytest.mark.parametrize("query", [{"name": "vries"}, {"bsn": "1"}, {"bsn": "12345678"}, {"birth_date": "1984"},
                                   {"name": "Sanne de Vries", "birth_date": "1984"}, {"postcode": "7411 AB"}])
def test_municipal_officer_check_needs_one_fully_identified_person(verified_client, people, query):
    officer = UserFactory(roles=[RoleCode.MUNICIPAL_OFFICER])
    body = verified_client(officer).get("/zoeken/", query).content.decode()
    assert 'aria-live="polite"' not in body  # no answer section at all
    assert "Bekend." not in body and "Niet bekend." not in body and "Vraag naar één persoon" in body
    entry = AccessLogEntry.objects.get(action=Action.SEARCH)
    assert entry.outcome == "refused" and entry.shown_ids == []
    assert all(f"{k}={v}" in entry.detail for k, v in query.items())  # what was asked is in the log


def test_municipal_officer_check_by_bsn_answers_one_person(verified_client, people):
    officer = UserFactory(roles=[RoleCode.MUNICIPAL_OFFICER])
    client = verified_client(officer)
    body = client.get("/zoeken/", {"bsn": "1112 22 333"}).content.decode()
    assert "Bekend." in body and "Er loopt nu geen hulp." in body and "01-07-1990" not in body
    body = client.get("/zoeken/", {"bsn": "100000009"}).content.decode()
    assert "Niet bekend." in body


def test_municipal_officer_check_with_two_namesakes_does_not_pick_one(verified_client, people):
    PersonFactory(given_names="Mark", surname="Vermeulen", birth_date=date(1990, 7, 1))
    officer = UserFactory(roles=[RoleCode.MUNICIPAL_OFFICER])
    body = verified_client(officer).get("/zoeken/", {"name": "mark vermeulen", "birth_date": "01-07-1990"}).content.decode()
    assert "Vraag opnieuw met het BSN" in body and "Bekend." not in body


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
