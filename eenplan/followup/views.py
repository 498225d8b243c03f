"""Evaluation & monitoring pages of a case. Every page passes `policy.require_case` (allowed or
refused, always logged); state changes go through `services`."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eenplan.access import policy
from eenplan.access.decorators import roles_required
from eenplan.access.models import Action
from eenplan.cases import services as case_services
from eenplan.cases.models import Phase
from eenplan.cases.selectors import case_for_page
from eenplan.core.forms import post_case_form

from . import charts, selectors, services
from .forms import (
    EVALUATION_ERRORS,
    CheckInForm,
    ClosingForm,
    EvaluationForm,
    GoalProgressForm,
    ItemDecisionForm,
    MomentCancelForm,
    MomentForm,
    MonitoringCloseForm,
    ReopenForm,
    apply_errors,
)
from .models import EvaluationMoment, NextStep

CASE_ROLES = policy.CASE_WORKER_ROLES


def _case(pk):
    return case_for_page(pk, "previous_case")


def _url(name, pk):
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


def _url2(name, pk, other):
    try:
        return reverse(name, args=[pk, other])
    except NoReverseMatch:
        return ""


def _change_context(case) -> dict:
    change = selectors.household_change(case)
    people = []
    for p in change.zrm_people:
        rows = [c for c in p.zrm.domains if c.first is not None or c.not_applicable]
        people.append({"person": p.person, "zrm": p.zrm, "rows": rows,
                       "chart": charts.zrm_change_chart(p.person.full_name, p.zrm.domains) if p.zrm.measurements > 1 else ""})
    measure_links = []
    if case.is_open:
        from eenplan.assessment.selectors import current_members

        for m in current_members(case):
            if url := _url2("assessment:measure", case.pk, m.person.pk):
                measure_links.append({"person": m.person, "zrm": url})
    return {
        "change": change, "zrm_people": people, "measure_links": measure_links, "participation_people": change.participation_people,
        "assessment_url": _url("assessment:case", case.pk),
    }


# --- the case's page -----------------------------------------------------------------------


def _case_page(request, case, status=200, **bound):
    data = selectors.case_followup(case)
    proposals = selectors.proposed_dates(case) if case.is_open else []
    forms = {
        "moment_form": MomentForm(initial={"due_on": proposals[0][0] if proposals else None,
                                           "proposed_on": proposals[0][0] if proposals else None}),
        "checkin_form": CheckInForm(),
        "monitoring_close_form": MonitoringCloseForm(),
        "reopen_form": ReopenForm(),
    }
    if data["monitoring"] is not None:
        forms["item_forms"] = _item_forms(case)
        forms["blockers"] = case_services.closing_blockers(case)
        forms["closing_refused"] = any(b.consent is None for b in forms["blockers"])
    forms.update(bound)
    context = {
        "case": case, "proposals": proposals, "goal_rows": selectors.goal_rows(case),
        "plan_url": _url("plans:case", case.pk), **_change_context(case), **data, **forms,
    }
    return render(request, "followup/case.html", context, status=status)


@roles_required(*CASE_ROLES)
def case(request, pk):
    case = _case(pk)
    policy.require_case(request, case, detail="evaluation and monitoring")
    return _case_page(request, case)


def _post(request, pk, form_key, form_class, apply, success):
    case = _case(pk)
    policy.require_case(request, case, action=Action.UPDATE, detail="evaluation and monitoring")
    return post_case_form(
        request, form_class(request.POST), lambda d: apply(case, d), success=success,
        then=lambda result: result if isinstance(result, str) else reverse("followup:case", args=[case.pk]),
        page=lambda form: _case_page(request, case, status=400, **{form_key: form}),
    )


@roles_required(*CASE_ROLES)
@require_POST
def moment_plan(request, pk):
    return _post(
        request, pk, "moment_form", MomentForm,
        lambda case, d: services.evaluation_moment_plan(case=case, due_on=d["due_on"], note=d["note"], proposed_on=d["proposed_on"], by=request.user),
        _("Evaluation planned. It shows on the caseload."),
    )


@roles_required(*CASE_ROLES)
@require_POST
def moment_cancel(request, pk, mid):
    case = _case(pk)
    policy.require_case(request, case, action=Action.UPDATE, detail="evaluation and monitoring")
    moment = get_object_or_404(EvaluationMoment, pk=mid, case=case)
    form = MomentCancelForm(request.POST)
    if form.is_valid():
        try:
            services.evaluation_moment_cancel(moment=moment, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as exc:
            for msg in exc.messages:
                messages.error(request, msg)
        else:
            messages.success(request, _("Evaluation cancelled."))
    else:
        messages.error(request, _("Write why the evaluation is cancelled or moved."))
    return redirect("followup:case", pk=case.pk)


@roles_required(*CASE_ROLES)
@require_POST
def checkin(request, pk):
    def apply(case, d):
        services.checkin_record(case=case, held_on=d["held_on"], how=d["how"], result=d["result"], note=d["note"],
                                next_on=d["next_on"], next_how=d["next_how"] or d["how"], reopen_to=d["reopen_to"], by=request.user)

    return _post(request, pk, "checkin_form", CheckInForm, apply, _("Check-in recorded."))


def _item_forms(case, data=None) -> list:
    """One decision form per open planned item the closing asks about."""
    return [ItemDecisionForm(data, item=item) for item in selectors.items_to_decide_at_closing(case)]


def _decisions(item_forms) -> dict:
    return {f.item.pk: (f.cleaned_data.get("outcome", ""), f.cleaned_data.get("note", "")) for f in item_forms if f.is_valid()}


def _apply_item_errors(exc, item_forms):
    """Put the service's "item_<pk>" errors on their item's form; return the rest (or None)."""
    if not hasattr(exc, "error_dict"):
        return exc
    by_key = {f"item_{f.item.pk}": f for f in item_forms}
    rest = {}
    for key, errors in exc.message_dict.items():
        if key in by_key:
            by_key[key].add_error("outcome", errors)
        else:
            rest[key] = errors
    return ValidationError(rest) if rest else None


@roles_required(*CASE_ROLES)
@require_POST
def monitoring_close(request, pk):
    case = _case(pk)
    policy.require_case(request, case, action=Action.UPDATE, detail="evaluation and monitoring")
    form = MonitoringCloseForm(request.POST)
    item_forms = _item_forms(case, request.POST)
    if form.is_valid() & all([f.is_valid() for f in item_forms]):
        try:
            services.monitoring_close(case=case, note=form.cleaned_data["note"], by=request.user, items=_decisions(item_forms))
        except ValidationError as exc:
            if (rest := _apply_item_errors(exc, item_forms)) is not None:
                apply_errors(form, rest)
        else:
            messages.success(request, _("Monitoring ended and the case is closed."))
            return redirect("followup:case", pk=case.pk)
    return _case_page(request, case, status=400, monitoring_close_form=form, item_forms=item_forms)


@roles_required(*CASE_ROLES)
@require_POST
def reopen(request, pk):
    def apply(case, d):
        new = services.case_reopen(case=case, reason=d["reason"], to_phase=d["to_phase"], by=request.user)
        return reverse("followup:case", args=[new.pk])  # the page that shows the earlier route

    return _post(request, pk, "reopen_form", ReopenForm, apply, _("The case is reopened as a new case; the earlier route is shown with it."))


# --- evaluation ----------------------------------------------------------------------------


def _goal_forms(goals, data=None):
    return [GoalProgressForm(data, goal=g, prefix=f"goal{n}") for n, g in enumerate(goals)]


@roles_required(*CASE_ROLES)
def evaluate(request, pk):
    case = _case(pk)
    policy.require_case(request, case, action=Action.UPDATE if request.method == "POST" else Action.READ, detail="evaluation")
    goals = selectors.current_goals(case)
    data = request.POST if request.method == "POST" else None
    form = EvaluationForm(data, goals=goals)
    goal_forms = _goal_forms(goals, data)
    status = 200
    if request.method == "POST":
        if form.is_valid() & all([f.is_valid() for f in goal_forms]):
            d = form.cleaned_data
            assessments = [
                services.GoalAssessment(key=str(f.goal.key), **{k: f.cleaned_data[k] for k in ("status", "resident_status", "resident_view", "professional_view")})
                for f in goal_forms
            ]
            adjustment = services.PlanAdjustment(
                kind=d["adjustment"], reason=d["adjustment_reason"], goal_key=d["adjust_goal"], solution_frame=d["solution_frame"],
                solution=d["solution"], action=d["action"], action_owner_kind=d["action_owner_kind"], action_owner=d["action_owner"],
                action_due_on=d["action_due_on"],
            ) if d["next_step"] == NextStep.ADJUST else None
            try:
                evaluation = services.evaluation_record(
                    case=case, held_on=d["held_on"], by=request.user, goals=assessments, next_step=d["next_step"],
                    with_resident=d["with_resident"], present=d["present"], summary=d["summary"], adjustment=adjustment,
                    next_due_on=d["next_due_on"],
                )
            except ValidationError as exc:
                by_key = {f"goal_{f.goal.key}": f for f in goal_forms}
                goal_errors = {k: v for k, v in exc.message_dict.items() if k in by_key} if hasattr(exc, "error_dict") else {}
                for key, errors in goal_errors.items():
                    by_key[key].add_error("status", errors)
                rest = ValidationError({k: v for k, v in exc.message_dict.items() if k not in goal_errors}) if hasattr(exc, "error_dict") else exc
                if not hasattr(rest, "error_dict") or rest.error_dict:
                    apply_errors(form, rest, EVALUATION_ERRORS)
            else:
                if evaluation.next_step == NextStep.END:
                    messages.success(request, _("Evaluation saved. Answer the closing questions to end the support."))
                    return redirect("followup:close", pk=case.pk)
                if evaluation.new_plan_version_id:
                    messages.success(request, _("Evaluation saved and a new plan version was made."))
                else:
                    messages.success(request, _("Evaluation saved."))
                return redirect("followup:case", pk=case.pk)
        status = 400
    rows = {r["key"]: r for r in selectors.goal_rows(case)}
    for f in goal_forms:
        f.row = rows.get(str(f.goal.key))
    context = {"case": case, "form": form, "goal_forms": goal_forms,
               "plan_url": _url("plans:case", case.pk), **_change_context(case)}
    return render(request, "followup/evaluate.html", context, status=status)


# --- closing -------------------------------------------------------------------------------


@roles_required(*CASE_ROLES)
def close(request, pk):
    """The closing questions; then the case closes or goes into monitoring."""
    case = _case(pk)
    policy.require_case(request, case, action=Action.UPDATE if request.method == "POST" else Action.READ, detail="closing")
    if not case.is_open or selectors.running_monitoring(case) is not None:
        return redirect("followup:case", pk=case.pk)
    measured = selectors.measured_directions(case)
    data = request.POST if request.method == "POST" else None
    form = ClosingForm(data, initial={"self_reliance": measured.self_reliance, "participation": measured.participation})
    item_forms = _item_forms(case, data)
    status = 200
    if request.method == "POST":
        if form.is_valid() & all([f.is_valid() for f in item_forms]):
            d = form.cleaned_data
            answers = services.ClosingAnswers(**{k: d[k] for k in (
                "decided_on", "outcome", "question_answered", "process", "lessons", "self_reliance", "participation", "question_note",
                "self_reliance_note", "participation_note", "resident_satisfaction", "resident_words", "resident_not_asked_reason",
                "monitoring_until", "watch_for", "first_checkin_on")}, first_checkin_how=d["first_checkin_how"] or "telefoon")
            try:
                closing = services.case_close_with_evaluation(case=case, answers=answers, by=request.user,
                                                              items=_decisions(item_forms))
            except ValidationError as exc:
                if (rest := _apply_item_errors(exc, item_forms)) is not None:
                    apply_errors(form, rest)
            else:
                if closing.outcome == "monitoring":
                    messages.success(request, _("The support has ended. The case is in monitoring until %(date)s.") % {
                        "date": answers.monitoring_until.strftime("%d-%m-%Y")})
                else:
                    messages.success(request, _("The case is closed."))
                return redirect("followup:case", pk=case.pk)
        status = 400
    blockers = case_services.closing_blockers(case)
    context = {"case": case, "form": form, "measured": measured, "blockers": blockers,
               "closing_refused": any(b.consent is None for b in blockers), "item_forms": item_forms,
               "in_monitoring_phase": case.phase == Phase.MONITORING, "goal_rows": selectors.goal_rows(case),
               **_change_context(case)}
    return render(request, "followup/close.html", context, status=status)
