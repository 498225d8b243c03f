"""The household's own copy of the plan as a PDF (WeasyPrint), in plain Dutch (B1)."""

from django.template.loader import render_to_string
from django.utils import timezone

from eenplan.assessment.models import SolutionFrame

from . import selectors

# How a solution's frame reads for the household (B1), instead of the professional's term.
FRAME_CLASS = {
    SolutionFrame.OWN_STRENGTH: "own",
    SolutionFrame.NETWORK: "network",
    SolutionFrame.PRECEDING: "nearby",
    SolutionFrame.TAILORED: "tailored",
}


def plan_context(*, case, version) -> dict:
    goals = list(selectors.goals_of(version))
    actions = sorted((a for g in goals for a in g.actions.all()), key=lambda a: (a.due_on, a.pk))
    for g in goals:
        for s in g.solutions.all():
            s.plain = FRAME_CLASS.get(s.frame, "own")
    regisseur = case.regisseur
    return {
        "case": case, "version": version, "goals": goals, "all_actions": actions,
        "regisseur": regisseur, "team": case.team,
        "agreement": selectors.latest_agreement(version),
        "printed_on": timezone.localdate(),
    }


def plan_pdf(*, case, version, request=None) -> bytes:
    from weasyprint import HTML

    html = render_to_string("plans/print.html", plan_context(case=case, version=version), request=request)
    base_url = request.build_absolute_uri("/") if request is not None else None
    return HTML(string=html, base_url=base_url).write_pdf()
