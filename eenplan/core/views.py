from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from eenplan.access.decorators import public
from eenplan.access.policy import CASE_WORKER_ROLES
from eenplan.accounts.models import RoleCode


@public
def home(request):
    """Send each role to where its work starts."""
    user = request.user
    if not user.is_authenticated:
        return redirect("accounts:login")
    if not user.is_verified():
        return redirect("accounts:verify")
    if user.has_role(*CASE_WORKER_ROLES):
        return redirect("cases:caseload")
    if user.has_role(RoleCode.POLICY):
        return redirect("insights:home")
    if user.has_role(RoleCode.MUNICIPAL_OFFICER):
        return redirect("people:search")
    if user.has_role(RoleCode.FUNCTIONAL_ADMIN):
        return redirect("access:log")
    raise PermissionDenied(_("Your account has no role yet. Ask the functional administrator."))
