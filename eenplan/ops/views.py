from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eenplan.access.decorators import roles_required
from eenplan.accounts.models import RoleCode

from . import services
from .forms import AuthenticatorResetForm
from .jobs import job_statuses


@roles_required(RoleCode.FUNCTIONAL_ADMIN)
def status(request):
    """The functional administrator's view of the scheduled jobs: last run, last success, failures."""
    return render(request, "ops/status.html", {"statuses": job_statuses()})


@roles_required(RoleCode.FUNCTIONAL_ADMIN)
def accounts(request):
    """Locked accounts (django-axes) and resetting a colleague's authenticator app."""
    form = AuthenticatorResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.cleaned_data["user"]
        services.authenticator_reset(user=user, by=request.user, request=request)
        messages.success(request, _("The authenticator app of %(name)s is reset. At the next login they link a new one.") % {"name": user.get_full_name() or user.username})
        return redirect("ops:accounts")
    return render(request, "ops/accounts.html", {"lockouts": services.current_lockouts(), "form": form})


@roles_required(RoleCode.FUNCTIONAL_ADMIN)
@require_POST
def unlock(request, pk: int):
    lockout = get_object_or_404(services.current_lockouts(), pk=pk)
    services.account_unlock(lockout=lockout, by=request.user, request=request)
    messages.success(request, _("%(username)s can log in again.") % {"username": lockout.username})
    return redirect("ops:accounts")
