"""Reads of safety records. Whoever calls these has passed `policy.require_safety_record`
(case pages) or lists only what the overview may show (no record content)."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.accounts.models import RoleCode, TeamMembership
from eenplan.cases.models import Case, SafetyStatus
from eenplan.people.models import HouseholdMember, MemberRole

from .models import (
    CheckResult,
    ClosingConsent,
    MeldcodeStep,
    MeldcodeStepCode,
    MeldcodeText,
    MeldcodeTrajectory,
    RegieTakeover,
    SafetyCondition,
    SafetyPlan,
    StutEnSteun,
    TrajectoryStatus,
)
from .texts import QUESTION_DEFAULTS, STEP_DEFAULTS, Text

CLOSING_CONSENT_DAYS = 7


@dataclass
class Blocker:
    """A reason rooted in safety why a case may not close. `consentable`: a safety specialist may record
    that the case closes anyway (concerns, a violated condition, Veilig Thuis pending); a running
    meldcode, stut en steun or an unsafe household are finished first."""

    code: str
    message: str
    consentable: bool = False
    consent: object = None  # the ClosingConsent that covers it, if any

    def __str__(self):
        return self.message


def safety_closing_blockers(case) -> list[Blocker]:
    """Everything rooted in safety that holds a case open now, each with the consent that covers it."""
    blockers = []
    in_stut_en_steun = StutEnSteun.objects.filter(case=case, ended_at__isnull=True).exists()
    if case.safety_status == SafetyStatus.ONVEILIG:
        blockers.append(Blocker("unsafe", _(
            "The household is marked unsafe. A case with lasting safety risk is not closed; it stays in stut en steun.")
            if in_stut_en_steun else _(
            "The household is marked unsafe. A case with lasting safety risk is not closed; move it to stut en steun.")))
    if case.safety_status == SafetyStatus.ZORGEN:
        blockers.append(Blocker("concerns", _(
            "The safety status is 'concerns'. Change the status with the reason once the concerns are gone, "
            "or ask the safety specialist to record that the case may close."), consentable=True))
    violated = list(SafetyCondition.objects.filter(case=case, ended_at__isnull=True, last_result=CheckResult.VIOLATED))
    for condition in violated:
        blockers.append(Blocker("condition_violated", _(
            "Safety condition “%(condition)s” was violated at its last check (%(date)s). Check it again, end it "
            "with the household, or ask the safety specialist to record that the case may close.") % {
            "condition": condition.description[:80], "date": condition.last_checked_on.strftime("%d-%m-%Y") if condition.last_checked_on else "?"},
            consentable=True))
    for trajectory in veilig_thuis_pending(case):
        blockers.append(Blocker("veilig_thuis_pending", _(
            "Veilig Thuis's outcome is still pending (reported on %(date)s). Record the outcome on the safety page, "
            "or ask the safety specialist to record that the case may close.") % {"date": trajectory.reported_on.strftime("%d-%m-%Y")},
            consentable=True))
    if MeldcodeTrajectory.objects.filter(case=case, status=TrajectoryStatus.RUNNING).exists():
        blockers.append(Blocker("meldcode_running", _(
            "A meldcode trajectory is still running. Finish it with a decision before closing the case.")))
    if in_stut_en_steun:
        blockers.append(Blocker("stut_en_steun", _(
            "The household is in stut en steun because of lasting safety risk. End stut en steun, with the reason, before closing.")))
    consent = valid_closing_consent(case)
    for blocker in blockers:
        if consent is not None and blocker.consentable and blocker.code in consent.codes:
            blocker.consent = consent
    return blockers


def veilig_thuis_pending(case) -> list:
    """Decided trajectories reported to Veilig Thuis whose outcome is not recorded yet."""
    return list(MeldcodeTrajectory.objects.filter(case=case, status=TrajectoryStatus.DECIDED, reported_on__isnull=False,
                                                  veilig_thuis_outcome_on__isnull=True).order_by("reported_on"))


def valid_closing_consent(case):
    """The newest consent to close, when given in the last `CLOSING_CONSENT_DAYS` days."""
    since = timezone.now() - timedelta(days=CLOSING_CONSENT_DAYS)
    return ClosingConsent.objects.filter(case=case, at__gte=since).select_related("by").first()


def has_children(case) -> bool:
    today = timezone.localdate()
    return HouseholdMember.objects.filter(household_id=case.household_id, role=MemberRole.CHILD).filter(
        Q(until__isnull=True) | Q(until__gte=today)
    ).exists()


def safety_question_required(case) -> bool:
    """Children in the household make the safety question mandatory: 'unknown' is not an answer."""
    return has_children(case)


def safety_status_errors(case, status: str) -> list[str]:
    """Called by `cases.services.case_set_safety_status` before it records a status."""
    if status == SafetyStatus.ONBEKEND and safety_question_required(case):
        return [_("There are children in this household: answer the safety question (safe, concerns or unsafe).")]
    return []


def safety_contacts(case) -> list:
    """Who is alerted about a case's safety: the team lead(s) and the team's safety specialist(s)."""
    members = TeamMembership.objects.filter(team_id=case.team_id).select_related("user")
    return [
        m.user for m in members.filter(Q(is_lead=True) | Q(user__roles__code=RoleCode.SAFETY_SPECIALIST)).distinct()
        if m.user.is_active
    ]


def meldcode_texts() -> dict:
    """The texts in use: defaults overridden by the functional administrator's rows."""
    overrides = {t.key: t for t in MeldcodeText.objects.all()}

    def pick(default: Text) -> Text:
        row = overrides.get(default.key)
        if row is None:
            return default
        return Text(default.key, row.title or default.title, row.guidance or default.guidance)

    return {
        "steps": {n: pick(t) for n, t in STEP_DEFAULTS.items()},
        "questions": {n: pick(t) for n, t in QUESTION_DEFAULTS.items()},
    }


def running_trajectory(case) -> MeldcodeTrajectory | None:
    return MeldcodeTrajectory.objects.filter(case=case, status=TrajectoryStatus.RUNNING).first()


def next_step(trajectory) -> int | None:
    """The step to record next; None once decided."""
    if not trajectory.is_running:
        return None
    done = set(trajectory.steps.values_list("step", flat=True))
    return next((s for s in MeldcodeStepCode.values if s not in done), None)


def trajectory_progress(trajectory, texts: dict) -> list[dict]:
    """Each step with its text, its record (if any) and whether it is the current one."""
    records = {s.step: s for s in trajectory.steps.select_related("by")}
    upcoming = next_step(trajectory)
    return [
        {
            "number": n, "text": texts["steps"][n], "record": records.get(n),
            "current": n == upcoming, "state": "skipped" if records.get(n) and records[n].skipped
            else ("done" if n in records else ("current" if n == upcoming else "todo")),
        }
        for n in MeldcodeStepCode.values
    ]


def case_safety(case) -> dict:
    """Everything the case's safety page shows."""
    today = timezone.localdate()
    plan = SafetyPlan.objects.filter(case=case).first()
    conditions = list(SafetyCondition.objects.filter(case=case, ended_at__isnull=True))
    running = running_trajectory(case)
    return {
        "running": running,
        "running_next": next_step(running) if running else None,
        "trajectories": list(MeldcodeTrajectory.objects.filter(case=case).select_related("started_by")),
        "plan": plan,
        "conditions": conditions,
        "violated": [c for c in conditions if c.last_result == CheckResult.VIOLATED],
        "overdue_conditions": [c for c in conditions if c.next_check_on < today],
        "watch": StutEnSteun.objects.filter(case=case, ended_at__isnull=True).first(),
        "watch_checks": [],
        "takeover": RegieTakeover.objects.filter(case=case, ended_at__isnull=True).prefetch_related("reviews").first(),
        "past_takeovers": list(RegieTakeover.objects.filter(case=case, ended_at__isnull=False)),
        "children": has_children(case),
        "status_changes": list(case.safety_changes.select_related("by")),
        "today": today,
    }


# --- overview (no record content: who, how long, which dates) -------------------------------


def overview_team_ids(user) -> set[int]:
    from eenplan.access.policy import safety_overview_team_ids

    return safety_overview_team_ids(user)


def _steps_done():
    """A trajectory's recorded steps counted in a subquery, not by a GROUP BY over every selected column of the
    trajectory and the case and household joined to it."""
    steps = MeldcodeStep.objects.filter(trajectory=OuterRef("pk")).order_by().values("trajectory").annotate(n=Count("pk"))
    return Coalesce(Subquery(steps.values("n")), 0)


def overview(team_ids) -> dict:
    """Running meldcode trajectories, stut-en-steun households and violated conditions of teams."""
    today = timezone.localdate()
    running = list(
        MeldcodeTrajectory.objects.filter(status=TrajectoryStatus.RUNNING, case__team_id__in=team_ids)
        .select_related("case", "case__household", "case__regisseur", "started_by")
        .annotate(steps_done=_steps_done())
        .order_by("started_at")
    )
    for t in running:
        t.days_open = (timezone.now() - t.started_at).days
        t.next_step_number = t.steps_done + 1
    watches = list(
        StutEnSteun.objects.filter(ended_at__isnull=True, case__team_id__in=team_ids)
        .select_related("case", "case__household", "case__regisseur")
        .order_by("next_check_on")
    )
    for w in watches:
        w.overdue_days = (today - w.next_check_on).days if w.next_check_on < today else 0
    violated = list(
        SafetyCondition.objects.filter(ended_at__isnull=True, last_result=CheckResult.VIOLATED, case__team_id__in=team_ids)
        .select_related("case", "case__household")
        .order_by("last_checked_on")
    )
    overdue_conditions = (
        SafetyCondition.objects.filter(ended_at__isnull=True, next_check_on__lt=today, case__team_id__in=team_ids).count()
    )
    children_unknown = list(
        Case.objects.filter(team_id__in=team_ids, safety_status=SafetyStatus.ONBEKEND)
        .exclude(phase="afgesloten")
        .filter(Exists(HouseholdMember.objects.filter(household_id=OuterRef("household_id"), role=MemberRole.CHILD, until__isnull=True)))
        .select_related("household")
        .order_by("opened_at")[:50]
    )
    reviews_due = list(
        RegieTakeover.objects.filter(ended_at__isnull=True, case__team_id__in=team_ids, review_on__lte=today)
        .select_related("case", "case__household")
        .order_by("review_on")
    )
    return {
        "running": running,
        "watches": watches,
        "overdue_watches": [w for w in watches if w.overdue_days],
        "violated": violated,
        "overdue_conditions": overdue_conditions,
        "children_unknown": children_unknown,
        "reviews_due": reviews_due,
        "today": today,
    }


def meldcode_todo_for(user, case_ids, limit: int | None = None):
    """Running meldcode trajectories on the cases `user` works on (whoever works on a case may open its
    safety records), with the next step: the caseload's to-do list. One query."""
    running = list(
        MeldcodeTrajectory.objects.filter(status=TrajectoryStatus.RUNNING, case_id__in=case_ids)
        .select_related("case__household")
        .only("case_id", "started_at", "case__household_id", "case__household__name")  # what the to-do line shows
        .annotate(steps_done=_steps_done())
        .order_by("started_at")[:limit]
    )
    for t in running:
        t.next_step_number = t.steps_done + 1
    return running
