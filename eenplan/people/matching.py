"""Is this person or household already registered? Matching for every way in (registration, BRP lookup).

In order of strength, each with the evidence shown to the user:
1. `bsn` — the same BSN: the same person (certain; the BSN is unique, a second record is refused).
2. `name_birth` — the same surname (with tussenvoegsel), the same first given name (or roepnaam) and the same
   birth date, and no two different BSNs: very probably the same person.
3. `address` — a household registered at the same address (postcode, house number, addition): probably the
   household this person belongs to; the person is *not* taken to be anyone in it.

Near-misses are not matches: the same name with another birth date; twins at one address (same surname and
birth date, another first name) match only as `address` — their household, never each other. Two different
BSNs are two people, whatever their names. Nothing is linked or merged here: the caller shows the proposal.
"""

import unicodedata
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.cases.models import Case, Phase

from .models import Household, HouseholdMember, Person
from .validators import normalise_bsn, normalise_postcode

BSN, NAME_BIRTH, ADDRESS = "bsn", "name_birth", "address"
LEVELS = (BSN, NAME_BIRTH, ADDRESS)


@dataclass
class Match:
    level: str  # BSN, NAME_BIRTH or ADDRESS
    household: Household | None  # None: a person in no household
    person: Person | None  # None for an ADDRESS match: the household, not a person in it
    evidence: list[str] = field(default_factory=list)
    open_case: Case | None = None
    visible: bool = False  # may the user open the household (`access.policy.household_decision`)? set by the view

    @property
    def certain(self) -> bool:
        return self.level == BSN

    @property
    def same_person(self) -> bool:
        return self.level in (BSN, NAME_BIRTH)


def fold(text: str) -> str:
    """Lower case, accents off, one space: 'Çelik ' and 'celik' are one name."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().replace("-", " ").split())


def _first_names(person: Person) -> set[str]:
    names = {fold(person.given_names).split(" ")[0]} if person.given_names.strip() else set()
    if person.preferred_name.strip():
        names.add(fold(person.preferred_name))
    return names


def _current_memberships(person_ids):
    today = timezone.localdate()
    return (HouseholdMember.objects.filter(person_id__in=person_ids, household__merged_into__isnull=True)
            .filter(Q(until__isnull=True) | Q(until__gte=today)).select_related("household"))


def find_matches(*, bsn: str = "", given_names: str = "", surname_prefix: str = "", surname: str = "", birth_date=None,
                 postcode: str = "", house_number=None, house_number_addition: str = "",
                 exclude_person: Person | None = None) -> list[Match]:
    bsn = normalise_bsn(bsn or "")
    postcode = normalise_postcode(postcode or "")
    found: dict[tuple, Match] = {}

    def add(level, person, household, evidence):
        key = (getattr(person, "pk", None), getattr(household, "pk", None))
        if key in found:
            return
        found[key] = Match(level=level, household=household, person=person, evidence=list(evidence))

    def with_households(people, level, evidence_of):
        people = [p for p in people if exclude_person is None or p.pk != exclude_person.pk]
        memberships = {}
        for m in _current_memberships([p.pk for p in people]):
            memberships.setdefault(m.person_id, []).append(m.household)
        for person in people:
            for household in memberships.get(person.pk) or [None]:
                add(level, person, household, evidence_of(person, household))

    def at_address(household) -> bool:
        return bool(household and postcode and house_number and household.postcode == postcode
                    and household.house_number == house_number
                    and fold(household.house_number_addition) == fold(house_number_addition))

    if bsn:
        with_households(Person.objects.filter(bsn=bsn, merged_into__isnull=True), BSN, lambda p, h: [_("BSN")] + ([_("address")] if at_address(h) else []))

    first = fold(given_names).split(" ")[0] if fold(given_names) else ""
    if surname.strip() and first and birth_date:
        candidates = Person.objects.filter(surname__iexact=surname.strip(), birth_date=birth_date, merged_into__isnull=True)
        # A tussenvoegsel left out still matches ('Vries' for 'de Vries'); another one does not.
        same = [p for p in candidates
                if (not surname_prefix.strip() or fold(surname_prefix) == fold(p.surname_prefix))
                and first in _first_names(p)
                and not (bsn and p.bsn and p.bsn != bsn)]
        with_households(same, NAME_BIRTH, lambda p, h: [_("surname"), _("first name"), _("birth date")]
                        + ([_("address")] if at_address(h) else []))

    if postcode and house_number:
        matched_households = {m.household.pk for m in found.values() if m.household is not None}
        households = (Household.objects.filter(postcode=postcode, house_number=house_number, merged_into__isnull=True)
                      .exclude(pk__in=matched_households))
        for household in households:
            if fold(household.house_number_addition) != fold(house_number_addition):
                continue
            add(ADDRESS, None, household, [_("address")])

    matches = sorted(found.values(), key=lambda m: LEVELS.index(m.level))
    household_ids = [m.household.pk for m in matches if m.household is not None]
    open_cases = {c.household_id: c for c in Case.objects.filter(household_id__in=household_ids)
                  .exclude(phase=Phase.AFGESLOTEN).select_related("team")}
    for m in matches:
        m.open_case = open_cases.get(getattr(m.household, "pk", None))
    return matches


def show_matches(request, matches: list[Match], *, context: str = "registration") -> list[Match]:
    """Which matches the user may open (the policy decides), each shown one logged; the others only counted."""
    from eenplan.access import policy
    from eenplan.access.audit import log_access
    from eenplan.access.models import Action

    for m in matches:
        decision = policy.household_decision(request.user, m.household) if m.household is not None else None
        m.visible = bool(decision)
        if m.visible:
            log_access(user=request.user, action=Action.READ, record=m.household, person_id=getattr(m.person, "pk", None),
                       acting_role=decision.basis, request=request,
                       detail=f"offered as a match ({m.level}) at {context}: " + ", ".join(str(e) for e in m.evidence))
    hidden = [m for m in matches if not m.visible]
    if hidden:
        log_access(user=request.user, action=Action.SEARCH, record_type="people.Household",
                   acting_role=",".join(sorted(request.user.role_codes())), request=request,
                   detail=f"duplicate check at {context}: {len(hidden)} match(es), not shown")
    from .merge_views import attach_merge_links  # two records found that are one: offer to merge them (ADR 0113)

    return attach_merge_links(matches)
