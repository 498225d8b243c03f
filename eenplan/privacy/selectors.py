"""Queries over the access log for the privacy officer: the review and the unusual-access report.

Every function takes the period as dates (local time, both ends included) and returns querysets or
small lists, so a page's query count does not grow with the log.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Coalesce, TruncHour

from eenplan.access.models import AccessGrant, AccessLogEntry, Action, Outcome
from eenplan.access.selectors import in_period, period_bounds
from eenplan.cases.models import Case, Involvement
from eenplan.people.models import HouseholdMember

# List pages and searches log the ids of the records they showed (`shown_ids`); which kind of record
# depends on the page (its `record_type`). A client shown in a list was looked at too.
SHOWN_CASE_TYPES = ("caseload", "team case list", "cases.Case")
SHOWN_PERSON_TYPES = ("people.Person",)
SHOWN_SIGNAL_TYPES = ("intake board",)


def _shown(record_types, ids, start=None, end=None) -> Q:
    """Log lines of these list kinds whose `shown_ids` hold any of `ids`."""
    ids = {int(i) for i in ids}
    if not ids:
        return Q(pk__in=[])
    if connection.vendor == "postgresql":
        any_id = Q()
        for i in sorted(ids):
            any_id |= Q(shown_ids__contains=[i])
        return Q(record_type__in=record_types) & any_id
    # SQLite has no JSON containment lookup: match in Python over the list lines of these kinds.
    lines = AccessLogEntry.objects.filter(record_type__in=record_types, shown_ids__isnull=False)
    if start:
        lines = lines.filter(at__gte=start)
    if end:
        lines = lines.filter(at__lt=end)
    return Q(pk__in=[pk for pk, shown in lines.values_list("pk", "shown_ids").iterator() if ids & set(shown or ())])


def client_filter(*, household_id=None, person_id=None, case_id=None, date_from=None, date_until=None) -> Q:
    """Log lines about a client. A person's lines include those about their households and cases:
    a household's file concerns every member. A household's lines include its cases and members.
    Lines of list pages that showed the client (`shown_ids`) count as well."""
    from eenplan.intake.models import Signal

    start, end = period_bounds(date_from, date_until)
    q = Q()
    from eenplan.people.merging import record_ids
    from eenplan.people.models import Household, Person

    if household_id:  # with the households merged into it (people.merging): their lines keep their own id
        same = record_ids(Household, household_id)
        case_ids = list(Case.objects.filter(household_id=household_id).values_list("pk", flat=True))
        member_ids = list(HouseholdMember.objects.filter(household_id=household_id).values_list("person_id", flat=True))
        signal_ids = Signal.objects.filter(household_id=household_id).values_list("pk", flat=True)
        q &= (
            Q(household_id__in=same) | Q(case_id__in=case_ids) | Q(person_id__in=member_ids)
            | _shown(SHOWN_CASE_TYPES, case_ids, start, end) | _shown(SHOWN_PERSON_TYPES, member_ids, start, end)
            | _shown(SHOWN_SIGNAL_TYPES, signal_ids, start, end)
        )
    if person_id:
        households = list(HouseholdMember.objects.filter(person_id=person_id).values_list("household_id", flat=True))
        case_ids = list(Case.objects.filter(household_id__in=households).values_list("pk", flat=True))
        signal_ids = Signal.objects.filter(Q(person_id=person_id) | Q(household_id__in=households)).values_list("pk", flat=True)
        q &= (
            Q(person_id__in=record_ids(Person, person_id)) | Q(household_id__in=households) | Q(case_id__in=case_ids)
            | _shown(SHOWN_CASE_TYPES, case_ids, start, end) | _shown(SHOWN_PERSON_TYPES, [person_id], start, end)
            | _shown(SHOWN_SIGNAL_TYPES, signal_ids, start, end)
        )
    if case_id:
        q &= Q(case_id=case_id) | _shown(SHOWN_CASE_TYPES, [case_id], start, end)
    return q


def review_entries(*, household_id=None, person_id=None, case_id=None, username="", outcome="", action="",
                   date_from=None, date_until=None):
    """Who looked at (or was refused) a household, person or case, by whom, in a period."""
    entries = AccessLogEntry.objects.filter(client_filter(household_id=household_id, person_id=person_id, case_id=case_id,
                                                          date_from=date_from, date_until=date_until))
    if username:
        entries = entries.filter(username__iexact=username.strip())
    if outcome:
        entries = entries.filter(outcome=outcome)
    if action:
        entries = entries.filter(action=action)
    return in_period(entries, date_from, date_until).order_by("-at", "-pk")


# --- unusual access ---------------------------------------------------------------------------


def reads_outside_caseload(date_from, date_until):
    """Allowed reads of a case's records by someone not involved at that moment and without a reason
    grant running then: e.g. a safety specialist reading the team's safety records, a team member
    reading a signal that became a case. Not wrong in itself; worth a look."""
    involved_then = Involvement.objects.filter(case_id=OuterRef("case_id"), user_id=OuterRef("user_id"), since__lte=OuterRef("at")).filter(
        Q(until__isnull=True) | Q(until__gte=OuterRef("at"))
    )
    regisseur = Case.objects.filter(pk=OuterRef("case_id"), regisseur_id=OuterRef("user_id"))
    granted_then = AccessGrant.objects.filter(
        case_id=OuterRef("case_id"), user_id=OuterRef("user_id"), granted_at__lte=OuterRef("at"), expires_at__gte=OuterRef("at")
    )
    entries = AccessLogEntry.objects.filter(
        outcome=Outcome.ALLOWED, action__in=[Action.READ, Action.PRINT, Action.EXPORT], case_id__isnull=False, user__isnull=False
    )
    entries = in_period(entries, date_from, date_until)
    return entries.filter(~Exists(involved_then), ~Exists(regisseur), ~Exists(granted_then)).order_by("-at", "-pk")


def refusals(date_from, date_until):
    """Attempts that were refused, per user: many refusals by one user are worth a question."""
    entries = in_period(AccessLogEntry.objects.filter(outcome=Outcome.REFUSED), date_from, date_until)
    return entries.values("username").annotate(n=Count("pk")).order_by("-n", "username")


def grants_per_lead(date_from, date_until):
    """Reason grants (a team lead opening a case with a reason) per team lead, with the reasons."""
    start, end = period_bounds(date_from, date_until)
    grants = AccessGrant.objects.select_related("user", "case__household")
    if start:
        grants = grants.filter(granted_at__gte=start)
    if end:
        grants = grants.filter(granted_at__lt=end)
    per_lead: dict[int, dict] = {}
    for grant in grants.order_by("user__username", "-granted_at"):
        row = per_lead.setdefault(grant.user_id, {"user": grant.user, "grants": []})
        row["grants"].append(grant)
    return sorted(per_lead.values(), key=lambda r: (-len(r["grants"]), r["user"].username))


@dataclass(frozen=True)
class BulkRead:
    username: str
    hour: datetime
    clients: int
    reads: int


def bulk_reads(date_from, date_until, threshold: int | None = None) -> list[BulkRead]:
    """One user reading many different clients within one clock hour (a fixed window, so it is one
    grouped query): at least PRIVACY_BULK_READ_THRESHOLD different households or people."""
    threshold = threshold or settings.PRIVACY_BULK_READ_THRESHOLD
    entries = AccessLogEntry.objects.filter(action__in=[Action.READ, Action.PRINT, Action.EXPORT]).filter(
        Q(household_id__isnull=False) | Q(person_id__isnull=False)
    )
    entries = in_period(entries, date_from, date_until)
    # A client is its household; a person seen without a household counts as its own (negative) key.
    client = Coalesce(F("household_id"), Value(0) - F("person_id"))
    rows = (
        entries.annotate(hour=TruncHour("at"), client=client)
        .values("username", "hour")
        .annotate(clients=Count("client", distinct=True), reads=Count("pk"))
        .filter(clients__gte=threshold)
        .order_by("-clients", "username", "hour")
    )
    return [BulkRead(r["username"], r["hour"], r["clients"], r["reads"]) for r in rows]


def outside_working_hours(date_from, date_until):
    """Log lines about a client at night or at the weekend (PRIVACY_WORKING_HOURS / _DAYS, local time)."""
    start_hour, end_hour = settings.PRIVACY_WORKING_HOURS
    entries = AccessLogEntry.objects.filter(Q(household_id__isnull=False) | Q(person_id__isnull=False) | Q(case_id__isnull=False))
    entries = in_period(entries, date_from, date_until)
    outside = Q(at__hour__lt=start_hour) | Q(at__hour__gte=end_hour) | ~Q(at__iso_week_day__in=settings.PRIVACY_WORKING_DAYS)
    return entries.filter(outside).order_by("-at", "-pk")


# --- finding the client -------------------------------------------------------------------------

LOOKUP_LIMIT = 20


def find_households(text: str):
    text = (text or "").strip()
    from eenplan.people.models import Household

    if text.isdigit():
        return list(Household.objects.filter(pk=int(text)))
    return list(Household.objects.filter(name__icontains=text).order_by("name", "pk")[:LOOKUP_LIMIT])


def find_people(text: str):
    """By number, by full BSN, or by (part of) a name."""
    from eenplan.people.models import Person

    text = (text or "").strip()
    digits = text.replace(" ", "")
    if digits.isdigit() and len(digits) in (8, 9):
        return list(Person.objects.filter(bsn=digits.zfill(9)))
    if digits.isdigit():
        return list(Person.objects.filter(pk=int(digits)))
    q = Q()
    for word in text.split():
        q &= Q(surname__icontains=word) | Q(given_names__icontains=word) | Q(preferred_name__icontains=word) | Q(surname_prefix__iexact=word)
    return list(Person.objects.filter(q).order_by("surname", "given_names", "pk")[:LOOKUP_LIMIT])
