"""A count as the insight pages write it, hidden cells included ("<5", "verborgen")."""

from django import template

from eenplan.insights.formatting import shown

register = template.Library()


@register.filter
def count_shown(cell) -> str:
    return shown(cell, "count")
