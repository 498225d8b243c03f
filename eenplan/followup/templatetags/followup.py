"""Due items on the caseload and the team lead's evaluation list, as template tags so the cases
app's pages need only one line each. Each tag runs one query (the pages' query counts stay flat)."""

from django import template
from django.utils import timezone

from eenplan.access import policy

from .. import selectors

register = template.Library()
LIMIT = 25


@register.inclusion_tag("followup/_due_items.html", takes_context=True)
def due_items(context):
    """The professional's items overdue or due today, and evaluations in the next two weeks."""
    request = context["request"]
    user, today = request.user, timezone.localdate()
    items = list(selectors.due_items_for(user, today=today)[: LIMIT + 1])
    for item in items:
        item.action_url = _action_outcome_url(item)
    return {"items": items[:LIMIT], "more": len(items) > LIMIT, "today": today, "request": request}


def _action_outcome_url(item) -> str:
    """A plan action on the to-do list can be marked done right there."""
    from django.urls import reverse

    if not item.source.startswith("plans.PlanAction:"):
        return ""
    return reverse("plans:action_outcome", args=[item.case_id, item.source.split(":", 1)[1]])


@register.inclusion_tag("followup/_team_evaluations.html", takes_context=True)
def team_evaluations(context):
    """For the team lead: the team's overdue and coming evaluations (household name, date, who)."""
    user, today = context["request"].user, timezone.localdate()
    items = list(selectors.team_due_evaluations(policy.lead_team_ids(user), today=today)[: LIMIT + 1])
    return {"items": items[:LIMIT], "more": len(items) > LIMIT, "today": today,
            "overdue": sum(1 for i in items if i.due_on < today)}
