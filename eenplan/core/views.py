from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eenplan.access.decorators import public, roles_required
from eenplan.access.policy import CASE_WORKER_ROLES
from eenplan.accounts.models import RoleCode

from .models import Notification
from .services import notification_mark_read


@public
def home(request):
    """Send each role to where its work starts."""
    user = request.user
    from eenplan.portal.session import current_resident

    if not user.is_authenticated and current_resident(request) is not None:
        return redirect("portal:home")  # a resident logged in to Mijn plan
    if not user.is_authenticated:
        return redirect("accounts:login")
    if not user.is_verified():
        return redirect("accounts:verify")
    if user.has_role(RoleCode.FRONT_OFFICE) and not user.has_role(RoleCode.PROFESSIONAL, RoleCode.TEAM_LEAD, RoleCode.SAFETY_SPECIALIST):
        return redirect("intake:board")  # the front office's work starts at the intake board, not an empty caseload
    if user.has_role(*CASE_WORKER_ROLES):
        return redirect("cases:caseload")
    if user.has_role(RoleCode.POLICY):
        return redirect("insights:home")
    if user.has_role(RoleCode.MUNICIPAL_OFFICER):
        return redirect("people:search")
    if user.has_role(RoleCode.FUNCTIONAL_ADMIN):
        return redirect("access:log")
    if user.has_role(RoleCode.PRIVACY_OFFICER):
        return redirect("privacy:home")
    raise PermissionDenied(_("Your account has no role yet. Ask the functional administrator."))


@roles_required(*[c.value for c in RoleCode])
def notifications(request):
    items = list(request.user.notifications.select_related("case", "case__household")[:100])
    return render(request, "core/notifications.html", {"items": items})


@roles_required(*[c.value for c in RoleCode])
@require_POST
def notification_read(request, pk):
    note = get_object_or_404(Notification, pk=pk, user=request.user)
    notification_mark_read(notification=note)
    return redirect(note.url or "core:notifications")
