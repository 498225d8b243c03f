"""Every write of an assessment record, one function each.

Each opens a transaction, locks the case, writes the access log, and raises
`ValidationError` with a Dutch-translated message on bad input (nothing half-written).
Measurements are append-only: a new measurement is a new row, never an edit.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.access.audit import log_access
from eenplan.access.models import Action
from eenplan.cases.models import Case, Phase
from eenplan.people.ages import age_on

from . import selectors
from .models import (
    AssessmentQuestion,
    Big5Action,
    Big5Domain,
    Big5Entry,
    ContactFrequency,
    Domain,
    Instrument,
    NetworkKind,
    NetworkMember,
    ParticipationLevel,
    ParticipationMeasurement,
    QuestionFrame,
    SolutionFrame,
    Strength,
    Term,
    View,
    WatTeltEntry,
    ZrmMeasurement,
    ZrmScore,
)

NOT_APPLICABLE = "nvt"
DUPLICATE_WINDOW = timedelta(minutes=10)  # the same measurement sent again within this time is one measurement
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
    same = _same_measurement(case=case, person=person, instrument=instrument, measured_on=measured_on, by=by, note=note, parsed=parsed)
    if same is not None:  # a double click or a resend: the measurement is there already (the case row is locked)
        return same
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


def _same_measurement(*, case, person, instrument, measured_on, by, note, parsed) -> ZrmMeasurement | None:
    """The same measurement (same member, date, scores, note and professional) recorded minutes ago, if any."""
    wanted = {domain_id: (None, True) if value == NOT_APPLICABLE else (value, False) for domain_id, value in parsed.items()}
    recent = ZrmMeasurement.objects.filter(
        case=case, person=person, instrument=instrument, measured_on=measured_on, by=by, note=_text(note),
        created_at__gte=timezone.now() - DUPLICATE_WINDOW,
    ).prefetch_related("scores")
    for measurement in recent:
        if {s.domain_id: (s.score, s.not_applicable) for s in measurement.scores.all()} == wanted:
            return measurement
    return None


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
        age = age_on(person, measured_on)
        if age is not None and age < ADULT_AGE:
            errors["person"] = [_("The participation ladder is for adults; %(name)s was younger than 18 on that date.") % {"name": person.full_name}]
    if errors:
        raise ValidationError(errors)
    row = ParticipationMeasurement.objects.create(
        case=case, person=person, level=level, measured_on=measured_on, by=by, note=_text(note)
    )
    log_access(user=by, action=Action.CREATE, record=row, detail=f"participatieladder {level}")
    return row


# --- Big 5 ---------------------------------------------------------------------------------


@transaction.atomic
def big5_save(*, case: Case, domain: str, current: str, ideal: str, by) -> Big5Entry:
    """Save the current and ideal situation on one Big 5 domain (in the resident's words)."""
    case = _locked_open_case(case)
    if domain not in Big5Domain.values:
        raise ValidationError({"domain": _("Choose one of the five Big 5 domains.")})
    current, ideal = _text(current), _text(ideal)
    entry = Big5Entry.objects.select_for_update().filter(case=case, domain=domain).first()
    before = None
    if entry is None:
        if not current and not ideal:
            raise ValidationError({"current": _("Write how it is now or how it should be, in the resident's words.")})
        entry = Big5Entry.objects.create(case=case, domain=domain, current=current, ideal=ideal, updated_by=by)
        action = Action.CREATE
    else:
        before = {"current": entry.current, "ideal": entry.ideal}  # overwritten text stays in the log
        entry.current, entry.ideal, entry.updated_by, entry.updated_at = current, ideal, by, timezone.now()
        entry.save(update_fields=["current", "ideal", "updated_by", "updated_at"])
        action = Action.UPDATE
    log_access(user=by, action=action, record=entry, detail=f"Big 5 {domain}", before=before,
               after={"current": current, "ideal": ideal})
    return entry


@transaction.atomic
def big5_action_add(*, case: Case, domain: str, text: str, term: str, by, who: str = "") -> Big5Action:
    case = _locked_open_case(case)
    if domain not in Big5Domain.values:
        raise ValidationError({"domain": _("Choose one of the five Big 5 domains.")})
    text = _text(text)
    errors = {}
    if not text:
        errors["text"] = [_("Describe the action.")]
    if term not in Term.values:
        errors["term"] = [_("Choose short term or long term.")]
    if errors:
        raise ValidationError(errors)
    entry, created = Big5Entry.objects.get_or_create(case=case, domain=domain, defaults={"updated_by": by})
    if created:
        log_access(user=by, action=Action.CREATE, record=entry, detail=f"Big 5 {domain}")
    row = Big5Action.objects.create(entry=entry, text=text, term=term, who=_text(who), created_by=by)
    log_access(user=by, action=Action.CREATE, record=row, case_id=case.pk, detail=f"Big 5 action {domain}")
    return row


@transaction.atomic
def big5_action_done(*, action: Big5Action, by) -> Big5Action:
    action = Big5Action.objects.select_for_update().select_related("entry").get(pk=action.pk)
    _locked_open_case(action.entry.case)
    if action.done_at is None:
        action.done_at = timezone.now()
        action.save(update_fields=["done_at"])
        log_access(user=by, action=Action.UPDATE, record=action, case_id=action.entry.case_id, detail="Big 5 action done")
    return action


# --- Wat Telt ------------------------------------------------------------------------------


@transaction.atomic
def wat_telt_record(
    *, case: Case, person, domain: Domain, view: str, by, important: bool = False, how_it_goes: str = "", goal: str = ""
) -> WatTeltEntry:
    """Add a view on one life domain. A new row each time: the resident's view stays beside
    the professional's, and earlier words stay in the history."""
    case = _locked_open_case(case)
    errors = {}
    if person is None:
        errors["person"] = [_("Choose whose Wat Telt this is: every entry belongs to one household member.")]
    elif not selectors.is_member(case, person):
        errors["person"] = [_("This person is not a member of the household of this case.")]
    if domain is None:
        errors["domain"] = [_("Choose the life domain.")]
    if view not in View.values:
        errors["view"] = [_("Choose whose view this is: the resident's or the professional's.")]
    how_it_goes, goal = _text(how_it_goes), _text(goal)
    if not errors and not (important or how_it_goes or goal):
        errors["how_it_goes"] = [_("Write how it is going, a goal, or mark the domain as important.")]
    if errors:
        raise ValidationError(errors)
    entry = WatTeltEntry.objects.create(
        case=case, person=person, domain=domain, view=view, important=bool(important), how_it_goes=how_it_goes, goal=goal, by=by
    )
    log_access(user=by, action=Action.CREATE, record=entry, detail=f"Wat Telt ({view})")
    return entry


# --- strengths and network -----------------------------------------------------------------


@transaction.atomic
def strength_add(*, case: Case, text: str, by, person=None) -> Strength:
    case = _locked_open_case(case)
    text = _text(text)
    if not text:
        raise ValidationError({"text": _("Describe the strength or resource.")})
    if person is not None and not selectors.is_member(case, person):
        raise ValidationError({"person": _("This person is not a member of the household of this case.")})
    row = Strength.objects.create(case=case, person=person, text=text, by=by)
    log_access(user=by, action=Action.CREATE, record=row, detail="strength")
    return row


@transaction.atomic
def network_member_add(
    *, case: Case, name: str, kind: str, contact: str, by, relation: str = "", does: str = "", could_do: str = ""
) -> NetworkMember:
    case = _locked_open_case(case)
    name = _text(name)
    errors = {}
    if not name:
        errors["name"] = [_("Give a name or description, for example 'aunt Fatma' or 'neighbour at no. 12'.")]
    if kind not in NetworkKind.values:
        errors["kind"] = [_("Choose who this is: family, friends, neighbours, volunteers or professionals.")]
    if contact not in ContactFrequency.values:
        errors["contact"] = [_("Choose how often there is contact.")]
    if errors:
        raise ValidationError(errors)
    row = NetworkMember.objects.create(
        case=case, name=name, kind=kind, contact=contact, relation=_text(relation), does=_text(does), could_do=_text(could_do), by=by
    )
    log_access(user=by, action=Action.CREATE, record=row, detail="network member")
    return row


@transaction.atomic
def network_member_end(*, member: NetworkMember, by) -> NetworkMember:
    member = NetworkMember.objects.select_for_update().get(pk=member.pk)
    _locked_open_case(member.case)
    if member.ended_at is None:
        member.ended_at = timezone.now()
        member.save(update_fields=["ended_at"])
        log_access(user=by, action=Action.UPDATE, record=member, detail="network member ended")
    return member


# --- questions and frames ------------------------------------------------------------------


@transaction.atomic
def question_record(*, case: Case, text: str, frames: dict, by, person=None, domain: Domain | None = None) -> AssessmentQuestion:
    """A question from the conversation with what each of the four frames offers.

    `frames` maps a `SolutionFrame` value to `{"note": str, "chosen": bool}`; frames left
    empty were not (yet) considered.
    """
    case = _locked_open_case(case)
    text = _text(text)
    errors = {}
    if not text:
        errors["text"] = [_("Write the question, preferably in the resident's words.")]
    if person is not None and not selectors.is_member(case, person):
        errors["person"] = [_("This person is not a member of the household of this case.")]
    unknown = set(frames or {}) - set(SolutionFrame.values)
    if unknown:
        errors["frames"] = [_("Unknown solution frame.")]
    if errors:
        raise ValidationError(errors)
    question = AssessmentQuestion.objects.create(case=case, person=person, domain=domain, text=text, by=by)
    rows = []
    for frame in SolutionFrame.values:
        value = (frames or {}).get(frame) or {}
        note, chosen = _text(value.get("note")), bool(value.get("chosen"))
        if note or chosen:
            rows.append(QuestionFrame(question=question, frame=frame, note=note, chosen=chosen))
    QuestionFrame.objects.bulk_create(rows)
    log_access(user=by, action=Action.CREATE, record=question, detail=f"question, {len(rows)} frames")
    return question
