"""A tailored-provision request registered as a zaak with its document, against the stand-in zaaksysteem on the
loopback interface that checks every request against the published Zaken/Documenten API schemas; the
municipality's decision comes back into the case."""

import base64

import pytest
import requests

from eenplan.access.models import AccessLogEntry, Action, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.ops.jobs import run_job
from eenplan.socialmap import services as socialmap_services
from eenplan.socialmap.models import RequestStatus
from eenplan.socialmap.tests.factories import ProvisionFactory, make_world
from eenplan.testing.factories import UserFactory
from eenplan.zgw import services
from eenplan.zgw.client import CRS
from eenplan.zgw.models import ZaakRegistration
from eenplan.zgw.standin import StandInZaaksysteem

pytestmark = pytest.mark.django_db


@pytest.fixture
def zaaksysteem(settings):
    with StandInZaaksysteem(client_id="eenplan-test", secret="een-geheim-van-de-gemeente") as standin:
        settings.ZGW_ZAKEN_API_ROOT = standin.zaken_api_root
        settings.ZGW_DOCUMENTEN_API_ROOT = standin.documenten_api_root
        settings.ZGW_CLIENT_ID, settings.ZGW_SECRET = "eenplan-test", "een-geheim-van-de-gemeente"
        settings.ZGW_BRONORGANISATIE = "002220647"
        settings.ZGW_ZAAKTYPE_WMO = standin.catalogus_url("zaaktypen", "wmo-maatwerk")
        settings.ZGW_ZAAKTYPE_JEUGDWET = standin.catalogus_url("zaaktypen", "jeugdhulp")
        settings.ZGW_INFORMATIEOBJECTTYPE = standin.catalogus_url("informatieobjecttypen", "aanvraag")
        settings.ZGW_STATUSTYPEN = {standin.catalogus_url("statustypen", "toegekend"): "toegekend",
                                    standin.catalogus_url("statustypen", "afgewezen"): "afgewezen"}
        yield standin


@pytest.fixture
def world():
    world = make_world()
    world.provision = ProvisionFactory(name="Huishoudelijke hulp")
    world.request = socialmap_services.tailored_request_add(case=world.case, provision=world.provision, law="wmo",
                                                            motivation="Mevrouw kan het huishouden niet meer zelf doen.", by=world.pro)
    return world


def register_url(world):
    return f"/casussen/{world.case.pk}/partners/maatwerk/{world.request.pk}/zaak/"


def test_a_request_is_registered_as_a_zaak_with_its_document_and_its_decision_comes_back(verified_client, world, zaaksysteem):
    browser = verified_client(world.pro)
    page = browser.get(f"/casussen/{world.case.pk}/partners/").content.decode()
    assert "Huishoudelijke hulp registreren in het zaaksysteem" in page
    response = browser.post(register_url(world))
    assert response.status_code == 302
    # Every request the client made passed the published schema (a 400 would be listed with its problems).
    assert [(r["method"], r["path"].split("/api/v1/")[1], r["status"]) for r in zaaksysteem.requests] == [
        ("POST", "zaken", 201), ("POST", "enkelvoudiginformatieobjecten", 201), ("POST", "zaakinformatieobjecten", 201)]
    (zaak,) = zaaksysteem.zaken.values()
    assert zaak["zaaktype"] == zaaksysteem.catalogus_url("zaaktypen", "wmo-maatwerk") and zaak["bronorganisatie"] == "002220647"
    assert zaak["startdatum"] == world.request.requested_on.isoformat()
    (document,) = zaaksysteem.documenten.values()
    assert "Mevrouw kan het huishouden niet meer zelf doen." in base64.b64decode(document["inhoud"]).decode()
    assert zaak["zaakinformatieobjecten"] and list(zaaksysteem.links.values())[0]["informatieobject"] == document["url"]
    registration = ZaakRegistration.objects.get(request=world.request)
    assert registration.complete and registration.zaak_url == zaak["url"] and registration.identificatie == zaak["identificatie"]
    assert AccessLogEntry.objects.filter(action=Action.EXPORT, record_type="socialmap.TailoredProvisionRequest",
                                         username=world.pro.username, detail__contains=zaak["identificatie"]).count() == 2
    page = browser.get(f"/casussen/{world.case.pk}/partners/").content.decode()
    assert f"zaak {zaak['identificatie']}" in page and "registreren in het zaaksysteem" not in page
    assert browser.post(register_url(world)).status_code == 302 and len(zaaksysteem.zaken) == 1  # never a second zaak

    # The municipality decides; the polling job takes it back into the case.
    assert run_job("zaken_status_sync", trigger="manual").summary.startswith("1")
    world.request.refresh_from_db()
    assert world.request.status == RequestStatus.REQUESTED
    zaaksysteem.set_status(zaak["url"], zaaksysteem.catalogus_url("statustypen", "toegekend"), "Toegekend voor 12 maanden.")
    run = run_job("zaken_status_sync", trigger="manual")
    world.request.refresh_from_db()
    assert world.request.status == RequestStatus.GRANTED, (run.summary, ZaakRegistration.objects.get().last_error, zaaksysteem.requests[-3:])
    change = world.request.history.order_by("pk").last()
    assert change.note == "Toegekend voor 12 maanden." and change.by.username == services.SYSTEM_USERNAME
    assert services.zaak_status_sync(ZaakRegistration.objects.get()) is None  # the same status is taken over once


def test_the_status_button_fetches_a_refusal(verified_client, world, zaaksysteem):
    browser = verified_client(world.pro)
    browser.post(register_url(world))
    zaak_url = ZaakRegistration.objects.get().zaak_url
    zaaksysteem.set_status(zaak_url, zaaksysteem.catalogus_url("statustypen", "afgewezen"))
    assert browser.post(register_url(world) + "status/").status_code == 302
    world.request.refresh_from_db()
    assert world.request.status == RequestStatus.REFUSED and "Besluit in het zaaksysteem" in world.request.history.last().note


def test_the_stand_in_refuses_what_the_published_schema_refuses(zaaksysteem):
    import jwt

    token = jwt.encode({"client_id": "eenplan-test", "iss": "eenplan-test"}, "een-geheim-van-de-gemeente", algorithm="HS256")
    headers = {"Authorization": f"Bearer {token}"}
    good = {"bronorganisatie": "002220647", "verantwoordelijkeOrganisatie": "002220647", "startdatum": "2026-12-01",
            "zaaktype": zaaksysteem.catalogus_url("zaaktypen", "wmo-maatwerk")}
    url = zaaksysteem.zaken_api_root + "zaken"
    assert requests.post(url, json=good, headers={**headers, **CRS}, timeout=5).status_code == 201
    no_crs = requests.post(url, json=good, headers=headers, timeout=5)
    assert no_crs.status_code == 400 and {p["name"] for p in no_crs.json()["invalidParams"]} == {"Accept-Crs", "Content-Crs"}
    bad = requests.post(url, json={**good, "bronorganisatie": "0022206470000", "zaaktype": None}, headers={**headers, **CRS}, timeout=5)
    assert bad.status_code == 400 and {p["name"] for p in bad.json()["invalidParams"]} >= {"bronorganisatie", "zaaktype"}
    missing = requests.post(url, json={"startdatum": "2026-12-01"}, headers={**headers, **CRS}, timeout=5)
    assert {p["name"] for p in missing.json()["invalidParams"]} >= {"bronorganisatie", "zaaktype", "verantwoordelijkeOrganisatie"}
    assert requests.post(url, json=good, headers={**CRS, "Authorization": "Bearer nep"}, timeout=5).status_code == 403


def test_a_refusal_by_the_zaaksysteem_is_a_clear_message_and_nothing_is_registered(verified_client, world, zaaksysteem, settings):
    settings.ZGW_BRONORGANISATIE = "0022206470000"  # longer than an RSIN: the Zaken API's schema refuses it
    response = verified_client(world.pro).post(register_url(world), follow=True)
    assert "Registreren in het zaaksysteem is niet gelukt" in response.content.decode()
    assert "bronorganisatie" in response.content.decode()
    assert not ZaakRegistration.objects.exists() and not zaaksysteem.zaken


def test_a_registration_that_stops_halfway_is_finished_without_a_second_zaak(verified_client, world, zaaksysteem, settings):
    real = settings.ZGW_DOCUMENTEN_API_ROOT
    settings.ZGW_DOCUMENTEN_API_ROOT = "http://127.0.0.1:9/documenten/api/v1/"  # nothing listens there
    browser = verified_client(world.pro)
    browser.post(register_url(world))
    registration = ZaakRegistration.objects.get()
    assert not registration.complete and "niet te bereiken" in registration.last_error and len(zaaksysteem.zaken) == 1
    page = browser.get(f"/casussen/{world.case.pk}/partners/").content.decode()
    assert "halverwege" in page
    settings.ZGW_DOCUMENTEN_API_ROOT = real
    browser.post(register_url(world))
    registration.refresh_from_db()
    assert registration.complete and registration.last_error == "" and len(zaaksysteem.zaken) == 1 and len(zaaksysteem.documenten) == 1


def test_without_a_zaaksysteem_the_feature_is_hidden(verified_client, world):
    browser = verified_client(world.pro)
    assert "zaaksysteem" not in browser.get(f"/casussen/{world.case.pk}/partners/").content.decode()
    assert browser.post(register_url(world)).status_code == 404
    assert run_job("zaken_status_sync", trigger="manual").summary == "geen zaaksysteem ingesteld"


def test_a_professional_not_involved_cannot_register_and_is_logged(verified_client, world, zaaksysteem):
    outsider = UserFactory(roles=[RoleCode.PROFESSIONAL], team=world.team)
    assert verified_client(outsider).post(register_url(world)).status_code == 403
    assert not zaaksysteem.zaken
    assert AccessLogEntry.objects.filter(username=outsider.username, outcome=Outcome.REFUSED, action=Action.EXPORT,
                                         case_id=world.case.pk).exists()
