"""The delivery of notifications as a procrastinate task (production: PostgreSQL; docs/adr/0116).

Autodiscovered by procrastinate.contrib.django. One task per delivery, deferred after the commit that queued
it. The retry schedule is the delivery's own (`notifications.BACKOFF`, kept in the database so the functional
administrator sees it and a resend can start it again): after a failed attempt the task defers itself for the
next attempt's time. The job `notifications_deliver` (ops) sweeps up anything due that was not queued.
"""

from procrastinate.contrib.django import app

from . import notifications
from .models import DeliveryStatus


@app.task(name="eenplan.partners.deliver", queue="notifications")
def deliver(delivery_id: int):
    delivery = notifications.delivery_attempt(delivery_id)
    if delivery.status == DeliveryStatus.PENDING and delivery.next_attempt_at is not None:
        notifications.queue_deliveries([delivery.pk], schedule_at=delivery.next_attempt_at)
