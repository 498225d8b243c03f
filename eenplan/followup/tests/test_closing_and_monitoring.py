"""Closing with the evaluation questions, monitoring (waakvlam) with check-ins, and reopening."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from eenplan.cases.models import Case, Phase, PlannedItem
from eenplan.followup import selectors, services
from eenplan.followup.models import PLANNED_CHECKIN, PLANNED_MONITORING_END, CheckIn, Closing, MonitoringPeriod, Reopening
from eenplan.safety import services as safety_services

from .factories import answers, in_days, ladder, make_world, measure

pytestmark = pytest.mark.django_db


def test_close_stores_the_answers_with_the_measured_change_and_closes_the_case():
    w = make_world()
    measure(w, in_days(-90), financien=2)
    measure(w, in_days(-1), financien=4)
    ladder(w, in_days(-90), 3)
    ladder(w, in_days(-1), 3)
    closing = services.case_close_with_evaluation(case=w.case, answers=answers(self_reliance="gestegen"), by=w.pro)
    w.case.refresh_from_db()
    assert w.case.phase == Phase.AFGESLOTEN and w.case.closed_at is not None
    assert (closing.self_reliance_measured, closing.participation_measured) == ("gestegen", "gelijk")
    assert closing.resident_satisfaction == 8 and closing.resident_words == "Ik ben geholpen."
    assert w.case.transitions.last().to_phase == Phase.AFGESLOTEN


@pytest.mark.parametrize("field, value", [
    ("question_answered", ""), ("process", "  "), ("lessons", ""), ("self_reliance", ""), ("participation", "x"),
    ("resident_satisfaction", None), ("resident_satisfaction", 11), ("decided_on", None),
])
def test_close_without_an_evaluation_answer_is_refused_and_nothing_changes(field, value):
    w = make_world()
    with pytest.raises(ValidationError) as exc:
        services.case_close_with_evaluation(case=w.case, answers=answers(**{field: value}), by=w.pro)
    assert field in exc.value.message_dict
    w.case.refresh_from_db()
    assert w.case.phase == Phase.ONDERSTEUNING and not Closing.objects.exists()


def test_missing_resident_score_is_allowed_with_the_reason():
    w = make_world()
    closing = services.case_close_with_evaluation(
        case=w.case, answers=answers(resident_satisfaction=None, resident_not_asked_reason="Inwoner verhuisd, niet bereikbaar"), by=w.pro)
    assert closing.resident_satisfaction is None and closing.resident_not_asked_reason


def test_close_with_a_running_meldcode_is_refused_and_the_answers_are_not_stored():
    w = make_world()
    safety_services.meldcode_start(case=w.case, concern="Signalen van school", by=w.pro)
    with pytest.raises(ValidationError) as exc:
        services.case_close_with_evaluation(case=w.case, answers=answers(), by=w.pro)
    assert any("meldcode" in m for m in exc.value.messages)
    w.case.refresh_from_db()
    assert w.case.is_open and not Closing.objects.exists()


def test_into_monitoring_plans_the_first_checkin_and_the_end():
    w = make_world()
    services.case_close_with_evaluation(case=w.case, by=w.pro, answers=answers(
        outcome="monitoring", monitoring_until=in_days(90), first_checkin_on=in_days(30), first_checkin_how="huisbezoek",
        watch_for="Terugval in schulden"))
    w.case.refresh_from_db()
    assert w.case.phase == Phase.MONITORING and w.case.closed_at is None
    period = selectors.running_monitoring(w.case)
    assert (period.starts_on, period.ends_on) == (in_days(0), in_days(90))
    kinds = dict(PlannedItem.objects.filter(case=w.case, done_at__isnull=True).values_list("kind", "due_on"))
    assert kinds[PLANNED_CHECKIN] == in_days(30) and kinds[PLANNED_MONITORING_END] == in_days(90)


@pytest.mark.parametrize("until, first, field", [
    (None, in_days(10), "monitoring_until"), (in_days(0), in_days(0), "monitoring_until"), (in_days(900), in_days(10), "monitoring_until"),
    (in_days(60), None, "first_checkin_on"), (in_days(60), in_days(61), "first_checkin_on"), (in_days(60), in_days(-1), "first_checkin_on"),
])
def test_monitoring_period_rules(until, first, field):
    w = make_world()
    with pytest.raises(ValidationError) as exc:
        services.case_close_with_evaluation(case=w.case, by=w.pro, answers=answers(outcome="monitoring", monitoring_until=until, first_checkin_on=first))
    assert field in exc.value.message_dict
    assert not MonitoringPeriod.objects.exists()


def _into_monitoring(w, days_ago=20):
    """Support ended `days_ago` days ago; monitoring for 90 days from then."""
    w.case.opened_at = timezone.now() - timedelta(days=200)
    w.case.save()
    services.case_close_with_evaluation(case=w.case, by=w.pro, answers=answers(
        decided_on=in_days(-days_ago), outcome="monitoring", monitoring_until=in_days(90 - days_ago), first_checkin_on=in_days(0)))


def test_checkin_dated_before_the_close_is_refused():
    w = make_world()
    _into_monitoring(w)
    with pytest.raises(ValidationError) as exc:
        services.checkin_record(case=w.case, held_on=in_days(-21), how="telefoon", result="goed", by=w.pro)
    assert "held_on" in exc.value.message_dict
    assert not CheckIn.objects.exists()


def test_checkin_plans_the_next_one_and_closes_the_due_one():
    w = make_world()
    _into_monitoring(w)
    services.checkin_record(case=w.case, held_on=in_days(0), how="telefoon", result="goed", note="Gaat goed", next_on=in_days(30), by=w.pro)
    open_checkins = PlannedItem.objects.filter(case=w.case, kind=PLANNED_CHECKIN, done_at__isnull=True)
    assert [i.due_on for i in open_checkins] == [in_days(30)]
    with pytest.raises(ValidationError) as exc:
        services.checkin_record(case=w.case, held_on=in_days(0), how="telefoon", result="goed", next_on=in_days(200), by=w.pro)
    assert "next_on" in exc.value.message_dict


def test_checkin_reopens_the_support_in_one_step_keeping_the_history():
    w = make_world()
    _into_monitoring(w)
    checkin = services.checkin_record(case=w.case, held_on=in_days(0), how="huisbezoek", result="terugval",
                                      note="Nieuwe aanmaningen, huur weer achter.", reopen_to=Phase.ONDERSTEUNING, by=w.pro)
    w.case.refresh_from_db()
    assert w.case.phase == Phase.ONDERSTEUNING and checkin.reopened_to == Phase.ONDERSTEUNING
    assert [t.to_phase for t in w.case.transitions.all()][-2:] == [Phase.MONITORING, Phase.ONDERSTEUNING]
    period = MonitoringPeriod.objects.get(case=w.case)
    assert period.end == "heropend" and selectors.running_monitoring(w.case) is None
    assert not PlannedItem.objects.filter(case=w.case, kind__in=[PLANNED_CHECKIN, PLANNED_MONITORING_END], done_at__isnull=True).exists()
    assert Case.objects.count() == 1  # same case, whole history


def test_relapse_needs_a_note():
    w = make_world()
    _into_monitoring(w)
    with pytest.raises(ValidationError) as exc:
        services.checkin_record(case=w.case, held_on=in_days(0), how="telefoon", result="terugval", by=w.pro)
    assert "note" in exc.value.message_dict


def test_monitoring_ends_by_closing_the_case_without_asking_again():
    w = make_world()
    _into_monitoring(w)
    services.monitoring_close(case=w.case, by=w.pro)
    w.case.refresh_from_db()
    assert w.case.phase == Phase.AFGESLOTEN
    assert MonitoringPeriod.objects.get().end == "afgesloten"
    assert Closing.objects.count() == 1


def test_reopen_a_closed_case_is_a_new_case_that_shows_the_earlier_route():
    w = make_world()
    services.case_close_with_evaluation(case=w.case, answers=answers(), by=w.pro)
    new = services.case_reopen(case=w.case, by=w.pro, reason="Nieuwe schulden", to_phase=Phase.VRAAGVERHELDERING)
    assert new.pk != w.case.pk and new.previous_case == w.case and new.phase == Phase.VRAAGVERHELDERING
    assert Reopening.objects.get(case=new).reason == "Nieuwe schulden"
    earlier = selectors.earlier_route(new)
    assert earlier["case"] == w.case and earlier["closing"] is not None
    assert [t.to_phase for t in earlier["transitions"]][-1] == Phase.AFGESLOTEN


def test_reopen_after_more_than_a_year_does_not_show_the_earlier_route():
    w = make_world()
    services.case_close_with_evaluation(case=w.case, answers=answers(), by=w.pro)
    Case.objects.filter(pk=w.case.pk).update(closed_at=timezone.now() - timedelta(days=400))
    new = services.case_reopen(case=w.case, by=w.pro, reason="Nieuwe vraag")
    assert selectors.earlier_route(new) is None


def test_reopen_needs_a_reason_and_a_closed_case():
    w = make_world()
    with pytest.raises(ValidationError):
        services.case_reopen(case=w.case, by=w.pro, reason="x")
    services.case_close_with_evaluation(case=w.case, answers=answers(), by=w.pro)
    with pytest.raises(ValidationError) as exc:
        services.case_reopen(case=w.case, by=w.pro, reason=" ")
    assert "reason" in exc.value.message_dict


def test_the_closing_evaluation_completes_the_planned_evaluations():
    w = make_world(phase=Phase.EVALUATIE)
    moment = services.evaluation_moment_plan(case=w.case, due_on=in_days(5), by=w.pro)
    services.case_close_with_evaluation(case=w.case, answers=answers(), by=w.pro)
    moment.refresh_from_db()
    assert moment.cancelled_at is not None and moment.cancel_reason == "Afgerond met de afsluitende evaluatie"
    assert not selectors.open_moments(w.case).exists()
