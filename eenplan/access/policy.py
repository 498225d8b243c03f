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
# Roles that may read and record case discussions (casusoverleg) of their teams.
CASE_DISCUSSION_ROLES = CASE_WORKER_ROLES
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


def can_consent_to_closing(user, case) -> bool:
    """Only a safety specialist of the case's team may record that a case with a safety risk may close."""
    return user.has_role(RoleCode.SAFETY_SPECIALIST) and case.team_id in member_team_ids(user)


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


# --- privacy officer (FG) and the informatieprotocol -------------------------------------------
# The privacy officer (privacyfunctionaris / FG) reviews the access log and answers the resident's
# rights under the AVG (access, erasure). She does not work on cases and reads no case content in
# the app; the art. 15 export is made for the resident, and every export is logged.
#
# `ROLE_PROTOCOL` and `PROTOCOL_RULES` are what the public informatieprotocol page (`/privacy/
# informatieprotocol/`) renders. Each rule is decided by calling the same functions and role tuples
# the rest of this module uses, on a stand-in user holding one role, so the page cannot drift from
# what the code enforces (`eenplan/privacy/tests/test_protocol.py` checks each rule against real users).

from django.utils.translation import gettext_lazy  # noqa: E402  (kept in this section to keep merges small)

PRIVACY_ROLES = (RoleCode.PRIVACY_OFFICER,)


def can_review_access(user) -> bool:
    """The access review page, the unusual-access report and their CSV exports."""
    return getattr(user, "is_authenticated", False) and user.has_role(*PRIVACY_ROLES)


def can_answer_rights(user) -> bool:
    """Export everything about one person (AVG art. 15) and erase on request (art. 17)."""
    return getattr(user, "is_authenticated", False) and user.has_role(*PRIVACY_ROLES)


def export_safety_records_decision(case) -> Decision:
    """Which safety records go into a resident's art. 15 export.

    Finished meldcode trajectories, the safety plan and stut en steun go in. While a meldcode
    trajectory is still running its content stays out (AVG art. 23(1)(i), protection of others — a
    child's safety can depend on it); the export says that a trajectory runs and whom to ask.
    """
    if case.meldcode_trajectories.filter(status="lopend").exists():
        return Decision(False, "meldcode lopend")
    return Decision(True, RoleCode.PRIVACY_OFFICER)


class RoleProbe:
    """A stand-in user holding exactly one role, to ask this module's role rules about that role."""

    is_authenticated = True
    pk = None

    def __init__(self, code: str):
        self.code = code

    def role_codes(self) -> set[str]:
        return {self.code}

    def has_role(self, *codes: str) -> bool:
        return self.code in codes


@dataclass(frozen=True)
class ProtocolRule:
    key: str
    text: str  # plain Dutch (B1) after translation
    applies: object  # RoleProbe -> bool, using this module's functions and role tuples


PROTOCOL_RULES = (
    ProtocolRule("case_content", gettext_lazy("Open the file of a household when they help that household (they are involved in the case)."),
                 lambda p: p.has_role(*CASE_WORKER_ROLES)),
    ProtocolRule("signals", gettext_lazy("Read reports (signals) that came in for their own team."),
                 lambda p: p.has_role(*SIGNAL_ROLES)),
    ProtocolRule("search", gettext_lazy("Search whether someone is known to the wijkteam."),
                 lambda p: can_search_people(p)),
    ProtocolRule("known_only", gettext_lazy("See only that someone is known and which help runs: no address, no notes."),
                 lambda p: sees_only_known_status(p)),
    ProtocolRule("team_list", gettext_lazy("See the list of their team's cases. Open a case they do not work on only after writing down why: then for 8 hours, read-only, and the reason is in the log."),
                 lambda p: p.has_role(RoleCode.TEAM_LEAD)),
    ProtocolRule("safety_records", gettext_lazy("Read the safety records (meldcode, safety plan) of their team's cases."),
                 lambda p: p.has_role(RoleCode.SAFETY_SPECIALIST)),
    ProtocolRule("review_log", gettext_lazy("Check in the access log who looked at a file, and answer a resident's request to see or remove their data."),
                 lambda p: can_review_access(p) and can_answer_rights(p)),
)

# Who each role is, in plain words. The page lists the roles configured in this installation.
ROLE_PROTOCOL = {
    RoleCode.PROFESSIONAL: gettext_lazy("Works in the wijkteam and helps households."),
    RoleCode.TEAM_LEAD: gettext_lazy("Leads a wijkteam."),
    RoleCode.SAFETY_SPECIALIST: gettext_lazy("A professional who also advises on safety (aandachtsfunctionaris)."),
    RoleCode.FRONT_OFFICE: gettext_lazy("Answers the phone and registers reports."),
    RoleCode.MUNICIPAL_OFFICER: gettext_lazy("Works for the municipality, for example at the Wmo desk or Werk en Inkomen."),
    RoleCode.POLICY: gettext_lazy("Makes policy. Sees only totals, never a name; small numbers are hidden."),
    RoleCode.FUNCTIONAL_ADMIN: gettext_lazy("Sets up the system: teams, staff and the sociale kaart. Reads no files."),
    RoleCode.PRIVACY_OFFICER: gettext_lazy("The privacy officer (FG). Checks who looked at files and helps you use your rights. Reads no files for the help itself."),
}


def protocol_rows(role_codes) -> list[dict]:
    """For the informatieprotocol page: per configured role, who it is and what the policy lets it do."""
    rows = []
    for code in role_codes:
        probe = RoleProbe(code)
        rows.append({
            "code": code,
            "label": RoleCode(code).label,
            "description": ROLE_PROTOCOL.get(code, ""),
            "may": [rule.text for rule in PROTOCOL_RULES if rule.applies(probe)],
        })
    return rows
