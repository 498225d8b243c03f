from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eenplan.access import policy
from eenplan.access.audit import log_access
from eenplan.access.decorators import roles_required
from eenplan.access.models import Action
from eenplan.accounts.models import RoleCode
from eenplan.core.forms import colleague_rows, post_case_form
from eenplan.core.paging import paged

from . import selectors, services
from .forms import AccessReasonForm, InvolveForm, RegisseurForm, SafetyStatusForm, TransitionForm
from .overview import case_overview
from .selectors import case_colleagues, case_for_page

TEAM_PAGE_SIZE = 50


@roles_required(*policy.CASE_WORKER_ROLES)
def caseload(request):
    sort = request.GET.get("sort", "next")
    cases = list(selectors.caseload_for(request.user, sort=sort))
    log_access(user=request.user, action=Action.READ, record_type="caseload", detail=f"{len(cases)} cases listed", request=request,
               shown_ids=[c.pk for c in cases])
    return render(request, "cases/caseload.html", {"cases": cases, "sort": sort})


@roles_required(RoleCode.TEAM_LEAD)
def team(request):
    """The team's case list without content: names, phase, regisseur, dates."""
    sort = request.GET.get("sort", "household")
    page = paged(request, selectors.team_cases(policy.lead_team_ids(request.user), sort=sort), TEAM_PAGE_SIZE)
    cases = list(page.object_list)
    visible = set(policy.cases_visible_to(request.user).filter(pk__in=[c.pk for c in cases]).values_list("pk", flat=True))
    log_access(user=request.user, action=Action.READ, record_type="team case list", acting_role=RoleCode.TEAM_LEAD, detail=f"{len(cases)} cases listed", request=request,
               shown_ids=[c.pk for c in cases])
    caseload = selectors.team_caseload(policy.lead_team_ids(request.user), today=timezone.localdate())
    return render(request, "cases/team.html", {"cases": cases, "page": page, "visible": visible, "sort": sort, "caseload": caseload})


def _case(pk):
    return case_for_page(pk)


def _detail_page(request, case, status=200, **bound):
    """The case overview; a change form that was refused comes back bound, with its errors, its
    disclosure open."""
    overview = case_overview(case, request.user)
    colleagues = colleague_rows(case_colleagues(case))  # one read for the regisseur and the involve lists
    forms = {
        "transition_form": TransitionForm(case=case),
        "regisseur_form": RegisseurForm(case=case, colleagues=colleagues,
                                        initial={"regisseur": case.regisseur_id, "regie_kind": case.regie_kind}),
        "involve_form": InvolveForm(case=case, colleagues=colleagues,
                                    involved_ids=[i.user_id for i in overview["involvements"]]),
        "safety_form": SafetyStatusForm(initial={"status": case.safety_status}),
    }
    forms.update(bound)
    context = {"case": case, **overview, "open_form": next(iter(bound), ""), **forms}
    return render(request, "cases/detail.html", context, status=status)


@roles_required(*policy.CASE_WORKER_ROLES)
def detail(request, pk):
    case = _case(pk)
    policy.require_case(request, case)
    return _detail_page(request, case)


def _post_change(request, pk, form_key, make_form, apply):
    """A change form of the case overview, through the one case-form helper."""
    case = _case(pk)
    policy.require_case(request, case, action=Action.UPDATE)
    return post_case_form(
        request, make_form(case), lambda d: apply(case, d), success=_("Saved."),
        then=reverse("cases:detail", args=[case.pk]),
        page=lambda form: _detail_page(request, case, status=400, **{form_key: form}),
    )


@roles_required(*policy.CASE_WORKER_ROLES)
@require_POST
def transition(request, pk):
    return _post_change(
        request, pk, "transition_form", lambda case: TransitionForm(request.POST, case=case),
        lambda case, d: services.case_transition(case=case, to_phase=d["to_phase"], note=d["note"], by=request.user),
    )


@roles_required(*policy.CASE_WORKER_ROLES)
@require_POST
def set_regisseur(request, pk):
    return _post_change(
        request, pk, "regisseur_form", lambda case: RegisseurForm(request.POST, case=case),
        lambda case, d: services.case_set_regisseur(case=case, regisseur=d["regisseur"], regie_kind=d["regie_kind"], note=d["note"], by=request.user),
    )


@roles_required(*policy.CASE_WORKER_ROLES)
@require_POST
def involve(request, pk):
    """Adding a colleague: the policy decides who may post (involved, or the team's lead adding
    someone else); the lead who may not read the case goes back to the team list."""
    case = _case(pk)
    form = InvolveForm(request.POST, case=case)
    policy.require_involve(request, case, form.cleaned_data["user"] if form.is_valid() else None)
    if policy.case_decision(request.user, case):
        then, page = reverse("cases:detail", args=[case.pk]), lambda f: _detail_page(request, case, status=400, involve_form=f)
    else:
        then, page = reverse("cases:team"), lambda f: redirect("cases:team")
    return post_case_form(
        request, form,
        lambda d: services.case_involve(case=case, user=d["user"], role_in_case=d["role_in_case"], by=request.user),
        success=_("Saved."), then=then, page=page,
    )


@roles_required(*policy.CASE_WORKER_ROLES)
@require_POST
def set_safety(request, pk):
    return _post_change(
        request, pk, "safety_form", lambda case: SafetyStatusForm(request.POST),
        lambda case, d: services.case_set_safety_status(case=case, status=d["status"], reason=d["reason"], by=request.user),
    )


@roles_required(RoleCode.TEAM_LEAD)
def open_with_reason(request, pk):
    case = _case(pk)
    form = AccessReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            policy.access_grant_with_reason(user=request.user, case=case, reason=form.cleaned_data["reason"], request=request)
        except ValidationError as exc:
            form.add_error("reason", exc.message_dict.get("reason", exc.messages))
        else:
            return redirect("cases:detail", pk=case.pk)
    elif not policy.can_request_access(request.user, case):
        policy.require_case(request, case)  # logs and refuses
    return render(request, "cases/open_with_reason.html", {"case": case, "form": form})


