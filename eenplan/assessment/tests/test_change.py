"""The change between measurements, per domain and overall, and how 'not applicable' and
'not scored' are treated. Used by followup (evaluation) and insights."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from eenplan.access.models import AccessLogEntry, Action
from eenplan.assessment import selectors, services
from eenplan.assessment.models import Instrument, ZrmMeasurement, ZrmScore

from .factories import make_world, scores

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def measure(world, on, values, person=None):
    return services.zrm_measurement_record(
        case=world.case, person=person or world.parent, measured_on=on, scores=scores(values), by=world.pro
    )


def test_no_measurement_means_no_change(world):
    change = selectors.zrm_change(world.parent)
    assert change.measurements == 0 and change.domains == [] and change.overall.delta is None


def test_one_measurement_has_scores_but_no_delta(world):
    measure(world, date(2026, 1, 10), {"financien": 2, "huisvesting": 4})
    change = selectors.zrm_change(world.parent).by_code()
    assert change["financien"].first == 2 and change["financien"].last == 2
    assert change["financien"].delta is None
    assert selectors.zrm_change(world.parent).overall.delta is None


def test_change_per_domain_and_overall_between_first_and_last(world):
    measure(world, date(2026, 1, 10), {"financien": 1, "huisvesting": 4, "justitie": 5, "sociaal-netwerk": 2})
    measure(world, date(2026, 3, 10), {"financien": 2, "huisvesting": 4})
    measure(world, date(2026, 6, 10), {"financien": 4, "huisvesting": 3, "sociaal-netwerk": 3, "tijdsbesteding": 3})
    result = selectors.zrm_change(world.parent)
    change = result.by_code()
    assert result.measurements == 3
    assert (change["financien"].first, change["financien"].last, change["financien"].delta) == (1, 4, 3)
    assert change["financien"].direction == selectors.UP
    assert change["huisvesting"].delta == -1 and change["huisvesting"].direction == selectors.DOWN
    assert change["sociaal-netwerk"].delta == 1
    # scored once only: no delta, and not in the overall
    assert change["justitie"].delta is None and change["tijdsbesteding"].delta is None
    assert change["werk-opleiding"].first is None
    # overall: mean of domains scored in both (financien 1→4, huisvesting 4→3, netwerk 2→3)
    assert result.overall.domains == 3
    assert result.overall.first == pytest.approx(7 / 3, abs=0.01)
    assert result.overall.last == pytest.approx(10 / 3, abs=0.01)
    assert result.overall.delta == pytest.approx(1.0, abs=0.01)
    assert result.overall.direction == selectors.UP


def test_unchanged_is_same(world):
    measure(world, date(2026, 1, 10), {"financien": 3})
    measure(world, date(2026, 2, 10), {"financien": 3})
    result = selectors.zrm_change(world.parent)
    assert result.by_code()["financien"].direction == selectors.SAME
    assert result.overall.direction == selectors.SAME


def test_not_applicable_is_not_a_score(world):
    measure(world, date(2026, 1, 10), {"financien": 2, "justitie": "nvt", "middelengebruik": 3})
    measure(world, date(2026, 2, 10), {"financien": 3, "justitie": 4, "middelengebruik": "nvt"})
    change = selectors.zrm_change(world.parent).by_code()
    # justitie: n.v.t. first, then 4 → no earlier score to compare with
    assert change["justitie"].first == 4 and change["justitie"].delta is None
    # middelengebruik: 3, then n.v.t. → no change reported, marked not applicable now
    assert change["middelengebruik"].not_applicable is True and change["middelengebruik"].delta is None
    overall = selectors.zrm_change(world.parent).overall
    assert overall.domains == 1 and overall.delta == 1


def test_not_applicable_and_unscored_are_stored_differently(world):
    m = measure(world, date(2026, 1, 10), {"financien": 2, "justitie": "nvt", "huisvesting": None})
    rows = {s.domain.code: (s.score, s.not_applicable) for s in m.scores.select_related("domain")}
    assert rows == {"financien": (2, False), "justitie": (None, True)}  # huisvesting: no row = not scored


def test_every_measurement_is_kept_history(world):
    measure(world, date(2026, 1, 10), {"financien": 2})
    measure(world, date(2026, 1, 10), {"financien": 3})
    measure(world, date(2026, 2, 10), {"financien": 4})
    assert ZrmMeasurement.objects.filter(person=world.parent).count() == 3
    assert list(ZrmScore.objects.filter(measurement__person=world.parent).values_list("score", flat=True)) == [2, 3, 4]
    assert selectors.zrm_change(world.parent).by_code()["financien"].delta == 2


def test_change_is_per_person_and_may_be_limited_to_a_case(world):
    measure(world, date(2026, 1, 10), {"financien": 2})
    measure(world, date(2026, 2, 10), {"financien": 3}, person=world.partner)
    assert selectors.zrm_change(world.parent).measurements == 1
    assert selectors.zrm_change(world.partner).by_code()["financien"].first == 3
    other = make_world()
    assert selectors.zrm_change(world.parent, case=other.case).measurements == 0


def test_change_uses_the_latest_instrument_only(world):
    old = Instrument.objects.get(code="zrm-2013")
    m = ZrmMeasurement.objects.create(case=world.case, person=world.parent, instrument=old, measured_on=date(2025, 1, 1), by=world.pro)
    ZrmScore.objects.create(measurement=m, domain=old.domains.get(code="financien"), score=1)
    measure(world, date(2026, 1, 10), {"financien": 4})
    result = selectors.zrm_change(world.parent)
    assert result.instrument.code == "zrm-2017" and result.measurements == 1
    assert result.by_code()["financien"].delta is None


def test_measurement_change_between_two_measurements(world):
    a = measure(world, date(2026, 1, 10), {"financien": 2, "huisvesting": "nvt"})
    b = measure(world, date(2026, 2, 10), {"financien": 4, "huisvesting": 3})
    by_code = {s.domain_id: s for s in b.scores.all()}
    change = selectors.measurement_change(a, b)
    assert list(change.values()) == [2] and set(change) <= set(by_code)


def test_participation_change_and_history(world):
    assert selectors.participation_change(world.parent).delta is None
    services.participation_record(case=world.case, person=world.parent, level=1, measured_on=date(2026, 1, 5), by=world.pro)
    assert selectors.participation_change(world.parent).delta is None
    services.participation_record(case=world.case, person=world.parent, level=2, measured_on=date(2026, 2, 5), by=world.pro)
    services.participation_record(case=world.case, person=world.parent, level=4, measured_on=date(2026, 5, 5), by=world.pro)
    change = selectors.participation_change(world.parent)
    assert (change.first, change.last, change.delta, change.measurements) == (1, 4, 3, 3)
    assert change.direction == selectors.UP


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [0, 6, "7", "veel", -1])
def test_score_outside_1_to_5_is_refused_with_nothing_written(world, bad):
    with pytest.raises(ValidationError) as e:
        measure(world, date(2026, 1, 10), {"financien": 3, "huisvesting": bad})
    key = services.score_field(scores({"huisvesting": 1}).popitem()[0])
    assert "Huisvesting: kies een score van 1 tot en met 5" in str(e.value.message_dict[key])
    assert not ZrmMeasurement.objects.exists()


def test_future_date_is_refused(world):
    from django.utils import timezone

    tomorrow = timezone.localdate().replace(year=timezone.localdate().year + 1)
    with pytest.raises(ValidationError) as e:
        measure(world, tomorrow, {"financien": 3})
    assert "measured_on" in e.value.message_dict
    assert not ZrmMeasurement.objects.exists()


def test_empty_measurement_is_refused(world):
    with pytest.raises(ValidationError) as e:
        measure(world, date(2026, 1, 10), {"financien": None})
    assert "scores" in e.value.message_dict


def test_person_outside_household_and_retired_instrument_are_refused(world):
    other = make_world()
    with pytest.raises(ValidationError) as e:
        measure(world, date(2026, 1, 10), {"financien": 3}, person=other.parent)
    assert "person" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        services.zrm_measurement_record(
            case=world.case, person=world.parent, measured_on=date(2026, 1, 1),
            scores=scores({"financien": 2}, code="zrm-2013"), by=world.pro, instrument=Instrument.objects.get(code="zrm-2013"),
        )
    assert "instrument" in e.value.message_dict


def test_participation_is_for_adults_and_levels_1_to_6(world):
    with pytest.raises(ValidationError) as e:
        services.participation_record(case=world.case, person=world.child, level=3, measured_on=date(2026, 1, 5), by=world.pro)
    assert "person" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        services.participation_record(case=world.case, person=world.parent, level=7, measured_on=date(2026, 1, 5), by=world.pro)
    assert "level" in e.value.message_dict


def test_writes_are_in_the_access_log(world):
    m = measure(world, date(2026, 1, 10), {"financien": 3})
    entry = AccessLogEntry.objects.get(action=Action.CREATE, record_type="assessment.ZrmMeasurement")
    assert entry.record_id == str(m.pk) and entry.person_id == world.parent.pk and entry.case_id == world.case.pk
    assert entry.household_id == world.case.household_id and entry.user == world.pro
