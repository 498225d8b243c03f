from django.shortcuts import render

from eenplan.accounts.models import RoleCode
from eenplan.core.paging import limit_paged, page_query

from .audit import log_access
from .decorators import roles_required
from .forms import LogFilterForm
from .models import Action
from .selectors import log_lines

LOG_PAGE_SIZE = 100


@roles_required(RoleCode.FUNCTIONAL_ADMIN)
def log(request):
    """Who looked at what: filterable by user, person, household and period. Read-only."""
    form = LogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    entries = log_lines(**filters)
    # Reading the log is itself logged: the log shows who looked at whom. Logged before the page is read, so this
    # look is its first line.
    log_access(user=request.user, action=Action.SEARCH, record_type="access log", acting_role=RoleCode.FUNCTIONAL_ADMIN, detail=request.GET.urlencode()[:300], request=request)
    # No "page 1 of N": counting a log of millions of lines took 0.7 s at G4 (core.paging.limit_paged).
    page = limit_paged(request, entries, LOG_PAGE_SIZE)
    return render(request, "access/log.html", {"form": form, "page": page, "query": page_query(request)})
