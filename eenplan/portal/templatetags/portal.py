"""For staff pages: what residents said in Mijn plan (few lines in other apps' templates)."""

from django import template

register = template.Library()


@register.inclusion_tag("portal/_self_assessment_panel.html")
def resident_own_view(case):
    """On the assessment page: the resident's own Mijn ZRM / Wat Telt, beside the professional's scores."""
    from eenplan.portal.selectors import self_assessment_rows

    return {"rows": self_assessment_rows(case)}
