"""What Mijn plan shows: the plan's content a resident may see, nothing else.

Never here: professional-only notes (case notes, the professional's note on an outcome), safety and
meldcode records, case discussions. Only the current plan version's problem statements (the household's
own words), goals, solutions and actions, the next evaluation date and how to reach the regisseur.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eenplan.access.models import Action
from eenplan.access.policy import resident_visible_log_entries
from eenplan.followup.selectors import open_moments
from eenplan.people.models import MemberRole
from eenplan.plans import selectors as plan_selectors
from eenplan.plans.models import PlanAgreement

from .services import RESIDENT_OWNER_KINDS


def plan_for_resident(case) -> dict:
    version = plan_selectors.current_version(case)
    if version is None:
        return {"version": None, "goals": [], "problems": [], "next_evaluation": open_moments(case).first(),
                "regisseur": contact(case)}
    goals = list(plan_selectors.goals_of(version))
    outcomes = plan_selectors.action_outcomes(case, version)
    plan_selectors.with_outcomes(goals, outcomes)
    my_actions = []
    for goal in goals:
        for action in goal.actions.all():
            action.answerable = action.owner_kind in RESIDENT_OWNER_KINDS
            action.overdue = action.outcome is None and action.due_on < timezone.localdate()
            if action.answerable:
                my_actions.append(action)
    agreement = PlanAgreement.objects.filter(version=version).order_by("-recorded_at", "-pk").first()
    return {
        "version": version,
        "problems": list(version.problems.all()),
        "goals": goals,
        "my_actions": my_actions,
        "next_evaluation": open_moments(case).first(),
        "regisseur": contact(case),
        "agreement": agreement,
    }


def contact(case) -> dict:
    """The regisseur's name and how to reach them; the team's phone and e-mail when they have none."""
    regisseur = case.regisseur
    team = case.team
    return {
        "name": (regisseur.get_full_name() or regisseur.username) if regisseur else "",
        "phone": (regisseur.phone if regisseur and regisseur.phone else "") or team.phone,
        "email": (regisseur.email if regisseur and regisseur.email else "") or team.email,
        "team": team.name,
    }


def outcome_of(case, action):
    return plan_selectors.action_outcomes(case, action.version).get(action.key)


# "Who looked at my file" in plain words: what was done, by which role of which team, when and why.
ACTION_WORDS = {
    Action.READ: gettext_lazy("looked at"), Action.CREATE: gettext_lazy("wrote something new in"),
    Action.UPDATE: gettext_lazy("changed something in"), Action.DELETE: gettext_lazy("removed something from"),
    Action.SEARCH: gettext_lazy("searched for you in"), Action.PRINT: gettext_lazy("printed"),
    Action.EXPORT: gettext_lazy("made a copy of"), Action.BREAK_GLASS: gettext_lazy("opened, with a reason,"),
    Action.LOGIN: gettext_lazy("logged in to"),
}


def who_looked(person, limit=200) -> list[dict]:
    from django.conf import settings

    names = settings.EENPLAN_PORTAL_STAFF_NAMES  # the municipality's choice; role and team by default
    entries = list(resident_visible_log_entries(person).select_related("user").prefetch_related("user__memberships__team")
                   .order_by("-at", "-pk")[:limit])
    rows = []
    for entry in entries:
        teams = sorted({m.team.name for m in entry.user.memberships.all()}) if entry.user else []
        rows.append({
            "pk": entry.pk,
            "at": entry.at,
            "name": entry.user.get_full_name() if names and entry.user else "",
            "role": entry.acting_role_display or _("staff member"),
            "team": ", ".join(teams) or _("no team"),
            "did": ACTION_WORDS.get(entry.action, entry.get_action_display()),
            "what": entry.record_type_display or _("your file"),
            "why": entry.reason or (_("works on your plan") if entry.acting_role == "betrokken" else ""),
        })
    return rows


def latest_self_assessment(case, person):
    from .models import SelfAssessment

    return (SelfAssessment.objects.filter(case=case, person=person).prefetch_related("scores__domain")
            .order_by("-recorded_at", "-pk").first())


def self_assessment_rows(case) -> list[dict]:
    """For the professional's assessment page: per household member with an own view, their latest
    SelfAssessment beside the professional's latest ZRM score per domain (two views, neither replaces the other)."""
    from eenplan.assessment.models import ZrmScore

    from .models import SelfAssessment

    latest = {}
    for sa in (SelfAssessment.objects.filter(case=case).select_related("person", "instrument")
               .prefetch_related("scores__domain").order_by("recorded_at", "pk")):
        latest[sa.person_id] = sa
    rows = []
    for sa in latest.values():
        professional = {}
        for score in (ZrmScore.objects.filter(measurement__case=case, measurement__person=sa.person, not_applicable=False)
                      .order_by("measurement__measured_on", "measurement__created_at", "measurement__pk")):
            professional[score.domain_id] = score.score
        rows.append({"assessment": sa, "scores": [
            {"domain": s.domain, "score": s.score, "important": s.important, "professional": professional.get(s.domain_id)}
            for s in sorted(sa.scores.all(), key=lambda s: s.domain.order)]})
    return rows


def documents_of(case) -> list:
    """The plan versions the household has as a document: every version agreed to (in any way) or given to
    the household (its PDF printed), newest first, with the household's latest answer."""
    from django.db.models import Q

    from eenplan.plans.models import PlanVersion

    versions = list(PlanVersion.objects.filter(plan__case=case).filter(Q(agreements__agrees=True) | Q(shared_at__isnull=False))
                    .distinct().prefetch_related("agreements").order_by("-number"))
    for v in versions:
        answers = sorted(v.agreements.all(), key=lambda a: (a.recorded_at, a.pk))
        v.last_answer = answers[-1] if answers else None
    return versions


def document_of(case, number: int):
    for version in documents_of(case):
        if version.number == number:
            return version
    return None


def child_sharing_rows(case) -> list[dict]:
    """For the staff page: each child of the household, their age, who decides (the age rule), and
    whether the parents see their own Mijn ZRM now."""
    from eenplan.access import policy
    from eenplan.assessment.selectors import current_members

    from .models import ChildSharing

    open_sharings = {s.child_id: s for s in ChildSharing.objects.filter(case=case, ended_at__isnull=True)}
    rows = []
    for member in current_members(case):
        if member.role != MemberRole.CHILD:
            continue
        sharing = open_sharings.get(member.person_id)
        rows.append({"person": member.person, "age": policy.age_of(member.person), "rule": policy.child_rule(member.person),
                     "sharing": sharing, "counts": bool(sharing) and policy.child_sharing_counts(sharing)})
    return rows


def own_sharing_state(case, person) -> dict | None:
    """For a child in Mijn plan: who decides and whether their parents see what they fill in (None: not a child)."""
    from eenplan.access import policy

    from .models import ChildSharing

    if policy.member_role(case, person) != MemberRole.CHILD:
        return None
    sharing = ChildSharing.objects.filter(case=case, child=person, ended_at__isnull=True).first()
    return {"rule": policy.child_rule(person), "shared": bool(sharing) and policy.child_sharing_counts(sharing)}
