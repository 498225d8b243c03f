"""Who may see a signal — the intake's part of the access policy.

A signal comes before any case, so involvement cannot decide: the signal's *team* does.
Front office, professionals, team leads and safety specialists who are members of the
signal's team may see it; a signal not yet placed with a team (an address outside every
wijk) is open to those roles in every team, so it cannot be lost. Municipal officers,
policy makers and the functional administrator never see signals. Every read of a signal
page is logged with `record=signal`, allowed or refused (see ADR 0011).
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from eenplan.access.audit import log_access
from eenplan.access.models import Action, Outcome
from eenplan.access.policy import Decision, member_team_ids
from eenplan.accounts.models import RoleCode

SIGNAL_ROLES = (RoleCode.PROFESSIONAL, RoleCode.TEAM_LEAD, RoleCode.SAFETY_SPECIALIST, RoleCode.FRONT_OFFICE)


def signal_decision(user, signal) -> Decision:
    if not getattr(user, "is_authenticated", False):
        return Decision(False, "anonymous")
    if not user.has_role(*SIGNAL_ROLES):
        return Decision(False, ",".join(sorted(user.role_codes())) or "geen rol")
    if signal.team_id is None or signal.team_id in member_team_ids(user):
        return Decision(True, "team")
    return Decision(False, ",".join(sorted(user.role_codes())))


def require_signal(request, signal, *, action=Action.READ, detail="") -> Decision:
    decision = signal_decision(request.user, signal)
    log_access(
        user=request.user,
        action=action,
        record=signal,
        outcome=Outcome.ALLOWED if decision else Outcome.REFUSED,
        acting_role=decision.basis,
        detail=detail,
        request=request,
    )
    if not decision:
        raise PermissionDenied(_("This signal belongs to another team."))
    return decision


def board_team_ids(user) -> set[int]:
    return member_team_ids(user)


def can_plan_rota(user, team) -> bool:
    return user.has_role(RoleCode.TEAM_LEAD) and user.memberships.filter(team=team, is_lead=True).exists()
