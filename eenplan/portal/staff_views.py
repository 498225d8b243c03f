"""Mijn plan on the staff side: the case's page "Mijn plan" — invite a household member without DigiD
(a link and a code by e-mail), pause and resume Mijn plan for the household. Access: access/policy.py
(portal_manage_decision: the regisseur and the involved professionals)."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eenplan.access import policy
from eenplan.access.decorators import roles_required
from eenplan.access.models import Action
from eenplan.assessment.selectors import current_members
from eenplan.cases.selectors import case_for_page
from eenplan.core.forms import post_case_form
from eenplan.people.models import MemberRole

from . import selectors, services
from .forms import ChildShareForm, ChildStopForm, InviteForm, PauseForm
from .models import AccessPause, Invitation


def _require(request, case, action):
    return policy.require_portal_manage(request, case, action=action)


def _here(case):
    return reverse("portal-staff:case", args=[case.pk])


def _children(case):
    return [m for m in current_members(case) if m.role == MemberRole.CHILD]


def _page(request, case, status=200, **forms):
    members = current_members(case)
    context = {
        "child_rows": selectors.child_sharing_rows(case),
        "child_form": forms.get("child_form") or ChildShareForm(members=_children(case)),
        "stop_form": forms.get("stop_form"),
        "case": case,
        "invite_form": forms.get("invite_form") or InviteForm(members=members),
        "pause_form": forms.get("pause_form") or PauseForm(),
        "pause": policy.portal_pause_of(case),
        "pauses": AccessPause.objects.filter(case=case).select_related("started_by", "ended_by")[:20],
        "invitations": Invitation.objects.filter(case=case).select_related("person", "created_by")[:20],
        "may_manage": bool(policy.portal_manage_decision(request.user, case)),
    }
    return render(request, "portal/staff_case.html", context, status=status)


@roles_required(*policy.CASE_WORKER_ROLES)
def case_page(request, pk):
    case = case_for_page(pk)
    _require(request, case, Action.READ)
    return _page(request, case)


@roles_required(*policy.CASE_WORKER_ROLES)
@require_POST
def invite(request, pk):
    case = case_for_page(pk)
    _require(request, case, Action.CREATE)
    form = InviteForm(request.POST, members=current_members(case))
    return post_case_form(
        request, form,
        lambda d: services.invitation_send(case=case, person=d["person"], email=d["email"], by=request.user, request=request),
        success=lambda inv: _("The invitation was sent to %(email)s. It works once, for %(days)s days.") % {"email": inv.email, "days": services.INVITATION_DAYS},
        then=_here(case),
        page=lambda f: _page(request, case, status=400, invite_form=f),
    )


@roles_required(*policy.CASE_WORKER_ROLES)
@require_POST
def pause(request, pk):
    case = case_for_page(pk)
    _require(request, case, Action.CREATE)
    return post_case_form(
        request, PauseForm(request.POST),
        lambda d: services.portal_pause(case=case, reason=d["reason"], by=request.user),
        success=_("Mijn plan is paused for this household."), then=_here(case),
        page=lambda f: _page(request, case, status=400, pause_form=f),
    )


@roles_required(*policy.CASE_WORKER_ROLES)
@require_POST
def resume(request, pk):
    case = case_for_page(pk)
    _require(request, case, Action.UPDATE)
    try:
        services.portal_resume(case=case, by=request.user)
    except ValidationError as error:
        from django.contrib import messages

        messages.error(request, " ".join(error.messages))
        return _page(request, case, status=400)
    from django.contrib import messages

    messages.success(request, _("Mijn plan works again for this household."))
    return redirect(_here(case))


@roles_required(*policy.CASE_WORKER_ROLES)
@require_POST
def child_share(request, pk):
    """Let the parents see a child's own Mijn ZRM, by the age rules (docs/access.md)."""
    case = case_for_page(pk)
    _require(request, case, Action.CREATE)
    return post_case_form(
        request, ChildShareForm(request.POST, members=_children(case)),
        lambda d: services.child_sharing_start(case=case, child=d["child"], by=request.user,
                                               child_agreed=d["child_agreed"], note=d["note"]),
        success=lambda s: _("The parents now see what %(name)s fills in at Mijn plan.") % {"name": s.child.full_name},
        then=_here(case), page=lambda f: _page(request, case, status=400, child_form=f),
    )


@roles_required(*policy.CASE_WORKER_ROLES)
@require_POST
def child_stop(request, pk):
    case = case_for_page(pk)
    _require(request, case, Action.UPDATE)
    return post_case_form(
        request, ChildStopForm(request.POST, members=_children(case)),
        lambda d: services.child_sharing_stop(case=case, child=d["child"], by=request.user),
        success=lambda s: _("The parents no longer see what %(name)s fills in.") % {"name": s.child.full_name},
        then=_here(case), page=lambda f: _page(request, case, status=400, stop_form=f),
    )
