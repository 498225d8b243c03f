"""Overwritten records keep their old values in the log (Big 5 entries, rota days, signal fields)."""

from datetime import date

import pytest

from eenplan.access.models import AccessLogEntry
from eenplan.accounts.models import RoleCode
from eenplan.assessment.services import big5_save
from eenplan.intake.services import rota_set_day, signal_assign
from eenplan.testing.factories import CaseFactory, TeamFactory, UserFactory
from eenplan.testing.migration_data import restore_migration_data

pytestmark = pytest.mark.django_db


def test_big5_overwrite_keeps_the_old_text():
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL])
    case = CaseFactory(regisseur=pro)
    big5_save(case=case, domain="wonen", current="Te klein huis", ideal="Een kamer extra", by=pro)
    big5_save(case=case, domain="wonen", current="Verhuisd naar een groter huis", ideal="Een kamer extra", by=pro)
    line = AccessLogEntry.objects.filter(record_type="assessment.Big5Entry").order_by("-pk").first()
    assert line.before == {"current": "Te klein huis"} and line.after == {"current": "Verhuisd naar een groter huis"}
    assert line.case_id == case.pk


def test_rota_day_and_signal_assignment_keep_before_and_after():
    restore_migration_data()
    from eenplan.intake.tests.factories import make_signal

    team = TeamFactory()
    lead = UserFactory(roles=[RoleCode.TEAM_LEAD], team=team)
    anna, bram = (UserFactory(roles=[RoleCode.PROFESSIONAL], team=team) for _ in range(2))
    rota_set_day(team=team, day=date(2026, 3, 2), user=anna, by=lead)
    rota_set_day(team=team, day=date(2026, 3, 2), user=bram, by=lead)
    line = AccessLogEntry.objects.filter(record_type="intake.DutyDay").order_by("-pk").first()
    assert line.before == {"user": anna.pk} and line.after == {"user": bram.pk}
    signal = make_signal(team=team)
    signal_assign(signal=signal, user=anna, by=lead)
    signal_assign(signal=signal, user=bram, by=lead)
    line = AccessLogEntry.objects.filter(record_type="intake.Signal", detail__startswith="assigned").order_by("-pk").first()
    assert line.before == {"assigned_to": anna.pk} and line.after == {"assigned_to": bram.pk}
