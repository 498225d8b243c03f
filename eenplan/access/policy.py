"""Who may see what — decided here and nowhere else.

Every view, API endpoint, export and print calls these functions. A refusal is written
to the access log just like an allowed read.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Case, Involvement

from .audit import log_access
from .models import AccessGrant, Action, Outcome

# Roles whose holders may work on case content when involved in the case.
CASE_WORKER_ROLES = (
    RoleCode.PROFESSIONAL,
    RoleCode.TEAM_LEAD,
    RoleCode.SAFETY_SPECIALIST,
    RoleCode.FRONT_OFFICE,
)
# Roles that may search people to find out whether someone is known.
SEARCH_ROLES = CASE_WORKER_ROLES + (RoleCode.MUNICIPAL_OFFICER,)

GRANT_HOURS = 8


@dataclass(frozen=True)
class Decision:
    allowed: bool
    basis: str  # the ground, written to the log as the acting role

    def __bool__(self):
        return self.allowed


def _active_involvement(user):
    return Involvement.objects.filter(user=user, until__isnull=True)


def lead_team_ids(user) -> set[int]:
    if not user.has_role(RoleCode.TEAM_LEAD):
        return set()
    return set(user.memberships.filter(is_lead=True).values_list("team_id", flat=True))


def member_team_ids(user) -> set[int]:
    return set(user.memberships.values_list("team_id", flat=True))


def is_involved(user, case) -> bool:
    if not user.has_role(*CASE_WORKER_ROLES):
        return False
    if case.regisseur_id == user.pk:
        return True
    return _active_involvement(user).filter(case=case).exists()


def has_active_grant(user, case) -> bool:
    return AccessGrant.objects.filter(user=user, case=case, expires_at__gt=timezone.now()).exists()


def case_decision(user, case) -> Decision:
    """May `user` open the content of `case`?"""
    if not getattr(user, "is_authenticated", False):
        return Decision(False, "anonymous")
    if is_involved(user, case):
        return Decision(True, "betrokken")
    if case.team_id in lead_team_ids(user) and has_active_grant(user, case):
        return Decision(True, RoleCode.TEAM_LEAD + ":reden")
    return Decision(False, ",".join(sorted(user.role_codes())) or "geen rol")


def require_case(request, case, *, action=Action.READ, record=None, detail="") -> Decision:
    """Allow and log, or log the refusal and raise PermissionDenied."""
    decision = case_decision(request.user, case)
    log_access(
        user=request.user,
        action=action,
        record=record or case,
        case_id=case.pk,
        household_id=case.household_id,
        outcome=Outcome.ALLOWED if decision else Outcome.REFUSED,
        acting_role=decision.basis,
        detail=detail,
        request=request,
    )
    if not decision:
        raise PermissionDenied(_("You are not involved in this case."))
    return decision


def cases_visible_to(user):
    """Cases whose content the user may open (involved, or granted with a reason)."""
    if not user.has_role(*CASE_WORKER_ROLES):
        return Case.objects.none()
    involved = Involvement.objects.filter(case=OuterRef("pk"), user=user, until__isnull=True)
    granted = AccessGrant.objects.filter(case=OuterRef("pk"), user=user, expires_at__gt=timezone.now())
    return Case.objects.filter(Q(regisseur=user) | Q(Exists(involved)) | Q(Exists(granted)))


def team_cases_listable_by(user):
    """Team lead's list view: the team's cases, listed without their content."""
    return Case.objects.filter(team_id__in=lead_team_ids(user))


def household_decision(user, household) -> Decision:
    """Household records are open to whoever may open any of its cases."""
    if not getattr(user, "is_authenticated", False):
        return Decision(False, "anonymous")
    if cases_visible_to(user).filter(household=household).exists():
        return Decision(True, "betrokken")
    return Decision(False, ",".join(sorted(user.role_codes())) or "geen rol")


def require_household(request, household, *, action=Action.READ, record=None, detail="") -> Decision:
    decision = household_decision(request.user, household)
    log_access(
        user=request.user,
        action=action,
        record=record or household,
        household_id=household.pk,
        outcome=Outcome.ALLOWED if decision else Outcome.REFUSED,
        acting_role=decision.basis,
        detail=detail,
        request=request,
    )
    if not decision:
        raise PermissionDenied(_("You are not involved with this household."))
    return decision


def can_search_people(user) -> bool:
    return user.has_role(*SEARCH_ROLES)


def sees_only_known_status(user) -> bool:
    """Municipal officers learn only that someone is known and which help runs."""
    return user.has_role(RoleCode.MUNICIPAL_OFFICER) and not user.has_role(*CASE_WORKER_ROLES)


def can_request_access(user, case) -> bool:
    return case.team_id in lead_team_ids(user)


def access_grant_with_reason(*, user, case, reason: str, request=None) -> AccessGrant:
    """A team lead opens a case of their team they are not involved in, stating why."""
    reason = (reason or "").strip()
    if not can_request_access(user, case):
        log_access(user=user, action=Action.BREAK_GLASS, record=case, outcome=Outcome.REFUSED, reason=reason, request=request)
        raise PermissionDenied(_("Only the team lead of this case's team can open it with a reason."))
    if len(reason) < 10:
        raise ValidationError({"reason": _("Describe why you need to open this case (at least 10 characters).")})
    now = timezone.now()
    grant = AccessGrant.objects.create(
        user=user, case=case, reason=reason, granted_at=now, expires_at=now + timedelta(hours=GRANT_HOURS)
    )
    log_access(user=user, action=Action.BREAK_GLASS, record=case, acting_role=RoleCode.TEAM_LEAD, reason=reason, request=request)
    return grant


def safety_record_decision(user, case) -> Decision:
    """Safety records (meldcode, safety plan): involved professionals and the team's safety specialist."""
    if is_involved(user, case):
        return Decision(True, "betrokken")
    if user.has_role(RoleCode.SAFETY_SPECIALIST) and case.team_id in member_team_ids(user):
        return Decision(True, RoleCode.SAFETY_SPECIALIST)
    return Decision(False, ",".join(sorted(user.role_codes())) or "geen rol")


def require_safety_record(request, case, *, action=Action.READ, record=None, reason="", detail="") -> Decision:
    decision = safety_record_decision(request.user, case)
    log_access(
        user=request.user,
        action=action,
        record=record or case,
        case_id=case.pk,
        household_id=case.household_id,
        outcome=Outcome.ALLOWED if decision else Outcome.REFUSED,
        acting_role=decision.basis,
        reason=reason,
        detail=detail or "safety record",
        request=request,
    )
    if not decision:
        raise PermissionDenied(_("Safety records are only open to involved professionals and the safety specialist."))
    return decision


def safety_records_openable(user, cases) -> set[int]:
    """The same rule as `safety_record_decision`, for a list (the safety overview's links)."""
    ids = {c.pk for c in cases}
    if not ids or not user.has_role(*CASE_WORKER_ROLES):
        return set()
    openable = {c.pk for c in cases if c.regisseur_id == user.pk}
    openable |= set(_active_involvement(user).filter(case_id__in=ids).values_list("case_id", flat=True))
    if user.has_role(RoleCode.SAFETY_SPECIALIST):
        teams = member_team_ids(user)
        openable |= {c.pk for c in cases if c.team_id in teams}
    return openable


# --- signals (intake) ---------------------------------------------------------------------
# Who may see a signal — the intake's part of the access policy.
#
# A signal comes before any case, so involvement cannot decide: the signal's *team* does.
# Front office, professionals, team leads and safety specialists who are members of the
# signal's team may see it; a signal not yet placed with a team (an address outside every
# wijk) is open to those roles in every team, so it cannot be lost. Municipal officers,
# policy makers and the functional administrator never see signals. Every read of a signal
# page is logged with `record=signal`, allowed or refused (see ADR 0011).

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
