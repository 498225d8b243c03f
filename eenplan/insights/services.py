"""State changes of the insights app: writing and withdrawing a vertelpunt."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.access.audit import log_access
from eenplan.access.models import Action, Outcome
from eenplan.access.policy import member_team_ids

from .models import Vertelpunt
from .privacy import find_personal_data


@transaction.atomic
def vertelpunt_create(*, team, theme, tone: str, text: str, by, wijk=None) -> Vertelpunt:
    """A professional shares what goes well or not. Refused when the text holds personal data."""
    text = (text or "").strip()
    if team.pk not in member_team_ids(by):
        raise PermissionDenied(_("You can only write a vertelpunt for a team you belong to."))
    if wijk is not None and not team.wijken.filter(pk=wijk.pk).exists():
        raise ValidationError({"wijk": _("Choose a wijk your team works in.")})
    if len(text) < 20:
        raise ValidationError({"text": _("Write at least a sentence or two (20 characters or more).")})
    found = find_personal_data(text)
    if found:
        raise ValidationError({"text": _("A vertelpunt may not contain personal data. Remove: %(found)s.") % {"found": "; ".join(found)}})
    if not theme.active:
        raise ValidationError({"theme": _("This theme is no longer in use; choose another.")})
    note = Vertelpunt.objects.create(team=team, wijk=wijk, theme=theme, tone=tone, text=text, written_by=by, written_at=timezone.now())
    log_access(user=by, action=Action.CREATE, record=note, detail="vertelpunt (no personal data)")
    return note


def vertelpunt_withdraw(*, note: Vertelpunt, by) -> Vertelpunt:
    # The author never changes, so the refusal is decided (and logged) outside the transaction
    # that would otherwise roll its log line back.
    if note.written_by_id != by.pk:
        log_access(user=by, action=Action.UPDATE, record=note, outcome=Outcome.REFUSED,
                   acting_role=",".join(sorted(by.role_codes())), detail="vertelpunt withdraw: not the author")
        raise PermissionDenied(_("Only the author can withdraw a vertelpunt."))
    return _withdraw(note, by)


@transaction.atomic
def _withdraw(note, by):
    note = Vertelpunt.objects.select_for_update().get(pk=note.pk)
    if note.withdrawn_at is None:
        note.withdrawn_at = timezone.now()
        note.save(update_fields=["withdrawn_at"])
        log_access(user=by, action=Action.UPDATE, record=note, detail="vertelpunt withdrawn")
    return note
