"""Notifications to subscribers (ADR 0116), against a real HTTP receiver on the loopback interface: a partner
system subscribes with its token, a change is notified with a signed POST, failures are retried with backoff
and end as a dead letter the functional administrator can resend; without a valid basis nothing goes out."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from eenplan.access.models import AccessLogEntry, Action, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.partners import notifications
from eenplan.partners.models import Delivery, DeliveryStatus, Notification, Scope, Subscription
from eenplan.socialmap import services as socialmap_services
from eenplan.socialmap.models import DataCategory, RequestStatus
from eenplan.testing.factories import UserFactory

from .test_partner_api import TODAY, Partner, bearer, world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db
D = timedelta(days=1)


class Receiver:
    """A partner's callback endpoint: a real HTTP server on 127.0.0.1 that records every POST and answers
    with the next status of `answers` (the last one repeats)."""

    def __init__(self, answers=(204,)):
        self.answers = list(answers)
        self.received: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.received.append({"path": self.path, "headers": dict(self.headers), "body": body})
                status = receiver.answers.pop(0) if len(receiver.answers) > 1 else receiver.answers[0]
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/notificaties"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings):
    settings.EENPLAN_NOTIFICATIONS_ALLOW_HTTP = True  # the loopback receiver speaks plain http
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def partner(world):  # noqa: F811
    return Partner(world)


def subscribe(client, partner, url, kanaal="voorzieningen", filters=None, scope=None):
    return client.post("/api/v1/partners/abonnementen", {"callbackUrl": url, "kanaal": kanaal, "filters": filters or {}},
                       content_type="application/json", **bearer(client, partner, scope))


def status_change(partner, status=RequestStatus.GRANTED, note=""):
    socialmap_services.tailored_request_set_status(request=partner.request, status=status, on=TODAY, by=partner.world.pro, note=note)


# --- subscribing --------------------------------------------------------------------------------


def test_a_system_subscribes_sees_its_subscription_and_ends_it(client, partner, receiver):
    response = subscribe(client, partner, receiver.url, filters={"wet": "wmo"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kanaal"] == "voorzieningen" and body["filters"] == {"wet": "wmo"} and body["callbackUrl"] == receiver.url
    subscription = Subscription.objects.get(pk=body["id"])
    assert body["secret"] == subscription.secret and len(body["secret"]) >= 40
    assert body["url"].endswith(f"/api/v1/partners/abonnementen/{subscription.pk}")
    headers = bearer(client, partner)
    listed = client.get("/api/v1/partners/abonnementen", **headers).json()
    assert [s["id"] for s in listed["results"]] == [subscription.pk] and "secret" not in listed["results"][0]
    assert client.delete(f"/api/v1/partners/abonnementen/{subscription.pk}", **headers).status_code == 204
    subscription.refresh_from_db()
    assert subscription.ended_at is not None
    assert client.get(f"/api/v1/partners/abonnementen/{subscription.pk}", **headers).status_code == 404
    assert AccessLogEntry.objects.filter(record_type="partners.Subscription", action=Action.DELETE, username=partner.client.service_user.username).exists()


def test_a_channel_needs_its_read_scope_and_a_callback_must_be_https(client, world, settings):  # noqa: F811
    reader = Partner(world, scopes=[Scope.AGREEMENTS_READ, Scope.SUBSCRIBE])
    response = subscribe(client, reader, "https://partner.example.nl/n", kanaal="voorzieningen")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "kanaal"
    response = subscribe(client, reader, "http://partner.example.nl/n", kanaal="afspraken")
    assert response.status_code == 400 and "https" in response.json()["detail"]
    response = subscribe(client, reader, "https://partner.example.nl/n", kanaal="afspraken", filters={"naam": "Veldkamp"})
    assert response.status_code == 400 and response.json()["invalidParams"][0]["name"] == "filters"
    assert not Subscription.objects.exists()
    assert subscribe(client, reader, "https://partner.example.nl/n", kanaal="afspraken").status_code == 201


def test_without_the_subscribe_scope_there_is_no_subscription(client, world):  # noqa: F811
    reader = Partner(world, scopes=[Scope.PROVISIONS_READ])
    assert subscribe(client, reader, "https://partner.example.nl/n").status_code == 403
    assert AccessLogEntry.objects.filter(outcome=Outcome.REFUSED, path="/api/v1/partners/abonnementen").exists()


def test_another_systems_subscription_is_refused_and_logged(client, world, partner, receiver):  # noqa: F811
    mine = Subscription.objects.get(pk=subscribe(client, partner, receiver.url).json()["id"])
    other = Partner(world, org_name="Zorggroep Oost")
    response = client.delete(f"/api/v1/partners/abonnementen/{mine.pk}", **bearer(client, other))
    assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"
    mine.refresh_from_db()
    assert mine.ended_at is None
    assert AccessLogEntry.objects.filter(outcome=Outcome.REFUSED, record_type="partners.Subscription", record_id=str(mine.pk),
                                         username=other.client.service_user.username).exists()


# --- delivery -----------------------------------------------------------------------------------


def test_a_status_change_is_delivered_signed_without_personal_content(client, partner, receiver):
    partner.basis([DataCategory.PROVISIONS])
    secret = subscribe(client, partner, receiver.url).json()["secret"]
    status_change(partner)
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert notifications.deliveries_send_due() ["afgeleverd"] == 1
    assert len(receiver.received) == 1
    got = receiver.received[0]
    assert notifications.verify(secret, got["body"], got["headers"][notifications.SIGNATURE_HEADER])
    assert not notifications.verify("another secret", got["body"], got["headers"][notifications.SIGNATURE_HEADER])
    assert not notifications.verify(secret, got["body"] + b" ", got["headers"][notifications.SIGNATURE_HEADER])
    body = json.loads(got["body"])
    assert body["kanaal"] == "voorzieningen" and body["actie"] == "update" and body["resource"] == "provision-request"
    assert body["resourceUrl"].endswith(f"/api/v1/partners/provision-requests/{partner.request.pk}")
    assert body["kenmerken"] == {"actie": "update", "status": "toegekend", "wet": "wmo"} and body["aanmaakdatum"]
    text = got["body"].decode()
    for personal in ("Veldkamp", "Sanne", "Zelfstandig wonen", "Woonbegeleiding"):
        assert personal not in text
    assert set(body) == {"kanaal", "hoofdObject", "resource", "resourceUrl", "actie", "aanmaakdatum", "kenmerken"}
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.attempts == 1
    assert AccessLogEntry.objects.filter(action=Action.EXPORT, outcome=Outcome.ALLOWED, username=partner.client.service_user.username,
                                         record_type="socialmap.TailoredProvisionRequest", case_id=partner.world.case.pk).count() == 1
    # The partner fetches what the notification names, with its token.
    path = body["resourceUrl"].split("127.0.0.1:8000")[-1]
    fetched = client.get(path, **bearer(client, partner))
    assert fetched.status_code == 200 and fetched.json()["status"] == "toegekend"


def test_a_new_agreement_is_notified_on_the_agreements_channel(client, partner, receiver):
    partner.basis([DataCategory.AGREEMENTS])
    subscribe(client, partner, receiver.url, kanaal="afspraken")
    case_partner = partner.agreement.partner
    agreement = socialmap_services.agreement_add(case=partner.world.case, partner=case_partner, description="Huur om 1e van de maand",
                                                 owner="Woonstad", due_on=TODAY + 7 * D, by=partner.world.pro)
    notifications.deliveries_send_due()
    assert [json.loads(r["body"])["resourceUrl"].rsplit("/", 1)[1] for r in receiver.received] == [str(agreement.pk)]
    assert json.loads(receiver.received[0]["body"])["actie"] == "create"


def test_filters_choose_which_changes_are_notified(client, partner, receiver):
    partner.basis([DataCategory.PROVISIONS])
    subscribe(client, partner, receiver.url, filters={"status": "gestart"})
    status_change(partner, RequestStatus.GRANTED)
    assert not Delivery.objects.exists()
    status_change(partner, RequestStatus.STARTED)
    notifications.deliveries_send_due()
    assert [json.loads(r["body"])["kenmerken"]["status"] for r in receiver.received] == ["gestart"]


def test_another_organisations_change_is_not_notified(client, world, partner, receiver):  # noqa: F811
    partner.basis([DataCategory.PROVISIONS])
    subscribe(client, partner, receiver.url)
    other = Partner(world, org_name="Zorggroep Oost")
    socialmap_services.tailored_request_set_status(request=other.request, status=RequestStatus.GRANTED, on=TODAY, by=world.pro)
    assert not Notification.objects.exists()


def test_without_a_valid_basis_nothing_is_sent_and_the_refusal_is_logged(client, partner, receiver):
    subscribe(client, partner, receiver.url)
    status_change(partner)
    counts = notifications.deliveries_send_due()
    assert counts["tegengehouden"] == 1 and receiver.received == []
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.WITHHELD and delivery.attempts == 0
    assert AccessLogEntry.objects.filter(action=Action.EXPORT, outcome=Outcome.REFUSED, acting_role="ketenpartner:geen-grondslag",
                                         username=partner.client.service_user.username, case_id=partner.world.case.pk).exists()


def test_a_basis_ended_before_delivery_stops_the_notification(client, partner, receiver):
    basis = partner.basis([DataCategory.PROVISIONS])
    subscribe(client, partner, receiver.url)
    status_change(partner)
    socialmap_services.sharing_basis_end(basis=basis, ended_on=TODAY, by=partner.world.pro, note="Toestemming ingetrokken.")
    notifications.deliveries_send_due()
    assert receiver.received == [] and Delivery.objects.get().status == DeliveryStatus.WITHHELD


def test_failures_are_retried_with_backoff_then_a_dead_letter_the_admin_resends(client, verified_client, partner, receiver):
    partner.basis([DataCategory.PROVISIONS])
    subscribe(client, partner, receiver.url)
    receiver.answers = [500]
    status_change(partner)
    delivery = Delivery.objects.get()
    now = timezone.now()
    waits = []
    for attempt in range(1, notifications.MAX_ATTEMPTS + 1):
        assert notifications.deliveries_due(now=now) == [delivery.pk]
        notifications.delivery_attempt(delivery.pk, now=now)
        delivery.refresh_from_db()
        assert delivery.attempts == attempt and delivery.last_error == "HTTP 500"
        if attempt < notifications.MAX_ATTEMPTS:
            assert delivery.status == DeliveryStatus.PENDING
            waits.append((delivery.next_attempt_at - now).total_seconds())
            assert notifications.deliveries_due(now=delivery.next_attempt_at - timedelta(seconds=1)) == []  # not before its time
            now = delivery.next_attempt_at
    assert waits == list(notifications.BACKOFF) and waits == sorted(waits)
    assert delivery.status == DeliveryStatus.DEAD and delivery.next_attempt_at is None
    assert len(receiver.received) == notifications.MAX_ATTEMPTS
    assert delivery.attempt_log.filter(ok=False, status_code=500).count() == notifications.MAX_ATTEMPTS
    assert AccessLogEntry.objects.filter(action=Action.EXPORT, detail__contains="(dead letter)").count() == 1

    # The dead-letter list in /beheer/ (opens on the failed ones), with a resend.
    admin_browser = verified_client(UserFactory(roles=[RoleCode.FUNCTIONAL_ADMIN]))
    page = admin_browser.get("/beheer/partners/delivery/")
    assert page.status_code == 200 and "HTTP 500" in page.content.decode()
    receiver.answers = [204]
    response = admin_browser.post("/beheer/partners/delivery/", {"action": "resend", "_selected_action": [delivery.pk]})
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 0
    notifications.deliveries_send_due()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED and len(receiver.received) == notifications.MAX_ATTEMPTS + 1


def test_an_unreachable_receiver_is_a_failed_attempt(client, partner, receiver):
    partner.basis([DataCategory.PROVISIONS])
    subscription = Subscription.objects.get(pk=subscribe(client, partner, receiver.url).json()["id"])
    receiver.close()  # nobody listens on that port any more
    status_change(partner)
    notifications.deliveries_send_due()
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 1 and "ConnectionError" in delivery.last_error
    assert subscription.deliveries.get().attempt_log.get().status_code is None
    receiver.close = lambda: None


def test_the_delivery_job_sends_what_is_due(client, partner, receiver):
    from eenplan.ops.jobs import run_job

    partner.basis([DataCategory.PROVISIONS])
    subscribe(client, partner, receiver.url)
    status_change(partner)
    run = run_job("notifications_deliver", trigger="manual")
    assert run.status == "succeeded" and "1" in run.summary and len(receiver.received) == 1
