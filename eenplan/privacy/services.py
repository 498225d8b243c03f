"""Retention and erasure (AVG art. 5(1)(e) and 17), and logging the privacy officer's exports.

`retention_run(*, today, dry_run)` is the job (management command `retention`, and the task runner):
every closed case whose retention period has passed is removed with everything that belongs to it,
then the households and people nothing else refers to any more, and old signals that led to no case.
A dry run does exactly the same inside a transaction that is rolled back, so its report is the real
run's report. The access log is never touched (ADR 0090).

`erasure_request(*, person, by, reason, today, confirm)` is the privacy officer's action on a
resident's request: refused, with the reason, while a legal retention duty keeps the records.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError, Q, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.access import policy
from eenplan.access.audit import log_access
from eenplan.access.models import Action, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Case, Phase
from eenplan.intake.models import Signal, SignalStatus
from eenplan.people.ages import years_between
from eenplan.people.models import Household, HouseholdMember, Person

from .models import RemovalKind, RemovalOutcome, RemovalRecord

JEUGDWET, WMO, PARTICIPATIEWET = "jeugdwet", "wmo", "participatiewet"
LAW_NAMES = {JEUGDWET: "Jeugdwet", WMO: "Wmo 2015", PARTICIPATIEWET: "Participatiewet"}
ADULT_AGE = 18


class _Actor:
    """Who the job writes in the access log: no staff member, a named process."""

    pk = None
    username = "retentie-taak"


# --- which law, which period -------------------------------------------------------------------


def case_laws(case) -> set[str]:
    """The laws under which the help in `case` was given, as far as the records say.

    Jeugdwet when a member was under 18 when the case closed (or a child member), or a tailored
    provision or sharing basis names the Jeugdwet; Participatiewet when a sharing basis names it.
    With no marker the wijkteam's general task applies: Wmo 2015 (art. 2.3.2).
    """
    laws = set()
    reference = (case.closed_at or timezone.now()).date()
    for member in case.household.members.select_related("person"):
        birth = member.person.birth_date
        if member.role == "kind" or (birth and years_between(birth, reference) < ADULT_AGE):
            laws.add(JEUGDWET)
    for law in case.tailored_requests.values_list("law", flat=True):
        laws.add(JEUGDWET if law == JEUGDWET else WMO)
    for task in case.sharing_bases.values_list("legal_task", flat=True):
        if task in (JEUGDWET, PARTICIPATIEWET, WMO):
            laws.add(task)
    return laws or {WMO}


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def retention_until(case) -> tuple[date | None, str]:
    """The last day the case's records must be kept, and the law that sets it (the longest applies)."""
    if case.closed_at is None:
        return None, ""
    closed = timezone.localtime(case.closed_at).date()
    law = max(case_laws(case), key=lambda law: settings.RETENTION_YEARS[law])
    return _add_years(closed, settings.RETENTION_YEARS[law]), law


# --- removing -----------------------------------------------------------------------------------


@dataclass
class Removal:
    """What one run removed (or, in a dry run, would remove)."""

    case_ids: list[int] = field(default_factory=list)
    household_ids: list[int] = field(default_factory=list)
    person_ids: list[int] = field(default_factory=list)
    signal_ids: list[int] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    kept: list[str] = field(default_factory=list)  # why something stayed

    def add(self, deleted: dict):
        for label, n in deleted.items():
            if n:
                self.counts[label] += n

    @property
    def count_rows(self) -> list[tuple[str, int]]:
        """(kind of record in words, how many), for the pages."""
        from django.apps import apps

        rows = []
        for label, n in self.counts.items():
            try:
                rows.append((str(apps.get_model(label)._meta.verbose_name_plural), n))
            except LookupError:
                rows.append((label, n))
        return sorted(rows)

    def as_dict(self) -> dict:
        return {"case_ids": self.case_ids, "household_ids": self.household_ids, "person_ids": self.person_ids,
                "signal_ids": self.signal_ids, "counts": dict(sorted(self.counts.items())), "kept": self.kept}


MAX_PROTECT_ROUNDS = 10


def _delete_case_tree(case) -> dict:
    """Delete a case with everything that belongs to it.

    Inside a case, some records protect others (an agreement protects its partner, a monitoring
    period its closing), so a plain `case.delete()` is refused. Protecting records of the *same*
    case are deleted first; one that belongs to anything else stops the removal (ProtectedError).
    """
    counts: Counter = Counter()
    for _round in range(MAX_PROTECT_ROUNDS):
        try:
            with transaction.atomic():
                counts.update(case.delete()[1])
            return counts
        except (ProtectedError, RestrictedError) as exc:
            blockers = getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", ())
            if any(getattr(obj, "case_id", None) != case.pk for obj in blockers):
                raise
            for obj in blockers:
                with transaction.atomic():
                    counts.update(obj.delete()[1])
    raise ProtectedError(f"Case {case.pk}: records keep protecting each other.", set())


def _remove_cases(cases, removal: Removal, *, by, kind_note: str, request=None):
    for case in cases:
        household_id = case.household_id
        signals = Signal.objects.filter(case=case)
        removal.signal_ids += list(signals.values_list("pk", flat=True))
        removal.add(signals.delete()[1])
        case_id = case.pk
        removal.add(_delete_case_tree(case))
        removal.case_ids.append(case_id)
        log_access(user=by, action=Action.DELETE, record_type="cases.Case", record_id=case_id, case_id=case_id,
                   household_id=household_id, acting_role=kind_note, detail=kind_note, request=request)


def _remove_orphans(household_ids, person_ids, removal: Removal, *, by, kind_note: str, request=None):
    """Households without any case left, and people in no household and referred to by nothing else."""
    for household in Household.objects.filter(pk__in=household_ids).order_by("pk"):
        if household.cases.exists():
            continue
        if Signal.objects.filter(household=household, status=SignalStatus.OPEN).exists():
            removal.kept.append(_("Household %(id)s: an open signal still concerns it.") % {"id": household.pk})
            continue
        members = list(household.members.values_list("person_id", flat=True))
        person_ids = set(person_ids) | set(members)
        household_id = household.pk
        removal.add(household.members.all().delete()[1])
        removal.add(household.delete()[1])
        removal.household_ids.append(household_id)
        log_access(user=by, action=Action.DELETE, record_type="people.Household", record_id=household_id,
                   household_id=household_id, acting_role=kind_note, detail=kind_note, request=request)
    for person in Person.objects.filter(pk__in=person_ids).order_by("pk"):
        if HouseholdMember.objects.filter(person=person).exists():
            continue
        if Signal.objects.filter(person=person, status=SignalStatus.OPEN).exists():
            removal.kept.append(_("Person %(id)s: an open signal still concerns them.") % {"id": person.pk})
            continue
        person_id = person.pk
        try:
            with transaction.atomic():
                removal.add(person.delete()[1])
        except ProtectedError:
            removal.kept.append(_("Person %(id)s: another record still refers to them.") % {"id": person_id})
            continue
        removal.person_ids.append(person_id)
        log_access(user=by, action=Action.DELETE, record_type="people.Person", record_id=person_id, person_id=person_id,
                   acting_role=kind_note, detail=kind_note, request=request)


class _DryRun(Exception):
    pass


def cases_past_retention(today: date) -> list[tuple[Case, date, str]]:
    closed = Case.objects.filter(phase=Phase.AFGESLOTEN, closed_at__isnull=False).select_related("household").order_by("closed_at", "pk")
    due = []
    for case in closed:
        until, law = retention_until(case)
        if until is not None and until < today:
            due.append((case, until, law))
    return due


def signals_past_retention(today: date):
    cutoff = datetime.combine(_add_years(today, -settings.RETENTION_YEARS_SIGNAL), time.min, tzinfo=timezone.get_current_timezone())
    return Signal.objects.filter(case__isnull=True, received_at__lt=cutoff).exclude(status=SignalStatus.OPEN).order_by("pk")


@dataclass
class RetentionReport:
    today: date
    dry_run: bool
    cases: list[dict]
    removal: Removal
    record: RemovalRecord | None = None

    def as_dict(self) -> dict:
        return {"today": self.today.isoformat(), "dry_run": self.dry_run, "cases": self.cases, **self.removal.as_dict(),
                "record_id": self.record.pk if self.record else None}


def retention_run(*, today: date, dry_run: bool) -> RetentionReport:
    """Remove what is past its retention period (or, with `dry_run`, report what would be removed)."""
    actor = _Actor()
    note = "bewaartermijn verstreken"
    removal = Removal()
    due_rows: list[dict] = []
    try:
        with transaction.atomic():
            due = cases_past_retention(today)
            due_rows = [{"case_id": c.pk, "household_id": c.household_id, "closed_on": timezone.localtime(c.closed_at).date().isoformat(),
                         "law": law, "keep_until": until.isoformat()} for c, until, law in due]
            household_ids = {c.household_id for c, _u, _l in due}
            person_ids = set(HouseholdMember.objects.filter(household_id__in=household_ids).values_list("person_id", flat=True))
            _remove_cases([c for c, _u, _l in due], removal, by=actor, kind_note=note)
            old_signals = signals_past_retention(today)
            for signal in old_signals:
                if signal.household_id:
                    household_ids.add(signal.household_id)
                if signal.person_id:
                    person_ids.add(signal.person_id)
            removal.signal_ids += list(old_signals.values_list("pk", flat=True))
            removal.add(old_signals.delete()[1])
            _remove_orphans(household_ids, person_ids, removal, by=actor, kind_note=note)
            if dry_run:
                raise _DryRun
            record = RemovalRecord.objects.create(
                at=timezone.now(), kind=RemovalKind.RETENTION, outcome=RemovalOutcome.REMOVED, by=None,
                reason=_("Retention period passed (job of %(day)s).") % {"day": today.isoformat()},
                case_ids=removal.case_ids, household_ids=removal.household_ids, person_ids=removal.person_ids,
                signal_ids=removal.signal_ids, counts=dict(removal.counts),
            )
    except _DryRun:
        return RetentionReport(today=today, dry_run=True, cases=due_rows, removal=removal)
    return RetentionReport(today=today, dry_run=False, cases=due_rows, removal=removal, record=record)


# --- erasure on request (art. 17) --------------------------------------------------------------


def erasure_blockers(person: Person, *, today: date) -> list[str]:
    """Why the records about `person` must stay, one sentence each; empty when they may go."""
    reasons = []
    household_ids = list(HouseholdMember.objects.filter(person=person).values_list("household_id", flat=True))
    for case in Case.objects.filter(household_id__in=household_ids).select_related("household").order_by("pk"):
        if case.is_open:
            reasons.append(_("Case %(case)s is still running: help is given, the records are needed for it.") % {"case": case.pk})
            continue
        until, law = retention_until(case)
        if until is None or until < today:
            continue
        laws = case_laws(case)
        if laws == {JEUGDWET}:
            # Jeugdwet art. 7.3.9: destroyed on request, unless it is of real importance to someone else.
            if case.meldcode_trajectories.exists() or hasattr(case, "safety_plan") or case.stut_en_steun.exists():
                reasons.append(_("Case %(case)s holds safety records (meldcode, safety plan): keeping them is of real "
                                 "importance to someone else (Jeugdwet art. 7.3.9(2)).") % {"case": case.pk})
            continue
        law_names = ", ".join(LAW_NAMES[law] for law in sorted(laws - {JEUGDWET}))
        reasons.append(_("Case %(case)s must be kept until %(until)s (%(law)s, retention set by the municipality).")
                       % {"case": case.pk, "until": until.strftime("%d-%m-%Y"), "law": law_names})
    return reasons


@dataclass
class ErasureResult:
    erased: bool
    blockers: list[str]
    removal: Removal
    record: RemovalRecord | None = None


def erasure_request(*, person: Person, by, reason: str, today: date, confirm: bool, request=None) -> ErasureResult:
    """The privacy officer erases a person's records at their request, or is told why not.

    Without `confirm` nothing changes: the result says what would be removed. A refusal is recorded
    (access log and removal record) with its reason when confirmed.
    """
    if not policy.can_answer_rights(by):
        log_access(user=by, action=Action.DELETE, record=person, outcome=Outcome.REFUSED,
                   acting_role=",".join(sorted(by.role_codes())), detail="erasure: role not allowed", request=request)
        raise PermissionDenied(_("Only the privacy officer can erase a person's records."))
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationError({"reason": _("Write down the resident's request and how it reached you (at least 10 characters).")})
    person_id = person.pk
    blockers = erasure_blockers(person, today=today)
    if blockers:
        if confirm:
            log_access(user=by, action=Action.DELETE, record=person, outcome=Outcome.REFUSED, acting_role=RoleCode.PRIVACY_OFFICER,
                       reason=reason, detail="erasure refused: legal retention", request=request)
            record = RemovalRecord.objects.create(
                at=timezone.now(), kind=RemovalKind.ERASURE, outcome=RemovalOutcome.REFUSED, by=by, reason=reason,
                refusal="\n".join(blockers), person_id=person_id,
            )
            return ErasureResult(False, blockers, Removal(), record)
        return ErasureResult(False, blockers, Removal())
    removal = Removal()
    note = "verwijderd op verzoek"
    try:
        with transaction.atomic():
            household_ids = set(HouseholdMember.objects.filter(person=person).values_list("household_id", flat=True))
            cases = list(Case.objects.filter(household_id__in=household_ids).order_by("pk"))
            _remove_cases(cases, removal, by=by, kind_note=note, request=request)
            signals = Signal.objects.filter(Q(person=person) | Q(household_id__in=household_ids))
            removal.signal_ids += list(signals.values_list("pk", flat=True))
            removal.add(signals.delete()[1])
            # The person leaves their households; a household with nobody left goes too.
            removal.add(HouseholdMember.objects.filter(person=person).delete()[1])
            _remove_orphans(
                {h for h in household_ids if not HouseholdMember.objects.filter(household_id=h).exists()}, {person_id},
                removal, by=by, kind_note=note, request=request,
            )
            if person_id not in removal.person_ids:
                raise ValidationError(_("The person could not be removed: %(why)s") % {"why": " ".join(removal.kept)})
            if not confirm:
                raise _DryRun
            record = RemovalRecord.objects.create(
                at=timezone.now(), kind=RemovalKind.ERASURE, outcome=RemovalOutcome.REMOVED, by=by, reason=reason,
                person_id=person_id, case_ids=removal.case_ids, household_ids=removal.household_ids,
                person_ids=removal.person_ids, signal_ids=removal.signal_ids, counts=dict(removal.counts),
            )
    except _DryRun:
        return ErasureResult(False, [], removal)
    return ErasureResult(True, [], removal, record)
