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


def current_version(case: Case) -> PlanVersion | None:
    return PlanVersion.objects.filter(plan__case=case).select_related("created_by").order_by("-number").first()


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
