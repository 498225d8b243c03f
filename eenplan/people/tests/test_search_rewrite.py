"""Issue 13: the rewritten search (EXISTS instead of an OR over a LEFT JOIN with DISTINCT; open-case lookups only for
the rows shown) finds exactly the rows the earlier formulation found."""

import itertools
import re

import pytest
from django.db.models import OuterRef, Q, Subquery

from eenplan.cases.models import Case, Phase
from eenplan.people.models import Person
from eenplan.people.selectors import MAX_RESULTS, PersonQuery, search_people
from eenplan.testing.factories import CaseFactory, HouseholdFactory, HouseholdMemberFactory, PersonFactory

pytestmark = pytest.mark.django_db


def earlier_search(query: PersonQuery):
    """The formulation before issue 13 (one filter over the membership join, DISTINCT), as the reference; the address
    conditions as one address (own, or one household's), as the search has them since the G4 run."""
    filters = Q()
    for token in query.name.split():
        filters &= Q(surname__icontains=token) | Q(given_names__icontains=token) | Q(preferred_name__icontains=token) | Q(surname_prefix__iexact=token)
    own, via = Q(), Q()  # postcode and house number are one address: the person's own, or one household's
    if query.postcode.strip():
        compact = re.sub(r"\s+", "", query.postcode.upper())
        pc = f"{compact[:4]} {compact[4:]}".strip() if len(compact) > 4 else compact
        own &= Q(postcode__startswith=pc)
        via &= Q(household_memberships__household__postcode__startswith=pc)
    if query.house_number.strip().isdigit():
        n = int(query.house_number.strip())
        own &= Q(house_number=n)
        via &= Q(household_memberships__household__house_number=n)
    if own:
        filters &= own | via
    open_case = Case.objects.filter(household__members__person=OuterRef("pk")).exclude(phase=Phase.AFGESLOTEN)
    return list(
        Person.objects.filter(filters).distinct().annotate(open_case_id=Subquery(open_case.values("pk")[:1]))
        .order_by("surname", "given_names", "pk")[:MAX_RESULTS]
    )


@pytest.fixture
def town():
    """People whose own address and whose households' addresses agree, differ, or half agree; some in two households."""
    households = [HouseholdFactory(postcode=pc, house_number=n) for pc, n in itertools.product(["7411 AB", "7411 CD", "7413 EF"], [3, 12])]
    names = [("Jan", "Jansen", ""), ("Janneke", "Vries", "de"), ("Mark", "Bergh", "van den"), ("Sanne", "Dijk", "van"), ("Ali", "Jandar", "")]
    for i, (given, surname, prefix) in enumerate(names * 4):
        person = PersonFactory(given_names=given, surname=surname, surname_prefix=prefix,
                               postcode=["7411 AB", "7413 EF", "", "7411 CD"][i % 4], house_number=[3, 12, None, 7][(i // 2) % 4])
        for h in households[i % 6: i % 6 + 1 + i % 2]:
            HouseholdMemberFactory(household=h, person=person)
    CaseFactory(household=households[0])
    CaseFactory(household=households[3], phase=Phase.AFGESLOTEN)
    PersonFactory(given_names="Kees", surname="Zonder", postcode="7411 AB", house_number=12)  # in no household


QUERIES = [
    PersonQuery(name="jan"), PersonQuery(name="van"), PersonQuery(name="de vries"), PersonQuery(name="jan sen"),
    PersonQuery(postcode="7411"), PersonQuery(postcode="7411ab"), PersonQuery(postcode="7413 EF"),
    PersonQuery(house_number="12"), PersonQuery(house_number="3"),
    PersonQuery(postcode="7411", house_number="12"), PersonQuery(postcode="7413", house_number="3"),
    PersonQuery(postcode="7411 CD", house_number="7"), PersonQuery(name="jan", postcode="7411", house_number="3"),
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: ",".join(f"{k}={v}" for k, v in vars(q).items() if v))
def test_rewritten_search_finds_the_same_rows_in_the_same_order(town, query):
    expected = earlier_search(query)
    found = list(search_people(query))
    assert expected, "the fixture should give every query some matches"
    assert [(p.pk, p.open_case_id) for p in found] == [(p.pk, p.open_case_id) for p in expected]


def test_search_has_no_distinct_and_no_join_on_memberships():
    sql = str(search_people(PersonQuery(name="jan", postcode="7411", house_number="3")).query).upper()
    assert "DISTINCT" not in sql and "LEFT OUTER JOIN" not in sql and " UNION " in sql
