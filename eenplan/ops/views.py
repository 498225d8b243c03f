from django.shortcuts import render

from eenplan.access.decorators import roles_required
from eenplan.accounts.models import RoleCode

from .jobs import job_statuses


@roles_required(RoleCode.FUNCTIONAL_ADMIN)
def status(request):
    """The functional administrator's view of the scheduled jobs: last run, last success, failures."""
    return render(request, "ops/status.html", {"statuses": job_statuses()})
