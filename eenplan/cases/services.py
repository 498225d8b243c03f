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


def closing_blockers(case: Case) -> list:
    """Why a case may not be closed now, each a `safety.selectors.Blocker` (its `consent` set when a
    safety specialist recorded that the case may close anyway). Safety rules live in the safety app."""
    from eenplan.safety.selectors import safety_closing_blockers

    return safety_closing_blockers(case)


def closing_refusals(case: Case) -> list[str]:
    """The blockers no consent covers: while there are any, the case is not closed."""
    return [b.message for b in closing_blockers(case) if b.consent is None]


def open_items_to_decide(case: Case, *, except_sources=()) -> list[PlannedItem]:
    """The open planned items someone must decide about before the case closes (done, not done,
    cancelled, handed over) — except those the closing process completes itself (`except_sources`)."""
    items = case.planned_items.filter(done_at__isnull=True).select_related("owner").order_by("due_on", "pk")
    return [i for i in items if i.source not in except_sources]


def _decide_items(case: Case, decisions: dict, *, by, at) -> None:
    """Close every open item with its decision; refuse (naming the items) when one is missing or
    incomplete. Nothing is closed silently."""
    from django.utils.formats import date_format

    open_items = open_items_to_decide(case)
    errors = {}
    for item in open_items:
        outcome, note = decisions.get(item.pk, ("", ""))
        if outcome not in ItemOutcome.values:
            errors[f"item_{item.pk}"] = [_("Choose what happens with “%(label)s” (%(date)s): done, not done, cancelled or handed over.") % {
                "label": item.label, "date": date_format(item.due_on, "d-m-Y")}]
        elif outcome != ItemOutcome.DONE and not (note or "").strip():
            errors[f"item_{item.pk}"] = [_("Write why “%(label)s” was not done or is cancelled, or to whom it is handed over.") % {
                "label": item.label}]
    if errors:
        raise ValidationError(errors)
    for item in open_items:
        outcome, note = decisions[item.pk]
        planned_item_close(item=item, outcome=outcome, note=note, by=by, at=at)


@transaction.atomic
def case_close(*, case: Case, by, note: str = "", at=None, items: dict | None = None) -> Case:
    """Close the case. Refused while a safety risk holds that no safety specialist's consent covers;
    every open planned item needs a decision in `items` ({item pk: (outcome, note)})."""
    case = _locked(case)
    if case.phase == Phase.AFGESLOTEN:
        raise ValidationError(_("This case is already closed."))
    blockers = closing_blockers(case)
    if refusals := [b.message for b in blockers if b.consent is None]:
        raise ValidationError(refusals)
    at = at or timezone.now()
    _decide_items(case, items or {}, by=by, at=at)
    consents = {b.consent.pk: b.consent for b in blockers if b.consent is not None}
    for consent in consents.values():
        note = "\n".join(filter(None, [note, _("Closed with the consent of %(who)s (safety specialist): %(reason)s") % {
            "who": consent.by, "reason": consent.reason}]))
    PhaseTransition.objects.create(case=case, from_phase=case.phase, to_phase=Phase.AFGESLOTEN, at=at, by=by, note=note)
    case.phase, case.phase_since, case.closed_at = Phase.AFGESLOTEN, at, at
    case.save(update_fields=["phase", "phase_since", "closed_at"])
    Involvement.objects.filter(case=case, until__isnull=True).update(until=at)
    log_access(user=by, action=Action.UPDATE, record=case,
               detail="closed" + (f" with closing consent {', '.join(str(pk) for pk in consents)}" if consents else ""))
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
