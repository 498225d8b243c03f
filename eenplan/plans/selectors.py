"""Reads of plans. Case-bound selectors expect that the caller has passed `policy.require_case`.

`current_goals(case)` and `goal_history(case, key)` are shared with the followup app (goal
progress per goal across versions) and insights.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from eenplan.cases.models import PHASE_ORDER, Case, Phase
from eenplan.people.models import Person

from .models import Goal, Plan, PlanAction, PlanAgreement, PlanVersion, RegieHolder, RegieReason, Solution
from .state import compare_states, state_of

# Phases after the plan phase: from here on a case must have a regisseur.
AFTER_PLAN_PHASES = [p for p in PHASE_ORDER if PHASE_ORDER.index(p) > PHASE_ORDER.index(Phase.PLAN) and p != Phase.AFGESLOTEN]


def plan_of(case: Case) -> Plan | None:
    return Plan.objects.filter(case=case).first()


def _newest_first(case: Case) -> QuerySet:
    return PlanVersion.objects.filter(plan__case=case).select_related("created_by").order_by("-number")


def current_version(case: Case) -> PlanVersion | None:
    return _newest_first(case).first()


def goals_of(version: PlanVersion) -> QuerySet:
    """The goals of a version with everything a page shows, in a fixed number of queries."""
    return (
        Goal.objects.filter(version=version)
        .prefetch_related(
            "domains",
            Prefetch("members", queryset=Person.objects.order_by("birth_date", "pk")),
            Prefetch("solutions", queryset=Solution.objects.select_related("provision", "provision__organisation").order_by("order", "pk")),
            Prefetch("actions", queryset=PlanAction.objects.select_related("owner_user").order_by("due_on", "order", "pk")),
        )
        .order_by("priority", "pk")
    )


def current_goals(case: Case) -> QuerySet:
    """The goals of the newest plan version (empty when there is no plan yet). Each has a stable `key`."""
    version = current_version(case)
    if version is None:
        return Goal.objects.none()
    return goals_of(version)


def goal_history(case: Case, key) -> QuerySet:
    """The same goal (by its key) in every version it appears in, oldest first."""
    return Goal.objects.filter(version__plan__case=case, key=key).select_related("version").order_by("version__number")


def versions_of(case: Case) -> QuerySet:
    return (
        PlanVersion.objects.filter(plan__case=case)
        .select_related("created_by")
        .prefetch_related(Prefetch("agreements", queryset=PlanAgreement.objects.select_related("person", "recorded_by")))
        .order_by("-number")
    )


def recent_versions(case: Case, count: int = 5) -> list[PlanVersion]:
    """The newest `count` versions, newest first (the first is `current_version`): the plan page's list."""
    return list(_newest_first(case)[:count])


def version_of(case: Case, number: int) -> PlanVersion | None:
    return PlanVersion.objects.filter(plan__case=case, number=number).select_related("created_by").first()


@dataclass
class VersionComparison:
    old: PlanVersion
    new: PlanVersion
    goals: list = field(default_factory=list)
    problems_added: list = field(default_factory=list)
    problems_removed: list = field(default_factory=list)

    @property
    def changed_goals(self):
        return [g for g in self.goals if g.has_changes]


def compare_versions(old: PlanVersion, new: PlanVersion) -> VersionComparison:
    """What was added, changed or removed per goal (and its solutions and actions) from `old` to `new`."""
    a, b = state_of(old), state_of(new)
    return readable_comparison(VersionComparison(
        old=old, new=new, goals=compare_states(a, b),
        problems_added=[p["text"] for k, p in b.problems.items() if k not in a.problems],
        problems_removed=[p["text"] for k, p in a.problems.items() if k not in b.problems],
    ))


def latest_agreement(version: PlanVersion | None) -> PlanAgreement | None:
    if version is None:
        return None
    return version.agreements.select_related("person").first()


def regie_current(case: Case) -> RegieReason | None:
    return case.regie_reasons.select_related("by").first()


def resident_holds_regie(case: Case) -> bool | None:
    """True/False once recorded, None when nobody has recorded it yet."""
    row = regie_current(case)
    return None if row is None else row.holder == RegieHolder.RESIDENT


def cases_without_regisseur(team_ids) -> QuerySet:
    """Open cases past the plan phase that have no regisseur: flagged to the team lead."""
    return (
        Case.objects.filter(team_id__in=team_ids, phase__in=AFTER_PLAN_PHASES, regisseur__isnull=True)
        .select_related("household", "team")
        .order_by("phase_since", "pk")
    )


def cases_without_regie_reason(team_ids) -> QuerySet:
    """Open cases past the plan phase where nobody recorded who holds regie (and why not the household)."""
    return (
        Case.objects.filter(team_id__in=team_ids, phase__in=AFTER_PLAN_PHASES)
        .exclude(regie_reasons__isnull=False)
        .select_related("household")
        .order_by("phase_since", "pk")
    )


# --- a comparison in words --------------------------------------------------------------------

FIELD_LABELS = {
    "title": _("goal"), "result": _("result"), "term": _("term"), "target_date": _("target date"), "status": _("status"),
    "domain_ids": _("life domains"), "member_ids": _("members concerned"), "problem_key": _("problem statement"), "priority": _("priority"),
    "frame": _("frame"), "description": _("solution"), "provision_id": _("provision"),
    "what": _("what"), "owner_kind": _("who (kind)"), "owner_name": _("who"), "owner_user_id": _("professional"),
    "due_on": _("by when"), "solution_key": _("solution"),
}


def _labeller(comparison: "VersionComparison"):
    """Turn stored values (ids, codes, dates) into words, with one query per kind of id."""
    from eenplan.accounts.models import User
    from eenplan.assessment.models import Domain, SolutionFrame
    from eenplan.socialmap.models import Provision

    from .models import GoalStatus, OwnerKind, Term

    items = [c for g in comparison.goals for c in [g.goal, *g.solutions, *g.actions]]
    values = [v for c in items for v in (c.old or {}, c.new or {})]
    ids = {f: {x for v in values for x in (v.get(f) if isinstance(v.get(f), list) else [v.get(f)]) if x} for f in
           ("domain_ids", "member_ids", "provision_id", "owner_user_id")}
    names = {
        "domain_ids": {d.pk: d.name for d in Domain.objects.filter(pk__in=ids["domain_ids"])},
        "member_ids": {p.pk: str(p) for p in Person.objects.filter(pk__in=ids["member_ids"])},
        "provision_id": {p.pk: p.name for p in Provision.objects.filter(pk__in=ids["provision_id"])},
        "owner_user_id": {u.pk: u.get_full_name() or u.username for u in User.objects.filter(pk__in=ids["owner_user_id"])},
    }
    choices = {"term": dict(Term.choices), "status": dict(GoalStatus.choices), "frame": dict(SolutionFrame.choices),
               "owner_kind": dict(OwnerKind.choices)}

    def word(f, value):
        if value in (None, "", []):
            return "—"
        if f in names:
            return ", ".join(names[f].get(x, "?") for x in (value if isinstance(value, list) else [value]))
        if f in choices:
            return str(choices[f].get(value, value))
        if hasattr(value, "strftime"):
            return value.strftime("%d-%m-%Y")
        if f in ("problem_key", "solution_key"):
            return _("another one")
        return str(value)

    return word


def readable_comparison(comparison: "VersionComparison") -> "VersionComparison":
    """Attach `lines` (label, old, new) to every changed goal, solution and action."""
    word = _labeller(comparison)
    for g in comparison.goals:
        for c in [g.goal, *g.solutions, *g.actions]:
            c.lines = [(FIELD_LABELS.get(f, f), word(f, c.old.get(f)), word(f, c.new.get(f))) for f in c.fields]
            c.title = (c.new or c.old).get("title") or (c.new or c.old).get("what") or (c.new or c.old).get("description") or ""
    return comparison


# --- drafts, action outcomes, open actions --------------------------------------------------


def needs_reason(version: PlanVersion | None) -> bool:
    """A change needs a "why" only once the newest version is fixed (agreed, disagreed or given to the household)."""
    from .services import is_draft

    return version is not None and not is_draft(version)


def latest_outcomes(case: Case) -> dict:
    """Per action key, its newest outcome (one query)."""
    from .models import ActionOutcome

    latest = {}
    for outcome in ActionOutcome.objects.filter(plan__case=case).select_related("by").order_by("-at", "-pk"):
        latest.setdefault(outcome.action_key, outcome)
    return latest


def action_outcomes(case: Case, version: PlanVersion | None) -> dict:
    """Per action key of `version`: its outcome when it was marked done or not done for its current date."""
    if version is None:
        return {}
    latest = latest_outcomes(case)
    due = dict(PlanAction.objects.filter(version=version).values_list("key", "due_on"))
    return {k: o for k, o in latest.items() if due.get(k) == o.due_on}


def with_outcomes(goals, outcomes: dict):
    """Attach `outcome` (or None) to every prefetched action of `goals`; returns `goals`."""
    for goal in goals:
        for action in goal.actions.all():
            action.outcome = outcomes.get(action.key)
    return goals


_READ = object()  # "read the current version": a caller that has it already passes it (None: no plan yet)


def open_actions(case: Case, *, today=None, version=_READ) -> list:
    """The newest version's actions not yet marked done or not done, of goals still worked on:
    overdue first, then by date. Each carries `overdue` (bool). A fixed number of queries."""
    from django.utils import timezone

    from .models import GoalStatus

    if version is _READ:
        version = current_version(case)
    if version is None:
        return []
    today = today or timezone.localdate()
    outcomes = action_outcomes(case, version)
    actions = [a for a in PlanAction.objects.filter(version=version, goal__status=GoalStatus.OPEN).select_related("goal", "owner_user")
               if a.key not in outcomes]
    for a in actions:
        a.overdue = a.due_on < today
    return sorted(actions, key=lambda a: (not a.overdue, a.due_on, a.order))


def open_actions_by_owner(case: Case, *, today=None, version=_READ) -> list[dict]:
    """`open_actions` per owner (a colleague, or a name with its kind): owners with overdue actions first.
    Each: {"owner", "kind", "user", "actions", "overdue"}."""
    groups: dict = {}
    for a in open_actions(case, today=today, version=version):
        key = ("user", a.owner_user_id) if a.owner_user_id else ("name", a.owner_kind, a.owner_name.strip().lower())
        group = groups.setdefault(key, {"owner": (a.owner_user.get_full_name() or a.owner_user.username) if a.owner_user else a.owner_name,
                                        "kind": a.get_owner_kind_display(), "user": a.owner_user, "actions": [], "overdue": 0})
        group["actions"].append(a)
        group["overdue"] += a.overdue
    return sorted(groups.values(), key=lambda g: (not g["overdue"], g["actions"][0].due_on))


# --- a goal started from the assessment ------------------------------------------------------


@dataclass
class GoalStart:
    title: str = ""
    domain_ids: list = field(default_factory=list)
    member_ids: list = field(default_factory=list)
    solutions: list = field(default_factory=list)  # initial data for the solution rows: {"frame", "description"}


def plan_domain_ids(domain_ids) -> list[int]:
    """The plan's life domains (current ZRM) for domains of any instrument: the same domain code.
    A ZRM-Jongeren or older-ZRM domain links to its current-ZRM twin."""
    from eenplan.assessment.models import Domain

    codes = Domain.objects.filter(pk__in=[d for d in domain_ids if d]).values_list("code", flat=True)
    return list(Domain.objects.filter(instrument__is_current=True, code__in=list(codes)).order_by("order").values_list("pk", flat=True))


def goal_start(case: Case, params) -> GoalStart:
    """What the "start a goal from this" links of the assessment panel carry: a title and domain, or a
    question of the assessment with its person and the frames considered (their notes become solutions)."""
    from eenplan.assessment.models import AssessmentQuestion

    def number(name):
        value = params.get(name, "")
        return int(value) if value.isdigit() and len(value) < 12 else None

    start = GoalStart(title=params.get("title", "")[:300])
    domain_ids = [number("domain")]
    if (qid := number("question")) and (question := AssessmentQuestion.objects.filter(case=case, pk=qid).first()):
        start.title = start.title or question.text[:300]
        domain_ids.append(question.domain_id)
        members = set(Person.objects.filter(household_memberships__household_id=case.household_id).values_list("pk", flat=True))
        start.member_ids = [question.person_id] if question.person_id in members else []
        frames = sorted(question.frames.all(), key=lambda f: (not f.chosen, f.pk))
        start.solutions = [{"frame": f.frame, "description": f.note} for f in frames if f.chosen or f.note.strip()]
    start.domain_ids = plan_domain_ids(domain_ids)
    return start
