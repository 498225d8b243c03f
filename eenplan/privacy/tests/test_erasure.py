"""Erasure on request (art. 17): refused with the reason while the law keeps the records, done otherwise."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from eenplan.access.models import AccessLogEntry, Action, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Case, Phase
from eenplan.people.models import Household, Person
from eenplan.privacy.models import RemovalOutcome, RemovalRecord
from eenplan.privacy.services import erasure_request
from eenplan.testing.factories import CaseFactory, UserFactory

from .data import closed_case, household_with, officer, running_meldcode, signal

pytestmark = pytest.mark.django_db
REASON = "Brief van de inwoner, ontvangen 1 december."


@pytest.fixture(autouse=True)
def periods(settings):
    settings.RETENTION_YEARS = {"jeugdwet": 20, "wmo": 15, "participatiewet": 5}


def ago(years):
    return timezone.now() - timedelta(days=365 * years)


def test_refused_with_the_reason_while_wmo_retention_runs():
    fg = officer()
    household, (adult,) = household_with(name="Gezin Wmo")
    case = closed_case(household, closed_at=ago(2))
    preview = erasure_request(person=adult, by=fg, reason=REASON, today=timezone.localdate(), confirm=False)
    assert not preview.erased and len(preview.blockers) == 1
    assert f"Casus {case.pk} moet bewaard blijven tot" in preview.blockers[0] and "Wmo 2015" in preview.blockers[0]
    assert not RemovalRecord.objects.exists()

    result = erasure_request(person=adult, by=fg, reason=REASON, today=timezone.localdate(), confirm=True)
    assert not result.erased
    assert Person.objects.filter(pk=adult.pk).exists() and Case.objects.filter(pk=case.pk).exists()
    record = RemovalRecord.objects.get()
    assert record.outcome == RemovalOutcome.REFUSED and record.reason == REASON and "Wmo 2015" in record.refusal
    refusal = AccessLogEntry.objects.get(user=fg, action=Action.DELETE)
    assert refusal.outcome == Outcome.REFUSED and refusal.person_id == adult.pk and refusal.reason == REASON


def test_refused_while_the_case_runs():
    household, (adult,) = household_with()
    CaseFactory(household=household, phase=Phase.ONDERSTEUNING)
    result = erasure_request(person=adult, by=officer(), reason=REASON, today=timezone.localdate(), confirm=True)
    assert not result.erased and "loopt nog" in result.blockers[0]


def test_youth_case_is_erased_on_request_jeugdwet_7_3_9():
    fg = officer()
    household, (parent, child) = household_with(children=1, name="Gezin Jeugd")
    case = closed_case(household, closed_at=ago(3))
    sig = signal(household=household, received_at=ago(4))
    result = erasure_request(person=parent, by=fg, reason=REASON, today=timezone.localdate(), confirm=True)
    assert result.erased, result.blockers
    assert not Case.objects.filter(pk=case.pk).exists()
    assert not Person.objects.filter(pk=parent.pk).exists()
    assert Person.objects.filter(pk=child.pk).exists() and Household.objects.filter(pk=household.pk).exists()  # the child stays
    assert result.removal.signal_ids == [sig.pk]
    record = RemovalRecord.objects.get()
    assert record.outcome == RemovalOutcome.REMOVED and record.person_id == parent.pk and record.case_ids == [case.pk]
    assert AccessLogEntry.objects.filter(action=Action.DELETE, case_id=case.pk, user=fg).exists()


def test_youth_case_with_safety_records_is_kept():
    fg = officer()
    household, (parent, _child) = household_with(children=1)
    case = closed_case(household, closed_at=ago(3))
    running_meldcode(case, fg)
    result = erasure_request(person=parent, by=fg, reason=REASON, today=timezone.localdate(), confirm=False)
    assert not result.erased and "7.3.9 lid 2" in result.blockers[0]


def test_person_without_cases_is_erased_with_the_empty_household():
    household, (adult,) = household_with()
    result = erasure_request(person=adult, by=officer(), reason=REASON, today=timezone.localdate(), confirm=True)
    assert result.erased
    assert not Household.objects.filter(pk=household.pk).exists()
    assert result.removal.household_ids == [household.pk]


def test_reason_is_required_and_only_the_privacy_officer_may():
    household, (adult,) = household_with()
    with pytest.raises(ValidationError) as exc:
        erasure_request(person=adult, by=officer(), reason="te kort", today=timezone.localdate(), confirm=True)
    assert "reason" in exc.value.message_dict
    admin = UserFactory(roles=[RoleCode.FUNCTIONAL_ADMIN])
    with pytest.raises(PermissionDenied):
        erasure_request(person=adult, by=admin, reason=REASON, today=timezone.localdate(), confirm=True)
    assert AccessLogEntry.objects.filter(user=admin, action=Action.DELETE, outcome=Outcome.REFUSED, person_id=adult.pk).exists()
    assert Person.objects.filter(pk=adult.pk).exists()


def test_pages_preview_then_remove(verified_client):
    household, (adult,) = household_with()
    client = verified_client(officer())
    url = f"/privacy/inzage/{adult.pk}/verwijderen/"
    short = client.post(url, {"reason": "kort"})
    html = short.content.decode()
    assert "minstens 10 tekens" in html and 'kort</textarea>' in html
    preview = client.post(url, {"reason": REASON}).content.decode()
    assert "Dit wordt verwijderd:" in preview and "Definitief verwijderen" in preview
    assert Person.objects.filter(pk=adult.pk).exists()
    done = client.post(url, {"reason": REASON, "confirm": "1"})
    assert done.status_code == 302
    assert not Person.objects.filter(pk=adult.pk).exists()


def test_page_refusal_is_recorded(verified_client):
    household, (adult,) = household_with()
    closed_case(household, closed_at=ago(1))
    client = verified_client(officer())
    page = client.get(f"/privacy/inzage/{adult.pk}/").content.decode()
    assert "Een wettelijke plicht houdt deze gegevens vast" in page
    response = client.post(f"/privacy/inzage/{adult.pk}/verwijderen/", {"reason": REASON, "confirm": "1"})
    assert response.status_code == 302
    assert RemovalRecord.objects.get().outcome == RemovalOutcome.REFUSED
