"""Safety pages. Every case page passes `policy.require_safety_record` (allowed or refused,
always logged with the purpose); state changes go through `services`."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eenplan.access import policy
from eenplan.access.audit import log_access
from eenplan.access.decorators import roles_required
from eenplan.access.models import Action
from eenplan.accounts.models import RoleCode
from eenplan.cases import services as case_services
from eenplan.cases.selectors import case_for_page
from eenplan.core.forms import post_case_form
from eenplan.core.forms import submit_form as _submit

from . import selectors, services
from .forms import (
    ClosingConsentForm,
    DecisionForm,
    MeldcodeStartForm,
    MeldcodeStepForm,
    RegieReviewForm,
    RegieTakeoverForm,
    SafetyCheckForm,
    SafetyConditionForm,
    SafetyPlanForm,
    SafetyStatusForm,
    StutEnSteunCheckForm,
    StutEnSteunEndForm,
    StutEnSteunStartForm,
    VeiligThuisOutcomeForm,
)
from .models import MeldcodeStepCode, SafetyCondition, SafetyPlan

CASE_ROLES = policy.CASE_WORKER_ROLES


def _case(pk):
    return case_for_page(pk)




# --- overview ------------------------------------------------------------------------------


@roles_required(RoleCode.SAFETY_SPECIALIST, RoleCode.TEAM_LEAD)
def overview(request):
    """For the safety specialist and team lead: what runs, what is overdue, what was violated.
    Lists households and dates only; the records open through the safety policy."""
    team_ids = selectors.overview_team_ids(request.user)
    data = selectors.overview(team_ids)
    listed = [t.case for t in data["running"]] + [w.case for w in data["watches"]] + [c.case for c in data["violated"]]
    listed += [r.case for r in data["reviews_due"]] + data["children_unknown"]
    data["openable"] = policy.safety_records_openable(request.user, listed)
    log_access(
        user=request.user, action=Action.READ, record_type="safety overview",
        acting_role=",".join(sorted(request.user.role_codes())),
        detail=f"{len(data['running'])} meldcode, {len(data['watches'])} stut en steun, {len(data['violated'])} violated",
        request=request,
    )
    return render(request, "safety/overview.html", data)


# --- the case's safety page ----------------------------------------------------------------


def _case_page(request, case, status=200, **bound):
    data = selectors.case_safety(case)
    forms = {
        "start_form": MeldcodeStartForm(),
        "status_form": SafetyStatusForm(initial={"status": case.safety_status}),
        "ss_form": StutEnSteunStartForm(),
        "ssc_form": StutEnSteunCheckForm(),
        "sse_form": StutEnSteunEndForm(),
        "rt_form": RegieTakeoverForm(),
        "rr_form": RegieReviewForm(),
    }
    forms["vt_form"] = VeiligThuisOutcomeForm()
    forms["consent_form"] = ClosingConsentForm()
    forms.update(bound)
    data["closing_blockers"] = case_services.closing_blockers(case) if case.is_open else []
    data["consentable"] = [b for b in data["closing_blockers"] if b.consentable and b.consent is None]
    data["can_consent"] = policy.can_consent_to_closing(request.user, case)
    data["vt_pending"] = selectors.veilig_thuis_pending(case)
    if data["watch"] is not None:
        data["watch_checks"] = list(data["watch"].checks.select_related("by")[:10])
    context = {"case": case, "step_choices": MeldcodeStepCode.choices, **data, **forms}
    return render(request, "safety/case.html", context, status=status)


@roles_required(*CASE_ROLES)
def case(request, pk):
    case = _case(pk)
    policy.require_safety_record(request, case, reason="safety page of the case")
    return _case_page(request, case)


def _case_post(request, pk, form_key, form_class, apply, success, reason):
    case = _case(pk)
    policy.require_safety_record(request, case, action=Action.UPDATE, reason=reason)
    return post_case_form(
        request, form_class(request.POST), lambda d: apply(case, d), success=success,
        then=reverse("safety:case", args=[case.pk]),
        page=lambda form: _case_page(request, case, status=400, **{form_key: form}),
    )


@roles_required(*CASE_ROLES)
@require_POST
def stut_en_steun_start(request, pk):
    return _case_post(
        request, pk, "ss_form", StutEnSteunStartForm,
        lambda case, d: services.stut_en_steun_start(case=case, reason=d["reason"], every_days=d["every_days"],
                                                     first_check_on=d["first_check_on"], by=request.user),
        _("The household is in stut en steun: the team stays in the background with periodic checks."),
        "start stut en steun",
    )


@roles_required(*CASE_ROLES)
@require_POST
def veilig_thuis_outcome(request, pk):
    def apply(case, d):
        trajectory = next(iter(selectors.veilig_thuis_pending(case)), None)
        if trajectory is None:
            raise ValidationError(_("No outcome from Veilig Thuis is pending for this case."))
        services.veilig_thuis_outcome_record(trajectory=trajectory, received_on=d["received_on"], outcome=d["outcome"], by=request.user)

    return _case_post(request, pk, "vt_form", VeiligThuisOutcomeForm, apply, _("The outcome from Veilig Thuis is recorded."),
                      "Veilig Thuis outcome")


@roles_required(RoleCode.SAFETY_SPECIALIST)
@require_POST
def closing_consent(request, pk):
    """The safety specialist's recorded decision that the case may close despite a safety risk."""
    return _case_post(
        request, pk, "consent_form", ClosingConsentForm,
        lambda case, d: services.closing_consent_record(case=case, reason=d["reason"], by=request.user),
        _("Your consent is recorded: the case may be closed despite the safety risk for the next seven days."),
        "consent to close despite safety risk",
    )


@roles_required(*CASE_ROLES)
@require_POST
def set_status(request, pk):
    """The safety status, with its reason, from the safety page (also for the team's safety specialist)."""
    return _case_post(
        request, pk, "status_form", SafetyStatusForm,
        lambda case, d: case_services.case_set_safety_status(case=case, status=d["status"], reason=d["reason"], by=request.user),
        _("Safety status saved."), "safety status",
    )


def _watch(case):
    watch = case.stut_en_steun.filter(ended_at__isnull=True).first()
    if watch is None:
        raise ValidationError(_("This household is not in stut en steun."))
    return watch


@roles_required(*CASE_ROLES)
@require_POST
def stut_en_steun_check(request, pk):
    return _case_post(
        request, pk, "ssc_form", StutEnSteunCheckForm,
        lambda case, d: services.stut_en_steun_check(watch=_watch(case), checked_on=d["checked_on"], how=d["how"], note=d["note"],
                                                     concerns=d["concerns"], by=request.user),
        _("Check recorded."), "stut en steun check",
    )


@roles_required(*CASE_ROLES)
@require_POST
def stut_en_steun_end(request, pk):
    return _case_post(
        request, pk, "sse_form", StutEnSteunEndForm,
        lambda case, d: services.stut_en_steun_end(watch=_watch(case), end_reason=d["end_reason"], by=request.user),
        _("Stut en steun ended."), "end stut en steun",
    )


def _takeover(case):
    takeover = case.regie_takeovers.filter(ended_at__isnull=True).first()
    if takeover is None:
        raise ValidationError(_("Regie has not been taken over for this case."))
    return takeover


@roles_required(*CASE_ROLES)
@require_POST
def regie_takeover(request, pk):
    return _case_post(
        request, pk, "rt_form", RegieTakeoverForm,
        lambda case, d: services.regie_takeover_start(case=case, ground=d["ground"], reason=d["reason"], starts_on=d["starts_on"],
                                                      ends_on=d["ends_on"], review_on=d["review_on"], by=request.user),
        _("Recorded: regie is taken over for this period."), "regie taken over",
    )


@roles_required(*CASE_ROLES)
@require_POST
def regie_review(request, pk):
    return _case_post(
        request, pk, "rr_form", RegieReviewForm,
        lambda case, d: services.regie_review_record(takeover=_takeover(case), reviewed_on=d["reviewed_on"], note=d["note"],
                                                     give_back=d["give_back"], next_review_on=d["next_review_on"],
                                                     ends_on=d["ends_on"], by=request.user),
        _("Review recorded."), "regie review",
    )


# --- meldcode ------------------------------------------------------------------------------


def _meldcode_page(request, case, status=200, start_form=None, step_form=None, decision_form=None):
    texts = selectors.meldcode_texts()
    running = selectors.running_trajectory(case)
    upcoming = selectors.next_step(running) if running else None
    if running is not None and upcoming is not None:
        if upcoming == MeldcodeStepCode.DECISION:
            decision_form = decision_form or DecisionForm(questions=texts["questions"])
        else:
            step_form = step_form or MeldcodeStepForm(step=upcoming)
    trajectories = list(case.meldcode_trajectories.select_related("started_by").prefetch_related("answers"))
    progress = {t.pk: selectors.trajectory_progress(t, texts) for t in trajectories}
    for t in trajectories:
        t.progress = progress[t.pk]
    context = {
        "case": case, "texts": texts, "running": running, "upcoming": upcoming,
        "upcoming_text": texts["steps"].get(upcoming) if upcoming else None,
        "trajectories": trajectories, "start_form": start_form or MeldcodeStartForm(),
        "step_form": step_form, "decision_form": decision_form,
    }
    return render(request, "safety/meldcode.html", context, status=status)


@roles_required(*CASE_ROLES)
def meldcode(request, pk):
    case = _case(pk)
    if request.method != "POST":
        policy.require_safety_record(request, case, reason="meldcode trajectory")
        return _meldcode_page(request, case)
    policy.require_safety_record(request, case, action=Action.UPDATE, reason="meldcode step")
    running = selectors.running_trajectory(case)
    if running is None:
        messages.error(request, _("No meldcode trajectory is running for this case."))
        return redirect("safety:meldcode", pk=case.pk)
    upcoming = selectors.next_step(running)
    if upcoming == MeldcodeStepCode.DECISION:
        form = DecisionForm(request.POST, questions=selectors.meldcode_texts()["questions"])
        ok = _submit(form, lambda d: services.meldcode_decide(
            trajectory=running, performed_on=d["performed_on"], answers=form.answers(), decision=d["decision"],
            reported_on=d["reported_on"], agreements=d["agreements"], considered=d["considered"], by=request.user,
        ))
        if not ok:
            return _meldcode_page(request, case, status=400, decision_form=form)
        messages.success(request, _("Decision recorded. The meldcode trajectory is complete."))
        return redirect("safety:meldcode", pk=case.pk)
    # The form names the step it was filled in for; a stale form (another step meanwhile) is refused by the service.
    try:
        posted_step = int(request.POST.get("step-number", upcoming))
    except ValueError:
        posted_step = upcoming
    form = MeldcodeStepForm(request.POST, step=posted_step if posted_step in MeldcodeStepCode.values[:4] else upcoming)
    ok = _submit(form, lambda d: services.meldcode_step_record(
        trajectory=running, step=posted_step, performed_on=d["performed_on"], by=request.user,
        considered=d.get("considered", ""), with_whom=d.get("with_whom", ""), advice=d.get("advice", ""),
        kindcheck=d.get("kindcheck", ""), skipped=d.get("skipped", False), skip_reason=d.get("skip_reason", ""),
    ))
    if not ok:
        return _meldcode_page(request, case, status=400, step_form=form)
    messages.success(request, _("Step recorded."))
    return redirect("safety:meldcode", pk=case.pk)


@roles_required(*CASE_ROLES)
@require_POST
def meldcode_start(request, pk):
    case = _case(pk)
    policy.require_safety_record(request, case, action=Action.CREATE, reason="start meldcode")
    form = MeldcodeStartForm(request.POST)
    if _submit(form, lambda d: services.meldcode_start(case=case, concern=d["concern"], by=request.user)):
        messages.success(request, _("Meldcode started. Begin with step 1: map the signals."))
        return redirect("safety:meldcode", pk=case.pk)
    return _meldcode_page(request, case, status=400, start_form=form)


# --- safety plan ---------------------------------------------------------------------------


def _plan_page(request, case, status=200, plan_form=None, condition_form=None, check_forms=None):
    plan = SafetyPlan.objects.filter(case=case).first()
    conditions = []
    if plan is not None:
        conditions = list(plan.conditions.prefetch_related("checks__by"))
        check_forms = check_forms or {}
        for c in conditions:
            c.check_form = check_forms.get(c.pk) or SafetyCheckForm(prefix=f"check-{c.pk}")
    context = {
        "case": case, "plan": plan, "conditions": conditions,
        "plan_form": plan_form or SafetyPlanForm(), "condition_form": condition_form or SafetyConditionForm(),
        "today": selectors.timezone.localdate(),
    }
    return render(request, "safety/plan.html", context, status=status)


@roles_required(*CASE_ROLES)
def plan(request, pk):
    case = _case(pk)
    if request.method != "POST":
        policy.require_safety_record(request, case, reason="safety plan")
        return _plan_page(request, case)
    policy.require_safety_record(request, case, action=Action.UPDATE, reason="safety plan change")
    existing = SafetyPlan.objects.filter(case=case).first()
    if existing is None:
        form = SafetyPlanForm(request.POST)
        if _submit(form, lambda d: services.safety_plan_create(case=case, agreed_with=d["agreed_with"], agreed_on=d["agreed_on"], by=request.user)):
            messages.success(request, _("Safety plan created. Add the safety conditions."))
            return redirect("safety:plan", pk=case.pk)
        return _plan_page(request, case, status=400, plan_form=form)
    form = SafetyConditionForm(request.POST)
    if _submit(form, lambda d: services.safety_condition_add(plan=existing, description=d["description"], checker=d["checker"],
                                                             every_days=d["every_days"], first_check_on=d["first_check_on"], by=request.user)):
        messages.success(request, _("Safety condition added."))
        return redirect("safety:plan", pk=case.pk)
    return _plan_page(request, case, status=400, condition_form=form)


@roles_required(*CASE_ROLES)
@require_POST
def condition_check(request, pk, cid):
    case = _case(pk)
    policy.require_safety_record(request, case, action=Action.CREATE, reason="safety condition check")
    condition = get_object_or_404(SafetyCondition, pk=cid, case=case)
    form = SafetyCheckForm(request.POST, prefix=f"check-{condition.pk}")
    if _submit(form, lambda d: services.safety_check_record(condition=condition, checked_on=d["checked_on"], result=d["result"],
                                                            note=d["note"], by=request.user)):
        messages.success(request, _("Check recorded."))
        return redirect("safety:plan", pk=case.pk)
    return _plan_page(request, case, status=400, check_forms={condition.pk: form})


@roles_required(*CASE_ROLES)
@require_POST
def condition_end(request, pk, cid):
    case = _case(pk)
    policy.require_safety_record(request, case, action=Action.UPDATE, reason="end safety condition")
    condition = get_object_or_404(SafetyCondition, pk=cid, case=case)
    services.safety_condition_end(condition=condition, by=request.user)
    messages.success(request, _("Safety condition ended."))
    return redirect("safety:plan", pk=case.pk)
