from django import template
from django.utils.translation import gettext as _

from eenplan.accounts.models import RoleCode

register = template.Library()


@register.filter
def acting_as(value: str) -> str:
    """A log line's ground in words: role codes as their labels, `team_lead:reden` as 'Teamleider (met reden)'."""
    words = []
    for part in (value or "").split(","):
        code, _sep, ground = part.partition(":")
        label = str(RoleCode(code).label) if code in RoleCode.values else code
        words.append(_("%(role)s (with a reason)") % {"role": label} if ground == "reden" else label)
    return ", ".join(w for w in words if w)


@register.filter
def record_kind(value: str) -> str:
    """`cases.Case` as 'casus'; a page's own word (e.g. 'caseload') stays as it is."""
    from django.apps import apps

    if value and "." in value:
        try:
            return str(apps.get_model(value)._meta.verbose_name)
        except (LookupError, ValueError):
            return value
    return value or ""
