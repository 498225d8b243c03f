"""Search for people, with partial input on every field."""

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Prefetch, Q, Subquery

from eenplan.cases.models import Case, Phase

from .models import HouseholdMember, Person

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


def search_people(query: PersonQuery):
    filters = Q()
    for token in query.name.split():
        filters &= Q(surname__icontains=token) | Q(given_names__icontains=token) | Q(preferred_name__icontains=token) | Q(surname_prefix__iexact=token)
    if query.bsn.strip():
        # Partial input: the digits typed so far, not padded like a full BSN.
        filters &= Q(bsn__startswith=re.sub(r"\D", "", query.bsn))
    if query.postcode.strip():
        compact = re.sub(r"\s+", "", query.postcode.upper())
        pc = f"{compact[:4]} {compact[4:]}".strip() if len(compact) > 4 else compact
        filters &= Q(postcode__startswith=pc) | Q(household_memberships__household__postcode__startswith=pc)
    if query.house_number.strip().isdigit():
        n = int(query.house_number.strip())
        filters &= Q(house_number=n) | Q(household_memberships__household__house_number=n)
    date_filter = parse_partial_date(query.birth_date)
    if date_filter is None:
        return Person.objects.none()
    filters &= date_filter
    open_case = Case.objects.filter(household__members__person=OuterRef("pk")).exclude(phase=Phase.AFGESLOTEN)
    return (
        Person.objects.filter(filters)
        .distinct()
        .annotate(
            open_case_id=Subquery(open_case.values("pk")[:1]),
            open_case_phase=Subquery(open_case.values("phase")[:1]),
            open_case_team=Subquery(open_case.values("team__name")[:1]),
        )
        .prefetch_related(
            Prefetch("household_memberships", queryset=HouseholdMember.objects.select_related("household", "household__wijk"))
        )
        .order_by("surname", "given_names", "pk")[:MAX_RESULTS]
    )
