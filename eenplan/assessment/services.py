"""Every write of an assessment record, one function each.

Each opens a transaction, locks the case, writes the access log, and raises
`ValidationError` with a Dutch-translated message on bad input (nothing half-written).
Measurements are append-only: a new measurement is a new row, never an edit.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.access.audit import log_access
from eenplan.access.models import Action
from eenplan.cases.models import Case, Phase

from . import selectors
from .models import (
    Domain,
    Instrument,
    ParticipationLevel,
    ParticipationMeasurement,
    ZrmMeasurement,
    ZrmScore,
)

NOT_APPLICABLE = "nvt"
ADULT_AGE = 18


def score_field(domain_id) -> str:
    """The form/error key of a domain's score: `score_<domain id>`."""
    return f"score_{domain_id}"


# --- helpers -------------------------------------------------------------------------------


def _locked_open_case(case: Case) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.phase == Phase.AFGESLOTEN:
        raise ValidationError(_("This case is closed. Reopen it to add to the assessment."))
    return case


def _require_member(case: Case, person):
    if person is None:
        raise ValidationError({"person": _("Choose the household member this is about.")})
    if not selectors.is_member(case, person):
        raise ValidationError({"person": _("This person is not a member of the household of this case.")})


def _measured_on(value, field: str = "measured_on") -> date:
    if value is None:
        raise ValidationError({field: _("Give the date of the measurement.")})
    if value > timezone.localdate():
        raise ValidationError({field: _("The date of the measurement is in the future. Give today's date or an earlier one.")})
    return value


def _text(value) -> str:
    return (value or "").strip()


def _parse_score(raw, *, scale_min: int, scale_max: int):
    """None (not scored), NOT_APPLICABLE, or an int within the scale; otherwise ValueError."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, str):
        raw = raw.strip().lower()
        if raw in ("nvt", "n.v.t.", "not_applicable"):
            return NOT_APPLICABLE
        if not raw.lstrip("-").isdigit():
            raise ValueError(raw)
        raw = int(raw)
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise ValueError(raw)
    if raw < scale_min or raw > scale_max:
        raise ValueError(raw)
    return raw


# --- ZRM -----------------------------------------------------------------------------------


@transaction.atomic
def zrm_measurement_record(
    *,
    case: Case,
    person,
    measured_on: date,
    scores: dict,
    by,
    instrument: Instrument | None = None,
    note: str = "",
) -> ZrmMeasurement:
    """Record a ZRM measurement: `scores` maps a domain id to 1–5, None (not scored) or "nvt".

    No domain is mandatory, but a measurement needs at least one domain scored or marked
    not applicable. Errors are keyed `score_<domain id>`, `measured_on`, `person`.
    """
    case = _locked_open_case(case)
    _require_member(case, person)
    instrument = instrument or selectors.current_instrument()
    if instrument.retired:
        raise ValidationError(
            {"instrument": _("This version of the ZRM is kept only to read old measurements. Use the current version.")}
        )
    errors = {}
    try:
        measured_on = _measured_on(measured_on)
    except ValidationError as e:
        errors.update(e.message_dict)
    domains = {d.pk: d for d in Domain.objects.filter(instrument=instrument)}
    parsed = {}
    for key, raw in (scores or {}).items():
        try:
            domain_id = int(getattr(key, "pk", key))
        except (TypeError, ValueError):
            domain_id = None
        if domain_id not in domains:
            errors.setdefault("scores", []).append(_("A score was given for a domain that is not part of %(instrument)s.") % {"instrument": instrument.name})
            continue
        try:
            value = _parse_score(raw, scale_min=instrument.scale_min, scale_max=instrument.scale_max)
        except ValueError:
            errors[score_field(domain_id)] = [
                _("%(domain)s: choose a score from %(min)s to %(max)s, or 'not applicable'.")
                % {"domain": domains[domain_id].name, "min": instrument.scale_min, "max": instrument.scale_max}
            ]
            continue
        if value is not None:
            parsed[domain_id] = value
    if not errors and not parsed:
        errors["scores"] = [_("Score at least one domain, or mark it 'not applicable'. No domain is mandatory: score what matters for the question.")]
    if errors:
        raise ValidationError(errors)
    measurement = ZrmMeasurement.objects.create(
        case=case, person=person, instrument=instrument, measured_on=measured_on, by=by, note=_text(note)
    )
    ZrmScore.objects.bulk_create(
        ZrmScore(
            measurement=measurement,
            domain_id=domain_id,
            score=None if value == NOT_APPLICABLE else value,
            not_applicable=value == NOT_APPLICABLE,
        )
        for domain_id, value in parsed.items()
    )
    log_access(user=by, action=Action.CREATE, record=measurement, detail=f"ZRM measurement, {len(parsed)} domains")
    return measurement


# --- participatieladder --------------------------------------------------------------------


@transaction.atomic
def participation_record(*, case: Case, person, level, measured_on: date, by, note: str = "") -> ParticipationMeasurement:
    """Record the participatieladder step of an adult household member (append-only)."""
    case = _locked_open_case(case)
    _require_member(case, person)
    errors = {}
    try:
        measured_on = _measured_on(measured_on)
    except ValidationError as e:
        errors.update(e.message_dict)
    try:
        level = int(level)
    except (TypeError, ValueError):
        level = None
    if level not in ParticipationLevel.values:
        errors["level"] = [_("Choose a step on the participation ladder from 1 to 6.")]
    if "measured_on" not in errors:
        age = selectors.age_on(person, measured_on)
        if age is not None and age < ADULT_AGE:
            errors["person"] = [_("The participation ladder is for adults; %(name)s was younger than 18 on that date.") % {"name": person.full_name}]
    if errors:
        raise ValidationError(errors)
    row = ParticipationMeasurement.objects.create(
        case=case, person=person, level=level, measured_on=measured_on, by=by, note=_text(note)
    )
    log_access(user=by, action=Action.CREATE, record=row, detail=f"participatieladder {level}")
    return row
