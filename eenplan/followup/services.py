"""Every state change of route steps 8–9, one function each.

Each opens a transaction, locks the case, appends history, writes the access log, and raises
`ValidationError` with a Dutch-translated message on bad input (nothing half-written).
Case phases change only through `cases.services` (`case_transition`, `case_close`, `case_open`).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.access.audit import log_access
from eenplan.access.models import Action
from eenplan.cases import services as case_services
from eenplan.cases.models import Case, Phase, PlannedItem

from . import selectors
from .models import (
    PLANNED_CHECKIN,
    PLANNED_EVALUATION,
    PLANNED_MONITORING_END,
    Adjustment,
    Answered,
    CheckIn,
    CheckInHow,
    CheckInResult,
    Closing,
    ClosingOutcome,
    Direction,
    Evaluation,
    EvaluationMoment,
    GoalProgress,
    GoalStatus,
    MonitoringEnd,
    MonitoringPeriod,
    NextStep,
    Reopening,
)

# Phases a check-in or a reopen can send the case back to.
REOPEN_PHASES = (Phase.VRAAGVERHELDERING, Phase.PLAN, Phase.ONDERSTEUNING)
MAX_MONITORING_DAYS = 731  # two years
MAX_EVALUATION_AHEAD_DAYS = 731
HOLDS_MOMENT_WITHIN_DAYS = 14  # an evaluation held up to two weeks early holds the planned moment


# --- helpers -------------------------------------------------------------------------------


def _text(value) -> str:
    return (value or "").strip()


def _d(value: date) -> str:
    return value.strftime("%d-%m-%Y")


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().select_related("household").get(pk=case.pk)


def _require_open(case: Case):
    if case.phase == Phase.AFGESLOTEN:
        raise ValidationError(_("This case is closed. Reopen it to continue."))


def _past_date(value, case: Case, what: str) -> list[str]:
    """Errors for a date that must be known, not in the future and not before the case opened."""
    if value is None:
        return [_("Give the date of %(what)s.") % {"what": what}]
    if value > timezone.localdate():
        return [_("The date of %(what)s is in the future.") % {"what": what}]
    opened = timezone.localtime(case.opened_at).date()
    if value < opened:
        return [_("The date of %(what)s is before the case was opened (%(date)s).") % {"what": what, "date": _d(opened)}]
    return []


def _source(obj) -> str:
    return f"{obj._meta.label}:{obj.pk}"


def _close_planned(*, case: Case, source: str, by, kinds=None):
    items = PlannedItem.objects.filter(case=case, source=source, done_at__isnull=True)
    if kinds:
        items = items.filter(kind__in=kinds)
    for item in items:
        case_services.planned_item_done(item=item, by=by)


def _owner(case: Case, by):
    return case.regisseur or by


# --- evaluation moments --------------------------------------------------------------------


@transaction.atomic
def evaluation_moment_plan(*, case: Case, due_on: date, by, note: str = "", proposed_on: date | None = None, owner=None) -> EvaluationMoment:
    """Set an evaluation date (the plan may have proposed one). It shows on the caseload as a planned item."""
    case = _locked(case)
    _require_open(case)
    today = timezone.localdate()
    if due_on is None:
        raise ValidationError({"due_on": _("Give the date of the evaluation.")})
    if due_on < today:
        raise ValidationError({"due_on": _("The evaluation date is in the past. Record the evaluation itself if it was held.")})
    if due_on > today + timedelta(days=MAX_EVALUATION_AHEAD_DAYS):
        raise ValidationError({"due_on": _("Plan the evaluation within two years.")})
    now = timezone.now()
    note = _text(note)[:300]
    moment = EvaluationMoment.objects.create(case=case, due_on=due_on, proposed_on=proposed_on, note=note, created_at=now, created_by=by)
    item = case_services.planned_item_add(
        case=case, kind=PLANNED_EVALUATION, label=_("Evaluation with the household"), due_on=due_on, by=by,
        owner=owner or _owner(case, by), source=_source(moment),
    )
    moment.planned_item = item
    moment.save(update_fields=["planned_item"])
    log_access(user=by, action=Action.CREATE, record=moment, detail=f"evaluation planned {due_on.isoformat()}")
    return moment


@transaction.atomic
def evaluation_moment_cancel(*, moment: EvaluationMoment, by, reason: str) -> EvaluationMoment:
    moment = EvaluationMoment.objects.select_for_update().get(pk=moment.pk)
    if moment.cancelled_at is not None or _held(moment):
        raise ValidationError(_("This evaluation moment is no longer planned."))
    reason = _text(reason)
    if not reason:
        raise ValidationError({"reason": _("Write why the evaluation is cancelled or moved.")})
    moment.cancelled_at, moment.cancelled_by, moment.cancel_reason = timezone.now(), by, reason[:300]
    moment.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
    _close_planned(case=moment.case, source=_source(moment), by=by)
    log_access(user=by, action=Action.UPDATE, record=moment, detail="evaluation moment cancelled")
    return moment


def _held(moment: EvaluationMoment) -> bool:
    return Evaluation.objects.filter(moment=moment).exists()


@transaction.atomic
def evaluation_moment_move(*, moment: EvaluationMoment, due_on: date, by, reason: str = "") -> EvaluationMoment:
    """Move = cancel this moment (reason kept) and plan a new one; history stays readable."""
    reason = _text(reason) or _("Moved to %(date)s") % {"date": _d(due_on) if due_on else "?"}
    new = evaluation_moment_plan(case=moment.case, due_on=due_on, by=by, note=moment.note, proposed_on=moment.proposed_on,
                                 owner=moment.planned_item.owner if moment.planned_item_id else None)
    evaluation_moment_cancel(moment=moment, by=by, reason=reason)
    return new


# --- evaluation ----------------------------------------------------------------------------


@dataclass
class GoalAssessment:
    """Progress on one goal as the form gives it. `status` empty = this goal was not assessed."""

    key: str
    status: str = ""
    resident_status: str = ""
    resident_view: str = ""
    professional_view: str = ""


@dataclass
class PlanAdjustment:
    """Op- of afschalen after an evaluation: kind, reason, and optionally a new solution and action for a goal."""

    kind: str
    reason: str
    goal_key: str = ""
    solution_frame: str = ""
    solution: str = ""
    action: str = ""
    action_owner_kind: str = ""
    action_owner: str = ""
    action_due_on: date | None = None


@transaction.atomic
def evaluation_record(
    *, case: Case, held_on: date, by, goals: list[GoalAssessment], next_step: str, with_resident: bool = True,
    present: str = "", summary: str = "", moment: EvaluationMoment | None = None, adjustment: PlanAdjustment | None = None,
    next_due_on: date | None = None,
) -> Evaluation:
    """Record an evaluation: progress per goal, and what happens next.

    At least one goal must be assessed. `next_step=ADJUST` writes a new plan version with the
    reason (op- of afschalen). `next_due_on` plans the next evaluation moment.
    Errors are keyed `held_on`, `goals`, `goal_<key>`, `next_step`, `adjustment`, `adjustment_reason`,
    `next_due_on`.
    """
    case = _locked(case)
    _require_open(case)
    errors: dict[str, list] = {}
    if held := _past_date(held_on, case, _("the evaluation")):
        errors["held_on"] = held
    if next_step not in NextStep.values:
        errors["next_step"] = [_("Choose what happens next: continue, adjust the plan or end the support.")]
    current = {str(g.key): g for g in selectors.current_goals(case)}
    assessed = []
    for g in goals:
        key = str(g.key)
        status = g.status or ""
        if not status:
            if _text(g.resident_view) or _text(g.professional_view) or g.resident_status:
                errors[f"goal_{key}"] = [_("Choose a status for this goal, or leave its views empty.")]
            continue
        if key not in current:
            errors.setdefault("goals", []).append(_("A goal was assessed that is not in the current plan."))
            continue
        if status not in GoalStatus.values or (g.resident_status and g.resident_status not in GoalStatus.values):
            errors[f"goal_{key}"] = [_("Choose a status from the list.")]
            continue
        assessed.append((key, current[key], g))
    if not current:
        errors.setdefault("goals", []).append(_("The case has no plan with goals yet. Make the plan first; an evaluation looks back on its goals."))
    elif not assessed and not any(k.startswith("goal_") for k in errors):
        errors.setdefault("goals", []).append(_("Assess at least one goal: choose its status and write down how the resident and you see it."))
    if next_step == NextStep.ADJUST:
        if adjustment is None or adjustment.kind not in Adjustment.values:
            errors["adjustment"] = [_("Choose how the plan is adjusted: scale up, scale down or change goals or actions.")]
        if adjustment is None or not _text(adjustment.reason):
            errors["adjustment_reason"] = [_("Write why the plan is adjusted.")]
    if next_due_on is not None:
        if next_due_on <= timezone.localdate():
            errors["next_due_on"] = [_("The next evaluation must be after today.")]
    if moment is not None and (moment.case_id != case.pk or moment.cancelled_at is not None or _held(moment)):
        errors.setdefault("moment", []).append(_("This evaluation moment is no longer planned."))
    if errors:
        raise ValidationError(errors)

    now = timezone.now()
    evaluation = Evaluation.objects.create(
        case=case, moment=moment, held_on=held_on, with_resident=bool(with_resident), present=_text(present)[:300],
        summary=_text(summary), next_step=next_step, by=by, created_at=now,
        adjustment=adjustment.kind if next_step == NextStep.ADJUST else "",
        adjustment_reason=_text(adjustment.reason) if next_step == NextStep.ADJUST else "",
    )
    GoalProgress.objects.bulk_create(
        GoalProgress(
            evaluation=evaluation, case=case, goal_key=key, goal_text=goal.title, status=g.status,
            resident_status=g.resident_status or "", resident_view=_text(g.resident_view), professional_view=_text(g.professional_view),
        )
        for key, goal, g in assessed
    )
    if moment is None:
        # The earliest planned moment due by now (or within two weeks) counts as held by this evaluation.
        moment = selectors.open_moments(case).filter(due_on__lte=held_on + timedelta(days=HOLDS_MOMENT_WITHIN_DAYS)).first()
        if moment is not None:
            evaluation.moment = moment
            evaluation.save(update_fields=["moment"])
    if moment is not None:
        _close_planned(case=case, source=_source(moment), by=by)
    if next_step == NextStep.ADJUST:
        version = _adjust_plan(case=case, evaluation=evaluation, assessed=assessed, adjustment=adjustment, by=by)
        evaluation.new_plan_version_id = version.pk
        evaluation.save(update_fields=["new_plan_version_id"])
    log_access(user=by, action=Action.CREATE, record=evaluation, detail=f"evaluation, {len(assessed)} goals")
    if next_due_on is not None:
        evaluation_moment_plan(case=case, due_on=next_due_on, by=by)
    return evaluation


def _adjust_plan(*, case, evaluation, assessed, adjustment: PlanAdjustment, by):
    """A new plan version from the evaluation: goals reached or dropped get that status in the plan;
    a new solution and action can be added to a goal. The reason names the kind of adjustment."""
    from eenplan.plans import services as plan_services
    from eenplan.plans.models import GoalStatus as PlanGoalStatus
    from eenplan.plans.selectors import current_version, plan_of
    from eenplan.plans.state import state_of

    plan = plan_of(case)
    version = current_version(case)
    if plan is None or version is None:
        raise ValidationError({"adjustment": _("The case has no plan to adjust yet.")})
    state = state_of(version)
    changes = []
    to_plan_status = {GoalStatus.ACHIEVED: PlanGoalStatus.REACHED, GoalStatus.DROPPED: PlanGoalStatus.STOPPED}
    for _key, goal, g in assessed:
        wanted = to_plan_status.get(g.status)
        data = state.goals.get(goal.key)
        if wanted and data and data["status"] != wanted:
            changes.append(plan_services.ChangeGoal(key=goal.key, data=plan_services.GoalData(
                title=data["title"], term=data["term"], target_date=data["target_date"], domain_ids=data["domain_ids"],
                result=data["result"], member_ids=data["member_ids"], problem_key=data["problem_key"], status=wanted,
            )))
    goal_key = None
    if adjustment.goal_key:
        goal_key = next((k for k in state.goals if str(k) == str(adjustment.goal_key)), None)
        if goal_key is None:
            raise ValidationError({"adjust_goal": _("This goal is no longer in the plan.")})
    wants_solution = bool(_text(adjustment.solution))
    wants_action = bool(_text(adjustment.action))
    if (wants_solution or wants_action) and goal_key is None:
        raise ValidationError({"adjust_goal": _("Choose the goal the new solution or action is for.")})
    if wants_solution:
        changes.append(plan_services.AddSolution(goal_key=goal_key, data=plan_services.SolutionData(
            frame=adjustment.solution_frame, description=adjustment.solution)))
    if wants_action:
        changes.append(plan_services.AddAction(goal_key=goal_key, data=plan_services.ActionData(
            what=adjustment.action, owner_kind=adjustment.action_owner_kind, owner_name=adjustment.action_owner,
            due_on=adjustment.action_due_on)))
    if not changes:
        raise ValidationError({"adjustment": _(
            "Nothing changes in the plan yet: add a solution or an action for a goal, or mark a goal achieved or "
            "no longer applicable. For larger changes, continue on the plan page after saving."
        )})
    reason = _("Evaluation of %(date)s: %(kind)s — %(reason)s") % {
        "date": _d(evaluation.held_on), "kind": Adjustment(adjustment.kind).label, "reason": _text(adjustment.reason)}
    try:
        return plan_services.plan_version_create(plan=plan, by=by, reason=reason, changes=changes, source=_source(evaluation))
    except ValidationError as exc:
        # The plan's field errors (description, what, due_on, ...) belong to the adjustment part of the form.
        if hasattr(exc, "error_dict"):
            raise ValidationError({f"adjust_{k}": v for k, v in exc.message_dict.items()})
        raise


# --- closing -------------------------------------------------------------------------------


@dataclass
class ClosingAnswers:
    """The evaluation questions asked when the support ends (seed 001 §6.4)."""

    decided_on: date | None
    outcome: str
    question_answered: str
    process: str
    lessons: str
    self_reliance: str
    participation: str
    question_note: str = ""
    self_reliance_note: str = ""
    participation_note: str = ""
    resident_satisfaction: int | None = None
    resident_words: str = ""
    resident_not_asked_reason: str = ""
    # Only for outcome MONITORING:
    monitoring_until: date | None = None
    watch_for: str = ""
    first_checkin_on: date | None = None
    first_checkin_how: str = CheckInHow.PHONE


def _closing_errors(case: Case, a: ClosingAnswers) -> dict:
    errors: dict[str, list] = {}
    if held := _past_date(a.decided_on, case, _("the end of the support")):
        errors["decided_on"] = held
    if a.outcome not in ClosingOutcome.values:
        errors["outcome"] = [_("Choose whether the case closes now or stays in monitoring first.")]
    if a.question_answered not in Answered.values:
        errors["question_answered"] = [_("Answer the question: was the question answered, the problem solved?")]
    if not _text(a.process):
        errors["process"] = [_("Describe how the process went: were the solutions and actions workable, and why (not)?")]
    if not _text(a.lessons):
        errors["lessons"] = [_("Write what we learn from this case.")]
    if a.self_reliance not in Direction.values:
        errors["self_reliance"] = [_("Choose whether self-reliance went up, down or stayed the same.")]
    if a.participation not in Direction.values:
        errors["participation"] = [_("Choose whether participation went up, down or stayed the same.")]
    score = a.resident_satisfaction
    if score is not None and not (1 <= score <= 10):
        errors["resident_satisfaction"] = [_("Give the resident's score from 1 to 10.")]
    elif score is None and not _text(a.resident_not_asked_reason):
        errors["resident_satisfaction"] = [_("Ask the resident for their score from 1 to 10, or write why their judgement is missing.")]
    if a.outcome == ClosingOutcome.MONITORING and "decided_on" not in errors:
        if a.monitoring_until is None:
            errors["monitoring_until"] = [_("Give the end date of the monitoring period.")]
        elif a.monitoring_until <= a.decided_on or a.monitoring_until <= timezone.localdate():
            errors["monitoring_until"] = [_("The monitoring period must end after today.")]
        elif a.monitoring_until > a.decided_on + timedelta(days=MAX_MONITORING_DAYS):
            errors["monitoring_until"] = [_("Keep the monitoring period to at most two years.")]
        if a.first_checkin_on is None:
            errors["first_checkin_on"] = [_("Plan the first check-in (a call or a visit).")]
        elif a.first_checkin_on < timezone.localdate():
            errors["first_checkin_on"] = [_("The first check-in is in the past. Plan it from today on.")]
        elif a.monitoring_until and a.first_checkin_on > a.monitoring_until:
            errors["first_checkin_on"] = [_("The first check-in is after the end of the monitoring period.")]
        if a.first_checkin_how not in CheckInHow.values:
            errors["first_checkin_how"] = [_("Choose how the check-in takes place.")]
    return errors


@transaction.atomic
def case_close_with_evaluation(*, case: Case, answers: ClosingAnswers, by, items: dict | None = None) -> Closing:
    """End the support with the evaluation questions answered; then close the case
    (`cases.services.case_close`, which refuses e.g. a running meldcode, and needs a decision in `items`
    for every open planned item — the planned evaluations excepted: this evaluation completes them)
    or start monitoring."""
    case = _locked(case)
    _require_open(case)
    if selectors.running_monitoring(case) is not None:
        raise ValidationError(_("This case is already in monitoring. Close it from the monitoring section."))
    errors = _closing_errors(case, answers)
    if errors:
        raise ValidationError(errors)
    if answers.outcome == ClosingOutcome.CLOSE and (refusals := case_services.closing_refusals(case)):
        raise ValidationError(refusals)
    measured = selectors.measured_directions(case)
    now = timezone.now()
    closing = Closing.objects.create(
        case=case, decided_on=answers.decided_on, outcome=answers.outcome, question_answered=answers.question_answered,
        question_note=_text(answers.question_note), process=_text(answers.process), lessons=_text(answers.lessons),
        self_reliance=answers.self_reliance, self_reliance_measured=measured.self_reliance,
        self_reliance_note=_text(answers.self_reliance_note), participation=answers.participation,
        participation_measured=measured.participation, participation_note=_text(answers.participation_note),
        resident_satisfaction=answers.resident_satisfaction, resident_words=_text(answers.resident_words),
        resident_not_asked_reason=_text(answers.resident_not_asked_reason) if answers.resident_satisfaction is None else "",
        by=by, created_at=now,
    )
    log_access(user=by, action=Action.CREATE, record=closing, detail=f"closing evaluation, {answers.outcome}")
    for moment in selectors.open_moments(case):  # the closing evaluation takes the place of the planned ones
        evaluation_moment_cancel(moment=moment, by=by, reason=_("Completed by the closing evaluation"))
    if answers.outcome == ClosingOutcome.CLOSE:
        case_services.case_close(case=case, by=by, note=_("Closed after the closing evaluation"), items=items)
        return closing
    period = MonitoringPeriod.objects.create(
        case=case, closing=closing, starts_on=answers.decided_on, ends_on=answers.monitoring_until,
        watch_for=_text(answers.watch_for), started_by=by, started_at=now,
    )
    if case.phase != Phase.MONITORING:
        case_services.case_transition(case=case, to_phase=Phase.MONITORING, by=by,
                                      note=_("Support ended; monitoring until %(date)s") % {"date": _d(answers.monitoring_until)})
    _plan_checkin(case=case, period=period, due_on=answers.first_checkin_on, how=answers.first_checkin_how, by=by)
    case_services.planned_item_add(
        case=case, kind=PLANNED_MONITORING_END, label=_("End of monitoring: close the case"), due_on=period.ends_on,
        by=by, owner=_owner(case, by), source=_source(period),
    )
    log_access(user=by, action=Action.CREATE, record=period, detail=f"monitoring until {period.ends_on.isoformat()}")
    return closing


# --- monitoring ----------------------------------------------------------------------------


def _plan_checkin(*, case, period, due_on, how, by):
    label = _("Check-in: %(how)s") % {"how": CheckInHow(how).label}
    case_services.planned_item_add(case=case, kind=PLANNED_CHECKIN, label=label, due_on=due_on, by=by,
                                   owner=_owner(case, by), source=_source(period))


@transaction.atomic
def checkin_plan(*, case: Case, due_on: date, how: str, by) -> None:
    case = _locked(case)
    period = selectors.running_monitoring(case)
    if period is None:
        raise ValidationError(_("This case is not in monitoring."))
    if due_on is None or due_on < timezone.localdate():
        raise ValidationError({"due_on": _("Plan the check-in from today on.")})
    if due_on > period.ends_on:
        raise ValidationError({"due_on": _("This date is after the end of the monitoring period (%(date)s).") % {"date": _d(period.ends_on)}})
    if how not in CheckInHow.values:
        raise ValidationError({"how": _("Choose how the check-in takes place.")})
    _plan_checkin(case=case, period=period, due_on=due_on, how=how, by=by)


@transaction.atomic
def checkin_record(
    *, case: Case, held_on: date, how: str, result: str, by, note: str = "", next_on: date | None = None,
    next_how: str = CheckInHow.PHONE, reopen_to: str = "",
) -> CheckIn:
    """A call or visit during monitoring. With `reopen_to` it reopens the support in one step
    (the case goes back to that phase; the whole history stays on the same case)."""
    case = _locked(case)
    period = selectors.running_monitoring(case, lock=True)
    if period is None:
        raise ValidationError(_("This case is not in monitoring; a check-in belongs to a monitoring period."))
    errors: dict[str, list] = {}
    if held_on is None:
        errors["held_on"] = [_("Give the date of the check-in.")]
    elif held_on > timezone.localdate():
        errors["held_on"] = [_("The date of the check-in is in the future.")]
    elif held_on < period.starts_on:
        errors["held_on"] = [_("The check-in is dated before the support ended (%(date)s). A check-in comes after the close.") % {"date": _d(period.starts_on)}]
    if how not in CheckInHow.values:
        errors["how"] = [_("Choose how the check-in took place.")]
    if result not in CheckInResult.values:
        errors["result"] = [_("Choose how it is going.")]
    if reopen_to and reopen_to not in REOPEN_PHASES:
        errors["reopen_to"] = [_("Choose the phase the support starts again in.")]
    if result == CheckInResult.RELAPSE and not _text(note):
        errors["note"] = [_("Describe the relapse: what did you see or hear?")]
    if next_on is not None and not reopen_to:
        if held_on and next_on <= held_on:
            errors["next_on"] = [_("The next check-in must be after this one.")]
        elif next_on > period.ends_on:
            errors["next_on"] = [_("This date is after the end of the monitoring period (%(date)s).") % {"date": _d(period.ends_on)}]
        elif next_on < timezone.localdate():
            errors["next_on"] = [_("Plan the next check-in from today on.")]
    if errors:
        raise ValidationError(errors)
    checkin = CheckIn.objects.create(
        period=period, case=case, held_on=held_on, how=how, result=result, note=_text(note), next_on=None if reopen_to else next_on,
        reopened_to=reopen_to, by=by, created_at=timezone.now(),
    )
    log_access(user=by, action=Action.CREATE, record=checkin, detail=f"check-in {result}")
    _close_planned(case=case, source=_source(period), by=by, kinds=[PLANNED_CHECKIN])
    if reopen_to:
        _end_period(period=period, end=MonitoringEnd.REOPENED, by=by)
        case_services.case_transition(case=case, to_phase=reopen_to, by=by,
                                      note=_("Support reopened after the check-in of %(date)s") % {"date": _d(held_on)})
    elif next_on is not None:
        _plan_checkin(case=case, period=period, due_on=next_on, how=next_how if next_how in CheckInHow.values else how, by=by)
    return checkin


def _end_period(*, period: MonitoringPeriod, end: str, by):
    period.ended_at, period.ended_by, period.end = timezone.now(), by, end
    period.save(update_fields=["ended_at", "ended_by", "end"])
    _close_planned(case=period.case, source=_source(period), by=by)
    log_access(user=by, action=Action.UPDATE, record=period, detail=f"monitoring ended: {end}")


@transaction.atomic
def monitoring_close(*, case: Case, by, note: str = "", items: dict | None = None) -> Case:
    """End the monitoring period and close the case; the closing questions were answered when the support ended.
    The period's own check-ins close with it; every other open planned item needs a decision in `items`."""
    case = _locked(case)
    period = selectors.running_monitoring(case, lock=True)
    if period is None:
        raise ValidationError(_("This case is not in monitoring."))
    if refusals := case_services.closing_refusals(case):
        raise ValidationError(refusals)
    _end_period(period=period, end=MonitoringEnd.CLOSED, by=by)
    return case_services.case_close(case=case, by=by, note=_text(note) or _("Monitoring ended; case closed"), items=items)


# --- reopening a closed case ---------------------------------------------------------------


@transaction.atomic
def case_reopen(*, case: Case, by, reason: str, to_phase: str = Phase.VRAAGVERHELDERING) -> Case:
    """Reopen a closed case as a new case with `previous_case` set (one open case per household).
    The new case shows the earlier route when it was closed less than a year ago."""
    case = _locked(case)
    if case.phase != Phase.AFGESLOTEN:
        raise ValidationError(_("This case is still open; it does not need reopening."))
    reason = _text(reason)
    errors = {}
    if not reason:
        errors["reason"] = [_("Write why the household needs support again.")]
    if to_phase not in REOPEN_PHASES:
        errors["to_phase"] = [_("Choose the phase the support starts again in.")]
    if errors:
        raise ValidationError(errors)
    new = case_services.case_open(household=case.household, team=case.team, by=by, question=case.question, regisseur=by, phase=to_phase)
    new.previous_case = case
    new.save(update_fields=["previous_case"])
    from eenplan.safety.services import safety_carry_over

    safety_carry_over(previous=case, case=new, by=by)
    new.refresh_from_db(fields=["safety_status"])
    reopening = Reopening.objects.create(previous_case=case, case=new, reason=reason, to_phase=to_phase, by=by, at=timezone.now())
    log_access(user=by, action=Action.CREATE, record=reopening, case_id=new.pk, household_id=new.household_id,
               detail=f"reopened case {case.pk} as case {new.pk}")
    return new
