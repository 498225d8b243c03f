"""Reads for the intake pages. Callers have passed the signal policy (`access/policy.py`)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.access.policy import board_signal_filter
from eenplan.accounts.models import RoleCode, User
from eenplan.cases.models import Involvement, Phase

from .models import URGENCY_ORDER, ContactAttempt, DutyDay, Signal, SignalStatus


def is_overdue(signal: Signal, today: date | None = None) -> bool:
    """No successful contact by the deadline (the deadline day itself still counts as in time)."""
    today = today or timezone.localdate()
    return bool(signal.deadline and signal.first_contact_at is None and signal.status == SignalStatus.OPEN and signal.deadline < today)


def _late_q(today: date) -> Q:
    # Overdue if open; the board's rows are all open, and leaving status out lets its index answer alone (ADR 0133).
    return Q(first_contact_at__isnull=True, deadline__lt=today)


def overdue_q(today: date) -> Q:
    """`is_overdue` as a filter."""
    return Q(status=SignalStatus.OPEN) & _late_q(today)


def overdue_signals(team_ids):
    return Signal.objects.filter(board_signal_filter(team_ids)).filter(overdue_q(timezone.localdate()))


def _board_order(signals: QuerySet) -> QuerySet:
    urgency_rank = Case(*[When(urgency=u, then=Value(n)) for u, n in URGENCY_ORDER.items()], default=Value(9))
    return signals.alias(
        overdue_rank=Case(When(_late_q(timezone.localdate()), then=Value(0)), default=Value(1)), urgency_rank=urgency_rank,
    ).order_by("overdue_rank", "urgency_rank", F("deadline").asc(nulls_last=True), "received_at", "-pk")


def board(team_ids, *, wijk_id=None, source_id=None) -> QuerySet:
    """The team's open signals (and those not yet placed with a team): overdue first, then urgency, deadline
    (none last) and the day received; the newest first among equals. Ordered by the database (ADR 0133): page
    its primary keys (`.values_list("pk", flat=True)`), then `board_rows` reads only that page's rows."""
    qs = Signal.objects.filter(board_signal_filter(team_ids), status=SignalStatus.OPEN)
    if wijk_id:
        qs = qs.filter(wijk_id=wijk_id)
    if source_id:
        qs = qs.filter(source_id=source_id)
    return _board_order(qs)


def board_counts(signals: QuerySet) -> dict:
    """How many of the board's signals (all open) there are and how many overdue: one query."""
    return signals.aggregate(open=Count("pk"), overdue=Count("pk", filter=_late_q(timezone.localdate())))


def _repeat_count():
    # A signal without an address has no repeats by address (as in `repeat_signals`): its empty key is not compared.
    same = Signal.objects.filter(address_key=OuterRef("address_key")).exclude(address_key="").exclude(pk=OuterRef("pk")).order_by()
    return Coalesce(Subquery(same.values("address_key").annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()), Value(0))


def _attempt_count():
    attempts = ContactAttempt.objects.filter(signal=OuterRef("pk")).order_by().values("signal").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(attempts, output_field=IntegerField()), Value(0))


# What a row of the board shows: a signal has some 40 fields and each of its two users 30, all set on every instance.
BOARD_ROW_FIELDS = (
    "received_at", "channel", "status", "subject_name", "street", "house_number", "house_number_addition", "postcode",
    "city", "urgency", "safety_concern", "deadline", "first_contact_at", "next_attempt_on",
    "source__name", "signal_type__name", "wijk__name",
    "assigned_to__username", "assigned_to__first_name", "assigned_to__last_name",
    "on_duty__username", "on_duty__first_name", "on_duty__last_name",
)


def board_rows(page) -> list[Signal]:
    """One page of the board as its rows show it: with overdue, days left, the number of contact attempts and of
    other signals at the same address. `page`: a slice of `board(...).values_list("pk", flat=True)` (read as a
    subquery: the page is one query, whatever its size) or signals; the counts are subqueries for its rows only."""
    if isinstance(page, (list, tuple)):
        page = [getattr(s, "pk", s) for s in page]
    rows = _board_order(Signal.objects.filter(pk__in=page)).select_related(
        "source", "signal_type", "wijk", "assigned_to", "on_duty",
    ).only(*BOARD_ROW_FIELDS).annotate(repeats=_repeat_count(), attempt_count=_attempt_count())
    rows = list(rows)
    today = timezone.localdate()
    for s in rows:
        s.overdue = is_overdue(s, today)
        s.days_left = (s.deadline - today).days if s.deadline else None
    return rows


def recently_triaged(team_ids, days: int = 14) -> list[Signal]:
    since = timezone.now() - timedelta(days=days)
    return list(
        Signal.objects.filter(team_id__in=team_ids, status=SignalStatus.TRIAGED, triage__decided_at__gte=since)
        .select_related("triage", "triage__routed_to")  # what the board's list shows of them, and only that
        .only("subject_name", "triage__signal_id", "triage__decided_at", "triage__decision", "triage__referred_to",
              "triage__unsafe", "triage__routed_to__first_name", "triage__routed_to__last_name",
              "triage__routed_to__username")
        .order_by("-triage__decided_at")[:50]
    )


def duty_today(team_ids) -> dict:
    today = timezone.localdate()
    return {d.team_id: d.user for d in DutyDay.objects.filter(team_id__in=team_ids, day=today).select_related("user", "team")}


def rota(team, start: date, days: int = 14) -> list[tuple[date, User | None]]:
    planned = {d.day: d.user for d in DutyDay.objects.filter(team=team, day__gte=start, day__lt=start + timedelta(days=days)).select_related("user")}
    return [(start + timedelta(days=i), planned.get(start + timedelta(days=i))) for i in range(days)]


def repeat_signals(signal: Signal) -> list[Signal]:
    """Other signals about the same address (or household), oldest first."""
    cond = Q()
    if signal.address_key:
        cond |= Q(address_key=signal.address_key)
    if signal.household_id:
        cond |= Q(household_id=signal.household_id)
    if not cond:
        return []
    return list(Signal.objects.filter(cond).exclude(pk=signal.pk).select_related("source", "signal_type").order_by("received_at"))


def signal_detail(signal: Signal) -> dict:
    attempts = list(signal.attempts.select_related("by"))
    triage = getattr(signal, "triage", None) if signal.status == SignalStatus.TRIAGED else None
    return {
        "attempts": attempts,
        "repeats": repeat_signals(signal),
        "triage": triage,
        "overdue": is_overdue(signal),
    }


# --- routing -------------------------------------------------------------------------------


@dataclass
class Suggestion:
    user: User
    expertise_matches: int
    caseload: int
    wijk_cases: int
    reasons: list = field(default_factory=list)


def routing_suggestions(*, team, wijk=None, expertise_ids=(), limit: int = 3) -> list[Suggestion]:
    """Suggest professionals: those working in the wijk (their team covers it), most matching
    expertise first, then the smallest current caseload, then who already knows the wijk.
    The system suggests; the person triaging decides."""
    expertise_ids = list(expertise_ids)
    users = User.objects.filter(is_active=True, roles__code__in=[RoleCode.PROFESSIONAL])
    if wijk is not None:
        users = users.filter(memberships__team__wijken=wijk)
    elif team is not None:
        users = users.filter(memberships__team=team)
    else:
        return []
    open_involvements = Involvement.objects.filter(user=OuterRef("pk"), until__isnull=True).exclude(case__phase=Phase.AFGESLOTEN).order_by()
    load = open_involvements.values("user").annotate(n=Count("case", distinct=True)).values("n")[:1]
    in_wijk = open_involvements.filter(case__household__wijk=wijk) if wijk is not None else open_involvements.none()
    wijk_load = in_wijk.values("user").annotate(n=Count("case", distinct=True)).values("n")[:1]
    users = users.distinct().annotate(
        matches=Count("expertise", filter=Q(expertise__in=expertise_ids), distinct=True) if expertise_ids else Value(0),
        caseload=Coalesce(Subquery(load, output_field=IntegerField()), Value(0)),
        wijk_cases=Coalesce(Subquery(wijk_load, output_field=IntegerField()), Value(0)),
    ).order_by("-matches", "caseload", "-wijk_cases", "first_name", "last_name")
    result = []
    for u in users[:limit]:
        reasons = []
        if expertise_ids:
            reasons.append(_("%(n)s of %(total)s expertise needed") % {"n": u.matches, "total": len(expertise_ids)})
        reasons.append(_("%(n)s open cases") % {"n": u.caseload})
        if wijk is not None:
            reasons.append(_("%(n)s cases in %(wijk)s") % {"n": u.wijk_cases, "wijk": wijk})
        result.append(Suggestion(user=u, expertise_matches=u.matches, caseload=u.caseload, wijk_cases=u.wijk_cases, reasons=reasons))
    return result


def triage_for_case(case) -> list[Signal]:
    """The signal(s) and triage that led to a case: linked to the case, or about its household before it."""
    return list(
        Signal.objects.filter(Q(case=case) | Q(household_id=case.household_id, received_at__lte=case.opened_at + timedelta(days=1)))
        .select_related("source", "signal_type", "assigned_to", "triage", "triage__routed_to", "triage__decided_by")
        .prefetch_related("attempts__by", "triage__expertise")
        .order_by("received_at")
        .distinct()
    )


def signals_todo_for(user, team_ids, limit: int | None = None):
    """Open signals assigned to `user` that they may see (their teams, or not placed with a team): the
    caseload's to-do list. Each carries the date it asks attention by (next contact attempt, else the
    contact deadline, else the day it was signalled). One query."""
    signals = list(
        Signal.objects.filter(assigned_to=user, status=SignalStatus.OPEN)
        .filter(Q(team_id__in=team_ids) | Q(team__isnull=True))
        .select_related("signal_type", "household")
        # what a to-do line shows (a signal has some 40 fields, each set on every instance)
        .only("pk", "signal_type__name", "description", "deadline", "first_contact_at", "next_attempt_on",
              "next_attempt_kind", "household__name", "subject_name", "street", "house_number", "house_number_addition",
              "postcode", "city", "reported_on", "received_at")
        .order_by("deadline", "received_at")[:limit]
    )
    for s in signals:
        s.todo_on = s.next_attempt_on or s.deadline or s.reported_on
    return signals
