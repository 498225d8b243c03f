"""Due items on the caseload and the team lead's evaluation list, as template tags so the cases
app's pages need only one line each. Each tag runs a fixed number of queries (the pages' query counts stay flat)."""

from django import template
from django.utils import timezone

from eenplan.access import policy

from .. import selectors

register = template.Library()
LIMIT = 50  # lines of "Voor u te doen"
TEAM_LIMIT = 25


@register.inclusion_tag("followup/_due_items.html", takes_context=True)
def due_items(context):
    """"Voor u te doen": everything that is the user's today, from every app (`selectors.todo_for`)."""
    request = context["request"]
    today = timezone.localdate()
    items, more = selectors.todo_for(request.user, today=today, limit=LIMIT)
    return {"items": items, "more": more, "today": today, "request": request}


@register.inclusion_tag("followup/_team_evaluations.html", takes_context=True)
def team_evaluations(context):
    """For the team lead: the team's overdue and coming evaluations (household name, date, who)."""
    user, today = context["request"].user, timezone.localdate()
    items = list(selectors.team_due_evaluations(policy.lead_team_ids(user), today=today)[: TEAM_LIMIT + 1])
    return {"items": items[:TEAM_LIMIT], "more": len(items) > TEAM_LIMIT, "today": today,
            "overdue": sum(1 for i in items if i.due_on < today)}
