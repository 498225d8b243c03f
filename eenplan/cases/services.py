"""Every state change of a case, one function each. Each opens a transaction, locks the
case, appends history, and writes the access log."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.access.audit import log_access
from eenplan.access.models import Action

from .models import (
    Case,
    Involvement,
    ItemOutcome,
    Phase,
    PhaseTransition,
    PlannedItem,
    RegieChange,
    SafetyStatus,
    SafetyStatusChange,
)


class CaseAlreadyOpen(ValidationError):
    def __init__(self, existing: Case):
        self.existing = existing
        super().__init__(
            _("This household already has an open case (#%(pk)s). Continue in that case.") % {"pk": existing.pk},
            code="case_already_open",
        )


def open_case_of(household) -> Case | None:
    return Case.objects.filter(household=household).exclude(phase=Phase.AFGESLOTEN).first()


@transaction.atomic
def case_open(*, household, team, by, question: str = "", regisseur=None, phase: str = Phase.AANMELDING, at=None) -> Case:
    at = at or timezone.now()
    existing = open_case_of(household)
    if existing is not None:
        raise CaseAlreadyOpen(existing)
    try:
        with transaction.atomic():
            case = Case.objects.create(
                household=household, team=team, phase=phase, phase_since=at, opened_at=at, question=question, regisseur=regisseur
            )
    except IntegrityError:  # a concurrent open won the race
        raise CaseAlreadyOpen(open_case_of(household))
    PhaseTransition.objects.create(case=case, from_phase="", to_phase=phase, at=at, by=by, note=_("Case opened"))
    Involvement.objects.create(case=case, user=by, role_in_case=_("opened the case"), since=at)
    if regisseur is not None and regisseur != by:
        Involvement.objects.create(case=case, user=regisseur, role_in_case=_("regisseur"), since=at)
    if regisseur is not None:
        RegieChange.objects.create(case=case, regisseur=regisseur, at=at, by=by, note=_("Regisseur at opening"))
    log_access(user=by, action=Action.CREATE, record=case)
    return case


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


@transaction.atomic
def case_transition(*, case: Case, to_phase: str, by, note: str = "", at=None) -> Case:
    """Move to any phase: phases may be revisited and overlap in a crisis. Closing and
    reopening have their own functions because they carry their own rules."""
    case = _locked(case)
    if to_phase not in Phase.values:
        raise ValidationError({"to_phase": _("Unknown phase.")})
    if to_phase == Phase.AFGESLOTEN:
        raise ValidationError({"to_phase": _("Use 'close case' to close a case; closing asks the evaluation questions.")})
    if case.phase == Phase.AFGESLOTEN:
        raise ValidationError({"to_phase": _("This case is closed. Reopen it to continue.")})
    if to_phase == case.phase:
        raise ValidationError({"to_phase": _("The case is already in this phase.")})
    at = at or timezone.now()
    PhaseTransition.objects.create(case=case, from_phase=case.phase, to_phase=to_phase, at=at, by=by, note=note)
    case.phase, case.phase_since = to_phase, at
    case.save(update_fields=["phase", "phase_since"])
    log_access(user=by, action=Action.UPDATE, record=case, detail=f"phase -> {to_phase}")
    return case


def closing_blockers(case: Case) -> list[str]:
    """Why a case may not be closed now. Safety rules live in the safety app."""
    from eenplan.safety.selectors import safety_closing_blockers

    return safety_closing_blockers(case)


@transaction.atomic
def case_close(*, case: Case, by, note: str = "", at=None) -> Case:
    case = _locked(case)
    if case.phase == Phase.AFGESLOTEN:
        raise ValidationError(_("This case is already closed."))
    blockers = closing_blockers(case)
    if blockers:
        raise ValidationError(blockers)
    at = at or timezone.now()
    PhaseTransition.objects.create(case=case, from_phase=case.phase, to_phase=Phase.AFGESLOTEN, at=at, by=by, note=note)
    case.phase, case.phase_since, case.closed_at = Phase.AFGESLOTEN, at, at
    case.save(update_fields=["phase", "phase_since", "closed_at"])
    Involvement.objects.filter(case=case, until__isnull=True).update(until=at)
    case.planned_items.filter(done_at__isnull=True).update(done_at=at)
    log_access(user=by, action=Action.UPDATE, record=case, detail="closed")
    return case


@transaction.atomic
def case_set_regisseur(*, case: Case, regisseur, by, regie_kind: str = "", note: str = "", at=None) -> Case:
    """A change of regisseur is a handover: it carries a note."""
    case = _locked(case)
    at = at or timezone.now()
    if case.regisseur_id and regisseur and case.regisseur_id != regisseur.pk and not note.strip():
        raise ValidationError({"note": _("Write a handover note for the new regisseur.")})
    RegieChange.objects.create(case=case, regisseur=regisseur, regie_kind=regie_kind, note=note, at=at, by=by)
    case.regisseur, case.regie_kind = regisseur, regie_kind or case.regie_kind
    case.save(update_fields=["regisseur", "regie_kind"])
    if regisseur is not None and not case.involvements.filter(user=regisseur, until__isnull=True).exists():
        Involvement.objects.create(case=case, user=regisseur, role_in_case=_("regisseur"), since=at)
    log_access(user=by, action=Action.UPDATE, record=case, detail="regisseur changed")
    return case


@transaction.atomic
def case_set_safety_status(*, case: Case, status: str, reason: str, by, at=None) -> Case:
    if status not in SafetyStatus.values:
        raise ValidationError({"status": _("Choose a safety status.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for this safety status.")})
    from eenplan.safety.selectors import safety_status_errors  # children make the question mandatory

    if errors := safety_status_errors(case, status):
        raise ValidationError({"status": errors})
    case = _locked(case)
    at = at or timezone.now()
    SafetyStatusChange.objects.create(case=case, status=status, reason=reason.strip(), at=at, by=by)
    case.safety_status = status
    case.save(update_fields=["safety_status"])
    log_access(user=by, action=Action.UPDATE, record=case, detail=f"safety -> {status}")
    return case


@transaction.atomic
def case_involve(*, case: Case, user, by, role_in_case: str = "", at=None) -> Involvement:
    from eenplan.access.policy import CASE_WORKER_ROLES

    if not user.has_role(*CASE_WORKER_ROLES):
        raise ValidationError({"user": _("Only professionals working on cases can be involved in a case.")})
    existing = case.involvements.filter(user=user, until__isnull=True).first()
    if existing:
        return existing
    involvement = Involvement.objects.create(case=case, user=user, role_in_case=role_in_case, since=at or timezone.now())
    log_access(user=by, action=Action.UPDATE, record=case, detail=f"involved user {user.pk}")
    return involvement


@transaction.atomic
def case_release(*, case: Case, user, by, at=None) -> None:
    if case.regisseur_id == user.pk:
        raise ValidationError({"user": _("The regisseur cannot be removed; hand over regie first.")})
    case.involvements.filter(user=user, until__isnull=True).update(until=at or timezone.now())
    log_access(user=by, action=Action.UPDATE, record=case, detail=f"released user {user.pk}")


@transaction.atomic
def planned_item_add(*, case: Case, kind: str, label: str, due_on, by, owner=None, source: str = "") -> PlannedItem:
    item = PlannedItem.objects.create(case=case, kind=kind, label=label, due_on=due_on, owner=owner, source=source)
    log_access(user=by, action=Action.CREATE, record=item, case_id=case.pk, household_id=case.household_id)
    return item


@transaction.atomic
def planned_item_done(*, item: PlannedItem, by, at=None) -> PlannedItem:
    """Closed by the process that planned it (a check recorded, the next date planned)."""
    item.done_at = at or timezone.now()
    item.save(update_fields=["done_at"])
    log_access(user=by, action=Action.UPDATE, record=item, case_id=item.case_id)
    return item


@transaction.atomic
def planned_item_close(*, item: PlannedItem, outcome: str, by, note: str = "", at=None) -> PlannedItem:
    """A person closes an item: done, not done or cancelled (with the reason), or handed over (to whom)."""
    note = (note or "").strip()
    if outcome not in ItemOutcome.values:
        raise ValidationError({"outcome": _("Choose what happens with this item.")})
    if outcome != ItemOutcome.DONE and not note:
        raise ValidationError({"note": _("Write why it was not done, why it is cancelled, or to whom it is handed over.")})
    item = PlannedItem.objects.select_for_update().get(pk=item.pk)
    if item.done_at is not None:
        raise ValidationError(_("This item was already closed."))
    item.done_at, item.outcome, item.outcome_note, item.closed_by = at or timezone.now(), outcome, note, by
    item.save(update_fields=["done_at", "outcome", "outcome_note", "closed_by"])
    log_access(user=by, action=Action.UPDATE, record=item, case_id=item.case_id, detail=f"planned item {outcome}")
    return item
