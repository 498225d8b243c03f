"""Reads of plans. Case-bound selectors expect that the caller has passed `policy.require_case`.

`current_goals(case)` and `goal_history(case, key)` are shared with the followup app (goal
progress per goal across versions) and insights.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

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
    return VersionComparison(
        old=old, new=new, goals=compare_states(a, b),
        problems_added=[p["text"] for k, p in b.problems.items() if k not in a.problems],
        problems_removed=[p["text"] for k, p in a.problems.items() if k not in b.problems],
    )


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
