"""Who may see what — decided here and nowhere else.

Every view, API endpoint, export and print calls these functions. A refusal is written
to the access log just like an allowed read.
"""

import functools
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Case, Involvement

from .audit import WRITE_ACTIONS, expect_write, log_access
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
GRANT_BASIS = "team_lead:reden"
REASON_MIN_LENGTH = 10


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
    return {team for team, leads in user.team_rows() if leads}


def member_team_ids(user) -> set[int]:
    return {team for team, _leads in user.team_rows()}


def member_teams(user):
    """The ids of `user`'s teams as a subquery (`team_id__in=`), for a page that needs them in one statement."""
    return user.memberships.order_by().values("team_id")


def is_involved(user, case) -> bool:
    if not user.has_role(*CASE_WORKER_ROLES):
        return False
    if case.regisseur_id == user.pk:
        return True
    return _active_involvement(user).filter(case=case).exists()


def has_active_grant(user, case) -> bool:
    return AccessGrant.objects.filter(user=user, case=case, expires_at__gt=timezone.now()).exists()


def _roles(user) -> str:
    return ",".join(sorted(user.role_codes())) or "geen rol"


def is_write(request, action) -> bool:
    """A write: a changing action, or any non-GET request (a POST changes something)."""
    return action in WRITE_ACTIONS or (request is not None and request.method not in ("GET", "HEAD", "OPTIONS"))


def case_decision(user, case, *, write=False) -> Decision:
    """May `user` open the content of `case` (and, with `write`, change it)?

    A team lead's reason grant is read-only for its hours: it lets them look, never change
    anything (a write could turn the grant into lasting involvement)."""
    if not getattr(user, "is_authenticated", False):
        return Decision(False, "anonymous")
    if is_involved(user, case):
        return Decision(True, "betrokken")
    if case.team_id in lead_team_ids(user) and has_active_grant(user, case):
        if write:
            return Decision(False, GRANT_BASIS + ":alleen-lezen")
        return Decision(True, GRANT_BASIS)
    return Decision(False, _roles(user))


def _decide(request, decision, *, action, refusal_message, **fields):
    """Log a read or a refusal now; an allowed write is logged once, by the service doing it."""
    if decision and is_write(request, action):
        expect_write(request, basis=decision.basis, action=action if action in WRITE_ACTIONS else Action.UPDATE, fields=fields)
        return decision
    log_access(
        user=request.user,
        action=action,
        outcome=Outcome.ALLOWED if decision else Outcome.REFUSED,
        acting_role=decision.basis,
        request=request,
        **fields,
    )
    if not decision:
        raise PermissionDenied(refusal_message)
    return decision


def require_case(request, case, *, action=Action.READ, record=None, detail="") -> Decision:
    """Allow and log, or log the refusal and raise PermissionDenied."""
    decision = case_decision(request.user, case, write=is_write(request, action))
    message = _("You are not involved in this case.")
    if decision.basis.startswith(GRANT_BASIS):
        message = _("Access with a reason lets you read this case, not change it.")
    return _decide(
        request, decision, action=action, refusal_message=message,
        record=record or case, case_id=case.pk, household_id=case.household_id, detail=detail,
    )


def cases_visible_to(user):
    """Cases whose content the user may open (involved, or granted with a reason)."""
    if not user.has_role(*CASE_WORKER_ROLES):
        return Case.objects.none()
    # One IN over a UNION of index lookups (involvement and grant on user, case on regisseur) rather than an OR
    # of EXISTS per case, which made PostgreSQL visit every case (docs/benchmarks.md).
    from eenplan.cases.selectors import case_ids_worked_on

    granted = AccessGrant.objects.filter(user=user, expires_at__gt=timezone.now()).order_by().values("case_id")
    return Case.objects.filter(pk__in=case_ids_worked_on(user).union(granted))


def team_cases_listable_by(user):
    """Team lead's list view: the team's cases, listed without their content."""
    return Case.objects.filter(team_id__in=lead_team_ids(user))


def household_decision(user, household) -> Decision:
    """Household records are open to whoever may open any of its cases."""
    if not getattr(user, "is_authenticated", False):
        return Decision(False, "anonymous")
    visible = cases_visible_to(user).filter(household=household)
    if visible.filter(Q(regisseur=user) | Q(involvements__user=user, involvements__until__isnull=True)).exists():
        return Decision(True, "betrokken")
    if visible.exists():
        return Decision(True, GRANT_BASIS)
    return Decision(False, _roles(user))


def require_household(request, household, *, action=Action.READ, record=None, detail="") -> Decision:
    decision = household_decision(request.user, household)
    if decision.basis == GRANT_BASIS and is_write(request, action):
        decision = Decision(False, GRANT_BASIS + ":alleen-lezen")
    return _decide(
        request, decision, action=action, refusal_message=_("You are not involved with this household."),
        record=record or household, household_id=household.pk, detail=detail,
    )


def household_team_ids(household) -> set[int]:
    return set(household.wijk.teams.values_list("pk", flat=True)) if household.wijk_id else set()


def case_open_decision(user, household, *, reason: str = "") -> Decision:
    """May `user` open a new case for `household` (and so become involved in it)?

    Opening a case makes the opener involved: it shows the address, the members and earlier
    cases. So it needs one of: involvement with the household already; an open (not yet triaged)
    signal about this household routed to one of the user's teams; or a reason, logged, from a member of a team
    that works in the household's wijk."""
    from eenplan.intake.models import Signal, SignalStatus

    if not getattr(user, "is_authenticated", False):
        return Decision(False, "anonymous")
    if not user.has_role(*CASE_WORKER_ROLES):
        return Decision(False, _roles(user))
    if household_decision(user, household).basis == "betrokken":
        return Decision(True, "betrokken")
    teams = member_team_ids(user)
    # Only a signal still waiting for triage: once triaged, its decision is made and the household's
    # records follow the case's access again.
    routed = Signal.objects.filter(household=household, team_id__in=teams, status=SignalStatus.OPEN)
    if teams and routed.exists():
        return Decision(True, "signaal-team")
    if len((reason or "").strip()) >= REASON_MIN_LENGTH and teams & household_team_ids(household):
        return Decision(True, "reden")
    return Decision(False, _roles(user))


def require_case_open(request, household, *, reason: str = "") -> Decision:
    """Allow (the case service logs the opening) or log the refusal with the household and raise."""
    reason = (reason or "").strip()
    decision = case_open_decision(request.user, household, reason=reason)
    if decision and decision.basis == "reden":
        log_access(user=request.user, action=Action.BREAK_GLASS, record=household, acting_role="reden", reason=reason,
                   detail="open a case with a reason", request=request)
    return _decide(
        request, decision, action=Action.CREATE, refusal_message=_(
            "You can open a case for this household only when you are involved with it, when a signal about it was "
            "routed to your team, or with a reason (at least 10 characters) as a member of the household's team."
        ),
        record_type="cases.Case", household_id=household.pk, detail="open a case", reason=reason,
    )


def involve_decision(user, case, target=None) -> Decision:
    """Who may add someone to a case: an involved worker, or the case team's lead adding a colleague
    (not themselves: a lead becomes involved only through someone else, never by a reason grant)."""
    if is_involved(user, case):
        return Decision(True, "betrokken")
    if case.team_id in lead_team_ids(user) and (target is None or target.pk != user.pk):
        return Decision(True, RoleCode.TEAM_LEAD)
    return Decision(False, _roles(user))


def require_involve(request, case, target=None) -> Decision:
    return _decide(
        request, involve_decision(request.user, case, target), action=Action.UPDATE,
        refusal_message=_("Only someone involved in this case, or the team lead, can add a colleague."),
        record=case, case_id=case.pk, household_id=case.household_id, detail="involve a colleague",
    )


def can_search_people(user) -> bool:
    return user.has_role(*SEARCH_ROLES)


def sees_only_known_status(user) -> bool:
    """Municipal officers learn only that someone is known and which help runs."""
    return user.has_role(RoleCode.MUNICIPAL_OFFICER) and not user.has_role(*CASE_WORKER_ROLES)


def known_check_error(*, bsn: str, name: str, birth_date) -> str | None:
    """The municipal officer's "known / not known" check asks about one person, identified fully:
    a complete, valid BSN, or the full name (given name and surname) together with the full birth
    date. Partial input (part of a BSN, a surname, a year) would list people, so it is refused."""
    from stdnum.nl import bsn as stdnum_bsn

    if bsn:
        return None if stdnum_bsn.is_valid(bsn) else _("Enter the complete BSN (9 digits) of the person you ask about.")
    if len((name or "").split()) >= 2 and birth_date is not None:
        return None
    return _("Ask about one person: give the complete BSN, or the full name (first name and surname) and the full birth date.")


def may_change_access_of(user, target) -> bool:
    """Roles, team memberships and expertise decide what someone may see: nobody changes their own
    (a functional administrator could otherwise make herself team lead and open cases)."""
    return user.has_role(RoleCode.FUNCTIONAL_ADMIN) and (target is None or target.pk != user.pk)


def can_request_access(user, case) -> bool:
    return case.team_id in lead_team_ids(user)


def access_grant_with_reason(*, user, case, reason: str, request=None) -> AccessGrant:
    """A team lead opens a case of their team they are not involved in, stating why."""
    reason = (reason or "").strip()
    if not can_request_access(user, case):
        log_access(user=user, action=Action.BREAK_GLASS, record=case, outcome=Outcome.REFUSED, reason=reason, request=request,
                   acting_role=_roles(user))
        raise PermissionDenied(_("Only the team lead of this case's team can open it with a reason."))
    if len(reason) < REASON_MIN_LENGTH:
        raise ValidationError({"reason": _("Describe why you need to open this case (at least 10 characters).")})
    now = timezone.now()
    grant = AccessGrant.objects.create(
        user=user, case=case, reason=reason, granted_at=now, expires_at=now + timedelta(hours=GRANT_HOURS)
    )
    log_access(user=user, action=Action.BREAK_GLASS, record=case, acting_role=GRANT_BASIS, reason=reason, request=request)
    return grant


def safety_record_decision(user, case) -> Decision:
    """Safety records (meldcode, safety plan): involved professionals and the team's safety specialist."""
    if is_involved(user, case):
        return Decision(True, "betrokken")
    if user.has_role(RoleCode.SAFETY_SPECIALIST) and case.team_id in member_team_ids(user):
        return Decision(True, RoleCode.SAFETY_SPECIALIST)
    return Decision(False, _roles(user))


def can_consent_to_closing(user, case) -> bool:
    """Only a safety specialist of the case's team may record that a case with a safety risk may close."""
    return user.has_role(RoleCode.SAFETY_SPECIALIST) and case.team_id in member_team_ids(user)


def require_safety_record(request, case, *, action=Action.READ, record=None, reason="", detail="") -> Decision:
    return _decide(
        request, safety_record_decision(request.user, case), action=action,
        refusal_message=_("Safety records are only open to involved professionals and the safety specialist."),
        record=record or case, case_id=case.pk, household_id=case.household_id, reason=reason,
        detail=detail or "safety record",
    )


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
# Once triage has opened a case from a signal, the signal (the reporter, what was seen) is
# part of that case: it follows the case's access, no longer the team's.

SIGNAL_ROLES = (RoleCode.PROFESSIONAL, RoleCode.TEAM_LEAD, RoleCode.SAFETY_SPECIALIST, RoleCode.FRONT_OFFICE)


def signal_decision(user, signal, *, write=False) -> Decision:
    if not getattr(user, "is_authenticated", False):
        return Decision(False, "anonymous")
    if not user.has_role(*SIGNAL_ROLES):
        return Decision(False, _roles(user))
    if signal.case_id is not None:
        return case_decision(user, signal.case, write=write)
    if signal.team_id is None or signal.team_id in member_team_ids(user):
        return Decision(True, "team")
    return Decision(False, _roles(user))


def require_signal(request, signal, *, action=Action.READ, detail="") -> Decision:
    decision = signal_decision(request.user, signal, write=is_write(request, action))
    message = _("This signal belongs to another team.")
    if signal.case_id is not None:
        message = _("This signal is part of a case you are not involved in.")
    return _decide(request, decision, action=action, refusal_message=message, record=signal, detail=detail)


def signals_visible_to(user, signals):
    """The part of a signal queryset `user` may open: the same rule as `signal_decision`."""
    from eenplan.intake.models import Signal

    if not user.has_role(*SIGNAL_ROLES):
        return signals.none()
    teams = member_team_ids(user)
    return signals.filter(
        Q(case__isnull=True, team__isnull=True)
        | Q(case__isnull=True, team_id__in=teams)
        | Q(case__in=cases_visible_to(user))
    ) if signals.model is Signal else signals


def board_team_ids(user) -> set[int]:
    return member_team_ids(user)


def can_plan_rota(user, team) -> bool:
    return team.pk in lead_team_ids(user)


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


def board_signal_filter(team_ids) -> Q:
    """The intake board's signals: those of the user's teams, and those not yet placed with any team
    (an address outside every wijk), so no signal is lost. Signals triaged into a case leave the
    board and follow the case (`signal_decision`)."""
    return (Q(team_id__in=team_ids) | Q(team__isnull=True)) & Q(case__isnull=True)


# --- the safety overview -------------------------------------------------------------------


def safety_overview_team_ids(user) -> set[int]:
    """Whose safety overview a user sees: a team lead their led teams, a safety specialist their teams."""
    ids = set(lead_team_ids(user))
    if user.has_role(RoleCode.SAFETY_SPECIALIST):
        ids |= member_team_ids(user)
    return ids


# --- insights (figures, never individual records; ADR 0060) ---------------------------------


def insight_team_ids(user) -> set[int] | None:
    """Teams whose figures the user may open; None means all of them (policy makers)."""
    if user.has_role(RoleCode.POLICY):
        return None
    if user.has_role(*CASE_WORKER_ROLES):
        return member_team_ids(user) | lead_team_ids(user)
    return set()


def insight_wijk_ids(user) -> set[int] | None:
    from eenplan.organisation.models import Team

    team_ids = insight_team_ids(user)
    if team_ids is None:
        return None
    return set(Team.wijken.through.objects.filter(team_id__in=team_ids).values_list("wijk_id", flat=True))


def may_see_municipality_figures(user) -> bool:
    return user.has_role(RoleCode.POLICY, RoleCode.TEAM_LEAD)


def may_see_insight_scope(user, kind: str, unit_pk=None) -> bool:
    """`kind` is insights' scope kind: "municipality", "team" or "wijk"."""
    if kind == "municipality":
        return may_see_municipality_figures(user)
    ids = insight_team_ids(user) if kind == "team" else insight_wijk_ids(user)
    return ids is None or unit_pk in ids


# --- pages and the menu --------------------------------------------------------------------


def may_use_page(user, url_name: str) -> bool:
    """May `user` open the page named `url_name`? Read from the roles the view itself declares
    (`roles_required`), so the menu never repeats — or contradicts — a view's access rule."""
    if not getattr(user, "is_authenticated", False):
        return False
    if url_name.startswith("admin:"):
        return user.has_role(RoleCode.FUNCTIONAL_ADMIN)  # EenplanAdminSite.has_permission
    from .decorators import PUBLIC

    declared = page_declaration(url_name)
    if declared == PUBLIC:
        return True
    return bool(declared) and user.has_role(*declared)


def page_declaration(url_name: str):
    """What the view behind `url_name` declares (`roles_required`'s roles, PUBLIC, or None when undeclared or
    unpublished). Looked up once per URL configuration: reversing and resolving every menu item on every page
    cost about a millisecond a request."""
    from eenplan.core.links import current_urlconf

    return _declaration(current_urlconf(), url_name)


@functools.lru_cache(maxsize=512)
def _declaration(urlconf: str, url_name: str):
    from django.urls import NoReverseMatch, resolve, reverse

    from .decorators import ACCESS_ATTR

    try:
        func = resolve(reverse(url_name, urlconf=urlconf), urlconf=urlconf).func
    except NoReverseMatch:
        return None
    return getattr(func, ACCESS_ATTR, None)


def can_write_vertelpunt(user) -> bool:
    """Vertelpunten are written by case workers, for a team they belong to (insights.views.vertelpunt_new). Pages
    offer the link only to them: the policy role reads vertelpunten, it does not write them."""
    return bool(user.is_authenticated and user.has_role(*CASE_WORKER_ROLES) and member_team_ids(user))


# --- ketenpartners through the partner API (eenplan/partners, ADR 0110) ----------------------
# A partner system calls with an OAuth2 token (client credentials) of its partner system. The token's
# scopes are the ceiling of what it may do; per case, a sharing basis of its organisation that is valid
# today and covers the category (socialmap.selectors.sharing_allowed) decides. No basis: nothing, and
# the refusal is logged with the client like a staff refusal. The partner's service account is the user.

PARTNER_BASIS = "ketenpartner"


def partner_token_decision(token, scope: str) -> Decision:
    """Is `token` a live token of an active partner system, and does it carry `scope`?"""
    client = getattr(getattr(token, "application", None), "partner_client", None) if token is not None else None
    if client is None:
        return Decision(False, "anonymous")
    if not client.active or not token.is_valid():
        return Decision(False, f"{PARTNER_BASIS}:niet-actief")
    if scope not in set(token.scope.split()):
        return Decision(False, f"{PARTNER_BASIS}:scope")
    return Decision(True, PARTNER_BASIS)


def _partner_concerned(organisation, record) -> bool:
    """An agreement is the partner's when it was made with it; a request when it is for its provision; a case when
    the organisation is involved in it today (a partner in the case) or one of its provisions is requested in it."""
    from eenplan.socialmap.models import Agreement, TailoredProvisionRequest

    if isinstance(record, Case):
        today = timezone.localdate()
        involved = record.partners.filter(organisation=organisation, since__lte=today).filter(
            Q(until__isnull=True) | Q(until__gte=today)).exists()
        return involved or TailoredProvisionRequest.objects.filter(case=record, provision__organisation=organisation).exists()
    if isinstance(record, Agreement):
        return record.partner.organisation_id == organisation.pk
    if isinstance(record, TailoredProvisionRequest):
        return record.provision.organisation_id == organisation.pk
    return False


def partner_record_decision(organisation, record, category: str, on=None) -> Decision:
    """May `organisation` receive (or change) `record` (of a case, or the case itself) in data category `category`?
    Only a record that concerns it, and only with a valid basis of its own covering the category."""
    from eenplan.socialmap.selectors import sharing_allowed

    if not _partner_concerned(organisation, record):
        return Decision(False, f"{PARTNER_BASIS}:andere-organisatie")
    decision = sharing_allowed(record if isinstance(record, Case) else record.case, organisation, on=on)
    kinds = sorted({b.kind for b in decision.bases if category in b.categories})
    if kinds:
        return Decision(True, f"{PARTNER_BASIS}:{'+'.join(kinds)}"[:40])
    return Decision(False, f"{PARTNER_BASIS}:geen-grondslag")


def partner_case_ids_covered(organisation, category: str, on=None) -> set[int]:
    """The cases with a basis of `organisation` valid on `on` that covers `category` (for lists: one query)."""
    from eenplan.socialmap.models import SharingBasis

    on = on or timezone.localdate()
    bases = (SharingBasis.objects.filter(organisation=organisation, valid_from__lte=on)
             .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on)).exclude(end__ended_on__lte=on))
    return {case_id for case_id, categories in bases.values_list("case_id", "categories") if category in (categories or [])}


def require_partner_record(request, client, record, *, category: str, action=Action.READ, detail="") -> Decision:
    """Allow and log a partner's read, or log the refusal with the record's client and raise PermissionDenied.
    An allowed write is logged once, by the service doing it, with this decision's basis."""
    decision = partner_record_decision(client.organisation, record, category)
    if decision and action in WRITE_ACTIONS:
        # The service logs the write with this basis; a write that fails is logged as a read "(not saved)".
        expect_write(getattr(request, "_request", request), basis=decision.basis, action=action,
                     fields={"record": record, "detail": f"partner api {client.organisation.name}: {detail}"[:300]})
        return decision
    log_access(
        user=client.service_user, action=action, outcome=Outcome.ALLOWED if decision else Outcome.REFUSED, acting_role=decision.basis,
        record=record, detail=f"partner api {client.organisation.name}: {detail}"[:300], request=request,
    )
    if not decision:
        raise PermissionDenied(_("There is no valid basis for sharing this with your organisation."))
    return decision



# Notifications to subscribers (partners/notifications.py, ADR 0116): a subscription is the partner system's own;
# a notification goes out only if, at the moment it is delivered, a valid basis covers the case for the channel.


def partner_concerned(organisation, record) -> bool:
    """Does `record` concern `organisation` (a notification about it may be queued for its systems)?"""
    return _partner_concerned(organisation, record)


def partner_may_subscribe(client, token_scopes, kanaal: str, read_scope: str) -> bool:
    """A system may subscribe to a channel only when its token may read what the channel's notifications name."""
    return bool(client.active and read_scope in set(token_scopes or ()) and read_scope in set(client.scope_list()))


def partner_subscription_decision(client, subscription) -> Decision:
    """A system sees and ends only its own subscriptions."""
    if subscription.client_id != client.pk:
        return Decision(False, f"{PARTNER_BASIS}:ander-systeem")
    return Decision(True, PARTNER_BASIS)



def require_partner_subscription(request, client, subscription, *, action=Action.READ) -> Decision:
    """Allow a system its own subscription, or log the refusal and raise PermissionDenied. (An allowed read of a
    subscription is no personal record: not logged; ending one is logged by the service.)"""
    decision = partner_subscription_decision(client, subscription)
    if not decision:
        log_access(user=client.service_user, action=action, outcome=Outcome.REFUSED, acting_role=decision.basis, record=subscription,
                   detail=f"partner api {client.organisation.name}: another system's subscription"[:300], request=request)
        raise PermissionDenied(_("This subscription belongs to another system."))
    return decision

def partner_notification_decision(subscription, record, on=None) -> Decision:
    """May the notification about `record` go to `subscription` now? The system active, the subscription running,
    the record still there, and a valid basis of the organisation covering the channel's category today."""
    from eenplan.partners.models import KANAAL_SCOPES

    client = subscription.client
    if not client.active:
        return Decision(False, f"{PARTNER_BASIS}:niet-actief")
    if subscription.ended_at is not None:
        return Decision(False, f"{PARTNER_BASIS}:abonnement-beeindigd")
    if record is None:
        return Decision(False, f"{PARTNER_BASIS}:verwijderd")
    if KANAAL_SCOPES[subscription.kanaal] not in set(client.scope_list()):
        return Decision(False, f"{PARTNER_BASIS}:scope")
    return partner_record_decision(client.organisation, record, subscription.kanaal, on=on)


# --- the municipality's zaaksysteem (eenplan/zgw, ADR 0117) -------------------------------------------------
# Registering a tailored-provision request as a zaak sends the request (and its motivation) to the municipality,
# which decides on it: a change of the case, so only who may change the case may do it; logged as an export.


def require_zaak_registration(request, case, *, detail="", available=True) -> Decision:
    """Allow (who may change the case) or refuse; both logged now, as an export of the case's request. A refusal is
    a refusal even while no zaaksysteem is configured (`available` False: an allowed call exports nothing, no line)."""
    decision = case_decision(request.user, case, write=True)
    if decision and not available:
        return decision
    log_access(user=request.user, action=Action.EXPORT, outcome=Outcome.ALLOWED if decision else Outcome.REFUSED,
               acting_role=decision.basis, record=case, case_id=case.pk, household_id=case.household_id, detail=detail[:300],
               request=request)
    if not decision:
        raise PermissionDenied(_("You are not involved in this case."))
    return decision


def zaaksysteem_notification_allowed(request, *, configured: bool) -> bool:
    """The Notificaties API's callback (eenplan.zgw.notifications): only with the Authorization header of eenplan's
    abonnement (setting ZGW_NOTIFICATIONS_AUTH), compared in constant time, and only while a zaaksysteem is
    configured. A refusal is logged (anonymous, with the caller's address in the log's request fields); what an
    allowed notification triggers is the status sync, which logs as the zaaksysteem's account."""
    import hmac

    from django.conf import settings

    expected = getattr(settings, "ZGW_NOTIFICATIONS_AUTH", "")
    given = request.headers.get("Authorization", "")
    allowed = bool(configured and expected and hmac.compare_digest(given.encode(), expected.encode()))
    if not allowed:
        log_access(user=None, action=Action.UPDATE, outcome=Outcome.REFUSED, acting_role="zaaksysteem",
                   record_type="zgw.ZaakRegistration", request=request,
                   detail="notification without the abonnement's Authorization header" if configured and expected
                   else "notification while no abonnement is configured")
    return allowed


# --- residents (Mijn plan, the portal with DigiD; docs/portal.md) ----------------------------------
# A resident is not a staff user: they log in with DigiD, are matched to a person by BSN, and their
# session holds that person (eenplan.portal.session). They see their own household's current plan and
# their own actions, never professional-only notes, safety/meldcode records or case discussions, and
# they reach no staff page.

RESIDENT_BASIS = "inwoner"


def resident_may_use_view(view_func) -> bool:
    """A resident session opens public pages and resident pages only; every other view is refused."""
    from .decorators import ACCESS_ATTR, PUBLIC, RESIDENT

    declared = getattr(view_func, ACCESS_ATTR, None)
    if declared is None:
        view_class = getattr(view_func, "view_class", None) or getattr(view_func, "cls", None)
        declared = getattr(view_class, ACCESS_ATTR, None) if view_class is not None else None
    return declared in (PUBLIC, RESIDENT)


def resident_households(person):
    """The households the resident is a current member of."""
    from eenplan.people.models import Household

    today = timezone.localdate()
    return Household.objects.filter(
        Q(members__person=person) & (Q(members__until__isnull=True) | Q(members__until__gte=today))
    ).distinct()


def resident_case(person):
    """The case a resident sees: the newest open case of a household they belong to (None: none open)."""
    return (Case.objects.filter(household__in=resident_households(person), closed_at__isnull=True)
            .select_related("household", "team", "regisseur").order_by("-pk").first())


PAUSED_BASIS = RESIDENT_BASIS + ":gepauzeerd"


class PortalPaused(PermissionDenied):
    """Mijn plan is paused for the resident's case: the portal shows a kind page saying whom to call."""

    def __init__(self, case):
        super().__init__(_("Mijn plan is paused for your household."))
        self.case = case


def portal_pause_of(case):
    """The open pause of Mijn plan for `case` (None: not paused)."""
    from eenplan.portal.models import AccessPause

    return AccessPause.objects.filter(case=case, ended_at__isnull=True).first() if case is not None else None


def resident_case_decision(person, case) -> Decision:
    """May this resident see (and tick their actions in) the plan of `case`? Only their own household's,
    while the case is open and Mijn plan is not paused for it."""
    if person is None:
        return Decision(False, "anonymous")
    if case is None or not resident_households(person).filter(pk=case.household_id).exists():
        return Decision(False, RESIDENT_BASIS + ":ander-huishouden")
    if case.closed_at is not None:
        return Decision(False, RESIDENT_BASIS + ":afgesloten")
    if portal_pause_of(case) is not None:
        return Decision(False, PAUSED_BASIS)
    return Decision(True, RESIDENT_BASIS)


def portal_manage_decision(user, case) -> Decision:
    """May `user` invite a household member to Mijn plan, or pause and resume Mijn plan for `case`?
    The regisseur and the professionals involved in the case (not a team lead's read-only grant)."""
    return case_decision(user, case, write=True)


def require_portal_manage(request, case, *, action=Action.READ) -> Decision:
    """The case's staff page of Mijn plan: reading it needs case access, changing it (invite, pause,
    resume) portal_manage_decision. Logged like every case access; a refusal raises PermissionDenied."""
    decision = case_decision(request.user, case) if action == Action.READ else portal_manage_decision(request.user, case)
    return _decide(request, decision, action=action, refusal_message=_("You are not involved in this case."),
                   record=case, case_id=case.pk, household_id=case.household_id, detail="Mijn plan (staff page)")


def invitation_member_decision(case, person) -> Decision:
    """May `person` be invited to Mijn plan for `case`: a current member of the case's household, case open."""
    if case.closed_at is not None:
        return Decision(False, RESIDENT_BASIS + ":afgesloten")
    if not resident_households(person).filter(pk=case.household_id).exists():
        return Decision(False, RESIDENT_BASIS + ":ander-huishouden")
    return Decision(True, RESIDENT_BASIS + ":uitnodiging")


# The age rules for a child's own Mijn ZRM (docs/access.md): under 12 the professional decides whether the
# parents see it; from 12 to 16 the professional and the child together; from 16 the young person alone.
# A child without a known birth date is treated as 16 or older: nobody decides for them.
AGE_TOGETHER, AGE_SELF = 12, 16
CHILD_RULE_PROFESSIONAL, CHILD_RULE_TOGETHER, CHILD_RULE_SELF = "professional", "samen", "zelf"


def age_of(person, on=None) -> int | None:
    """The person's age today (or `on`); None without a birth date (people.ages.age_on)."""
    from eenplan.people.ages import age_on

    return age_on(person, on or timezone.localdate())


def child_rule(person, on=None) -> str:
    """Who decides whether the parents see this child's own Mijn ZRM."""
    age = age_of(person, on)
    if age is None or age >= AGE_SELF:
        return CHILD_RULE_SELF
    return CHILD_RULE_TOGETHER if age >= AGE_TOGETHER else CHILD_RULE_PROFESSIONAL


def member_role(case, person):
    """The role (MemberRole) of `person` in the case's household now, or None."""
    from eenplan.people.models import HouseholdMember

    today = timezone.localdate()
    member = (HouseholdMember.objects.filter(household_id=case.household_id, person=person)
              .filter(Q(until__isnull=True) | Q(until__gte=today)).order_by("-pk").first())
    return member.role if member else None


def child_share_decision(user, case, child, *, child_agreed: bool) -> Decision:
    """May `user` (staff) let the parents see `child`'s own Mijn ZRM? Who may manage Mijn plan for the case,
    for a child of the household under 16; from 12 only with the child's agreement."""
    from eenplan.people.models import MemberRole

    decision = portal_manage_decision(user, case)
    if not decision:
        return decision
    if member_role(case, child) != MemberRole.CHILD:
        return Decision(False, "kind:geen-kind-van-huishouden")
    rule = child_rule(child)
    if rule == CHILD_RULE_SELF:
        return Decision(False, "kind:beslist-zelf")
    if rule == CHILD_RULE_TOGETHER and not child_agreed:
        return Decision(False, "kind:samen-zonder-instemming")
    return Decision(True, decision.basis)


def youth_share_decision(person, case, *, start: bool) -> Decision:
    """May the resident `person` (a child of the household) start or stop showing their own Mijn ZRM to
    their parents? From 16 both; from 12 to 16 only stop (starting is decided together with the professional)."""
    from eenplan.people.models import MemberRole

    if not resident_case_decision(person, case):
        return Decision(False, RESIDENT_BASIS + ":ander-huishouden")
    if member_role(case, person) != MemberRole.CHILD:
        return Decision(False, RESIDENT_BASIS + ":geen-kind")
    rule = child_rule(person)
    if rule == CHILD_RULE_PROFESSIONAL or (start and rule == CHILD_RULE_TOGETHER):
        return Decision(False, RESIDENT_BASIS + ":kind-" + rule)
    return Decision(True, RESIDENT_BASIS + ":kind-" + rule)


def child_sharing_counts(sharing, on=None) -> bool:
    """An open sharing still counts under today's rule: from 16 only the young person's own; from 12 only
    with the child's agreement or by the child."""
    rule = child_rule(sharing.child, on)
    if rule == CHILD_RULE_SELF:
        return sharing.by_child
    if rule == CHILD_RULE_TOGETHER:
        return sharing.by_child or sharing.child_agreed
    return True


def children_shown_to(person, case) -> list:
    """The children whose own Mijn ZRM the resident `person` sees: they are a parent in the case's household,
    the child is a child of it, and an open sharing counts under today's age rule."""
    from eenplan.people.models import MemberRole
    from eenplan.portal.models import ChildSharing

    if not resident_case_decision(person, case) or member_role(case, person) != MemberRole.PARENT:
        return []
    shown = []
    for sharing in ChildSharing.objects.filter(case=case, ended_at__isnull=True).select_related("child"):
        if member_role(case, sharing.child) == MemberRole.CHILD and child_sharing_counts(sharing):
            shown.append(sharing.child)
    return shown


def resident_log(request, *, action, outcome=Outcome.ALLOWED, basis=RESIDENT_BASIS, **fields):
    """One access-log line for something a resident read, changed or was refused; the resident is the
    'user' (username inwoner:<person>) and the person the entry is about is filled in when not given."""
    from eenplan.portal.session import current_resident

    resident = current_resident(request)
    fields.setdefault("person_id", resident.person_id if resident else None)
    return log_access(user=resident, action=action, outcome=outcome, acting_role=basis, request=request, **fields)


def require_resident_case(request, case, *, action=Action.READ, record=None, detail="") -> Decision:
    """Allow and log (reads), or log the refusal and raise PermissionDenied. An allowed write is logged
    by the service that performs it."""
    from eenplan.portal.session import current_resident

    resident = current_resident(request)
    decision = resident_case_decision(resident.person if resident else None, case)
    fields = {"record": record or case} if (record or case) is not None else {"record_type": "cases.Case"}
    if case is not None:
        fields["case_id"] = case.pk
    if decision and is_write(request, action):
        request._eenplan_basis = decision.basis
        return decision
    resident_log(request, action=action, outcome=Outcome.ALLOWED if decision else Outcome.REFUSED,
                 basis=decision.basis, detail=detail, **fields)
    if decision.basis == PAUSED_BASIS:
        raise PortalPaused(case)
    if not decision:
        raise PermissionDenied(_("This is not the plan of your household."))
    return decision


def resident_refuse_page(request, detail="resident on a staff page"):
    """A resident asked for a page that is not theirs (a staff page, the management site): log and refuse."""
    from .audit import client_of_request

    fields = client_of_request(request) or {
        "record_type": "page",
        "record_id": request.resolver_match.view_name if getattr(request, "resolver_match", None) else "",
    }
    action = Action.READ if request.method in ("GET", "HEAD", "OPTIONS") else Action.UPDATE
    resident_log(request, action=action, outcome=Outcome.REFUSED, detail=detail, **fields)
    raise PermissionDenied(_("This page is for staff of the wijkteam. Your own plan is at Mijn plan."))


# What a resident is never shown in "who looked at my file": their own entries, and technical jobs.
def resident_visible_log_entries(person):
    """The access-log entries about the resident's own records: their person, their households and the
    cases of those households — without the resident's own entries and without jobs (no user)."""
    from .models import AccessLogEntry

    household_ids = list(resident_households(person).values_list("pk", flat=True))
    case_ids = list(Case.objects.filter(household_id__in=household_ids).values_list("pk", flat=True))
    from eenplan.people.merging import record_ids
    from eenplan.people.models import Person

    return (AccessLogEntry.objects
            .filter(Q(person_id__in=record_ids(Person, person.pk)) | Q(household_id__in=household_ids) | Q(case_id__in=case_ids))
            .filter(user__isnull=False, outcome=Outcome.ALLOWED)
            .exclude(acting_role__startswith=RESIDENT_BASIS)
            .exclude(user__username="mijn-plan"))


# --- merging two records of one person or household (people.merging, ADR 0113) -----------------------------
# A merge corrects the registration of a client: it moves their histories onto one record. So it asks what a change
# to each record asks: involvement (not a team lead's read-only grant) with a household of each record — or the team
# lead of a team with a case of each, who watches over the team's registration. Front office, municipal officers,
# policy and the functional administrator ("reads no files") do not merge. A person in no household holds no case
# content: it asks nothing more of its own. Undo asks the same of the kept record (which then holds both).

MERGE_ROLES = (RoleCode.PROFESSIONAL, RoleCode.TEAM_LEAD, RoleCode.SAFETY_SPECIALIST)


def _merge_households(record):
    from eenplan.people.models import Household, HouseholdMember

    if isinstance(record, Household):
        return [record]
    ids = HouseholdMember.objects.filter(person=record).values_list("household_id", flat=True)
    return list(Household.objects.filter(pk__in=list(ids)))


def merge_record_decision(user, record) -> Decision:
    """May `user` change `record` (a Person or Household) by a merge?"""
    if not getattr(user, "is_authenticated", False):
        return Decision(False, "anonymous")
    if not user.has_role(*MERGE_ROLES):
        return Decision(False, _roles(user))
    households = _merge_households(record)
    if not households:
        return Decision(True, "geen-huishouden")
    if any(household_decision(user, h).basis == "betrokken" for h in households):
        return Decision(True, "betrokken")
    teams = set(Case.objects.filter(household__in=households).values_list("team_id", flat=True))
    if teams & lead_team_ids(user):
        return Decision(True, RoleCode.TEAM_LEAD)
    return Decision(False, _roles(user))


def merge_decision(user, one, other) -> Decision:
    """May `user` merge `one` and `other` (either kept)? Both records must be theirs to change."""
    a, b = merge_record_decision(user, one), merge_record_decision(user, other)
    if not a:
        return a
    if not b:
        return b
    if a.basis == "geen-huishouden" and b.basis == "geen-huishouden" and not user.has_role(RoleCode.TEAM_LEAD):
        # Two loose records: nobody is involved; the team lead sorts out the registration.
        return Decision(False, "geen-huishouden")
    bases = sorted({a.basis, b.basis} - {"geen-huishouden"}) or ["geen-huishouden"]
    return Decision(True, "+".join(bases)[:40])


def merge_undo_decision(user, merge) -> Decision:
    kept = merge.kept
    if kept is None:
        return Decision(False, "verwijderd")
    return merge_record_decision(user, kept)


def _merge_log_fields(record) -> dict:
    from eenplan.people.models import Person

    key = "person_id" if isinstance(record, Person) else "household_id"
    return {"record_type": record._meta.label, "record_id": record.pk, key: record.pk}


def require_merge(request, one, other, *, decision=None, detail="merge") -> Decision:
    """Allow (a read of the confirmation page is logged for both records now; a merge is logged by the service) or
    log the refusal for both records and raise PermissionDenied."""
    if decision is None:  # a refusal passed in is used as it is, not decided again
        decision = merge_decision(request.user, one, other)
    write = is_write(request, Action.READ)  # a POST
    if decision and write:  # the service logs the merge (or its refusal) for both; a form shown again is logged as a read
        expect_write(request, basis=decision.basis, action=Action.UPDATE,
                     fields={**_merge_log_fields(one), "detail": f"{detail} (other record {other.pk})"[:300]})
        return decision
    pairs = ((one, other),) if one is other else ((one, other), (other, one))
    for this, that in pairs:
        log_access(user=request.user, action=Action.UPDATE if write else Action.READ,
                   outcome=Outcome.ALLOWED if decision else Outcome.REFUSED, acting_role=decision.basis, request=request,
                   detail=f"{detail} (other record {that.pk})"[:300], **_merge_log_fields(this))
    if not decision:
        raise PermissionDenied(_("Only someone involved with both records, or the team lead of their team, can merge them."))
    return decision


def require_merge_undo(request, merge) -> Decision:
    decision = merge_undo_decision(request.user, merge)
    if decision:
        expect_write(request, basis=decision.basis, action=Action.UPDATE,
                     fields={**_merge_log_fields(merge.kept), "detail": f"undo merge {merge.pk}"})
        return decision
    for this in (merge.kept, merge.merged):
        if this is not None:
            log_access(user=request.user, action=Action.UPDATE, outcome=Outcome.REFUSED, acting_role=decision.basis,
                       request=request, detail=f"undo merge {merge.pk}", **_merge_log_fields(this))
    raise PermissionDenied(_("Only someone involved with the kept record, or the team lead of its team, can undo this merge."))


# --- bulk import from a file (docs/import.md, ADR 0114) -------------------------------------
# Persons and households: a team lead, into the wijken of the teams they lead (the import reports names and
# addresses, so not the functional administrator, who reads no files). The sociale kaart's provisions:
# the functional administrator, who keeps the sociale kaart (configuration, no personal data).
PERSON_IMPORT_ROLES = (RoleCode.TEAM_LEAD,)
PROVISION_IMPORT_ROLES = (RoleCode.FUNCTIONAL_ADMIN,)


def person_import_wijk_ids(user) -> set[int]:
    """The wijken a user may import persons and households into: those of the teams they lead."""
    from eenplan.organisation.models import Team

    if not (getattr(user, "is_authenticated", False) and user.has_role(*PERSON_IMPORT_ROLES)):
        return set()
    return set(Team.wijken.through.objects.filter(team_id__in=lead_team_ids(user)).values_list("wijk_id", flat=True))
