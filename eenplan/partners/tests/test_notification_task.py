"""The notification task in the real task runner (procrastinate on PostgreSQL): a change queues it after the commit,
a worker delivers it over HTTP, a failed attempt defers itself for the next try."""

import threading

import pytest

from eenplan.partners import notifications
from eenplan.partners.models import Delivery, DeliveryStatus
from eenplan.socialmap import services as socialmap_services
from eenplan.socialmap.models import DataCategory, RequestStatus

from .test_notifications import Receiver
from .test_partner_api import TODAY, Partner, world  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.production, pytest.mark.django_db(transaction=True)]


def test_the_worker_delivers_after_the_commit_and_retries_a_failed_attempt(world, settings, monkeypatch):  # noqa: F811
    from procrastinate.contrib.django import app
    from procrastinate.contrib.django.models import ProcrastinateJob

    settings.EENPLAN_NOTIFICATIONS_ALLOW_HTTP = True
    monkeypatch.setattr(notifications, "BACKOFF", (0, 0, 0, 0, 0))  # the next attempt at once, so one worker run sees it
    receiver = Receiver(answers=(503, 204))
    try:
        partner = Partner(world)
        partner.basis([DataCategory.PROVISIONS])
        subscription, secret = notifications.subscription_create(
            client=partner.client, token_scopes=partner.client.scope_list(), callback_url=receiver.url, kanaal="voorzieningen")
        socialmap_services.tailored_request_set_status(request=partner.request, status=RequestStatus.GRANTED, on=TODAY, by=world.pro)
        # only this test's job: the task runner's own jobs of an earlier test may still be in its table
        assert list(ProcrastinateJob.objects.filter(task_name="eenplan.partners.deliver").values_list("task_name", "status")) == [("eenplan.partners.deliver", "todo")]
        errors = []

        def work():
            try:
                with app.replace_connector(app.connector.get_worker_connector()):
                    app.run_worker(wait=False, install_signal_handlers=False, listen_notify=False, queues=["notifications"])
            except BaseException as exc:  # reported below
                errors.append(exc)

        worker = threading.Thread(target=work)
        worker.start()
        worker.join(timeout=300)
        assert not worker.is_alive() and errors == []
        delivery = Delivery.objects.get()
        assert delivery.status == DeliveryStatus.DELIVERED and delivery.attempts == 2
        assert [r["body"] for r in receiver.received][0] == receiver.received[1]["body"]
        assert notifications.verify(secret, receiver.received[1]["body"], receiver.received[1]["headers"][notifications.SIGNATURE_HEADER])
        # (The worker also defers the periodic jobs of the `jobs` queue when it starts: not this test's.)
        deliveries = ProcrastinateJob.objects.filter(task_name="eenplan.partners.deliver").order_by("id")
        assert list(deliveries.values_list("status", flat=True)) == ["succeeded", "succeeded"]
    finally:
        receiver.close()
