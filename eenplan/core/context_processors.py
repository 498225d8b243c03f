from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from eenplan.access.policy import CASE_DISCUSSION_ROLES, CASE_WORKER_ROLES, SEARCH_ROLES
from eenplan.accounts.models import RoleCode

# (url name, label, roles that see it). Apps add their own entry here.
NAV_ITEMS = [
    ("cases:caseload", _("My caseload"), CASE_WORKER_ROLES),
    ("cases:team", _("Team"), (RoleCode.TEAM_LEAD,)),
    ("intake:board", _("Intake board"), CASE_WORKER_ROLES),
    ("safety:overview", _("Safety"), (RoleCode.SAFETY_SPECIALIST, RoleCode.TEAM_LEAD)),
    ("people:search", _("Search"), SEARCH_ROLES),
    ("socialmap:search", _("Sociale kaart"), CASE_WORKER_ROLES),
    ("socialmap:discussions", _("Case discussions"), CASE_DISCUSSION_ROLES),
    ("insights:home", _("Insights"), (RoleCode.TEAM_LEAD, RoleCode.POLICY)),
    ("access:log", _("Access log"), (RoleCode.FUNCTIONAL_ADMIN,)),
    ("ops:status", _("Operation"), (RoleCode.FUNCTIONAL_ADMIN,)),
    ("admin:index", _("Management"), (RoleCode.FUNCTIONAL_ADMIN,)),
    ("privacy:home", _("Privacy"), (RoleCode.PRIVACY_OFFICER,)),
]


def navigation(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated or not user.is_verified():
        return {"nav_items": []}
    items = []
    for name, label, roles in NAV_ITEMS:
        if not user.has_role(*roles):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue  # the app has not published that page (yet)
        items.append({"url": url, "label": label, "current": request.path.startswith(url) and url != "/"})
    unread = user.notifications.filter(read_at__isnull=True).count()
    return {"nav_items": items, "unread_notifications": unread}
