"""Eropaf: contact attempts, first contact, the next attempt, and overdue detection."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from eenplan.access.models import AccessLogEntry
from eenplan.cases.models import PlannedItem
from eenplan.intake import selectors, services
from eenplan.intake.models import AttemptKind, ContactAttempt
from eenplan.testing.factories import CaseFactory, TeamFactory, UserFactory

from .factories import make_signal, signal_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_pro():
    team = TeamFactory()
    return team, UserFactory(team=team)


def test_refused_without_a_way_to_find_the_person():
    from .factories import source

    with pytest.raises(ValidationError) as exc:
        services.signal_register(by=None, channel="telefoon", source=source(), description="Zorgen", street="Dorpsstraat")
    assert "__all__" in exc.value.message_dict
    assert not selectors.Signal.objects.exists()


def test_a_phone_number_alone_is_enough():
    assert make_signal(subject_phone="0612345678").pk


def test_failed_visit_then_phone_contact(team_pro):
    team, pro = team_pro
    signal = make_signal(team=team, by=pro)
    services.contact_attempt_log(signal=signal, kind=AttemptKind.VISIT, reached=False, by=pro,
                                 next_attempt_on=timezone.localdate() + timedelta(days=2), next_attempt_kind=AttemptKind.PHONE)
    signal.refresh_from_db()
    assert signal.first_contact_at is None
    assert signal.next_attempt_kind == AttemptKind.PHONE
    services.contact_attempt_log(signal=signal, kind=AttemptKind.PHONE, reached=True, by=pro)
    signal.refresh_from_db()
    assert signal.first_contact_at is not None
    assert signal.next_attempt_on is None
    assert ContactAttempt.objects.filter(signal=signal).count() == 2
    assert AccessLogEntry.objects.filter(record_type="intake.ContactAttempt", user=pro).count() == 2


def test_a_letter_is_never_contact(team_pro):
    team, pro = team_pro
    signal = make_signal(team=team)
    with pytest.raises(ValidationError) as exc:
        services.contact_attempt_log(signal=signal, kind=AttemptKind.LETTER, reached=True, by=pro)
    assert "reached" in exc.value.message_dict
    assert not ContactAttempt.objects.exists()


def test_next_attempt_is_a_planned_item_when_a_case_exists(team_pro):
    team, pro = team_pro
    case = CaseFactory(team=team, involved=[pro])
    signal = make_signal(team=team, household=case.household)
    signal.case = case
    signal.save()
    due = timezone.localdate() + timedelta(days=3)
    services.contact_attempt_log(signal=signal, kind=AttemptKind.INFO_LEFT, reached=False, by=pro, next_attempt_on=due,
                                 next_attempt_kind=AttemptKind.VISIT)
    item = PlannedItem.objects.get(case=case, source=f"intake.Signal:{signal.pk}")
    assert item.due_on == due and item.done_at is None
    signal.refresh_from_db()
    assert signal.next_attempt_on is None
    services.contact_attempt_log(signal=signal, kind=AttemptKind.VISIT, reached=True, by=pro)
    item.refresh_from_db()
    assert item.done_at is not None


def test_overdue_without_contact_by_the_deadline(team_pro):
    team, pro = team_pro
    today = timezone.localdate()
    late = make_signal(team=team, signal_type=signal_type("vhu"), reported_on=today - timedelta(days=15), received_at=timezone.now() - timedelta(days=15))
    due_today = make_signal(team=team, signal_type=signal_type("vhu"), reported_on=today - timedelta(days=14),
                            postcode="3511 AC", house_number=2, received_at=timezone.now() - timedelta(days=14))
    assert selectors.is_overdue(late) and not selectors.is_overdue(due_today)
    assert list(selectors.overdue_signals([team.pk])) == [late]
    services.contact_attempt_log(signal=late, kind=AttemptKind.PHONE, reached=True, by=pro)
    late.refresh_from_db()
    assert not selectors.is_overdue(late)


def test_repeat_signals_about_one_address_are_grouped(team_pro):
    team, _ = team_pro
    first = make_signal(team=team, postcode="3511ab", house_number=12)
    second = make_signal(team=team, postcode="3511 AB", house_number=12, source_code="woningcorporatie")
    other = make_signal(team=team, postcode="3511 AB", house_number=14)
    assert selectors.repeat_signals(second) == [first]
    board = {s.pk: s.repeats for s in selectors.board_rows(selectors.board([team.pk]))}
    assert board[first.pk] == 1 and board[second.pk] == 1 and board[other.pk] == 0


def test_signals_without_an_address_are_not_repeats_of_each_other(team_pro):
    team, _ = team_pro
    first, second = (make_signal(team=team, subject_name=name) for name in ("Mevrouw Jansen", "Meneer de Vries"))
    assert first.address_key == second.address_key == ""
    board = {s.pk: s.repeats for s in selectors.board_rows(selectors.board([team.pk]))}
    assert board[first.pk] == 0 and board[second.pk] == 0


def test_on_duty_person_gets_new_signals_by_default(team_pro):
    team, pro = team_pro
    lead = UserFactory(roles=["team_lead"], team=team)
    services.rota_set_day(team=team, day=timezone.localdate(), user=pro, by=lead)
    signal = make_signal(team=team)
    assert signal.on_duty == pro and signal.assigned_to == pro
    from eenplan.core.models import Notification

    note = Notification.objects.get(user=pro, kind="new_signal")
    assert note.url == f"/intake/signalen/{signal.pk}/" and "Buurvrouw" not in note.message  # no content in the text


def test_rota_cycle_round_robin_on_weekdays(team_pro):
    team, pro = team_pro
    other = UserFactory(team=team)
    lead = UserFactory(roles=["team_lead"], team=team)
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    days = services.rota_fill_cycle(team=team, start=monday, users=[pro, other], by=lead)
    assert len(days) == 10
    assert [d.user for d in days[:3]] == [pro, other, pro]
    assert all(d.day.weekday() < 5 for d in days)


def test_rota_refuses_someone_outside_the_team(team_pro):
    team, _ = team_pro
    lead = UserFactory(roles=["team_lead"], team=team)
    with pytest.raises(ValidationError):
        services.rota_set_day(team=team, day=timezone.localdate(), user=UserFactory(team=TeamFactory()), by=lead)
