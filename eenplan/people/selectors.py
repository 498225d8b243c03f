"""Search for people, with partial input on every field."""

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Lower

from eenplan.cases.models import Case, Phase

from .models import Household, HouseholdMember, Person

MAX_RESULTS = 50


@dataclass
class PersonQuery:
    name: str = ""
    bsn: str = ""
    postcode: str = ""
    house_number: str = ""
    birth_date: str = ""

    def is_empty(self) -> bool:
        return not any([self.name.strip(), self.bsn.strip(), self.postcode.strip(), self.house_number.strip(), self.birth_date.strip()])


def parse_partial_date(text: str) -> Q | None:
    """'1984', '03-1984', '12-03-1984' or '1984-03-12' → a filter on birth_date; None if unreadable."""
    text = text.strip()
    if not text:
        return Q()
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        y, mo, d = map(int, m.groups())
    elif m := re.fullmatch(r"(\d{1,2})[-/ .](\d{1,2})[-/ .](\d{4})", text):
        d, mo, y = map(int, m.groups())
    elif m := re.fullmatch(r"(\d{1,2})[-/ .](\d{4})", text):
        mo, y = map(int, m.groups())
        return Q(birth_date__year=y, birth_date__month=mo) if 1 <= mo <= 12 else None
    elif m := re.fullmatch(r"(\d{4})", text):
        return Q(birth_date__year=int(m.group(1)))
    else:
        return None
    try:
        return Q(birth_date=date(y, mo, d))
    except ValueError:
        return None


def _address_filter(address: Q) -> Q:
    """People living at the address asked for: their own address matches every condition, or the address of one
    household they are a member of does. Postcode and house number are one address; a person whose own postcode
    matches and whose household's house number matches is not at that address.

    `pk IN (own address UNION members of the households there)`: each half is an index lookup ((postcode,
    house_number) on person and on household). An OR of the own address with EXISTS on the membership made
    PostgreSQL test every person (0.25–0.9 s at G4 size, docs/benchmarks.md); the join with DISTINCT before that
    sorted every match."""
    own = Person.objects.filter(address).order_by().values("pk")
    members = HouseholdMember.objects.filter(household__in=Household.objects.filter(address).values("pk")).order_by()
    return Q(pk__in=own.union(members.values("person_id")))


def _name_order(query: PersonQuery) -> list:
    """Display order: surname, given names, pk. With a name token of three letters or more the match is found
    through the trigram indexes, and the order is over the lowercased names so that PostgreSQL sorts the matches
    instead of walking the surname index in order: matches on a surname sit together in that order, and the walk
    read 450,000 rows before reaching "Jansen" (0.7 s at G4 size; sorting its 45,000 matches takes 60 ms). Shorter
    tokens cannot use a trigram index; they keep the index order, in which their many matches come soon."""
    if any(len(token) >= 3 for token in query.name.split()):
        return [Lower("surname"), Lower("given_names"), "pk"]
    return ["surname", "given_names", "pk"]


def search_people(query: PersonQuery, page: int = 1):
    """Page `page` of the matches, MAX_RESULTS a page, and one row more when there is a next page."""
    filters = Q()
    for token in query.name.split():
        filters &= Q(surname__icontains=token) | Q(given_names__icontains=token) | Q(preferred_name__icontains=token) | Q(surname_prefix__iexact=token)
    if query.bsn.strip():
        # Partial input: the digits typed so far, not padded like a full BSN.
        filters &= Q(bsn__startswith=re.sub(r"\D", "", query.bsn))
    address = Q()
    if query.postcode.strip():
        compact = re.sub(r"\s+", "", query.postcode.upper())
        address &= Q(postcode__startswith=f"{compact[:4]} {compact[4:]}".strip() if len(compact) > 4 else compact)
    if query.house_number.strip().isdigit():
        address &= Q(house_number=int(query.house_number.strip()))
    if address:
        filters &= _address_filter(address)
    date_filter = parse_partial_date(query.birth_date)
    if date_filter is None:
        return Person.objects.none()
    filters &= date_filter
    filters &= Q(merged_into__isnull=True)  # a record merged into another (people.merging) is found as that one
    # The matches to show (no join, so no DISTINCT), then the open-case lookups only for those rows.
    order = _name_order(query)
    shown = Person.objects.filter(filters).order_by(*order).values("pk")[(page - 1) * MAX_RESULTS: page * MAX_RESULTS + 1]
    open_case = Case.objects.filter(household__members__person=OuterRef("pk")).exclude(phase=Phase.AFGESLOTEN)
    return (
        Person.objects.filter(pk__in=shown)
        .annotate(
            open_case_id=Subquery(open_case.values("pk")[:1]),
            open_case_phase=Subquery(open_case.values("phase")[:1]),
            open_case_team=Subquery(open_case.values("team__name")[:1]),
        )
        .prefetch_related(
            # the list names each household: its name, not its ~15 other fields and its wijk
            Prefetch("household_memberships", queryset=HouseholdMember.objects.select_related("household").only(
                "person_id", "household_id", "household__name"))
        )
        .order_by(*order)
    )


def parse_full_date(text: str) -> date | None:
    """'12-03-1984' or '1984-03-12' → a date; a year or month alone → None."""
    q = parse_partial_date(text or "")
    if q and len(q.children) == 1 and q.children[0][0] == "birth_date":
        return q.children[0][1]
    return None


def _normal(text: str) -> str:
    return " ".join((text or "").lower().split())


def known_status_matches(*, bsn: str = "", name: str = "", birth_date: date | None = None) -> list[Person]:
    """The municipal officer's check: exact matches only — a full BSN, or the full name and the full
    birth date. Never partial; the caller answers only when exactly one person matches."""
    open_case = Case.objects.filter(household__members__person=OuterRef("pk")).exclude(phase=Phase.AFGESLOTEN)
    people = Person.objects.filter(merged_into__isnull=True).annotate(
        open_case_id=Subquery(open_case.values("pk")[:1]),
        open_case_phase=Subquery(open_case.values("phase")[:1]),
        open_case_team=Subquery(open_case.values("team__name")[:1]),
    )
    if bsn:
        return list(people.filter(bsn=bsn)[:2])
    wanted = _normal(name)
    surname = wanted.split()[-1] if wanted else ""
    candidates = people.filter(birth_date=birth_date, surname__iexact=surname) if surname and birth_date else people.none()
    matches = []
    for person in candidates[:20]:
        family = [person.surname_prefix, person.surname]
        spellings = {
            _normal(" ".join([person.given_names, *family])),
            _normal(" ".join([person.given_names.split(" ")[0], *family])),
            _normal(" ".join([person.preferred_name, *family])) if person.preferred_name else "",
        }
        if wanted in spellings:
            matches.append(person)
    return matches
