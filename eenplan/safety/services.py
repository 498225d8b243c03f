"""Every state change of a safety record, one function each.

Each opens a transaction, locks what it changes, appends history, writes the access log,
and raises `ValidationError` with a Dutch-translated message on bad input.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.access.audit import log_access
from eenplan.access.models import Action
from eenplan.cases import services as case_services
from eenplan.cases.models import Case, Phase, PlannedItem, SafetyStatus
from eenplan.core.services import notify

from . import selectors
from .models import (
    REPORTING_DECISIONS,
    SKIPPABLE_STEPS,
    Answer,
    CheckResult,
    ClosingConsent,
    Decision,
    FrameworkAnswer,
    Kindcheck,
    MeldcodeStep,
    MeldcodeStepCode,
    MeldcodeTrajectory,
    RegieGround,
    RegieReview,
    RegieTakeover,
    SafetyCheck,
    SafetyCondition,
    SafetyPlan,
    StutEnSteun,
    StutEnSteunCheck,
    TrajectoryStatus,
)

PLANNED_SAFETY_CHECK = "veiligheidscheck"
PLANNED_STUT_EN_STEUN = "stut_en_steun"
PLANNED_REGIE_REVIEW = "regie_evaluatie"
PLANNED_VEILIG_THUIS = "veilig_thuis"
MAX_CHECK_INTERVAL_DAYS = 366


# --- helpers -------------------------------------------------------------------------------


def _require_open(case: Case):
    if case.phase == Phase.AFGESLOTEN:
        raise ValidationError(_("This case is closed. Reopen it to record safety information."))


def _not_in_future(value: date, field: str):
    if value is None:
        raise ValidationError({field: _("Give a date.")})
    if value > timezone.localdate():
        raise ValidationError({field: _("This date is in the future.")})


def _text(value: str) -> str:
    return (value or "").strip()


def _interval(every_days, field: str = "every_days") -> int:
    if not every_days or every_days < 1 or every_days > MAX_CHECK_INTERVAL_DAYS:
        raise ValidationError({field: _("Choose a check interval between 1 and 366 days.")})
    return int(every_days)


def _source(obj) -> str:
    return f"{obj._meta.label}:{obj.pk}"


def _replan(*, case, obj, kind: str, label: str, due_on, by, owner=None):
    """Close the open planned item of `obj` and plan the next one, so the caseload shows it."""
    for item in PlannedItem.objects.filter(case=case, source=_source(obj), done_at__isnull=True):
        case_services.planned_item_done(item=item, by=by)
    if due_on is not None:
        case_services.planned_item_add(case=case, kind=kind, label=label, due_on=due_on, by=by, owner=owner, source=_source(obj))


def _close_planned(*, case, obj, by):
    _replan(case=case, obj=obj, kind="", label="", due_on=None, by=by)


def _raise_status(*, case: Case, to: str, reason: str, by):
    """Raise the case's safety status to at least `to` (never lower it here)."""
    order = [SafetyStatus.VEILIG, SafetyStatus.ONBEKEND, SafetyStatus.ZORGEN, SafetyStatus.ONVEILIG]
    case.refresh_from_db(fields=["safety_status"])
    if order.index(case.safety_status) < order.index(to):
        case_services.case_set_safety_status(case=case, status=to, reason=reason, by=by)


def _alert_team(*, case: Case, kind: str, message: str, url: str):
    notify(users=selectors.safety_contacts(case), kind=kind, message=message, case=case, url=url)


# --- meldcode ------------------------------------------------------------------------------


@transaction.atomic
def meldcode_start(*, case: Case, concern: str, by) -> MeldcodeTrajectory:
    case = Case.objects.select_for_update().get(pk=case.pk)
    _require_open(case)
    concern = _text(concern)
    if not concern:
        raise ValidationError({"concern": _("Describe in a few words what made you start the meldcode.")})
    if selectors.running_trajectory(case) is not None:
        raise ValidationError(_("A meldcode trajectory is already running for this case. Continue that one."))
    try:
        with transaction.atomic():
            trajectory = MeldcodeTrajectory.objects.create(case=case, started_at=timezone.now(), started_by=by, concern=concern)
    except IntegrityError:
        raise ValidationError(_("A meldcode trajectory is already running for this case. Continue that one."))
    log_access(user=by, action=Action.CREATE, record=trajectory, detail="meldcode started")
    _alert_team(
        case=case, kind="meldcode_started",
        message=_("A meldcode trajectory was started in case #%(pk)s.") % {"pk": case.pk},
        url=reverse("safety:meldcode", args=[case.pk]),
    )
    return trajectory


def _locked_running(trajectory: MeldcodeTrajectory) -> MeldcodeTrajectory:
    trajectory = MeldcodeTrajectory.objects.select_for_update().select_related("case").get(pk=trajectory.pk)
    if not trajectory.is_running:
        raise ValidationError(_("This meldcode trajectory has been decided; start a new one if there are new signals."))
    return trajectory


def _check_step_date(trajectory, performed_on):
    _not_in_future(performed_on, "performed_on")
    if performed_on < timezone.localtime(trajectory.started_at).date():
        raise ValidationError({"performed_on": _("This date is before the meldcode trajectory started.")})
    last = trajectory.steps.order_by("-step").first()
    if last and performed_on < last.performed_on:
        raise ValidationError({"performed_on": _("This date is before the previous step (%(date)s).") % {"date": last.performed_on.strftime("%d-%m-%Y")}})


@transaction.atomic
def meldcode_step_record(
    *, trajectory: MeldcodeTrajectory, step: int, performed_on: date, by, considered: str = "", with_whom: str = "",
    advice: str = "", kindcheck: str = "", skipped: bool = False, skip_reason: str = "",
) -> MeldcodeStep:
    """Steps 1–4, strictly in order. A step is done, or skipped with a recorded reason."""
    trajectory = _locked_running(trajectory)
    expected = selectors.next_step(trajectory)
    if step == MeldcodeStepCode.DECISION:
        raise ValidationError(_("The decision is recorded with the framework's questions."))
    if step != expected:
        raise ValidationError(
            _("Steps are taken in order: record step %(expected)s first.") % {"expected": expected}
        )
    _check_step_date(trajectory, performed_on)
    considered, with_whom, advice, skip_reason = map(_text, (considered, with_whom, advice, skip_reason))
    if skipped:
        if step not in SKIPPABLE_STEPS:
            raise ValidationError(_("This step cannot be skipped."))
        if not skip_reason:
            raise ValidationError({"skip_reason": _("Record why this step is skipped.")})
        kindcheck = ""
    else:
        skip_reason = ""
        errors = {}
        if not considered:
            errors["considered"] = _("Record what was considered in this step.")
        if step == MeldcodeStepCode.SIGNALS and kindcheck not in Kindcheck.values:  # empty, or not one of its answers
            errors["kindcheck"] = _("Answer the kindcheck: are there children who depend on this adult?")
        if step == MeldcodeStepCode.CONSULTATION and not with_whom:
            errors["with_whom"] = _("Record who was consulted (a colleague, the safety specialist or Veilig Thuis).")
        if step == MeldcodeStepCode.CONVERSATION and not with_whom:
            errors["with_whom"] = _("Record with whom the conversation was held.")
        if errors:
            raise ValidationError(errors)
        if step != MeldcodeStepCode.SIGNALS:
            kindcheck = ""
    record = MeldcodeStep.objects.create(
        trajectory=trajectory, step=step, performed_on=performed_on, by=by, recorded_at=timezone.now(), skipped=skipped,
        skip_reason=skip_reason, considered=considered, with_whom=with_whom, advice=advice, kindcheck=kindcheck,
    )
    log_access(user=by, action=Action.CREATE, record=record, case_id=trajectory.case_id, detail=f"meldcode step {step}{' skipped' if skipped else ''}")
    return record


def framework_outcome(answers: dict[int, str]) -> str | None:
    """What the afwegingskader points to: 'none' (close), 'report' or 'help'. None when incomplete."""
    if answers.get(1) == Answer.NO:
        return "none"
    if any(answers.get(q) not in (Answer.YES, Answer.NO) for q in range(1, 6)):
        return None
    if answers[2] == Answer.YES or Answer.NO in (answers[3], answers[4], answers[5]):
        return "report"
    return "help"


@transaction.atomic
def meldcode_decide(
    *, trajectory: MeldcodeTrajectory, performed_on: date, answers: dict[int, tuple[str, str]], decision: str, by,
    considered: str = "", reported_on: date | None = None, agreements: str = "",
) -> MeldcodeTrajectory:
    """Step 5: all framework questions answered, a decision that follows them, a report with its date."""
    from .texts import QUESTION_DEFAULTS

    trajectory = _locked_running(trajectory)
    if selectors.next_step(trajectory) != MeldcodeStepCode.DECISION:
        raise ValidationError(
            _("Steps are taken in order: record step %(expected)s first.") % {"expected": selectors.next_step(trajectory)}
        )
    _check_step_date(trajectory, performed_on)
    errors = {}
    given = {q: (answers.get(q) or ("", ""))[0] for q in QUESTION_DEFAULTS}
    first_no = given.get(1) == Answer.NO
    for q, value in given.items():
        if not value:
            errors[f"q{q}"] = _("Answer this question of the framework.")
        elif value == Answer.NOT_APPLICABLE and (q == 1 or not first_no):
            errors[f"q{q}"] = _("Answer yes or no: 'not applicable' only follows a 'no' to question 1.")
    if errors:
        raise ValidationError(errors)
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Choose a decision.")})
    outcome = framework_outcome(given)
    if outcome == "none" and decision != Decision.NO_SUSPICION:
        raise ValidationError({"decision": _("Your answer to question 1 is 'no': the decision is to close without suspicion.")})
    if outcome == "report" and decision not in REPORTING_DECISIONS:
        raise ValidationError({"decision": _("Your answers point to a report to Veilig Thuis. Choose a decision with a report.")})
    if outcome == "help" and decision == Decision.NO_SUSPICION:
        raise ValidationError({"decision": _("You answered that you suspect violence or abuse: choose help and/or a report.")})
    if decision in REPORTING_DECISIONS:
        if reported_on is None:
            raise ValidationError({"reported_on": _("Give the date of the report to Veilig Thuis.")})
        _not_in_future(reported_on, "reported_on")
        if reported_on < timezone.localtime(trajectory.started_at).date():
            raise ValidationError({"reported_on": _("This date is before the meldcode trajectory started.")})
    else:
        reported_on = None
    texts = selectors.meldcode_texts()
    now = timezone.now()
    step = MeldcodeStep.objects.create(
        trajectory=trajectory, step=MeldcodeStepCode.DECISION, performed_on=performed_on, by=by, recorded_at=now,
        considered=_text(considered), advice=Decision(decision).label,
    )
    FrameworkAnswer.objects.bulk_create([
        FrameworkAnswer(trajectory=trajectory, question=q, question_text=str(texts["questions"][q].title)[:300],
                        answer=given[q], explanation=_text((answers.get(q) or ("", ""))[1]))
        for q in sorted(given)
    ])
    trajectory.status, trajectory.decided_at, trajectory.decision = TrajectoryStatus.DECIDED, now, decision
    trajectory.reported_on, trajectory.agreements = reported_on, _text(agreements)
    trajectory.save(update_fields=["status", "decided_at", "decision", "reported_on", "agreements"])
    log_access(user=by, action=Action.CREATE, record=step, case_id=trajectory.case_id, detail=f"meldcode decision {decision}")
    if reported_on:
        case_services.planned_item_add(
            case=trajectory.case, kind=PLANNED_VEILIG_THUIS, label=_("Ask Veilig Thuis for the outcome of the safety assessment"),
            due_on=reported_on + timedelta(days=7), by=by, owner=by, source=_source(trajectory),
        )
    return trajectory


@transaction.atomic
def veilig_thuis_outcome_record(*, trajectory: MeldcodeTrajectory, received_on: date, outcome: str, by) -> MeldcodeTrajectory:
    """What Veilig Thuis concluded after a report. Until it is recorded, the case does not close."""
    trajectory = MeldcodeTrajectory.objects.select_for_update().select_related("case").get(pk=trajectory.pk)
    if trajectory.reported_on is None:
        raise ValidationError(_("This meldcode trajectory did not report to Veilig Thuis."))
    if trajectory.veilig_thuis_outcome_on is not None:
        raise ValidationError(_("The outcome from Veilig Thuis is already recorded."))
    outcome = _text(outcome)
    if not outcome:
        raise ValidationError({"outcome": _("Write what Veilig Thuis concluded and what was agreed.")})
    if received_on is None:
        raise ValidationError({"received_on": _("Give the date.")})
    _not_in_future(received_on, "received_on")
    if received_on < trajectory.reported_on:
        raise ValidationError({"received_on": _("This date is before the report to Veilig Thuis.")})
    trajectory.veilig_thuis_outcome, trajectory.veilig_thuis_outcome_on = outcome, received_on
    trajectory.save(update_fields=["veilig_thuis_outcome", "veilig_thuis_outcome_on"])
    for item in PlannedItem.objects.filter(case=trajectory.case, source=_source(trajectory), done_at__isnull=True):
        case_services.planned_item_close(item=item, outcome="gedaan", note=outcome, by=by)
    log_access(user=by, action=Action.UPDATE, record=trajectory, case_id=trajectory.case_id, detail="Veilig Thuis outcome")
    return trajectory


# --- closing despite a safety risk ---------------------------------------------------------


@transaction.atomic
def closing_consent_record(*, case: Case, reason: str, by) -> ClosingConsent:
    """A safety specialist records that the case may close although concerns, a violated condition or a
    pending Veilig Thuis outcome hold. It covers those risks as they are now, for a few days."""
    from eenplan.access.policy import can_consent_to_closing

    case = Case.objects.select_for_update().get(pk=case.pk)
    _require_open(case)
    if not can_consent_to_closing(by, case):
        raise ValidationError(_("Only the team's safety specialist can record that this case may close."))
    reason = _text(reason)
    if not reason:
        raise ValidationError({"reason": _("Write why the case may close despite the safety risk.")})
    blockers = [b for b in selectors.safety_closing_blockers(case) if b.consentable]
    if not blockers:
        raise ValidationError(_("There is no safety risk that needs your consent to close this case."))
    consent = ClosingConsent.objects.create(
        case=case, blockers=",".join(sorted({b.code for b in blockers})), described="\n".join(b.message for b in blockers),
        reason=reason, at=timezone.now(), by=by,
    )
    log_access(user=by, action=Action.CREATE, record=consent, case_id=case.pk, household_id=case.household_id,
               acting_role="aandachtsfunctionaris", reason=reason, detail="consent to close despite safety risk")
    return consent


@transaction.atomic
def safety_carry_over(*, previous: Case, case: Case, by) -> None:
    """A reopened case keeps the earlier case's safety status and safety plan (with its conditions still
    in force, their next checks planned again)."""
    if previous.safety_status != case.safety_status and previous.safety_status != SafetyStatus.ONBEKEND:
        case_services.case_set_safety_status(case=case, status=previous.safety_status, by=by, reason=_(
            "Carried over from the earlier case #%(pk)s") % {"pk": previous.pk})
    old_plan = SafetyPlan.objects.filter(case=previous).first()
    if old_plan is None or SafetyPlan.objects.filter(case=case).exists():
        return
    plan = SafetyPlan.objects.create(case=case, agreed_with=old_plan.agreed_with, agreed_on=old_plan.agreed_on,
                                     created_at=timezone.now(), created_by=by)
    log_access(user=by, action=Action.CREATE, record=plan, case_id=case.pk, detail=f"safety plan carried over from case {previous.pk}")
    today = timezone.localdate()
    for old in SafetyCondition.objects.filter(plan=old_plan, ended_at__isnull=True):
        condition = SafetyCondition.objects.create(
            plan=plan, case=case, description=old.description, checker=old.checker, every_days=old.every_days,
            next_check_on=max(old.next_check_on, today), last_result=old.last_result, last_checked_on=old.last_checked_on,
            created_at=timezone.now(), created_by=by,
        )
        _replan(case=case, obj=condition, kind=PLANNED_SAFETY_CHECK, label=_("Check safety condition"),
                due_on=condition.next_check_on, by=by)


# --- safety plan ---------------------------------------------------------------------------


@transaction.atomic
def safety_plan_create(*, case: Case, agreed_with: str, agreed_on: date, by) -> SafetyPlan:
    case = Case.objects.select_for_update().get(pk=case.pk)
    _require_open(case)
    agreed_with = _text(agreed_with)
    if not agreed_with:
        raise ValidationError({"agreed_with": _("Record with whom the safety plan was agreed.")})
    _not_in_future(agreed_on, "agreed_on")
    if SafetyPlan.objects.filter(case=case).exists():
        raise ValidationError(_("This case already has a safety plan. Add conditions to it."))
    plan = SafetyPlan.objects.create(case=case, agreed_with=agreed_with, agreed_on=agreed_on, created_at=timezone.now(), created_by=by)
    log_access(user=by, action=Action.CREATE, record=plan)
    return plan


@transaction.atomic
def safety_condition_add(*, plan: SafetyPlan, description: str, checker: str, every_days: int, first_check_on: date, by) -> SafetyCondition:
    plan = SafetyPlan.objects.select_for_update().select_related("case").get(pk=plan.pk)
    _require_open(plan.case)
    errors = {}
    description, checker = _text(description), _text(checker)
    if not description:
        errors["description"] = _("Describe the condition the household agreed to.")
    if not checker:
        errors["checker"] = _("Record who checks this condition.")
    if errors:
        raise ValidationError(errors)
    every_days = _interval(every_days)
    if first_check_on is None:
        raise ValidationError({"first_check_on": _("Give the date of the first check.")})
    condition = SafetyCondition.objects.create(
        plan=plan, case=plan.case, description=description, checker=checker, every_days=every_days,
        next_check_on=first_check_on, created_at=timezone.now(), created_by=by,
    )
    log_access(user=by, action=Action.CREATE, record=condition, case_id=plan.case_id)
    _replan(case=plan.case, obj=condition, kind=PLANNED_SAFETY_CHECK, label=_("Check safety condition"),
            due_on=first_check_on, by=by)
    return condition


@transaction.atomic
def safety_check_record(*, condition: SafetyCondition, checked_on: date, result: str, by, note: str = "") -> SafetyCheck:
    """A check of a condition. A violation raises the case and alerts the team lead and specialist."""
    condition = SafetyCondition.objects.select_for_update().select_related("case").get(pk=condition.pk)
    case = condition.case
    _require_open(case)
    if condition.ended_at is not None:
        raise ValidationError(_("This condition has ended."))
    if result not in CheckResult.values:
        raise ValidationError({"result": _("Choose the result of the check.")})
    _not_in_future(checked_on, "checked_on")
    note = _text(note)
    if result != CheckResult.KEPT and not note:
        raise ValidationError({"note": _("Describe what happened.")})
    check = SafetyCheck.objects.create(condition=condition, checked_on=checked_on, result=result, note=note, by=by, recorded_at=timezone.now())
    if condition.last_checked_on is None or checked_on >= condition.last_checked_on:
        condition.last_checked_on, condition.last_result = checked_on, result
        condition.next_check_on = checked_on + timedelta(days=condition.every_days)
        condition.save(update_fields=["last_checked_on", "last_result", "next_check_on"])
        _replan(case=case, obj=condition, kind=PLANNED_SAFETY_CHECK, label=_("Check safety condition"),
                due_on=condition.next_check_on, by=by)
    log_access(user=by, action=Action.CREATE, record=check, case_id=case.pk, detail=f"safety check {result}")
    if result == CheckResult.VIOLATED:
        _raise_status(case=case, to=SafetyStatus.ZORGEN, by=by,
                      reason=_("A safety condition was violated (checked on %(date)s).") % {"date": checked_on.strftime("%d-%m-%Y")})
        _alert_team(
            case=case, kind="safety_condition_violated",
            message=_("A safety condition was violated in case #%(pk)s.") % {"pk": case.pk},
            url=reverse("safety:plan", args=[case.pk]),
        )
    return check


@transaction.atomic
def safety_condition_end(*, condition: SafetyCondition, by) -> SafetyCondition:
    condition = SafetyCondition.objects.select_for_update().select_related("case").get(pk=condition.pk)
    if condition.ended_at is None:
        condition.ended_at = timezone.now()
        condition.save(update_fields=["ended_at"])
        _close_planned(case=condition.case, obj=condition, by=by)
        log_access(user=by, action=Action.UPDATE, record=condition, case_id=condition.case_id, detail="condition ended")
    return condition


# --- stut en steun -------------------------------------------------------------------------


@transaction.atomic
def stut_en_steun_start(*, case: Case, reason: str, every_days: int, first_check_on: date, by) -> StutEnSteun:
    """Not let go: the case moves to the background (monitoring) with periodic checks."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    _require_open(case)
    reason = _text(reason)
    if not reason:
        raise ValidationError({"reason": _("Describe the lasting risk.")})
    every_days = _interval(every_days)
    if first_check_on is None:
        raise ValidationError({"first_check_on": _("Give the date of the first check.")})
    if first_check_on < timezone.localdate():
        raise ValidationError({"first_check_on": _("The first check cannot be in the past.")})
    if StutEnSteun.objects.filter(case=case, ended_at__isnull=True).exists():
        raise ValidationError(_("This household is already in stut en steun."))
    watch = StutEnSteun.objects.create(case=case, reason=reason, every_days=every_days, next_check_on=first_check_on,
                                       started_at=timezone.now(), started_by=by)
    log_access(user=by, action=Action.CREATE, record=watch, detail="stut en steun started")
    if case.phase != Phase.MONITORING:
        case_services.case_transition(case=case, to_phase=Phase.MONITORING, by=by, note=_("Stut en steun: lasting safety risk"))
    _replan(case=case, obj=watch, kind=PLANNED_STUT_EN_STEUN, label=_("Stut en steun check"), due_on=first_check_on,
            by=by, owner=case.regisseur)
    return watch


@transaction.atomic
def stut_en_steun_check(*, watch: StutEnSteun, checked_on: date, how: str, note: str, by, concerns: bool = False) -> StutEnSteunCheck:
    watch = StutEnSteun.objects.select_for_update().select_related("case").get(pk=watch.pk)
    if not watch.is_active:
        raise ValidationError(_("Stut en steun has ended for this household."))
    _not_in_future(checked_on, "checked_on")
    errors = {}
    how, note = _text(how), _text(note)
    if not how:
        errors["how"] = _("Record how you checked (visit, call, via a partner).")
    if not note:
        errors["note"] = _("Record how it is going.")
    if errors:
        raise ValidationError(errors)
    check = StutEnSteunCheck.objects.create(watch=watch, checked_on=checked_on, how=how, note=note, concerns=concerns,
                                            by=by, recorded_at=timezone.now())
    watch.next_check_on = max(checked_on + timedelta(days=watch.every_days), timezone.localdate() + timedelta(days=1))
    watch.save(update_fields=["next_check_on"])
    _replan(case=watch.case, obj=watch, kind=PLANNED_STUT_EN_STEUN, label=_("Stut en steun check"),
            due_on=watch.next_check_on, by=by, owner=watch.case.regisseur)
    log_access(user=by, action=Action.CREATE, record=check, case_id=watch.case_id, detail="stut en steun check")
    if concerns:
        _raise_status(case=watch.case, to=SafetyStatus.ZORGEN, by=by,
                      reason=_("New concerns at a stut-en-steun check (%(date)s).") % {"date": checked_on.strftime("%d-%m-%Y")})
        _alert_team(
            case=watch.case, kind="stut_en_steun_concerns",
            message=_("New concerns at a stut-en-steun check in case #%(pk)s.") % {"pk": watch.case_id},
            url=reverse("safety:case", args=[watch.case_id]),
        )
    return check


@transaction.atomic
def stut_en_steun_end(*, watch: StutEnSteun, end_reason: str, by) -> StutEnSteun:
    watch = StutEnSteun.objects.select_for_update().select_related("case").get(pk=watch.pk)
    if not watch.is_active:
        raise ValidationError(_("Stut en steun has already ended."))
    end_reason = _text(end_reason)
    if not end_reason:
        raise ValidationError({"end_reason": _("Record why the lasting risk is gone.")})
    if watch.case.safety_status == SafetyStatus.ONVEILIG:
        raise ValidationError(_("The household is marked unsafe: stut en steun cannot end while the risk lasts."))
    watch.ended_at, watch.ended_by, watch.end_reason = timezone.now(), by, end_reason
    watch.save(update_fields=["ended_at", "ended_by", "end_reason"])
    _close_planned(case=watch.case, obj=watch, by=by)
    log_access(user=by, action=Action.UPDATE, record=watch, case_id=watch.case_id, detail="stut en steun ended")
    return watch


# --- regie tenzij --------------------------------------------------------------------------


@transaction.atomic
def regie_takeover_start(*, case: Case, ground: str, reason: str, starts_on: date, ends_on: date, review_on: date, by) -> RegieTakeover:
    """Regie stays with the household, unless: danger or a limitation. Reason, period and review date."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    _require_open(case)
    errors = {}
    reason = _text(reason)
    if ground not in RegieGround.values:
        errors["ground"] = _("Choose why regie is taken over.")
    if not reason:
        errors["reason"] = _("Describe why the household cannot hold regie now.")
    for field, value in (("starts_on", starts_on), ("ends_on", ends_on), ("review_on", review_on)):
        if value is None:
            errors[field] = _("Give a date.")
    if errors:
        raise ValidationError(errors)
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The period ends before it starts.")})
    if not starts_on <= review_on <= ends_on:
        raise ValidationError({"review_on": _("The review date must fall within the period.")})
    if RegieTakeover.objects.filter(case=case, ended_at__isnull=True).exists():
        raise ValidationError(_("Regie has already been taken over for this case; review that first."))
    takeover = RegieTakeover.objects.create(case=case, ground=ground, reason=reason, starts_on=starts_on, ends_on=ends_on,
                                            review_on=review_on, recorded_at=timezone.now(), by=by)
    log_access(user=by, action=Action.CREATE, record=takeover)
    _replan(case=case, obj=takeover, kind=PLANNED_REGIE_REVIEW, label=_("Review: give regie back?"), due_on=review_on,
            by=by, owner=case.regisseur or by)
    return takeover


@transaction.atomic
def regie_review_record(*, takeover: RegieTakeover, reviewed_on: date, note: str, give_back: bool, by,
                        next_review_on: date | None = None, ends_on: date | None = None) -> RegieReview:
    takeover = RegieTakeover.objects.select_for_update().select_related("case").get(pk=takeover.pk)
    if not takeover.is_active:
        raise ValidationError(_("Regie has already been given back."))
    _not_in_future(reviewed_on, "reviewed_on")
    note = _text(note)
    if not note:
        raise ValidationError({"note": _("Record what was reviewed.")})
    if not give_back:
        if next_review_on is None:
            raise ValidationError({"next_review_on": _("Give the next review date.")})
        if next_review_on <= reviewed_on:
            raise ValidationError({"next_review_on": _("The next review must be after this one.")})
        new_end = ends_on or takeover.ends_on
        if next_review_on > new_end:
            raise ValidationError({"next_review_on": _("The review date must fall within the period.")})
    review = RegieReview.objects.create(takeover=takeover, reviewed_on=reviewed_on, note=note, give_back=give_back,
                                        next_review_on=None if give_back else next_review_on, by=by, recorded_at=timezone.now())
    if give_back:
        takeover.ended_at = timezone.now()
        takeover.save(update_fields=["ended_at"])
        _close_planned(case=takeover.case, obj=takeover, by=by)
    else:
        takeover.review_on, takeover.ends_on = next_review_on, ends_on or takeover.ends_on
        takeover.save(update_fields=["review_on", "ends_on"])
        _replan(case=takeover.case, obj=takeover, kind=PLANNED_REGIE_REVIEW, label=_("Review: give regie back?"),
                due_on=next_review_on, by=by, owner=takeover.case.regisseur or by)
    log_access(user=by, action=Action.CREATE, record=review, case_id=takeover.case_id, detail="regie review")
    return review
