"""Reads of assessment records. Callers have passed `policy.require_case` for the case.

The change calculation (`zrm_change`, `participation_change`) is shared with the followup
app (evaluation, closing questions) and insights (aggregates). Rules:

- Change is computed within one instrument: the instrument of the person's latest
  measurement. Old 11-domain measurements are not mixed with ZRM 2017 ones.
- Per domain: *first* is the earliest numeric score, *last* the latest numeric score; the
  delta exists only when they come from different measurements.
- A domain marked not applicable in the latest measurement that mentions it has no delta
  (`not_applicable` is set): "not applicable" is never counted as a score.
- Overall: the mean of the first and of the last scores of the domains that have a delta
  (scored in both), and the difference of those means.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils import timezone

from eenplan.people.ages import age_on
from eenplan.people.models import HouseholdMember

from .models import (
    Domain,
    Instrument,
    ParticipationMeasurement,
    ZrmMeasurement,
    ZrmScore,
)

UP, DOWN, SAME = "up", "down", "same"


def _direction(delta):
    if delta is None:
        return None
    if delta > 0:
        return UP
    if delta < 0:
        return DOWN
    return SAME


@dataclass
class DomainChange:
    domain: Domain
    first: int | None = None
    first_on: date | None = None
    last: int | None = None
    last_on: date | None = None
    not_applicable: bool = False
    # ids of the measurements the numbers come from, to tell "one measurement" from "two"
    first_measurement_id: int | None = None
    last_measurement_id: int | None = None

    @property
    def delta(self) -> int | None:
        if self.not_applicable or self.first is None or self.last is None:
            return None
        if self.first_measurement_id == self.last_measurement_id:
            return None
        return self.last - self.first

    @property
    def direction(self) -> str | None:
        return _direction(self.delta)


@dataclass
class OverallChange:
    first: float | None
    last: float | None
    domains: int  # how many domains the overall is based on

    @property
    def delta(self) -> float | None:
        if self.first is None or self.last is None:
            return None
        return round(self.last - self.first, 2)

    @property
    def direction(self) -> str | None:
        return _direction(self.delta)


@dataclass
class ZrmChange:
    instrument: Instrument | None
    measurements: int
    domains: list[DomainChange] = field(default_factory=list)
    overall: OverallChange = field(default_factory=lambda: OverallChange(None, None, 0))

    def by_code(self) -> dict[str, DomainChange]:
        return {c.domain.code: c for c in self.domains}


@dataclass
class ParticipationChange:
    first: int | None
    first_on: date | None
    last: int | None
    last_on: date | None
    measurements: int

    @property
    def delta(self) -> int | None:
        if self.measurements < 2 or self.first is None or self.last is None:
            return None
        return self.last - self.first

    @property
    def direction(self) -> str | None:
        return _direction(self.delta)


def _measurements(person, case=None):
    qs = ZrmMeasurement.objects.filter(person=person)
    if case is not None:
        qs = qs.filter(case=case)
    return qs


def change_from_rows(domains, rows) -> tuple[list[DomainChange], OverallChange]:
    """`rows`: (measurement_id, measured_on, domain_id, score, not_applicable), oldest first."""
    changes = {d.pk: DomainChange(domain=d) for d in domains}
    for measurement_id, measured_on, domain_id, score, not_applicable in rows:
        change = changes.get(domain_id)
        if change is None:
            continue
        if not_applicable:
            change.not_applicable = True
            continue
        change.not_applicable = False
        if change.first is None:
            change.first, change.first_on, change.first_measurement_id = score, measured_on, measurement_id
        change.last, change.last_on, change.last_measurement_id = score, measured_on, measurement_id
    both = [c for c in changes.values() if c.delta is not None]
    if both:
        overall = OverallChange(
            first=round(sum(c.first for c in both) / len(both), 2),
            last=round(sum(c.last for c in both) / len(both), 2),
            domains=len(both),
        )
    else:
        overall = OverallChange(None, None, 0)
    return [changes[d.pk] for d in domains], overall


def zrm_change(person, case=None) -> ZrmChange:
    """Per domain first score, last score and delta, plus the overall change (see module doc)."""
    latest = _measurements(person, case).select_related("instrument").order_by("-measured_on", "-created_at", "-pk").first()
    if latest is None:
        return ZrmChange(instrument=None, measurements=0)
    instrument = latest.instrument
    measurements = _measurements(person, case).filter(instrument=instrument)
    rows = (
        ZrmScore.objects.filter(measurement__in=measurements)
        .order_by("measurement__measured_on", "measurement__created_at", "measurement_id")
        .values_list("measurement_id", "measurement__measured_on", "domain_id", "score", "not_applicable")
    )
    domains = list(Domain.objects.filter(instrument=instrument).order_by("order"))
    domain_changes, overall = change_from_rows(domains, rows)
    return ZrmChange(instrument=instrument, measurements=measurements.count(), domains=domain_changes, overall=overall)


def measurement_change(previous: ZrmMeasurement | None, current: ZrmMeasurement) -> dict[int, int | None]:
    """Change per domain id between two measurements (same instrument), for showing a
    measurement next to the one before it."""
    if previous is None or previous.instrument_id != current.instrument_id:
        return {}
    before = {s.domain_id: s.score for s in previous.scores.all() if not s.not_applicable}
    result = {}
    for s in current.scores.all():
        if not s.not_applicable and s.domain_id in before:
            result[s.domain_id] = s.score - before[s.domain_id]
    return result


def participation_change(person, case=None) -> ParticipationChange:
    qs = ParticipationMeasurement.objects.filter(person=person)
    if case is not None:
        qs = qs.filter(case=case)
    rows = list(qs.order_by("measured_on", "created_at", "pk").values_list("level", "measured_on"))
    if not rows:
        return ParticipationChange(None, None, None, None, 0)
    return ParticipationChange(rows[0][0], rows[0][1], rows[-1][0], rows[-1][1], len(rows))


# --- household and instruments -------------------------------------------------------------


def current_members(case):
    """The household members now, adults first (as `HouseholdMember` with their person)."""
    today = timezone.localdate()
    return list(
        HouseholdMember.objects.filter(household_id=case.household_id)
        .filter(Q(until__isnull=True) | Q(until__gte=today))
        .select_related("person")
        .order_by("person__birth_date", "pk")
    )


def is_member(case, person) -> bool:
    return HouseholdMember.objects.filter(household_id=case.household_id, person=person).exists()


def current_instrument() -> Instrument:
    return Instrument.objects.filter(is_current=True).order_by("pk").first()


def instruments_for_new_measurements():
    return Instrument.objects.filter(retired=False)


def instrument_with_levels(instrument) -> list[Domain]:
    """The domains of an instrument with their level descriptions, in two queries."""
    return list(Domain.objects.filter(instrument=instrument).order_by("order").prefetch_related("levels"))


def measurements_of_case(case):
    """Every ZRM measurement of the case, oldest first, with instrument, scores and person."""
    return list(
        ZrmMeasurement.objects.filter(case=case)
        .select_related("instrument", "person", "by")
        .prefetch_related("scores")
        .order_by("person_id", "measured_on", "created_at", "pk")
    )


# --- the assessment page -------------------------------------------------------------------


@dataclass
class InstrumentBlock:
    """A member's measurements with one instrument: the picture and the table."""

    instrument: Instrument
    measurements: list  # oldest first
    rows: list = field(default_factory=list)  # per domain: dict(domain, latest, previous, first, delta, history)
    overall: OverallChange | None = None
    previous_overall_delta: float | None = None

    @property
    def latest(self):
        return self.measurements[-1]

    @property
    def previous(self):
        return self.measurements[-2] if len(self.measurements) > 1 else None


def _score_label(score_row):
    if score_row is None:
        return None
    return "nvt" if score_row.not_applicable else score_row.score


def instrument_blocks(measurements, domains_by_instrument) -> list[InstrumentBlock]:
    """Group one person's measurements (oldest first, scores prefetched) by instrument, current first."""
    grouped: dict[int, list] = {}
    for m in measurements:
        grouped.setdefault(m.instrument_id, []).append(m)
    blocks = []
    for ms in grouped.values():
        instrument = ms[0].instrument
        domains = domains_by_instrument[instrument.pk]
        by_measurement = [{s.domain_id: s for s in m.scores.all()} for m in ms]
        rows_data = [
            (m.pk, m.measured_on, s.domain_id, s.score, s.not_applicable)
            for m, scores in zip(ms, by_measurement, strict=True)
            for s in scores.values()
        ]
        changes, overall = change_from_rows(domains, rows_data)
        block = InstrumentBlock(instrument=instrument, measurements=ms, overall=overall)
        latest, previous = by_measurement[-1], (by_measurement[-2] if len(ms) > 1 else {})
        for domain, change in zip(domains, changes, strict=True):
            now, before = latest.get(domain.pk), previous.get(domain.pk)
            step = None
            if now is not None and before is not None and not now.not_applicable and not before.not_applicable:
                step = now.score - before.score
            block.rows.append(
                {
                    "domain": domain,
                    "latest": _score_label(now),
                    "previous": _score_label(before),
                    "step": step,  # change since the measurement before
                    "change": change,  # first → last
                    "history": [
                        (m.measured_on, _score_label(scores.get(domain.pk)))
                        for m, scores in zip(ms, by_measurement, strict=True)
                    ],
                    "level_text": _level_text(domain, now),
                }
            )
        blocks.append(block)
    blocks.sort(key=lambda b: (not b.instrument.is_current, b.instrument.retired, b.instrument.name))
    return blocks


def _level_text(domain, score_row):
    if score_row is None or score_row.not_applicable:
        return ""
    for level in domain.levels.all():
        if level.score == score_row.score:
            return level.text
    return ""


def domains_with_levels(instrument_ids) -> dict[int, list[Domain]]:
    result: dict[int, list[Domain]] = {pk: [] for pk in instrument_ids}
    for d in Domain.objects.filter(instrument_id__in=instrument_ids).order_by("instrument_id", "order").prefetch_related("levels"):
        result[d.instrument_id].append(d)
    return result


def latest_wat_telt(case) -> dict:
    """{(person_id, domain_id): {"inwoner": entry, "professional": entry}} — the latest row of each view."""
    from .models import WatTeltEntry

    latest: dict = {}
    for e in WatTeltEntry.objects.filter(case=case).select_related("domain", "by").order_by("recorded_at", "pk"):
        latest.setdefault((e.person_id, e.domain_id), {})[e.view] = e
    return latest


def case_assessment(case) -> dict:
    """Everything on the assessment page, in a fixed number of queries."""
    from .models import Big5Domain, Big5Entry, NetworkMember, Strength

    members = current_members(case)
    measurements = measurements_of_case(case)
    instrument_ids = {m.instrument_id for m in measurements}
    domains = domains_with_levels(instrument_ids)
    participation = list(ParticipationMeasurement.objects.filter(case=case).select_related("by").order_by("measured_on", "created_at", "pk"))
    today = timezone.localdate()
    people = []
    for member in members:
        person = member.person
        mine = [m for m in measurements if m.person_id == person.pk]
        ladder = [p for p in participation if p.person_id == person.pk]
        age = age_on(person, today)
        people.append(
            {
                "member": member,
                "person": person,
                "age": age,
                "adult": age is None or age >= 18,
                "blocks": instrument_blocks(mine, domains),
                "measurements": mine,
                "participation": ladder,
                "participation_latest": ladder[-1] if ladder else None,
            }
        )
    wat_telt = latest_wat_telt(case)
    wat_telt_rows = []
    for (person_id, _domain_id), views in wat_telt.items():
        any_entry = next(iter(views.values()))
        wat_telt_rows.append({"person_id": person_id, "domain": any_entry.domain, **views})
    names = {p["person"].pk: p["person"] for p in people}
    for row in wat_telt_rows:
        row["person"] = names.get(row["person_id"])
    wat_telt_rows.sort(key=lambda r: (r["person_id"], r["domain"].order))
    entries = {e.domain: e for e in Big5Entry.objects.filter(case=case).prefetch_related("actions")}
    big5 = [{"domain": value, "label": label, "entry": entries.get(value)} for value, label in Big5Domain.choices]
    network = list(NetworkMember.objects.filter(case=case, ended_at__isnull=True))
    return {
        "people": people,
        "wat_telt_rows": wat_telt_rows,
        "big5": big5,
        "strengths": list(Strength.objects.filter(case=case).select_related("person")),
        "network": network,
        "questions": questions_with_frames(case),
    }


def questions_with_frames(case) -> list:
    """The case's questions with the frames considered (`q.frames.all()`), for the plans app:
    a solution can name the question and the frame it came from."""
    from .models import AssessmentQuestion

    return list(AssessmentQuestion.objects.filter(case=case).select_related("person", "domain").prefetch_related("frames"))
