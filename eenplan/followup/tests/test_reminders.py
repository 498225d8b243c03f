"""The daily reminder job on a given date: each professional's and team lead's due items."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Phase, PlannedItem
from eenplan.core.models import Notification
from eenplan.followup.reminders import reminders_for
from eenplan.testing.factories import CaseFactory, UserFactory

from .factories import make_world

pytestmark = pytest.mark.django_db
ON = date(2026, 11, 22)


def _item(case, due, kind="afspraak", label="Huisbezoek", owner="regisseur"):
    return PlannedItem.objects.create(case=case, kind=kind, label=label, due_on=due,
                                      owner=case.regisseur if owner == "regisseur" else owner)


@pytest.fixture
def world():
    w = make_world()
    bram = UserFactory(username="bram", roles=[RoleCode.PROFESSIONAL], team=w.team)
    w.pro.username = "anna"
    w.pro.save()
    other = CaseFactory(team=w.team, regisseur=bram)
    _item(w.case, date(2026, 11, 15), kind="evaluation", label="Evaluatie met het huishouden")  # overdue
    _item(w.case, ON, label="Huisbezoek")  # today
    _item(w.case, date(2026, 11, 30), label="Later")  # not yet due
    _item(other, date(2026, 11, 20), label="Telefonisch contact")  # bram, overdue
    _item(other, date(2026, 11, 1), label="Niemand", owner=None)  # falls back to the regisseur (bram)
    closed = CaseFactory(team=w.team, regisseur=w.pro, phase=Phase.AFGESLOTEN)
    _item(closed, date(2026, 11, 1), label="Gesloten casus")  # closed case: never reminded
    done = _item(w.case, date(2026, 11, 2), label="Al gedaan")
    done.done_at = done.case.opened_at
    done.save()
    w.bram, w.other = bram, other
    return w


def test_who_has_what_due_on_the_date(world):
    run = reminders_for(ON)
    by_user = {d.user.username: d for d in run.personal}
    assert set(by_user) == {"anna", "bram"}
    assert [i.label for i in by_user["anna"].overdue] == ["Evaluatie met het huishouden"]
    assert [i.label for i in by_user["anna"].today] == ["Huisbezoek"]
    assert [i.label for i in by_user["bram"].overdue] == ["Niemand", "Telefonisch contact"]
    [team] = run.teams
    assert team.leads == [world.lead]
    assert (len(team.overdue), team.overdue_evaluations, team.unassigned) == (3, 1, 0)


def test_an_earlier_date_has_less_due(world):
    run = reminders_for(date(2026, 11, 16))
    by_user = {d.user.username: d for d in run.personal}
    assert [i.label for i in by_user["anna"].overdue] == ["Evaluatie met het huishouden"] and by_user["anna"].today == []
    assert [i.label for i in by_user["bram"].overdue] == ["Niemand"]


def test_command_prints_the_summary_and_notifies_once_per_date(world):
    out = StringIO()
    call_command("reminders", "--date", "2026-11-22", stdout=out)
    text = out.getvalue()
    assert "Herinneringen voor 22-11-2026" in text
    assert "anna: 1 vandaag, 1 te laat" in text
    assert f"2026-11-15 te laat · casus #{world.case.pk} · Evaluatie met het huishouden" in text
    assert "bram: 0 vandaag, 2 te laat" in text
    assert "3 te laat (1 evaluaties), 0 zonder eigenaar" in text
    assert "Gesloten casus" not in text and "Later" not in text and "Al gedaan" not in text
    assert "3 meldingen verstuurd." in text
    anna = Notification.objects.get(user=world.pro)
    assert anna.message == "Herinnering voor 22-11-2026: 1 item vandaag, 1 item te laat." and anna.url == "/caseload/"
    assert Notification.objects.get(user=world.lead).url == "/team/"
    assert world.case.household.name not in "".join(Notification.objects.values_list("message", flat=True))

    again = StringIO()
    call_command("reminders", "--date", "2026-11-22", stdout=again)
    assert "0 meldingen verstuurd." in again.getvalue()
    assert Notification.objects.count() == 3


def test_bad_date_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("reminders", "--date", "22-11-2026")
