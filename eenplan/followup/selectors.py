"""Reads for route steps 8–9. Case-bound selectors expect that the caller passed `policy.require_case`.

The change calculation per person is the assessment app's (`zrm_change`, `participation_change`);
here it is combined over the household into one direction for the closing questions:

- self-reliance: the mean ZRM change over every scored domain of every member that has a first
  and a later score (each domain weighs the same) — above 0 is up, below 0 down, 0 the same;
  no member with two measurements → unknown.
- participation: the sum of the ladder steps gained or lost by the adults with two or more
  measurements — likewise up / down / same / unknown.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from eenplan.cases.models import Case, Phase, PlannedItem
from eenplan.cases.selectors import case_ids_worked_on

from .models import (
    PLANNED_EVALUATION,
    CheckIn,
    Closing,
    Direction,
    Evaluation,
    EvaluationMoment,
    GoalProgress,
    MonitoringPeriod,
    Reopening,
)

REOPEN_SHOWS_ROUTE_DAYS = 365
DUE_AHEAD_DAYS = 14

_TO_DIRECTION = {"up": Direction.UP, "down": Direction.DOWN, "same": Direction.SAME, None: Direction.UNKNOWN}


# --- goals (from the plan) -----------------------------------------------------------------


def current_goals(case):
    from eenplan.plans.selectors import current_goals as plan_goals

    return list(plan_goals(case))


def goal_rows(case) -> list[dict]:
    """Each goal of the current plan with its progress at every evaluation, oldest first.
    Goals evaluated earlier but no longer in the plan are listed after them."""
    goals = current_goals(case)
    progress = list(GoalProgress.objects.filter(case=case).select_related("evaluation", "evaluation__by").order_by("evaluation__held_on", "evaluation_id"))
    by_key: dict[str, list] = {}
    for p in progress:
        by_key.setdefault(p.goal_key, []).append(p)
    rows = [{"key": str(g.key), "text": g.title, "goal": g, "in_plan": True, "history": by_key.pop(str(g.key), [])} for g in goals]
    for key, history in by_key.items():
        rows.append({"key": key, "text": history[-1].goal_text, "goal": None, "in_plan": False, "history": history})
    for row in rows:
        row["latest"] = row["history"][-1] if row["history"] else None
    return rows


# --- change since the first measurement ----------------------------------------------------


def combined_zrm_direction(overalls) -> str:
    """`overalls`: (delta of the means, number of domains) per person. Weighted by domains."""
    pairs = [(d, n) for d, n in overalls if d is not None and n]
    if not pairs:
        return Direction.UNKNOWN
    total = sum(d * n for d, n in pairs)
    if abs(total) < 1e-9:
        return Direction.SAME
    return Direction.UP if total > 0 else Direction.DOWN


def combined_participation_direction(deltas) -> str:
    known = [d for d in deltas if d is not None]
    if not known:
        return Direction.UNKNOWN
    total = sum(known)
    return Direction.SAME if total == 0 else (Direction.UP if total > 0 else Direction.DOWN)


@dataclass
class PersonChange:
    person: object
    zrm: object  # assessment.selectors.ZrmChange
    participation: object  # assessment.selectors.ParticipationChange

    @property
    def zrm_direction(self) -> str:
        return _TO_DIRECTION.get(self.zrm.overall.direction, Direction.UNKNOWN)

    @property
    def participation_direction(self) -> str:
        return _TO_DIRECTION.get(self.participation.direction, Direction.UNKNOWN)

    @property
    def measured_domains(self):
        return [c for c in self.zrm.domains if c.first is not None or c.not_applicable]


@dataclass
class HouseholdChange:
    people: list[PersonChange] = field(default_factory=list)

    @property
    def self_reliance(self) -> str:
        return combined_zrm_direction((p.zrm.overall.delta, p.zrm.overall.domains) for p in self.people)

    @property
    def participation(self) -> str:
        return combined_participation_direction(p.participation.delta for p in self.people)

    @property
    def zrm_people(self):
        return [p for p in self.people if p.zrm.measurements]

    @property
    def participation_people(self):
        return [p for p in self.people if p.participation.measurements]


def household_change(case) -> HouseholdChange:
    """Per current household member: ZRM change per domain and participation change, within this case."""
    from eenplan.assessment.selectors import current_members, participation_change, zrm_change

    return HouseholdChange(people=[
        PersonChange(person=m.person, zrm=zrm_change(m.person, case=case), participation=participation_change(m.person, case=case))
        for m in current_members(case)
    ])


@dataclass
class MeasuredDirections:
    self_reliance: str
    participation: str


def measured_directions(case) -> MeasuredDirections:
    change = household_change(case)
    return MeasuredDirections(self_reliance=change.self_reliance, participation=change.participation)


# --- evaluation moments, monitoring --------------------------------------------------------


def open_moments(case):
    """Planned evaluation moments not yet held or cancelled, earliest first."""
    return EvaluationMoment.objects.filter(case=case, cancelled_at__isnull=True, evaluation__isnull=True).order_by("due_on", "pk")


def running_monitoring(case, lock: bool = False) -> MonitoringPeriod | None:
    qs = MonitoringPeriod.objects.filter(case=case, ended_at__isnull=True)
    if lock:
        qs = qs.select_for_update()
    return qs.first()


def overdue_evaluations(*, today: date, team_ids=None):
    """Planned evaluations past their date on open cases (for the team lead and insights)."""
    qs = open_moments_all().filter(due_on__lt=today).exclude(case__phase=Phase.AFGESLOTEN)
    if team_ids is not None:
        qs = qs.filter(case__team_id__in=team_ids)
    return qs


def open_moments_all():
    return EvaluationMoment.objects.filter(cancelled_at__isnull=True, evaluation__isnull=True)


def earlier_route(case) -> dict | None:
    """For a reopened case: the earlier case's route and closing, when it closed less than a year before."""
    previous = case.previous_case
    if previous is None or previous.closed_at is None:
        return None
    if case.opened_at - previous.closed_at > timedelta(days=REOPEN_SHOWS_ROUTE_DAYS):
        return None
    return {
        "case": previous,
        "transitions": list(previous.transitions.select_related("by")),
        "closing": Closing.objects.filter(case=previous).order_by("-created_at").first(),
        "reopening": Reopening.objects.filter(case=case).select_related("by").first(),
    }


def case_followup(case) -> dict:
    """Everything the case's evaluation & monitoring page shows, in a fixed number of queries."""
    today = timezone.localdate()
    moments = list(EvaluationMoment.objects.filter(case=case).select_related("planned_item__owner").order_by("-due_on", "-pk"))
    evaluations = list(Evaluation.objects.filter(case=case).select_related("by").prefetch_related("goals").order_by("-held_on", "-pk"))
    held_moment_ids = {e.moment_id for e in evaluations if e.moment_id}
    for m in moments:
        m.held = m.pk in held_moment_ids
        m.is_open = not m.held and m.cancelled_at is None
        m.overdue = m.is_open and m.due_on < today
    periods = list(MonitoringPeriod.objects.filter(case=case).select_related("started_by").order_by("-started_at"))
    running = next((p for p in periods if p.ended_at is None), None)
    return {
        "today": today,
        "moments": moments,
        "open_moments": [m for m in moments if m.is_open][::-1],
        "evaluations": evaluations,
        "closings": list(Closing.objects.filter(case=case).select_related("by").order_by("-created_at")),
        "periods": periods,
        "monitoring": running,
        "checkins": list(CheckIn.objects.filter(case=case).select_related("by").order_by("-held_on", "-pk")),
        "planned_checkins": list(
            PlannedItem.objects.filter(case=case, source=f"followup.MonitoringPeriod:{running.pk}", done_at__isnull=True).order_by("due_on")
        ) if running else [],
        "earlier": earlier_route(case),
        "reopened_as": Reopening.objects.filter(previous_case=case).select_related("case").first(),
    }


# --- due items (caseload, team, reminders) -------------------------------------------------


def open_planned_items():
    """Planned items still to do, on open cases."""
    return PlannedItem.objects.filter(done_at__isnull=True).exclude(case__phase=Phase.AFGESLOTEN)


LOOK_AHEAD_KINDS = (PLANNED_EVALUATION, "plan_actie")  # shown up to `days_ahead` days before they are due


def due_items_for(user, *, today: date, days_ahead: int = DUE_AHEAD_DAYS):
    """A professional's due items: everything overdue or due today, and evaluations and plan actions
    coming in the next `days_ahead` days. Items they own, and unowned ones on cases where they are
    regisseur; only on cases they work on (the list names the household). One query."""
    return (
        open_planned_items()
        .filter(Q(owner=user) | Q(owner__isnull=True, case__regisseur=user))
        .filter(case_id__in=case_ids_worked_on(user))
        .filter(Q(due_on__lte=today) | Q(kind__in=LOOK_AHEAD_KINDS, due_on__lte=today + timedelta(days=days_ahead)))
        .select_related("case", "case__household")
        .order_by("due_on", "pk")
    )


@dataclass
class Todo:
    """One line of "Voor u te doen": what, by when, for whom, where to act."""

    due_on: date
    label: str
    kind: str  # "planned", "signal", "meldcode"
    who: str  # the household (or the resident a signal is about)
    url: str
    detail: str = ""
    action_url: str = ""  # a plan action can be marked done right on the list
    overdue: bool = False


def todo_for(user, *, today: date, limit: int) -> tuple[list[Todo], bool]:
    """Everything that is the user's to do today, from every app, in date order: assigned signals and
    their contact attempts (intake), planned items — evaluations, check-ins (waakvlam), plan actions,
    safety checks, Veilig Thuis — and the next meldcode step on their cases (safety). A fixed number of
    queries (one per source). Returns the first `limit` lines and whether there are more."""
    from django.urls import reverse
    from django.utils.text import Truncator
    from django.utils.translation import gettext as _

    from eenplan.access.policy import member_teams
    from eenplan.core.links import link
    from eenplan.intake.selectors import signals_todo_for
    from eenplan.safety.selectors import meldcode_todo_for

    todos = []
    # Only what a line shows: a planned item, its case and household have some 40 fields together.
    items = list(due_items_for(user, today=today).only("due_on", "label", "source", "case_id", "case__household__name")[: limit + 1])
    for item in items:
        action = ""
        if item.source.startswith("plans.PlanAction:"):
            action = reverse("plans:action_outcome", args=[item.case_id, item.source.split(":", 1)[1]])
        todos.append(Todo(due_on=item.due_on, label=item.label, kind="planned", who=item.case.household.name,
                          url=link("cases:detail", item.case_id), action_url=action))
    for signal in signals_todo_for(user, member_teams(user), limit + 1):
        what = signal.signal_type.name if signal.signal_type else Truncator(signal.description).chars(60)
        detail = _("contact before %(date)s") % {"date": signal.deadline.strftime("%d-%m-%Y")} if signal.deadline and not signal.first_contact_at else ""
        if signal.next_attempt_on:
            detail = ", ".join(filter(None, [_("next contact attempt: %(kind)s") % {"kind": signal.get_next_attempt_kind_display() or _("contact attempt")}, detail]))
        todos.append(Todo(due_on=signal.todo_on, label=_("Signal: %(what)s") % {"what": what}, kind="signal", detail=detail,
                          who=signal.household.name if signal.household else (signal.subject_name or signal.address_line or "—"),
                          url=link("intake:signal", signal.pk)))
    my_cases = Case.objects.exclude(phase=Phase.AFGESLOTEN).filter(pk__in=case_ids_worked_on(user)).values("pk")
    for trajectory in meldcode_todo_for(user, my_cases, limit + 1):
        todos.append(Todo(due_on=timezone.localtime(trajectory.started_at).date(), kind="meldcode",
                          label=_("Meldcode: step %(n)s is next") % {"n": trajectory.next_step_number},
                          who=trajectory.case.household.name, url=link("safety:meldcode", trajectory.case_id)))
    for todo in todos:
        todo.overdue = todo.due_on < today
    todos.sort(key=lambda t: (t.due_on, t.kind, t.label))
    return todos[:limit], len(todos) > limit


def team_due_evaluations(team_ids, *, today: date, days_ahead: int = DUE_AHEAD_DAYS):
    """The team's evaluations that are overdue or coming up, for the team lead (no case content). One query."""
    return (
        open_planned_items()
        .filter(case__team_id__in=team_ids, kind=PLANNED_EVALUATION, due_on__lte=today + timedelta(days=days_ahead))
        .select_related("case", "case__household", "owner")
        .order_by("due_on", "pk")
    )


def team_overdue_items(team_ids, *, today: date):
    return (
        open_planned_items()
        .filter(case__team_id__in=team_ids, due_on__lt=today)
        .select_related("case", "case__household", "owner", "case__regisseur")
        .order_by("due_on", "pk")
    )


def items_to_decide_at_closing(case) -> list:
    """The open planned items the closing form asks about. The planned evaluations are completed by the
    closing evaluation and the monitoring period's check-ins by ending it, so they are not asked."""
    from eenplan.cases.services import open_items_to_decide

    own = {f"followup.EvaluationMoment:{pk}" for pk in open_moments(case).values_list("pk", flat=True)}
    own |= {f"followup.MonitoringPeriod:{pk}" for pk in MonitoringPeriod.objects.filter(case=case, ended_at__isnull=True).values_list("pk", flat=True)}
    return open_items_to_decide(case, except_sources=own)


def proposed_dates(case) -> list[tuple[date, str]]:
    """Dates the plan proposes for an evaluation: three months after the current version, and the
    goals' target dates — only those still ahead."""
    from eenplan.plans.selectors import current_version

    today = timezone.localdate()
    proposals = []
    version = current_version(case)
    if version is not None:
        day = timezone.localtime(version.created_at).date() + timedelta(days=91)
        if day > today:
            proposals.append((day, "version"))
    for goal in current_goals(case):
        if goal.target_date and goal.target_date > today:
            proposals.append((goal.target_date, goal.title))
    seen, result = set(), []
    for day, why in sorted(proposals, key=lambda p: p[0]):
        if day not in seen:
            seen.add(day)
            result.append((day, why))
    return result[:4]
