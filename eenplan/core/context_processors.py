from django.urls import NoReverseMatch
from django.utils.translation import gettext_lazy as _

from eenplan.access import policy
from eenplan.core.links import link

# (url name, label). Apps add their own entry here. Who sees an item is not repeated here: the
# policy reads the roles the page's view declares (`policy.may_use_page`).
NAV_ITEMS = [
    ("cases:caseload", _("My caseload")),
    ("cases:team", _("Team")),
    ("intake:board", _("Intake board")),
    ("safety:overview", _("Safety")),
    ("people:search", _("Search")),
    ("socialmap:search", _("Sociale kaart")),
    ("socialmap:discussions", _("Case discussions")),
    ("insights:home", _("Insights")),
    ("access:log", _("Access log")),
    ("ops:status", _("Operation")),
    ("admin:index", _("Management")),
    ("privacy:home", _("Privacy")),
]


def navigation(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated or not user.is_verified():
        return {"nav_items": []}
    items = []
    for name, label in NAV_ITEMS:
        if not policy.may_use_page(user, name):
            continue
        try:
            url = link(name)
        except NoReverseMatch:
            continue  # the app has not published that page (yet)
        items.append({"url": url, "label": label, "current": request.path.startswith(url) and url != "/"})
    unread = user.notifications.filter(read_at__isnull=True).count()
    return {"nav_items": items, "unread_notifications": unread}
