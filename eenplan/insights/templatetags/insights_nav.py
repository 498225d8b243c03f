"""The header link to the insight pages for case workers (team leads and policy get it from NAV_ITEMS)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from eenplan.access.policy import CASE_WORKER_ROLES
from eenplan.accounts.models import RoleCode

register = template.Library()


@register.simple_tag(takes_context=True)
def insights_nav_item(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.has_role(RoleCode.TEAM_LEAD, RoleCode.POLICY):
        return ""
    if not user.has_role(*CASE_WORKER_ROLES):
        return ""
    url = reverse("insights:home")
    if request.path.startswith(url):
        return format_html('<li><a href="{}" aria-current="page">{}</a></li>', url, _("Team insights"))
    return format_html('<li><a href="{}">{}</a></li>', url, _("Team insights"))
