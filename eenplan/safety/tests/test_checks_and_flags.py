"""Safety conditions and stut-en-steun checks: dates, overdue flags, violations raise the case."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from eenplan.cases.models import PlannedItem, SafetyStatus
from eenplan.cases.services import case_set_safety_status
from eenplan.core.models import Notification
from eenplan.safety import selectors, services
from eenplan.safety.models import CheckResult, SafetyCheck

from .factories import make_world

pytestmark = pytest.mark.django_db


def plan_with_condition(world, first_check_on=None, every_days=14):
    today = timezone.localdate()
    plan = services.safety_plan_create(case=world.case, agreed_with="Moeder en oma", agreed_on=today, by=world.pro)
    condition = services.safety_condition_add(plan=plan, description="Vader komt niet in huis", checker="Regisseur en school",
                                              every_days=every_days, first_check_on=first_check_on or today, by=world.pro)
    return plan, condition


def test_condition_check_moves_the_next_date_and_the_caseload_item():
    world = make_world()
    today = timezone.localdate()
    _, condition = plan_with_condition(world, first_check_on=today - timedelta(days=3))
    assert selectors.case_safety(world.case)["overdue_conditions"] == [condition]
    services.safety_check_record(condition=condition, checked_on=today, result=CheckResult.KEPT, by=world.pro)
    condition.refresh_from_db()
    assert condition.next_check_on == today + timedelta(days=14) and condition.last_result == CheckResult.KEPT
    open_items = PlannedItem.objects.filter(case=world.case, kind="veiligheidscheck", done_at__isnull=True)
    assert [i.due_on for i in open_items] == [today + timedelta(days=14)]
    assert selectors.case_safety(world.case)["overdue_conditions"] == []


def test_violation_raises_the_case_and_alerts_lead_and_specialist():
    world = make_world()
    case_set_safety_status(case=world.case, status=SafetyStatus.VEILIG, reason="Afspraken werken", by=world.pro)
    _, condition = plan_with_condition(world)
    with pytest.raises(ValidationError) as exc:  # a violation needs a note
        services.safety_check_record(condition=condition, checked_on=timezone.localdate(), result=CheckResult.VIOLATED, by=world.pro)
    assert "note" in exc.value.message_dict
    assert not SafetyCheck.objects.exists()
    services.safety_check_record(condition=condition, checked_on=timezone.localdate(), result=CheckResult.VIOLATED,
                                 note="Vader was zaterdag thuis", by=world.pro)
    world.case.refresh_from_db()
    assert world.case.safety_status == SafetyStatus.ZORGEN
    assert world.case.safety_changes.last().reason.startswith(("Een veiligheidsvoorwaarde", "A safety condition"))
    notified = set(Notification.objects.filter(kind="safety_condition_violated").values_list("user_id", flat=True))
    assert notified == {world.lead.pk, world.specialist.pk}


def test_violation_never_lowers_an_unsafe_status():
    world = make_world()
    case_set_safety_status(case=world.case, status=SafetyStatus.ONVEILIG, reason="Incident", by=world.pro)
    _, condition = plan_with_condition(world)
    services.safety_check_record(condition=condition, checked_on=timezone.localdate(), result=CheckResult.VIOLATED, note="Weer", by=world.pro)
    world.case.refresh_from_db()
    assert world.case.safety_status == SafetyStatus.ONVEILIG


def test_bad_condition_input_is_refused_in_dutch():
    world = make_world()
    plan = services.safety_plan_create(case=world.case, agreed_with="Moeder", agreed_on=timezone.localdate(), by=world.pro)
    with pytest.raises(ValidationError) as exc:
        services.safety_condition_add(plan=plan, description="", checker="", every_days=0, first_check_on=None, by=world.pro)
    assert {"description", "checker"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError) as exc:
        services.safety_condition_add(plan=plan, description="x", checker="y", every_days=400, first_check_on=timezone.localdate(), by=world.pro)
    assert "every_days" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.safety_plan_create(case=world.case, agreed_with="Nog een", agreed_on=timezone.localdate(), by=world.pro)


def test_stut_en_steun_checks_and_overdue_flag():
    world = make_world()
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        services.stut_en_steun_start(case=world.case, reason="Risico", every_days=30, first_check_on=today - timedelta(days=1), by=world.pro)
    assert "first_check_on" in exc.value.message_dict
    watch = services.stut_en_steun_start(case=world.case, reason="Blijvend risico", every_days=30, first_check_on=today, by=world.pro)
    # Time passes: the check date is now in the past.
    type(watch).objects.filter(pk=watch.pk).update(next_check_on=today - timedelta(days=5))
    data = selectors.overview({world.team.pk})
    assert [w.overdue_days for w in data["watches"]] == [5] and len(data["overdue_watches"]) == 1
    with pytest.raises(ValidationError) as exc:
        services.stut_en_steun_check(watch=watch, checked_on=today, how="", note="", by=world.pro)
    assert {"how", "note"} <= set(exc.value.message_dict)
    services.stut_en_steun_check(watch=watch, checked_on=today, how="Huisbezoek", note="Rustig", by=world.pro)
    watch.refresh_from_db()
    assert watch.next_check_on == today + timedelta(days=30)
    assert selectors.overview({world.team.pk})["overdue_watches"] == []
    items = PlannedItem.objects.filter(case=world.case, kind="stut_en_steun", done_at__isnull=True)
    assert [i.due_on for i in items] == [today + timedelta(days=30)]


def test_stut_en_steun_concerns_raise_the_case():
    world = make_world()
    watch = services.stut_en_steun_start(case=world.case, reason="Blijvend risico", every_days=30, first_check_on=timezone.localdate(), by=world.pro)
    services.stut_en_steun_check(watch=watch, checked_on=timezone.localdate(), how="Telefoon", note="Weer ruzie", concerns=True, by=world.pro)
    world.case.refresh_from_db()
    assert world.case.safety_status == SafetyStatus.ZORGEN
    assert Notification.objects.filter(user=world.specialist, kind="stut_en_steun_concerns").exists()


def test_regie_tenzij_reason_period_and_review():
    world = make_world()
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        services.regie_takeover_start(case=world.case, ground="gevaar", reason="", starts_on=today, ends_on=today + timedelta(days=90),
                                      review_on=today + timedelta(days=30), by=world.pro)
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.regie_takeover_start(case=world.case, ground="gevaar", reason="Psychose", starts_on=today, ends_on=today + timedelta(days=90),
                                      review_on=today + timedelta(days=120), by=world.pro)
    assert "review_on" in exc.value.message_dict
    takeover = services.regie_takeover_start(case=world.case, ground="beperking", reason="Opgenomen na psychose", starts_on=today,
                                             ends_on=today + timedelta(days=90), review_on=today + timedelta(days=30), by=world.pro)
    assert PlannedItem.objects.filter(case=world.case, kind="regie_evaluatie", due_on=today + timedelta(days=30), done_at__isnull=True).exists()
    with pytest.raises(ValidationError) as exc:
        services.regie_review_record(takeover=takeover, reviewed_on=today, note="Nog niet", give_back=False, by=world.pro)
    assert "next_review_on" in exc.value.message_dict
    services.regie_review_record(takeover=takeover, reviewed_on=today, note="Nog niet stabiel", give_back=False,
                                 next_review_on=today + timedelta(days=60), by=world.pro)
    takeover.refresh_from_db()
    assert takeover.review_on == today + timedelta(days=60)
    services.regie_review_record(takeover=takeover, reviewed_on=today, note="Stabiel, regie terug", give_back=True, by=world.pro)
    takeover.refresh_from_db()
    assert not takeover.is_active
    assert not PlannedItem.objects.filter(case=world.case, kind="regie_evaluatie", done_at__isnull=True).exists()
