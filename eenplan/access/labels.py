"""Readable (Dutch, through gettext) names for what the log stores as codes: the ground a user
acted on and the kind of record. The log keeps the stable codes; only the pages show these."""

from django.apps import apps
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eenplan.accounts.models import RoleCode

BASIS_LABELS = {
    "betrokken": gettext_lazy("involved in the case"),
    "team_lead:reden": gettext_lazy("team lead, access with a reason"),
    "team_lead:reden:alleen-lezen": gettext_lazy("team lead, access with a reason (read only)"),
    "signaal-team": gettext_lazy("signal routed to own team"),
    "reden": gettext_lazy("with a stated reason"),
    "team": gettext_lazy("member of the signal's team"),
    "anonymous": gettext_lazy("not logged in"),
    "geen rol": gettext_lazy("no role"),
    "inwoner": gettext_lazy("resident (Mijn plan, DigiD)"),
    "inwoner:ander-huishouden": gettext_lazy("resident, not their own household"),
    "inwoner:afgesloten": gettext_lazy("resident, case closed"),
    "inwoner:onbekend": gettext_lazy("resident, BSN not known"),
    # Mijn plan without DigiD and paused (portal ADR 0101)
    "inwoner:gepauzeerd": gettext_lazy("resident, Mijn plan paused"),
    "inwoner:uitnodiging": gettext_lazy("resident (Mijn plan, invitation)"),
    "inwoner:uitnodiging:onbekend": gettext_lazy("invitation: unknown link"),
    "inwoner:uitnodiging:ingetrokken": gettext_lazy("invitation: replaced by a newer one"),
    "inwoner:uitnodiging:gebruikt": gettext_lazy("invitation: already used"),
    "inwoner:uitnodiging:verlopen": gettext_lazy("invitation: expired"),
    "inwoner:uitnodiging:geblokkeerd": gettext_lazy("invitation: blocked after wrong codes"),
    "inwoner:uitnodiging:fout-geblokkeerd": gettext_lazy("invitation: wrong code, now blocked"),
    "inwoner:uitnodiging:foute-code": gettext_lazy("invitation: wrong code"),
    "inwoner:uitnodiging:geen-lid": gettext_lazy("invitation: no longer a member of the household"),
}

RECORD_LABELS = {
    "page": gettext_lazy("page"),
    "session": gettext_lazy("login"),
    "caseload": gettext_lazy("caseload"),
    "team case list": gettext_lazy("team case list"),
    "intake board": gettext_lazy("intake board"),
    "case discussions": gettext_lazy("case discussions"),
    "access log": gettext_lazy("access log"),
    # Models without a verbose name of their own (no migration needed to read them in Dutch):
    "access.AccessGrant": gettext_lazy("access grant"),
    "assessment.ZrmScore": gettext_lazy("ZRM score"),
    "cases.PhaseTransition": gettext_lazy("phase change"),
    "cases.Involvement": gettext_lazy("involvement"),
    "cases.SafetyStatusChange": gettext_lazy("safety status change"),
    "cases.RegieChange": gettext_lazy("change of regie"),
    "cases.PlannedItem": gettext_lazy("planned item"),
    "core.Notification": gettext_lazy("message"),
    "followup.GoalProgress": gettext_lazy("goal progress"),
    "followup.Reopening": gettext_lazy("reopening"),
    "plans.ProblemStatement": gettext_lazy("problem statement"),
    "plans.Solution": gettext_lazy("solution"),
    "plans.RegieReason": gettext_lazy("reason for regie"),
    "safety.MeldcodeStep": gettext_lazy("meldcode step"),
    "safety.FrameworkAnswer": gettext_lazy("answer in the assessment framework"),
    "safety.SafetyCheck": gettext_lazy("safety check"),
    "safety.StutEnSteunCheck": gettext_lazy("stut en steun check"),
    "safety.RegieReview": gettext_lazy("regie review"),
    "socialmap.RequestStatusChange": gettext_lazy("request status change"),
    "socialmap.SharingEnd": gettext_lazy("end of sharing"),
    "socialmap.DiscussionParticipant": gettext_lazy("discussion participant"),
    "socialmap.DiscussionAction": gettext_lazy("discussion action"),
}


# The partner API's grounds (policy.PARTNER_BASIS): "ketenpartner:<basis kinds joined by +>" or a refusal reason.
PARTNER_REFUSALS = {
    "geen-grondslag": gettext_lazy("no valid basis for sharing"),
    "andere-organisatie": gettext_lazy("record of another organisation"),
    "scope": gettext_lazy("token without this scope"),
    "niet-actief": gettext_lazy("partner system not active"),
}


def _partner_label(rest: str) -> str:
    from eenplan.socialmap.models import SharingBasisKind

    if rest in PARTNER_REFUSALS:
        detail = str(PARTNER_REFUSALS[rest])
    else:
        detail = ", ".join(str(SharingBasisKind(k).label) if k in SharingBasisKind.values else k for k in rest.split("+"))
    return _("partner system (API)") + (f": {detail}" if detail else "")


def basis_label(code: str) -> str:
    if not code:
        return ""
    if code in BASIS_LABELS:
        return str(BASIS_LABELS[code])
    if code == "ketenpartner" or code.startswith("ketenpartner:"):
        return _partner_label(code.partition(":")[2])
    parts = []
    for part in code.split(","):
        role, _sep, ground = part.partition(":")  # e.g. `team_lead:reden`: the role and the ground it acted on
        if role in RoleCode.values:
            label = str(RoleCode(role).label)
            parts.append(f"{label} ({basis_label(ground)})" if ground else label)
        else:
            parts.append(str(BASIS_LABELS.get(part, part)))
    return ", ".join(parts)


def record_label(record_type: str) -> str:
    if not record_type:
        return ""
    if record_type in RECORD_LABELS:
        return str(RECORD_LABELS[record_type])
    try:
        return str(apps.get_model(record_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return record_type


def change_rows(before, after) -> list[tuple[str, str, str]]:
    """(field, old, new) rows for the log page."""
    before, after = before or {}, after or {}
    return [(key, _display(before.get(key)), _display(after.get(key))) for key in dict.fromkeys([*before, *after])]


def _display(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(_display(v) for v in value) or "–"
    if isinstance(value, dict):
        if set(value) == {"team", "lead"}:
            return f"{value['team']} ({_('team lead')})" if value["lead"] else str(value["team"])
        return ", ".join(f"{k}: {_display(v)}" for k, v in value.items())
    return str(value)
