from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()

# Sections of a case, each served by its own app. A section appears once its app has the URL.
CASE_SECTIONS = [
    ("cases:detail", _("Overview")),
    ("intake:case_triage", _("Intake & triage")),
    ("assessment:case", _("Assessment")),
    ("plans:case", _("Plan")),
    ("socialmap:case", _("Partners & provisions")),
    ("safety:case", _("Safety")),
    ("followup:case", _("Evaluation & monitoring")),
]


@register.inclusion_tag("core/case_nav.html", takes_context=True)
def case_nav(context, case):
    request = context["request"]
    sections = []
    for name, label in CASE_SECTIONS:
        try:
            url = reverse(name, args=[case.pk])
        except NoReverseMatch:
            continue
        sections.append({"url": url, "label": label, "current": request.path == url})
    return {"sections": sections}


@register.inclusion_tag("core/field.html")
def field(bound_field, hint=""):
    return {"field": bound_field, "hint": hint or bound_field.help_text}


@register.filter
def days_since(value):
    from django.utils import timezone

    if not value:
        return ""
    return (timezone.now() - value).days


@register.simple_tag
def session_seconds() -> int:
    """The idle timeout, for the warning before it ends (core/session.js)."""
    from django.conf import settings

    return settings.SESSION_COOKIE_AGE
