"""A tailored-provision request registered as a zaak with its document, against the stand-in zaaksysteem on the
loopback interface that checks every request against the published Zaken/Documenten API schemas; the
municipality's decision comes back into the case."""

import base64
from datetime import date

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
        settings.ZGW_ROLTYPE_AANVRAGER = standin.catalogus_url("roltypen", "aanvrager")
        yield standin


@pytest.fixture
def world():
    world = make_world()
    world.provision = ProvisionFactory(name="Huishoudelijke hulp")
    world.member.person.bsn, world.member.person.birth_date = "999993653", date(1958, 3, 14)
    world.member.person.save()
    world.request = socialmap_services.tailored_request_add(case=world.case, provision=world.provision, law="wmo", person=world.member.person,
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
        ("POST", "zaken", 201), ("POST", "rollen", 201), ("POST", "enkelvoudiginformatieobjecten", 201),
        ("POST", "zaakinformatieobjecten", 201)]
    (zaak,) = zaaksysteem.zaken.values()
    # The resident is the zaak's betrokkene, by BSN, as a natuurlijk persoon of the configured roltype.
    (rol,) = zaaksysteem.rollen.values()
    assert zaak["rollen"] == [rol["url"]] and rol["roltype"] == zaaksysteem.catalogus_url("roltypen", "aanvrager")
    assert rol["betrokkeneType"] == "natuurlijk_persoon"
    assert rol["betrokkeneIdentificatie"] == {"inpBsn": "999993653", "geslachtsnaam": "Veldkamp", "voorvoegselGeslachtsnaam": "",
                                              "voornamen": "Sanne", "geboortedatum": "1958-03-14"}
    assert zaak["zaaktype"] == zaaksysteem.catalogus_url("zaaktypen", "wmo-maatwerk") and zaak["bronorganisatie"] == "002220647"
    assert zaak["startdatum"] == world.request.requested_on.isoformat()
    (document,) = zaaksysteem.documenten.values()
    assert "Mevrouw kan het huishouden niet meer zelf doen." in base64.b64decode(document["inhoud"]).decode()
    assert zaak["zaakinformatieobjecten"] and list(zaaksysteem.links.values())[0]["informatieobject"] == document["url"]
    registration = ZaakRegistration.objects.get(request=world.request)
    assert registration.complete and registration.zaak_url == zaak["url"] and registration.identificatie == zaak["identificatie"]
    assert AccessLogEntry.objects.filter(action=Action.EXPORT, record_type="socialmap.TailoredProvisionRequest",
                                         username=world.pro.username, detail__contains=zaak["identificatie"]).count() == 2
    assert AccessLogEntry.objects.filter(action=Action.EXPORT, person_id=world.member.person.pk, username=world.pro.username,
                                         detail__contains="betrokkene").count() == 1
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


def test_the_stand_in_checks_a_rol_against_its_concrete_betrokkene_type(zaaksysteem):
    """The Rol body is polymorphic (OpenAPI discriminator betrokkeneType): the stand-in checks the concrete type,
    so a BSN longer than nine digits or an unknown type is refused as Open Zaak would."""
    import jwt

    token = jwt.encode({"client_id": "eenplan-test", "iss": "eenplan-test"}, "een-geheim-van-de-gemeente", algorithm="HS256")
    headers = {"Authorization": f"Bearer {token}", **CRS}
    zaak = requests.post(zaaksysteem.zaken_api_root + "zaken", headers=headers, timeout=5, json={
        "bronorganisatie": "002220647", "verantwoordelijkeOrganisatie": "002220647", "startdatum": "2026-12-01",
        "zaaktype": zaaksysteem.catalogus_url("zaaktypen", "wmo-maatwerk")}).json()
    rol = {"zaak": zaak["url"], "betrokkeneType": "natuurlijk_persoon", "roltype": zaaksysteem.catalogus_url("roltypen", "aanvrager"),
           "roltoelichting": "Aanvrager", "betrokkeneIdentificatie": {"inpBsn": "999993653"}}
    url = zaaksysteem.zaken_api_root + "rollen"
    assert requests.post(url, json=rol, headers=headers, timeout=5).status_code == 201
    too_long = requests.post(url, json={**rol, "betrokkeneIdentificatie": {"inpBsn": "9999936530"}}, headers=headers, timeout=5)
    assert too_long.status_code == 400
    assert [p["name"] for p in too_long.json()["invalidParams"]] == ["betrokkeneIdentificatie.inpBsn"]
    unknown = requests.post(url, json={**rol, "betrokkeneType": "buurman"}, headers=headers, timeout=5)
    assert unknown.status_code == 400 and "betrokkeneType" in {p["name"] for p in unknown.json()["invalidParams"]}


def test_without_a_roltype_no_rol_is_sent(verified_client, world, zaaksysteem, settings):
    settings.ZGW_ROLTYPE_AANVRAGER = ""
    verified_client(world.pro).post(register_url(world))
    assert ZaakRegistration.objects.get().complete and not zaaksysteem.rollen
    assert "rollen" not in {r["path"].rsplit("/", 1)[1] for r in zaaksysteem.requests}


NOTIFICATIONS_AUTH = "Bearer abonnement-token-van-de-gemeente-0123456789"


def notification(zaaksysteem, zaak_url, status_url):
    """What Open Notificaties sends on kanaal zaken when a status is set (Notificaties API 1.0)."""
    return {"kanaal": "zaken", "hoofdObject": zaak_url, "resource": "status", "resourceUrl": status_url, "actie": "create",
            "aanmaakdatum": "2026-12-02T10:00:00Z",
            "kenmerken": {"bronorganisatie": "002220647", "zaaktype": zaaksysteem.catalogus_url("zaaktypen", "wmo-maatwerk"),
                          "vertrouwelijkheidaanduiding": "vertrouwelijk"}}


def test_a_notification_from_the_zaaksysteem_takes_the_decision_over_at_once(client, verified_client, world, zaaksysteem, settings):
    settings.ZGW_NOTIFICATIONS_AUTH = NOTIFICATIONS_AUTH
    verified_client(world.pro).post(register_url(world))
    registration = ZaakRegistration.objects.get()
    status = zaaksysteem.set_status(registration.zaak_url, zaaksysteem.catalogus_url("statustypen", "toegekend"), "Toegekend.")
    body = notification(zaaksysteem, registration.zaak_url, status["url"])
    # Without the abonnement's header, or with another one: refused, nothing taken over.
    assert client.post("/api/zgw/notificaties", body, content_type="application/json").status_code == 403
    assert client.post("/api/zgw/notificaties", body, content_type="application/json",
                       headers={"Authorization": "Bearer raden"}).status_code == 403
    world.request.refresh_from_db()
    assert world.request.status == RequestStatus.REQUESTED
    assert AccessLogEntry.objects.filter(outcome=Outcome.REFUSED, record_type="zgw.ZaakRegistration",
                                         detail__contains="Authorization").count() == 2
    # An incomplete notification: 400, nothing taken over.
    assert client.post("/api/zgw/notificaties", {**body, "hoofdObject": "geen url"}, content_type="application/json",
                       headers={"Authorization": NOTIFICATIONS_AUTH}).status_code == 400
    # The real one: 204 and the decision is in the case.
    assert client.post("/api/zgw/notificaties", body, content_type="application/json",
                       headers={"Authorization": NOTIFICATIONS_AUTH}).status_code == 204
    world.request.refresh_from_db()
    assert world.request.status == RequestStatus.GRANTED and world.request.history.order_by("pk").last().note == "Toegekend."
    # A zaak that is not ours is answered too (the NRC would retry otherwise) and changes nothing.
    other = notification(zaaksysteem, zaaksysteem.zaken_api_root + "zaken/00000000-0000-4000-8000-000000000000", status["url"])
    assert client.post("/api/zgw/notificaties", other, content_type="application/json",
                       headers={"Authorization": NOTIFICATIONS_AUTH}).status_code == 204


def test_without_an_abonnement_the_callback_refuses_everything(client, world, zaaksysteem, settings):
    settings.ZGW_NOTIFICATIONS_AUTH = ""
    response = client.post("/api/zgw/notificaties", notification(zaaksysteem, "https://x.example/zaken/1", "https://x.example/s/1"),
                           content_type="application/json", headers={"Authorization": ""})
    assert response.status_code == 403
    assert AccessLogEntry.objects.filter(outcome=Outcome.REFUSED, record_type="zgw.ZaakRegistration", username="anonymous",
                                         detail__contains="no abonnement").count() == 1
