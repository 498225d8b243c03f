from django.shortcuts import render

from eenplan.accounts.models import RoleCode
from eenplan.core.paging import page_query, paged

from .audit import log_access
from .decorators import roles_required
from .forms import LogFilterForm
from .models import AccessLogEntry, Action

LOG_PAGE_SIZE = 100


@roles_required(RoleCode.FUNCTIONAL_ADMIN)
def log(request):
    """Who looked at what: filterable by user, person, household and period. Read-only."""
    form = LogFilterForm(request.GET or None)
    entries = AccessLogEntry.objects.all()
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        if d["username"]:
            entries = entries.filter(username__icontains=d["username"])
        for key in ("person_id", "household_id"):
            if d[key]:
                entries = entries.filter(**{key: d[key]})
        if d["action"]:
            entries = entries.filter(action=d["action"])
        if d["outcome"]:
            entries = entries.filter(outcome=d["outcome"])
        if d["date_from"]:
            entries = entries.filter(at__date__gte=d["date_from"])
        if d["date_until"]:
            entries = entries.filter(at__date__lte=d["date_until"])
    # Reading the log is itself logged: the log shows who looked at whom. Logged before paginating:
    # the page counts first and slices later, so a line written in between would push one off the page.
    log_access(user=request.user, action=Action.SEARCH, record_type="access log", acting_role=RoleCode.FUNCTIONAL_ADMIN, detail=request.GET.urlencode()[:300], request=request)
    page = paged(request, entries, LOG_PAGE_SIZE)
    return render(request, "access/log.html", {"form": form, "page": page, "query": page_query(request)})
