"""What the case overview shows at a glance, gathered from the apps that own it (plan, assessment,
evaluation, safety) in a fixed number of queries, however many members, actions or people the case has."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from .models import PHASE_ORDER, Phase


@dataclass
class MemberZrm:
    member: object  # HouseholdMember with person
    age: int | None = None
    measurement: object | None = None  # the newest ZRM measurement of this member in this case
    average: float | None = None
    low: list = field(default_factory=list)  # domains scored 1 or 2: (name, score)


def _members_with_zrm(case, today):
    from eenplan.assessment.models import ZrmMeasurement, ZrmScore
    from eenplan.assessment.selectors import current_members
    from eenplan.people.ages import age_on

    members = current_members(case)
    newest = {}
    measurements = (
        ZrmMeasurement.objects.filter(case=case)
        .select_related("instrument")
        .prefetch_related(Prefetch("scores", queryset=ZrmScore.objects.select_related("domain").order_by("domain__order")))
        .order_by("person_id", "-measured_on", "-created_at", "-pk")
    )
    for m in measurements:
        newest.setdefault(m.person_id, m)
    rows = []
    for member in members:
        row = MemberZrm(member=member, age=age_on(member.person, today), measurement=newest.get(member.person_id))
        if row.measurement is not None:
            scores = [s for s in row.measurement.scores.all() if s.score is not None]
            if scores:
                row.average = round(sum(s.score for s in scores) / len(scores), 1)
            row.low = [(s.domain.name, s.score) for s in scores if s.score <= 2]
        rows.append(row)
    return rows


def _plan(case, today):
    from eenplan.followup.selectors import open_moments
    from eenplan.plans import selectors as plan_selectors
    from eenplan.plans.services import is_draft

    version = plan_selectors.current_version(case)
    agreement = plan_selectors.latest_agreement(version) if version else None
    moment = open_moments(case).first()
    return {
        "version": version,
        "draft": is_draft(version) if version else False,
        "goals": version.goals.count() if version else 0,
        "agreement": agreement,
        "next_evaluation": moment,
        "evaluation_overdue": bool(moment and moment.due_on < today),
        "actions_by_owner": plan_selectors.open_actions_by_owner(case, today=today, version=version),
    }


def _safety(case, user, today):
    from eenplan.access.policy import safety_record_decision
    from eenplan.safety.models import SafetyCondition, SafetyPlan
    from eenplan.safety.selectors import running_trajectory

    plan = SafetyPlan.objects.filter(case=case).first()
    may_read = bool(safety_record_decision(user, case))
    conditions = list(SafetyCondition.objects.filter(case=case, ended_at__isnull=True)) if plan and may_read else []
    return {
        "plan": plan,
        "may_read": may_read,
        "conditions": conditions,
        "violated": [c for c in conditions if c.last_result == "geschonden"],
        "overdue": [c for c in conditions if c.next_check_on < today],
        "meldcode": running_trajectory(case) if may_read else None,
    }


def _route(case, transitions):
    """The route's phases in order: when each was reached (newest time), the current one marked."""
    reached = {}
    for t in transitions:
        reached[t.to_phase] = t.at
    labels = dict(Phase.choices)
    return [
        {"phase": p, "label": labels[p], "at": reached.get(p), "current": p == case.phase}
        for p in PHASE_ORDER
        if p in reached or p == case.phase or p != Phase.AFGESLOTEN
    ]


def case_overview(case, user) -> dict:
    today = timezone.localdate()
    transitions = list(case.transitions.select_related("by"))
    involvements = list(case.involvements.filter(until__isnull=True).select_related("user"))
    planned = list(case.planned_items.filter(done_at__isnull=True).select_related("owner").order_by("due_on", "pk")[:8])
    for item in planned:
        item.overdue = item.due_on < today
    return {
        "today": today,
        "members": _members_with_zrm(case, today),
        "plan": _plan(case, today),
        "safety": _safety(case, user, today),
        "involvements": involvements,
        "route": _route(case, transitions),
        "transitions": transitions,
        "planned": planned,
        "regie_changes": list(case.regie_changes.select_related("regisseur", "by")),
        "safety_changes": list(case.safety_changes.select_related("by")),
    }
