"""Matching on a hand-made set with known answers: true duplicates are found, near-misses are not."""

from datetime import date

import pytest

from eenplan.people.matching import ADDRESS, BSN, NAME_BIRTH, find_matches, fold
from eenplan.testing.factories import HouseholdFactory, HouseholdMemberFactory, PersonFactory

pytestmark = pytest.mark.django_db

KERK = {"street": "Kerkstraat", "house_number": 8, "postcode": "7413 AB", "city": "Eendijk"}


@pytest.fixture
def town():
    bakker = HouseholdFactory(name="Gezin Bakker", **KERK)
    jan = HouseholdMemberFactory(household=bakker, person__given_names="Jan Willem", person__surname="Bakker",
                                 person__bsn="999991000", person__birth_date=date(1980, 2, 3), **_no_addr()).person
    lotte = HouseholdMemberFactory(household=bakker, person__given_names="Lotte", person__surname="Bakker", person__bsn="",
                                   person__birth_date=date(2015, 5, 9), **_no_addr()).person
    sanne = HouseholdMemberFactory(household=bakker, person__given_names="Sanne", person__preferred_name="San",
                                   person__surname_prefix="de", person__surname="Vries", person__bsn="",
                                   person__birth_date=date(1982, 7, 21), **_no_addr()).person
    other = HouseholdFactory(name="Huishouden Bakker", street="Beukenlaan", house_number=20, postcode="7415 CD", city="Eendijk")
    jan_1975 = HouseholdMemberFactory(household=other, person__given_names="Jan", person__surname="Bakker", person__bsn="999991243",
                                      person__birth_date=date(1975, 10, 10), **_no_addr()).person
    loose = PersonFactory(given_names="Pieter", surname_prefix="van", surname="Dijk", bsn="999991206", birth_date=date(1955, 6, 1))
    return {"bakker": bakker, "jan": jan, "lotte": lotte, "sanne": sanne, "other": other, "jan_1975": jan_1975, "loose": loose}


def _no_addr():
    return {}


def levels(matches):
    return [(m.level, getattr(m.person, "given_names", None), m.household.name if m.household else None) for m in matches]


def test_the_same_bsn_is_the_same_person_whatever_the_name(town):
    matches = find_matches(bsn="999991000", given_names="J.", surname="Bakkers", birth_date=date(1999, 1, 1))
    assert levels(matches) == [(BSN, "Jan Willem", "Gezin Bakker")]
    assert matches[0].certain and matches[0].same_person


def test_a_bsn_typed_with_spaces_matches(town):
    assert [m.person for m in find_matches(bsn="9999 910 00")] == [town["jan"]]


def test_name_and_birth_date_match_across_spelling_and_first_name(town):
    matches = find_matches(given_names="jan", surname="BAKKER", birth_date=date(1980, 2, 3))
    assert levels(matches) == [(NAME_BIRTH, "Jan Willem", "Gezin Bakker")]
    # the roepnaam counts as a first name; the tussenvoegsel is part of the family name
    assert [m.person for m in find_matches(given_names="San", surname_prefix="de", surname="Vries", birth_date=date(1982, 7, 21))] == [town["sanne"]]


def test_the_same_name_with_another_birth_date_is_someone_else(town):
    matches = find_matches(given_names="Jan", surname="Bakker", birth_date=date(1980, 2, 4))
    assert matches == []


def test_two_different_bsns_are_two_people_even_with_the_same_name_and_birth_date(town):
    matches = find_matches(bsn="999991036", given_names="Jan", surname="Bakker", birth_date=date(1980, 2, 3))
    assert matches == []


def test_a_twin_at_the_same_address_finds_the_household_not_her_sister(town):
    matches = find_matches(given_names="Noor", surname="Bakker", birth_date=date(2015, 5, 9), **_address(KERK))
    assert levels(matches) == [(ADDRESS, None, "Gezin Bakker")]
    assert not matches[0].same_person


def test_a_true_duplicate_at_the_address_is_one_match_with_all_evidence(town):
    matches = find_matches(given_names="Lotte", surname="Bakker", birth_date=date(2015, 5, 9), **_address(KERK))
    assert levels(matches) == [(NAME_BIRTH, "Lotte", "Gezin Bakker")]
    assert "adres" in [str(e) for e in matches[0].evidence] or "address" in [str(e) for e in matches[0].evidence]


def test_an_address_with_another_addition_is_another_address(town):
    assert find_matches(postcode="7413AB", house_number=8, house_number_addition="A") == []
    assert levels(find_matches(postcode="7413ab", house_number=8)) == [(ADDRESS, None, "Gezin Bakker")]


def test_a_person_in_no_household_is_found_by_bsn_and_by_name(town):
    assert levels(find_matches(bsn="999991206")) == [(BSN, "Pieter", None)]
    assert levels(find_matches(given_names="Pieter", surname_prefix="van", surname="dijk", birth_date=date(1955, 6, 1))) == [
        (NAME_BIRTH, "Pieter", None)]


def test_the_person_being_corrected_is_not_their_own_duplicate(town):
    assert find_matches(bsn="999991000", exclude_person=town["jan"]) == []


def test_the_known_answers_on_the_whole_set(town):
    """Precision and recall on the hand-made set: every true duplicate found, no near-miss taken for a person."""
    cases = [  # (query, the person it is, or None)
        ({"bsn": "999991243"}, town["jan_1975"]),
        ({"given_names": "Jan", "surname": "Bakker", "birth_date": date(1975, 10, 10)}, town["jan_1975"]),
        ({"given_names": "Jan Willem", "surname": "Bakker", "birth_date": date(1980, 2, 3)}, town["jan"]),
        ({"given_names": "Noor", "surname": "Bakker", "birth_date": date(2015, 5, 9)}, None),  # the twin
        ({"given_names": "Jan", "surname": "Bakker", "birth_date": date(1975, 10, 11)}, None),  # one day off
        ({"given_names": "Sanne", "surname": "Vries", "birth_date": date(1982, 7, 21)}, town["sanne"]),
        ({"given_names": "Sanne", "surname": "Visser", "birth_date": date(1982, 7, 21)}, None),
    ]
    for query, expected in cases:
        people = [m.person for m in find_matches(**query) if m.same_person]
        assert people == ([expected] if expected else []), query


def test_fold_takes_accents_case_and_hyphens_off():
    assert fold(" Çelik-Öztürk ") == "celik ozturk"


def _address(address):
    return {"postcode": address["postcode"], "house_number": address["house_number"]}
