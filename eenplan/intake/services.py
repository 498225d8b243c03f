"""Every state change of the intake, one function each.

Each opens a transaction, locks what it changes, writes the access log, and raises
`ValidationError` with a translated message on bad input (nothing half-written).
"""

import hashlib
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.access.audit import log_access
from eenplan.access.models import Action
from eenplan.accounts.models import RoleCode, TeamMembership
from eenplan.cases import services as case_services
from eenplan.cases.models import Phase, PlannedItem, SafetyStatus
from eenplan.core.services import notify
from eenplan.organisation.models import Team, Wijk
from eenplan.people import services as people_services
from eenplan.people.models import MemberRole
from eenplan.people.validators import normalise_postcode, validate_postcode

from .models import (
    NEVER_REACHED,
    AttemptKind,
    Channel,
    ContactAttempt,
    DutyDay,
    SafetyAnswer,
    Signal,
    SignalStatus,
    SignalType,
    SourceType,
    Triage,
    TriageDecision,
    Urgency,
    YesNoUnknown,
)

# Triage's safety answer → the case's safety status ('no' is the 'no concerns' status, not 'unknown').
SAFETY_STATUS_FOR = {
    SafetyAnswer.YES: SafetyStatus.ONVEILIG,
    SafetyAnswer.CONCERNS: SafetyStatus.ZORGEN,
    SafetyAnswer.NO: SafetyStatus.VEILIG,
    SafetyAnswer.UNKNOWN: SafetyStatus.ONBEKEND,
}
SAFETY_NOTE_NEEDED = {SafetyAnswer.YES, SafetyAnswer.CONCERNS, SafetyAnswer.UNKNOWN}

PLANNED_KIND = "eropaf"
SIGNAL_WORKERS = (RoleCode.PROFESSIONAL, RoleCode.FRONT_OFFICE, RoleCode.SAFETY_SPECIALIST, RoleCode.TEAM_LEAD)
DUPLICATE_WINDOW = timedelta(minutes=10)


# --- helpers -------------------------------------------------------------------------------


def address_key(postcode: str, house_number, addition: str = "") -> str:
    """The key that groups repeat signals about one address: '3511AB|12|a'."""
    compact = (postcode or "").replace(" ", "").upper()
    if not compact or not house_number:
        return ""
    return f"{compact}|{house_number}|{(addition or '').strip().lower()}"


def wijk_for_postcode(postcode: str) -> Wijk | None:
    area = (postcode or "").replace(" ", "")[:4]
    if len(area) != 4:
        return None
    for wijk in Wijk.objects.all():
        if area in wijk.postcode_area_list():
            return wijk
    return None


def team_for_wijk(wijk: Wijk | None) -> Team | None:
    if wijk is None:
        return None
    return Team.objects.filter(wijken=wijk).order_by("pk").first()


def on_duty(team: Team | None, day: date):
    if team is None:
        return None
    duty = DutyDay.objects.filter(team=team, day=day).select_related("user").first()
    return duty.user if duty else None


def deadline_for(*, signal_type: SignalType | None, reported_on: date, arrears_months=None) -> date | None:
    """The deadline rule of the signal type: contact within N days of the partner's signal,
    for arrears only from the configured number of months."""
    if signal_type is None or not signal_type.contact_within_days:
        return None
    if signal_type.arrears_months_from and (arrears_months or 0) < signal_type.arrears_months_from:
        return None
    return reported_on + timedelta(days=signal_type.contact_within_days)


def rule_applies(signal: Signal) -> bool:
    st = signal.signal_type
    if st is None:
        return False
    return not st.arrears_months_from or (signal.arrears_months or 0) >= st.arrears_months_from


def _text(value) -> str:
    return (value or "").strip()


def _signal_team_users(signal: Signal, role: str):
    if signal.team_id is None:
        return []
    members = TeamMembership.objects.filter(team_id=signal.team_id, user__roles__code=role, user__is_active=True)
    return [m.user for m in members.select_related("user").distinct()]


# --- registering ---------------------------------------------------------------------------


@transaction.atomic
def signal_register(
    *,
    by,
    channel: str,
    source: SourceType,
    description: str,
    signal_type: SignalType | None = None,
    team: Team | None = None,
    wijk: Wijk | None = None,
    received_at: datetime | None = None,
    reported_on: date | None = None,
    reporter_name: str = "",
    reporter_organisation: str = "",
    reporter_phone: str = "",
    reporter_email: str = "",
    person=None,
    household=None,
    subject_name: str = "",
    subject_phone: str = "",
    street: str = "",
    house_number=None,
    house_number_addition: str = "",
    postcode: str = "",
    city: str = "",
    urgency: str = "",
    arrears_months=None,
    safety_concern: bool = False,
    deadline: date | None = None,
    assigned_to=None,
    submission_token: str | None = None,
    content_key: str = "",
) -> Signal:
    """Register a signal or intake. The person need not be known, but there must be a way to find them."""
    received_at = received_at or timezone.now()
    reported_on = reported_on or timezone.localdate(received_at)
    errors = {}
    description = _text(description)
    if not description:
        errors["description"] = _("Describe what was seen or asked.")
    if channel not in Channel.values:
        errors["channel"] = _("Choose how the signal came in.")
    if urgency and urgency not in Urgency.values:
        errors["urgency"] = _("Choose an urgency.")
    if reported_on > timezone.localdate(received_at):
        errors["reported_on"] = _("This date is in the future.")
    postcode = normalise_postcode(postcode) if postcode else ""
    if postcode:
        try:
            validate_postcode(postcode)
        except ValidationError as exc:
            errors["postcode"] = exc.messages
    if source is not None and source.reporter_is_subject:
        subject_name = subject_name or reporter_name
        subject_phone = subject_phone or reporter_phone
    if household is not None and not (postcode or house_number):
        street, house_number, house_number_addition = household.street, household.house_number, household.house_number_addition
        postcode, city = household.postcode, household.city
    if person is not None:
        subject_name = subject_name or person.full_name
        subject_phone = subject_phone or person.phone
        if not (postcode or house_number):
            street, house_number, house_number_addition = person.street, person.house_number, person.house_number_addition
            postcode, city = person.postcode, person.city
    has_address = bool(house_number and (postcode or _text(street)))
    if not (has_address or _text(subject_name) or _text(subject_phone) or person or household):
        errors["__all__"] = _(
            "We cannot find the resident this way. Give at least an address (postcode or street with house number), "
            "a name or a phone number."
        )
    if signal_type is not None and signal_type.arrears_months_from and arrears_months is None:
        errors["arrears_months"] = _("This kind of signal is about payment arrears: give the number of months.")
    if errors:
        raise ValidationError(errors)

    wijk = wijk or (household.wijk if household is not None else None) or wijk_for_postcode(postcode)
    team = team or team_for_wijk(wijk)
    duty = on_duty(team, timezone.localdate(received_at))
    rule_deadline = deadline_for(signal_type=signal_type, reported_on=reported_on, arrears_months=arrears_months)
    deadline = min(d for d in [deadline, rule_deadline] if d) if (deadline or rule_deadline) else None
    signal = Signal(
        team=team, wijk=wijk, channel=channel, source=source, signal_type=signal_type, received_at=received_at,
        reported_on=reported_on, reporter_name=_text(reporter_name), reporter_organisation=_text(reporter_organisation),
        reporter_phone=_text(reporter_phone), reporter_email=_text(reporter_email), person=person, household=household,
        subject_name=_text(subject_name), subject_phone=_text(subject_phone), street=_text(street), house_number=house_number,
        house_number_addition=_text(house_number_addition), postcode=postcode, city=_text(city),
        address_key=address_key(postcode, house_number, house_number_addition), description=description,
        urgency=urgency or (signal_type.default_urgency if signal_type else Urgency.NORMAAL), arrears_months=arrears_months,
        safety_concern=bool(safety_concern), deadline=deadline, on_duty=duty, assigned_to=assigned_to or duty,
        created_by=by if getattr(by, "pk", None) else None, submission_token=submission_token or None, content_key=content_key,
    )
    if signal_type is not None and rule_applies(signal) and signal_type.step_list():
        signal.next_attempt_kind = signal_type.step_list()[0]
        signal.next_attempt_on = timezone.localdate(received_at)
    signal.save()
    log_access(user=by, action=Action.CREATE, record=signal, detail=f"signal via {channel}")
    if signal.assigned_to is not None and signal.assigned_to != by:
        notify(users=[signal.assigned_to], kind="new_signal", url=reverse("intake:signal", args=[signal.pk]),
               message=_("A new signal (#%(pk)s) is assigned to you.") % {"pk": signal.pk})
    return signal


def public_content_key(**fields) -> str:
    text = "|".join(f"{k}={_text(str(v or '')).lower()}" for k, v in sorted(fields.items()))
    return hashlib.sha256(text.encode()).hexdigest()


def public_signal_problems(*, source: SourceType | None = None, reporter_name: str = "", reporter_phone: str = "",
                           reporter_email: str = "", subject_name: str = "", street: str = "", postcode: str = "",
                           house_number=None, **_ignored) -> dict:
    """The public form's rules, all at once: the form shows every problem in one round (the view
    calls this even when some fields did not parse, with what did)."""
    errors = {}
    if not (_text(reporter_phone) or _text(reporter_email)):
        errors["reporter_phone"] = _("Give a phone number or an e-mail address, so we can reach you.")
    if _text(postcode):
        try:
            validate_postcode(normalise_postcode(postcode))
        except ValidationError as exc:
            errors["postcode"] = exc.messages
    place = _text(postcode) or _text(street)
    if house_number and not place:
        errors["street"] = _("Give the street or the postcode with the house number.")
    elif place and not house_number and not _text(subject_name):
        errors["house_number"] = _("Give the house number too, or the name of the person it is about.")
    about_self = source is not None and source.reporter_is_subject and (_text(reporter_name) or _text(reporter_phone))
    if not (place or house_number or _text(subject_name) or about_self):
        errors["subject_name"] = _("Give the name or the address (street or postcode, and house number) of the person it is about.")
    return errors


def public_signal_submit(*, token: str, source: SourceType, description: str, reporter_name: str = "", reporter_phone: str = "",
                         reporter_email: str = "", subject_name: str = "", street: str = "", postcode: str = "", house_number=None,
                         house_number_addition: str = "", urgent: bool = False, safety_concern: bool = False) -> tuple[Signal, bool]:
    """A submission of the public web form. A resend (same token) or the same content within
    minutes returns the first signal instead of making a second one. Nothing here looks up
    residents, so the answer is the same whether or not the person is known (ADR 0012)."""
    token = _text(token)[:64] or None
    if token:
        existing = Signal.objects.filter(submission_token=token).first()
        if existing is not None:
            return existing, False
    key = public_content_key(source=source.pk, description=description, reporter_phone=reporter_phone, reporter_email=reporter_email,
                             subject_name=subject_name, street=street, postcode=(postcode or "").replace(" ", ""),
                             house_number=house_number, house_number_addition=house_number_addition)
    recent = Signal.objects.filter(content_key=key, channel=Channel.WEB_FORM, received_at__gte=timezone.now() - DUPLICATE_WINDOW).first()
    if recent is not None:
        return recent, False
    if errors := public_signal_problems(source=source, reporter_name=reporter_name, reporter_phone=reporter_phone,
                                        reporter_email=reporter_email, subject_name=subject_name, street=street,
                                        postcode=postcode, house_number=house_number):
        raise ValidationError(errors)
    signal_type = SignalType.objects.filter(for_public_form=True, active=True).order_by("pk").first()
    try:
        with transaction.atomic():
            signal = signal_register(
                by=None, channel=Channel.WEB_FORM, source=source, description=description, signal_type=signal_type,
                reporter_name=reporter_name, reporter_phone=reporter_phone, reporter_email=reporter_email,
                subject_name=subject_name, street=street, postcode=postcode, house_number=house_number,
                house_number_addition=house_number_addition, urgency=Urgency.HOOG if urgent else "",
                safety_concern=safety_concern, submission_token=token, content_key=key,
            )
    except (IntegrityError, OperationalError):  # the same token won a race (a double click); on SQLite the loser may
        # instead have waited in vain for the write lock (ADR 0006). Either way: answer with the winner's signal.
        existing = Signal.objects.filter(submission_token=token).first() if token else None
        if existing is None:
            raise
        return existing, False
    return signal, True


def public_response_days() -> int | None:
    st = SignalType.objects.filter(for_public_form=True, active=True).order_by("pk").first()
    return st.contact_within_days if st else None


# --- working on a signal -------------------------------------------------------------------


def _locked(signal: Signal) -> Signal:
    return Signal.objects.select_for_update().get(pk=signal.pk)


@transaction.atomic
def signal_assign(*, signal: Signal, user, by) -> Signal:
    signal = _locked(signal)
    if user is not None and signal.team_id and not user.memberships.filter(team_id=signal.team_id).exists():
        raise ValidationError({"user": _("Choose someone from the signal's team.")})
    if user is not None and not user.has_role(*SIGNAL_WORKERS):
        raise ValidationError({"user": _("Choose someone who works on signals.")})
    before = {"assigned_to": signal.assigned_to_id}
    signal.assigned_to = user
    signal.save(update_fields=["assigned_to"])
    log_access(user=by, action=Action.UPDATE, record=signal, detail=f"assigned to {getattr(user, 'pk', None)}",
               before=before, after={"assigned_to": getattr(user, "pk", None)})
    return signal


@transaction.atomic
def signal_link(*, signal: Signal, by, household=None, person=None) -> Signal:
    """Link the signal to a household (and/or person) now that they are known."""
    signal = _locked(signal)
    if household is None and person is None:
        raise ValidationError(_("Choose a household or a person."))
    fields = ["household", "person", "wijk", "team"]
    before = {f + "_id": getattr(signal, f + "_id") for f in fields}
    if household is not None:
        signal.household = household
        signal.wijk = signal.wijk or household.wijk
        if signal.team_id is None:
            signal.team = team_for_wijk(household.wijk)
    if person is not None:
        signal.person = person
    signal.save(update_fields=fields)
    log_access(user=by, action=Action.UPDATE, record=signal, detail="linked to household/person", before=before,
               after={f + "_id": getattr(signal, f + "_id") for f in fields})
    return signal


def _signal_source(signal: Signal) -> str:
    return f"intake.Signal:{signal.pk}"


def _close_planned(signal: Signal, by):
    if signal.case_id is None:
        return
    for item in PlannedItem.objects.filter(case_id=signal.case_id, source=_signal_source(signal), done_at__isnull=True):
        case_services.planned_item_done(item=item, by=by)


def _plan_next(signal: Signal, *, kind: str, on: date | None, by):
    """The next attempt: a PlannedItem when the signal has a case (the caseload reads one table), else on the signal."""
    _close_planned(signal, by)
    if signal.case_id is not None:
        signal.next_attempt_on, signal.next_attempt_kind = None, ""
        if on is not None:
            label = _("Outreach: %(what)s") % {"what": AttemptKind(kind).label if kind else _("contact attempt")}
            case_services.planned_item_add(case=signal.case, kind=PLANNED_KIND, label=label, due_on=on, by=by,
                                           owner=signal.assigned_to, source=_signal_source(signal))
    else:
        signal.next_attempt_on, signal.next_attempt_kind = on, (kind if on else "")


def _rule_next_kind(signal: Signal, done_kinds: list[str]) -> str:
    if signal.signal_type is None or not rule_applies(signal):
        return ""
    for step in signal.signal_type.step_list():
        if step not in done_kinds:
            return step
    return ""


def outreach_continues(signal: Signal) -> bool:
    """After triage, contact attempts are still recorded on the signal only while the case it
    opened has not reached the resident yet (triage planned the next attempt for the case)."""
    if signal.status == SignalStatus.OPEN:
        return True
    return signal.status == SignalStatus.TRIAGED and signal.case_id is not None and signal.first_contact_at is None


@transaction.atomic
def signal_set_subject(*, signal: Signal, by, subject_name: str = "", subject_phone: str = "") -> Signal:
    """The resident's name and phone as learned (at first contact, say). Logged with old and new values."""
    signal = _locked(signal)
    if signal.status != SignalStatus.OPEN:
        raise ValidationError(_("Only an open signal can be changed."))
    new = {"subject_name": _text(subject_name), "subject_phone": _text(subject_phone)}
    before = {k: getattr(signal, k) for k in new if getattr(signal, k) != new[k]}
    if not before:
        return signal
    after = {k: new[k] for k in before}
    for k, v in after.items():
        setattr(signal, k, v)
    signal.save(update_fields=list(after))
    log_access(user=by, action=Action.UPDATE, record=signal, detail="changed: " + ", ".join(after), before=before, after=after)
    return signal


@transaction.atomic
def contact_attempt_log(*, signal: Signal, kind: str, reached: bool, by, at: datetime | None = None, note: str = "",
                        next_attempt_on: date | None = None, next_attempt_kind: str = "") -> ContactAttempt:
    """Log a try to reach the resident. The first successful one sets `first_contact_at`; without
    contact the next attempt is planned (given, or the signal type's next outreach step)."""
    signal = _locked(signal)
    at = at or timezone.now()
    errors = {}
    if signal.status == SignalStatus.WITHDRAWN:
        raise ValidationError(_("This signal was withdrawn."))
    if kind not in AttemptKind.values:
        errors["kind"] = _("Choose what you did.")
    elif reached and kind in NEVER_REACHED:
        errors["reached"] = _("'%(kind)s' is not contact with the resident. Untick 'reached' or choose what you did.") % {
            "kind": AttemptKind(kind).label
        }
    if signal.status == SignalStatus.TRIAGED and not outreach_continues(signal):
        raise ValidationError(_("This signal has been triaged: record further contact in the case."))
    # An attempt may be made before the signal was typed in (a neighbour called on Friday, it was
    # registered on Monday), but not before it was signalled, and not in the future.
    if at > timezone.now() + timedelta(minutes=5):
        errors["at"] = _("This moment is in the future.")
    elif timezone.localdate(at) < signal.reported_on:
        errors["at"] = _("This is before the signal was noticed (%(date)s).") % {"date": signal.reported_on.strftime("%d-%m-%Y")}
    if next_attempt_on is not None and next_attempt_on < timezone.localdate():
        errors["next_attempt_on"] = _("Plan the next attempt for today or later.")
    if next_attempt_kind and next_attempt_kind not in AttemptKind.values:
        errors["next_attempt_kind"] = _("Choose what you did.")
    if not reached and kind == AttemptKind.OTHER and not _text(note):
        errors["note"] = _("Say what you did.")
    if errors:
        raise ValidationError(errors)
    attempt = ContactAttempt.objects.create(signal=signal, kind=kind, at=at, reached=bool(reached), note=_text(note), by=by)
    fields = ["next_attempt_on", "next_attempt_kind"]
    if reached:
        if signal.first_contact_at is None or at < signal.first_contact_at:
            signal.first_contact_at = at
            fields.append("first_contact_at")
        _plan_next(signal, kind="", on=None, by=by)
    else:
        done = list(signal.attempts.values_list("kind", flat=True))
        kind_next = next_attempt_kind or _rule_next_kind(signal, done)
        if next_attempt_on is None and kind_next and signal.first_contact_at is None:
            next_attempt_on = timezone.localdate() + timedelta(days=1)
        if signal.first_contact_at is None or next_attempt_on is not None:
            _plan_next(signal, kind=kind_next or kind, on=next_attempt_on, by=by)
    signal.save(update_fields=fields)
    log_access(user=by, action=Action.CREATE, record=attempt, person_id=signal.person_id, household_id=signal.household_id,
               case_id=signal.case_id, detail=f"contact attempt {kind}, reached={bool(reached)}")
    return attempt


@transaction.atomic
def signal_withdraw(*, signal: Signal, reason: str, by) -> Signal:
    """A signal that turns out to be a mistake (wrong address, duplicate) — kept, with the reason."""
    signal = _locked(signal)
    if not _text(reason):
        raise ValidationError({"reason": _("Give the reason.")})
    if signal.status != SignalStatus.OPEN:
        raise ValidationError(_("Only an open signal can be withdrawn."))
    before = {"status": signal.status}
    signal.status = SignalStatus.WITHDRAWN
    signal.save(update_fields=["status"])
    ContactAttempt.objects.create(signal=signal, kind=AttemptKind.OTHER, at=timezone.now(), note=_("Withdrawn: %(r)s") % {"r": _text(reason)}, by=by)
    log_access(user=by, action=Action.UPDATE, record=signal, detail="withdrawn", reason=_text(reason), before=before,
               after={"status": signal.status})
    return signal


# --- on-call rota --------------------------------------------------------------------------


@transaction.atomic
def rota_set_day(*, team: Team, day: date, user, by) -> DutyDay | None:
    """Who is on duty for `team` on `day`; `user=None` clears the day."""
    if user is not None and not user.memberships.filter(team=team).exists():
        raise ValidationError({"user": _("Choose someone from this team.")})
    if user is not None and not user.has_role(*SIGNAL_WORKERS):
        raise ValidationError({"user": _("Choose someone who works on signals.")})
    existing = DutyDay.objects.select_for_update().filter(team=team, day=day).first()
    before = {"team": team.pk, "day": day, "user": existing.user_id} if existing is not None else None
    if user is None:
        if existing is not None:
            existing.delete()
        log_access(user=by, action=Action.UPDATE, record_type="intake.DutyDay", record_id=f"{team.pk}:{day}", detail="cleared",
                   before=before, after={"team": team.pk, "day": day, "user": None})
        return None
    if existing is None:
        duty = DutyDay.objects.create(team=team, day=day, user=user, planned_by=by, planned_at=timezone.now())
    else:
        existing.user, existing.planned_by, existing.planned_at = user, by, timezone.now()
        existing.save(update_fields=["user", "planned_by", "planned_at"])
        duty = existing
    log_access(user=by, action=Action.UPDATE, record=duty, detail=f"on duty {user.pk}", before=before,
               after={"team": team.pk, "day": day, "user": user.pk})
    return duty


@transaction.atomic
def rota_fill_cycle(*, team: Team, start: date, users: list, by, days: int = 14, weekdays_only: bool = True) -> list[DutyDay]:
    """Fill a cycle (e.g. 14 days) round-robin, so everyone has their day(s) on duty."""
    if not users:
        raise ValidationError({"users": _("Choose who takes part in the rota.")})
    if days < 1 or days > 62:
        raise ValidationError({"days": _("Choose a cycle between 1 and 62 days.")})
    planned, i = [], 0
    for offset in range(days):
        day = start + timedelta(days=offset)
        if weekdays_only and day.weekday() >= 5:
            continue
        planned.append(rota_set_day(team=team, day=day, user=users[i % len(users)], by=by))
        i += 1
    return planned


# --- triage --------------------------------------------------------------------------------


NAME_PREFIXES = {"van", "de", "der", "den", "het", "ter", "ten", "te", "in", "'t", "op", "la", "le", "el", "al"}


def _split_name(name: str) -> tuple[str, str, str]:
    """'Petra van der Wit' → ('Petra', 'van der', 'Wit'): lists sort on the achternaam."""
    parts = _text(name).split()
    if not parts:
        return "", "", ""
    if len(parts) == 1:
        return parts[0], "", parts[0]
    given, rest = parts[0], parts[1:]
    prefix = []
    while len(rest) > 1 and rest[0].lower() in NAME_PREFIXES:
        prefix.append(rest.pop(0).lower())
    return given, " ".join(prefix), " ".join(rest)


def _household_for_case(signal: Signal, by, household_name: str, resident: tuple[str, str, str] = ("", "", "")):
    """The household a new case needs: the linked one, or one made from the signal's details.

    Its first member is the resident named at triage (`resident`: given names, tussenvoegsel,
    surname) or the signal's person; without a name the household starts without members —
    never a member invented from the household's name."""
    if signal.household is not None:
        return signal.household
    if signal.wijk is None or not signal.address_key:
        raise ValidationError({"decision": _(
            "To open a case the signal needs a household: link it to one, or give the address (postcode and house number) "
            "in one of the team's wijken."
        )})
    address = dict(street=signal.street, house_number=signal.house_number, house_number_addition=signal.house_number_addition,
                   postcode=signal.postcode, city=signal.city)
    given, prefix, surname = resident
    person = signal.person
    if person is None and surname:
        person = people_services.person_create(by=by, given_names=given, surname_prefix=prefix, surname=surname,
                                               phone=signal.subject_phone, **address)
    if _text(household_name):
        name = _text(household_name)
    elif person is not None:
        family = " ".join(p for p in [person.surname_prefix.capitalize(), person.surname] if p)
        name = _("Household %(name)s") % {"name": family}
    else:
        name = _("Household at %(address)s") % {"address": signal.address_line}
    household = people_services.household_create(
        by=by, name=name, wijk=signal.wijk, members=[(person, MemberRole.OTHER)] if person else [], **address,
    )
    signal.household, signal.person = household, person
    return household


def resident_name(given: str, prefix: str, surname: str) -> tuple[str, str, str]:
    """The resident named at triage: both a first name and a surname, or nothing."""
    given, prefix, surname = _text(given), _text(prefix).lower(), _text(surname)
    if bool(given) != bool(surname):
        field = "resident_surname" if given else "resident_given_names"
        raise ValidationError({field: _("Give the first name and the surname, or leave both empty: the household then "
                                        "starts without members, to be added when they are known.")})
    return given, prefix, surname


def _children_errors(children: str, kids: list) -> dict:
    if kids and children == YesNoUnknown.NO:
        return {"children": _("You added children: answer 'yes' to the question about children.")}
    return {}


def _add_children(household, kids: list, family_surname: tuple[str, str], by):
    for given, birth_date in kids:
        g, prefix, surname = _split_name(given)
        if len(_text(given).split()) == 1:
            prefix, surname = family_surname
        person = people_services.person_create(
            by=by, given_names=g, surname_prefix=prefix, surname=surname, birth_date=birth_date,
            street=household.street, house_number=household.house_number, house_number_addition=household.house_number_addition,
            postcode=household.postcode, city=household.city,
        )
        people_services.household_add_member(household=household, person=person, role=MemberRole.CHILD, by=by)


@transaction.atomic
def triage_decide(*, signal: Signal, by, urgency: str, unsafe: str, children: str, decision: str, safety_note: str = "",
                  domains: list | None = None, household_note: str = "", referred_to: str = "", note: str = "",
                  expertise=(), suggested=None, routed_to=None, household_name: str = "", resident=("", "", ""),
                  kids: list | None = None) -> Triage:
    """Urgency first, always the safety question, a quick scan, then the decision.

    'yes', 'concerns' or 'unknown' to 'is anyone unsafe?' flags the case and notifies the team's
    safety specialist; the answer sets the case's safety status ('no' → safe). 'Case opened' opens
    the case (route: intake → triage → assessment) with the chosen professional as regisseur.
    Advice, solved at once and nothing to do are recorded outcomes too. `resident` is the name
    learned at first contact (given names, tussenvoegsel, surname); `kids` are the children the
    question asks about, as (name, birth date): household members with role 'kind' once there is
    a household, otherwise written into the household note.
    """
    kids = [(_text(n), d) for n, d in (kids or []) if _text(n)]
    signal = _locked(signal)
    errors = {}
    if signal.status != SignalStatus.OPEN or Triage.objects.filter(signal=signal).exists():
        raise ValidationError(_("This signal has already been triaged."))
    if urgency not in Urgency.values:
        errors["urgency"] = _("Choose the urgency first.")
    if unsafe not in SafetyAnswer.values:
        errors["unsafe"] = _("Answer the safety question: is anyone unsafe?")
    if children not in YesNoUnknown.values:
        errors["children"] = _("Answer: are there children in the household?")
    if unsafe in SAFETY_NOTE_NEEDED and not _text(safety_note):
        errors["safety_note"] = _("Write down what you know about safety, and from whom.")
    errors.update(_children_errors(children, kids))
    if any(d is None for _n, d in kids):
        errors["children"] = _("Give each child's birth date.")
    if any(d is not None and d > timezone.localdate() for _n, d in kids):
        errors["children"] = _("A birth date cannot be in the future.")
    try:
        resident = resident_name(*resident)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not resident[2] and len(signal.subject_name.split()) > 1:
        resident = _split_name(signal.subject_name)  # a full name on the signal (one word is not enough: no 'Bakker Bakker')
    if decision not in TriageDecision.values:
        errors["decision"] = _("Choose a decision.")
    if decision == TriageDecision.REFERRED and not _text(referred_to):
        errors["referred_to"] = _("Say to whom the resident was referred.")
    if decision == TriageDecision.CASE_OPENED and routed_to is None:
        errors["routed_to"] = _("Choose the professional who takes the case.")
    if routed_to is not None and not routed_to.has_role(RoleCode.PROFESSIONAL, RoleCode.SAFETY_SPECIALIST):
        errors["routed_to"] = _("Choose a professional.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    team = signal.team
    case = None
    if resident[2] and signal.person is None:
        signal.subject_name = " ".join(p for p in resident if p)
    family = (resident[1], resident[2]) if resident[2] else (
        (signal.person.surname_prefix, signal.person.surname) if signal.person else ("", ""))
    adding_kids = bool(kids) and (decision == TriageDecision.CASE_OPENED or signal.household is not None)
    if adding_kids and not family[1] and any(len(n.split()) == 1 for n, _d in kids):
        raise ValidationError({"children": _("Give the children's surname too: the resident's name is not known yet.")})
    if decision == TriageDecision.CASE_OPENED:
        household = _household_for_case(signal, by, household_name, resident)
        team = team or team_for_wijk(household.wijk)
        if team is None:
            raise ValidationError({"decision": _("No team works in this household's wijk. Ask the functional administrator.")})
        opened_at = min(signal.received_at, now)
        case = case_services.case_open(household=household, team=team, by=by, question=signal.description,
                                       regisseur=routed_to, phase=Phase.TRIAGE, at=opened_at)
        case = case_services.case_transition(case=case, to_phase=Phase.VRAAGVERHELDERING, by=by, note=_("Triage: case opened"), at=now)
        if kids:
            _add_children(household, kids, family, by)
            kids = []
        reason = _text(safety_note) or _("Triage: nobody is unsafe.")
        try:
            case = case_services.case_set_safety_status(case=case, status=SAFETY_STATUS_FOR[unsafe], reason=reason, by=by, at=now)
        except ValidationError:
            pass  # 'unknown' with children: it stays the case's status and the safety overview lists it
        signal.case = case
    elif kids and signal.household is not None:
        _add_children(signal.household, kids, family, by)
        kids = []
    if kids:  # no household yet: nothing is lost, the children go into the household note
        listed = ", ".join(f"{n} ({d.strftime('%d-%m-%Y')})" for n, d in kids)
        household_note = "\n".join(p for p in [_text(household_note), _("Children: %(list)s") % {"list": listed}] if p)
    triage = Triage.objects.create(
        signal=signal, urgency=urgency, unsafe=unsafe, children=children, safety_note=_text(safety_note),
        domains=list(domains or []), household_note=_text(household_note), decision=decision, referred_to=_text(referred_to),
        note=_text(note), suggested=suggested, routed_to=routed_to, case=case, decided_at=now, decided_by=by,
    )
    triage.expertise.set(list(expertise))
    signal.status, signal.urgency = SignalStatus.TRIAGED, urgency
    if team is not None and signal.team_id is None:
        signal.team = team
    if routed_to is not None:
        signal.assigned_to = routed_to
    if case is not None and signal.next_attempt_on and signal.first_contact_at is None:
        kind, on = signal.next_attempt_kind, max(signal.next_attempt_on, timezone.localdate())
        signal.next_attempt_on, signal.next_attempt_kind = None, ""
        _plan_next(signal, kind=kind, on=on, by=by)
    signal.save()
    log_access(user=by, action=Action.CREATE, record=triage, person_id=signal.person_id, household_id=signal.household_id,
               case_id=getattr(case, "pk", None), detail=f"triage {decision}, unsafe={unsafe}")
    if unsafe in SAFETY_NOTE_NEEDED:
        specialists = _signal_team_users(signal, RoleCode.SAFETY_SPECIALIST)
        url = reverse("safety:case", args=[case.pk]) if case is not None else reverse("intake:signal", args=[signal.pk])
        message = (_("Triage: someone may be unsafe (answer: %(answer)s). Please look at it.")
                   % {"answer": SafetyAnswer(unsafe).label})
        notify(users=specialists, kind="triage_safety", message=message, case=case, url=url)
    return triage
