from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from eenplan.core import choices as labels
from eenplan.core.links import link

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


@register.simple_tag(name="link")
def link_tag(name, *ids):
    """`{% link "cases:detail" case.pk %}`: the `{% url %}` of a page that takes ids, for lists (core.links)."""
    return link(name, *ids)


# Numeric dates as the lists show them, without Django's `date` filter (33 µs a call against 4 µs: it looks the
# format up as a locale format name and formats character by character). `expects_localtime`: an aware datetime
# arrives in the current time zone, as it does for `date`. Named formats with month names stay with `date`.
def _strftime(value, pattern: str) -> str:
    return value.strftime(pattern) if hasattr(value, "strftime") else ""


@register.filter(expects_localtime=True, is_safe=False)
def dmy(value):
    """`{{ day|dmy }}`: 04-03-2026, as `date:"d-m-Y"`."""
    return _strftime(value, "%d-%m-%Y")


@register.filter(expects_localtime=True, is_safe=False)
def dmy_hm(value):
    """`{{ moment|dmy_hm }}`: 04-03-2026 09:05, as `date:"d-m-Y H:i"`."""
    return _strftime(value, "%d-%m-%Y %H:%M")


@register.filter(expects_localtime=True, is_safe=False)
def iso_day(value):
    """`{{ day|iso_day }}`: 2026-03-04, for `<time datetime>`, as `date:"Y-m-d"`."""
    return _strftime(value, "%Y-%m-%d")


@register.filter
def choice_label(obj, name):
    """`{{ case|choice_label:"phase" }}`: `case.get_phase_display`, from a table built once (core.choices)."""
    if obj is None or obj == "":
        return ""
    return labels.choice_label(obj, name)


@register.simple_tag
def safety_badge(case):
    """`{% safety_badge case %}`: the case's safety status as a badge (a tag, not an include: it is on every row of
    the caseload and the team list, and an include costs some 150 function calls)."""
    return format_html('<span class="badge badge--{}">{}</span>', case.safety_status, labels.choice_label(case, "safety_status"))


URGENCY_BADGES = {"acuut": "onveilig", "hoog": "zorgen"}  # badge colour by urgency; the rest "veilig"


@register.simple_tag
def urgency_badge(obj):
    """`{% urgency_badge signal %}`: a signal's or triage's urgency as a badge."""
    return format_html('<span class="badge badge--{}">{}</span>', URGENCY_BADGES.get(obj.urgency, "veilig"), labels.choice_label(obj, "urgency"))


@register.inclusion_tag("core/case_nav.html", takes_context=True)
def case_nav(context, case):
    request = context["request"]
    sections = []
    for name, label in CASE_SECTIONS:
        try:
            url = link(name, case.pk)
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


@register.simple_tag(takes_context=True)
def open_with_reason_url(context) -> str:
    """On a refusal of a case page: the link to open that case with a reason, when the policy lets this user ask
    (a team lead of the case's team); "" otherwise."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    if match is None or user is None or not user.is_authenticated or not match.route.startswith("casussen/<int:pk>/"):
        return ""

    from eenplan.access import policy
    from eenplan.cases.models import Case

    case = Case.objects.filter(pk=match.kwargs.get("pk")).first()
    if case is None or not policy.can_request_access(user, case):
        return ""
    return reverse("cases:open_with_reason", args=[case.pk])


@register.simple_tag(takes_context=True)
def session_seconds_left(context) -> int:
    """The time this session really has left (it is saved at most once a minute: eenplan.core.session)."""
    from eenplan.core.session import seconds_left

    request = context.get("request")
    return seconds_left(request.session) if request is not None else 0


@register.simple_tag
def session_refresh_seconds() -> int:
    from eenplan.core.session import refresh_seconds

    return refresh_seconds()


@register.simple_tag
def form_token():
    """The one-time token of a form that saves something: a resend creates nothing twice (core/idempotency.py)."""
    from eenplan.core.idempotency import FIELD, new_token

    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())


@register.filter
def may_use(user, url_name: str) -> bool:
    """`{% if user|may_use:"people:import" %}`: a link shown only to who may open the page (`policy.may_use_page`)."""
    from eenplan.access import policy

    return policy.may_use_page(user, url_name)
