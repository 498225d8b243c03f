"""Deadline rules come from the signal type (data): VHU 14 days, arrears from N months."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from eenplan.intake.models import AttemptKind
from eenplan.intake.services import deadline_for
from eenplan.testing.factories import TeamFactory, UserFactory

from .factories import make_signal, signal_type

pytestmark = pytest.mark.django_db


def test_vhu_deadline_is_fourteen_days_after_the_corporations_signal():
    reported = timezone.localdate() - timedelta(days=3)
    signal = make_signal(source_code="woningcorporatie", signal_type=signal_type("vhu"), reported_on=reported)
    assert signal.deadline == reported + timedelta(days=14)
    assert signal.next_attempt_kind == AttemptKind.LETTER  # first outreach step of the rule


def test_changing_the_rule_in_data_changes_the_deadline():
    vhu = signal_type("vhu")
    vhu.contact_within_days = 10
    vhu.save()
    today = timezone.localdate()
    assert make_signal(signal_type=vhu, reported_on=today).deadline == today + timedelta(days=10)


def test_arrears_rule_applies_from_the_configured_months():
    energy = signal_type("energie")  # from 2 months: letter and home visit
    today = timezone.localdate()
    below = make_signal(source_code="energieleverancier", signal_type=energy, arrears_months=1, reported_on=today)
    at = make_signal(source_code="energieleverancier", signal_type=energy, arrears_months=2, reported_on=today,
                     postcode="3511 AC", house_number=3)
    assert below.deadline is None and below.next_attempt_kind == ""
    assert at.deadline == today + timedelta(days=14)
    assert at.next_attempt_kind == AttemptKind.LETTER and at.next_attempt_on == today


def test_arrears_signal_without_months_is_refused():
    with pytest.raises(ValidationError) as exc:
        make_signal(signal_type=signal_type("zorgverzekering"))
    assert "arrears_months" in exc.value.message_dict


def test_letter_then_home_visit_follow_the_rule():
    from eenplan.intake import services

    team = TeamFactory()
    pro = UserFactory(team=team)
    signal = make_signal(signal_type=signal_type("zorgverzekering"), arrears_months=3, team=team, by=pro)
    services.contact_attempt_log(signal=signal, kind=AttemptKind.LETTER, reached=False, by=pro)
    signal.refresh_from_db()
    assert signal.next_attempt_kind == AttemptKind.VISIT
    assert signal.next_attempt_on == timezone.localdate() + timedelta(days=1)


def test_explicit_deadline_earlier_than_the_rule_wins():
    today = timezone.localdate()
    signal = make_signal(signal_type=signal_type("vhu"), reported_on=today, deadline=today + timedelta(days=2))
    assert signal.deadline == today + timedelta(days=2)


def test_no_type_no_deadline():
    assert deadline_for(signal_type=None, reported_on=timezone.localdate()) is None
