"""Bad input on the staff pages: a clear message, the form re-rendered with what was typed, nothing half-written."""

import pytest

from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Case
from eenplan.intake.models import ContactAttempt, Signal, SourceType, Triage
from eenplan.testing.factories import TeamFactory, UserFactory, WijkFactory

from .factories import make_signal

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    wijk = WijkFactory(postcode_areas="3511")
    team = TeamFactory(wijken=[wijk])
    return team, UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)


def test_signal_without_a_way_to_find_the_person(world, verified_client):
    _, pro = world
    data = {"sig-channel": "telefoon", "sig-source": SourceType.objects.get(code="huisarts").pk,
            "sig-description": "Patiënt komt niet meer op afspraken", "sig-street": "Kerkstraat", "sig-reporter_name": "Dokter Smit"}
    response = verified_client(pro).post("/intake/signalen/nieuw/", data)
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    body = response.content.decode()
    assert "Patiënt komt niet meer op afspraken" in body and 'value="Kerkstraat"' in body and 'value="Dokter Smit"' in body
    assert not Signal.objects.exists()


def test_signal_registered_by_staff(world, verified_client):
    team, pro = world
    data = {"sig-channel": "verwijzing", "sig-source": SourceType.objects.get(code="woningcorporatie").pk,
            "sig-signal_type": "", "sig-description": "Huurachterstand drie maanden", "sig-postcode": "3511 AB",
            "sig-house_number": "5"}
    response = verified_client(pro).post("/intake/signalen/nieuw/", data)
    signal = Signal.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/intake/signalen/{signal.pk}/"
    assert signal.team == team and signal.created_by == pro and signal.channel == "verwijzing"


def test_letter_marked_as_contact_is_refused(world, verified_client):
    team, pro = world
    signal = make_signal(team=team)
    response = verified_client(pro).post(f"/intake/signalen/{signal.pk}/contactpoging/",
                                         {"att-kind": "brief", "att-reached": "on", "att-at": "2020-01-01T10:00", "att-note": "Brief gestuurd"})
    assert response.status_code == 400
    assert "Brief gestuurd" in response.content.decode()
    assert not ContactAttempt.objects.exists()


def test_triage_referral_without_whom(world, verified_client):
    team, pro = world
    signal = make_signal(team=team)
    response = verified_client(pro).post(f"/intake/signalen/{signal.pk}/triage/", {
        "tri-urgency": "hoog", "tri-unsafe": "nee", "tri-children": "ja", "tri-decision": "verwezen",
        "tri-domains": ["financien", "huisvesting"], "tri-note": "Verwijzing nodig",
    })
    assert response.status_code == 400
    form = response.context["form"]
    assert "referred_to" in form.errors
    assert form["domains"].value() == ["financien", "huisvesting"] and "Verwijzing nodig" in response.content.decode()
    assert not Triage.objects.exists() and not Case.objects.exists()


def test_triage_through_the_page_opens_the_case(world, verified_client):
    team, pro = world
    signal = make_signal(team=team, subject_name="Ria Vos", postcode="3511 AB", house_number=20)
    response = verified_client(pro).post(f"/intake/signalen/{signal.pk}/triage/", {
        "tri-urgency": "normaal", "tri-unsafe": "nee", "tri-children": "nee", "tri-decision": "casus",
        "tri-routed_to": pro.pk, "tri-suggested": pro.pk,
    })
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/casussen/{case.pk}/intake/"
    triage = Triage.objects.get()
    assert triage.suggested == pro and triage.routed_to == pro and case.regisseur == pro
