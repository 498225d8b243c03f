from django import template

from eenplan.access import policy

from .. import selectors

register = template.Library()
FLAG_LIMIT = 20


@register.inclusion_tag("plans/_regie_flags.html", takes_context=True)
def regie_flags(context):
    """For the team lead's page: open cases past the plan phase without a regisseur (names only, no content)."""
    user = context["request"].user
    cases = selectors.cases_without_regisseur(policy.lead_team_ids(user))
    flagged = list(cases[: FLAG_LIMIT + 1])
    return {"flagged": flagged[:FLAG_LIMIT], "more": len(flagged) > FLAG_LIMIT}
