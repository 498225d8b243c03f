"""Notifications to subscribers (the Common Ground *Notificaties* pattern; docs/adr/0116).

A partner system subscribes (an abonnement: callback URL, channel, filters). The services that change what a
partner may read (an agreement made with it or done, a tailored-provision request for its provision made or
moved to another status) call `notify_change`; that stores one `Notification` (no personal content: channel,
resource URL, action, date, a few kenmerken) and one `Delivery` per matching subscription, in the same
transaction. After the commit a procrastinate task delivers each (`partners/tasks.py`); on SQLite, and as a
safety net, the job `notifications_deliver` does (`manage.py run_job notifications_deliver`).

Delivery is a POST of the JSON body, signed with HMAC-SHA256 over the exact bytes with the subscription's secret
(header `Eenplan-Signature: sha256=<hex>`). At the moment of delivery the policy decides again whether a valid
basis covers the case (`policy.partner_notification_decision`): without one the delivery is withheld and the
refusal logged. A failed POST is retried with backoff (`BACKOFF`); after the last attempt it is a dead letter,
listed in /beheer/ for the functional administrator, who can resend it. Every delivery, refusal and failure is
in the access log with the client.
"""

import hashlib
import hmac
import json
import logging
import secrets
from datetime import timedelta
from urllib.parse import urlsplit

import requests
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.access import policy
from eenplan.access.audit import log_access
from eenplan.access.models import Action, Outcome

from .models import KANAAL_SCOPES, Delivery, DeliveryAttempt, DeliveryStatus, Kanaal, Notification, PartnerClient, Subscription

logger = logging.getLogger("eenplan.notifications")

SIGNATURE_HEADER = "Eenplan-Signature"
DELIVERY_HEADER = "Eenplan-Delivery"
# Seconds to wait after the 1st, 2nd, … failed attempt; after the last one the delivery is a dead letter.
BACKOFF = (60, 5 * 60, 30 * 60, 2 * 3600, 8 * 3600)
MAX_ATTEMPTS = len(BACKOFF) + 1
TIMEOUT = 10  # seconds for one POST
LEASE = 6 * TIMEOUT  # an attempt under way is not started again by another worker for this long
# The kenmerken a filter may name, per channel (none of them personal).
FILTERS = {Kanaal.AFSPRAKEN: ("actie", "status"), Kanaal.VOORZIENINGEN: ("actie", "status", "wet")}
ACTIONS = ("create", "update")


def sign(secret: str, body: bytes) -> str:
    """The signature header's value: `sha256=` and the HMAC-SHA256 of the body with the secret, in hex."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, header: str) -> bool:
    """What a receiver does (and the tests): compare in constant time."""
    return hmac.compare_digest(sign(secret, body), header or "")


# --- subscriptions ------------------------------------------------------------------------------


def _callback_error(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return _("Give a full URL, e.g. https://partner.example.nl/notificaties.")
    allowed = ("https", "http") if getattr(settings, "EENPLAN_NOTIFICATIONS_ALLOW_HTTP", False) else ("https",)
    if parts.scheme not in allowed or not parts.hostname:
        return _("Give a full https URL, e.g. https://partner.example.nl/notificaties.")
    if parts.username or parts.password:
        return _("The URL cannot hold a user name or password.")
    if len(url) > 500:
        return _("The URL is longer than 500 characters.")
    return None


@transaction.atomic
def subscription_create(*, client: PartnerClient, token_scopes, callback_url: str, kanaal: str, filters=None) -> tuple[Subscription, str]:
    """A new abonnement of `client`; returns it and its signing secret (shown to the partner once, in the answer)."""
    callback_url = (callback_url or "").strip()
    filters = filters or {}
    errors = {}
    error = _callback_error(callback_url)
    if error:
        errors["callbackUrl"] = error
    if kanaal not in Kanaal.values:
        errors["kanaal"] = _("Choose a channel: %(values)s.") % {"values": ", ".join(Kanaal.values)}
    elif not policy.partner_may_subscribe(client, token_scopes, kanaal, KANAAL_SCOPES[kanaal]):
        errors["kanaal"] = _("Your access token does not allow reading this channel (scope %(scope)s).") % {"scope": KANAAL_SCOPES[kanaal]}
    if not isinstance(filters, dict):
        errors["filters"] = _("Give the filters as an object, e.g. {\"status\": \"toegekend\"}.")
    elif kanaal in Kanaal.values:
        unknown = sorted(set(filters) - set(FILTERS[kanaal]))
        if unknown:
            errors["filters"] = _("Unknown filter %(names)s. This channel can filter on: %(known)s.") % {
                "names": ", ".join(unknown), "known": ", ".join(FILTERS[kanaal])}
        elif any(not isinstance(v, str) for v in filters.values()):
            errors["filters"] = _("Give each filter's value as text.")
    if errors:
        raise ValidationError(errors)
    secret = secrets.token_urlsafe(32)
    subscription = Subscription.objects.create(client=client, callback_url=callback_url, kanaal=kanaal, filters=filters, secret=secret)
    log_access(user=client.service_user, action=Action.CREATE, record=subscription, acting_role=policy.PARTNER_BASIS,
               detail=f"partner api {client.organisation.name}: subscription to {kanaal}"[:300])
    return subscription, secret


@transaction.atomic
def subscription_end(*, subscription: Subscription) -> Subscription:
    """End an abonnement: nothing more is sent to it; what was waiting is not sent either."""
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.ended_at is None:
        subscription.ended_at = timezone.now()
        subscription.save(update_fields=["ended_at"])
        subscription.deliveries.filter(status=DeliveryStatus.PENDING).update(status=DeliveryStatus.DEAD, next_attempt_at=None,
                                                                            last_error="subscription ended")
        client = subscription.client
        log_access(user=client.service_user, action=Action.DELETE, record=subscription, acting_role=policy.PARTNER_BASIS,
                   detail=f"partner api {client.organisation.name}: subscription ended"[:300])
    return subscription


# --- notifying ----------------------------------------------------------------------------------


def _describe(record) -> tuple[str, str, str, dict]:
    """(channel, resource, resource URL, kenmerken) of a record a partner may read."""
    from eenplan.socialmap.models import Agreement, TailoredProvisionRequest

    base = settings.EENPLAN_BASE_URL.rstrip("/")
    if isinstance(record, Agreement):
        return (Kanaal.AFSPRAKEN, "agreement", base + reverse("partners:agreement", args=[record.pk]),
                {"status": "gedaan" if record.done_on else "open"})
    if isinstance(record, TailoredProvisionRequest):
        return (Kanaal.VOORZIENINGEN, "provision-request", base + reverse("partners:provision_request", args=[record.pk]),
                {"status": record.status, "wet": record.law})
    raise TypeError(f"no notifications for {type(record).__name__}")


def notify_change(*, record, actie: str) -> Notification | None:
    """Called by the service that changed `record`, inside its transaction. Queues a notification for every
    subscription of a partner the record concerns whose channel and filters match; delivered after the commit."""
    kanaal, resource, url, kenmerken = _describe(record)
    kenmerken = {**kenmerken, "actie": actie}
    subscriptions = [s for s in Subscription.objects.filter(kanaal=kanaal, ended_at__isnull=True, client__active=True)
                     .select_related("client__organisation")
                     if policy.partner_concerned(s.client.organisation, record) and s.matches(kenmerken)]
    if not subscriptions:
        return None
    now = timezone.now()
    notification = Notification.objects.create(
        kanaal=kanaal, resource=resource, resource_url=url, actie=actie, kenmerken=kenmerken,
        record_type=record._meta.label, record_id=record.pk, case_id=record.case_id, created_at=now)
    deliveries = Delivery.objects.bulk_create(
        [Delivery(notification=notification, subscription=s, next_attempt_at=now, created_at=now) for s in subscriptions])
    ids = [d.pk for d in deliveries] if all(d.pk for d in deliveries) else list(
        notification.deliveries.values_list("pk", flat=True))
    transaction.on_commit(lambda: queue_deliveries(ids))
    return notification


def task_runner_installed() -> bool:
    return apps.is_installed("procrastinate.contrib.django")


def queue_deliveries(ids, *, schedule_at=None) -> None:
    """Defer one delivery task per id (procrastinate, on PostgreSQL). Without the task runner the job
    `notifications_deliver` picks them up by their `next_attempt_at`."""
    if not task_runner_installed():
        return
    from .tasks import deliver

    for pk in ids:
        try:
            (deliver.configure(schedule_at=schedule_at) if schedule_at else deliver).defer(delivery_id=pk)
        except Exception:  # the queue unreachable: the periodic job still finds it
            logger.exception("notification not queued", extra={"delivery": pk})


def body_of(delivery: Delivery) -> bytes:
    """The notification as the Notificaties API sends it: no personal content, the partner fetches the resource."""
    n = delivery.notification
    return json.dumps({
        "kanaal": n.kanaal, "hoofdObject": n.resource_url, "resource": n.resource, "resourceUrl": n.resource_url,
        "actie": n.actie, "aanmaakdatum": n.created_at.isoformat(), "kenmerken": n.kenmerken,
    }, separators=(",", ":"), sort_keys=True).encode()


def _record_of(notification: Notification):
    return apps.get_model(notification.record_type).objects.filter(pk=notification.record_id).first()


def delivery_attempt(delivery_id: int, *, now=None) -> Delivery:
    """One attempt to deliver: decide (a valid basis now?), POST, record. Returns the delivery in its new state."""
    now = now or timezone.now()
    with transaction.atomic():
        delivery = (Delivery.objects.select_for_update(of=("self",)).select_related("notification", "subscription__client__organisation",
                                                                        "subscription__client__application__user")
                    .get(pk=delivery_id))
        if delivery.status != DeliveryStatus.PENDING or (delivery.next_attempt_at and delivery.next_attempt_at > now):
            return delivery  # done, or not due (another worker holds it, or its next attempt is later)
        subscription = delivery.subscription
        record = _record_of(delivery.notification)
        decision = policy.partner_notification_decision(subscription, record)
        if not decision:
            delivery.status, delivery.next_attempt_at, delivery.last_error = DeliveryStatus.WITHHELD, None, decision.basis[:300]
            delivery.save(update_fields=["status", "next_attempt_at", "last_error"])
            _log(delivery, record, decision, outcome=Outcome.REFUSED, detail="notification withheld (no basis)")
            return delivery
        delivery.attempts += 1
        delivery.next_attempt_at = now + timedelta(seconds=LEASE)  # held for this attempt: no second worker sends it too
        delivery.save(update_fields=["attempts", "next_attempt_at"])
    body = body_of(delivery)
    status_code, error = None, ""
    try:
        response = requests.post(subscription.callback_url, data=body, timeout=TIMEOUT, allow_redirects=False, headers={
            "Content-Type": "application/json", SIGNATURE_HEADER: sign(subscription.secret, body),
            DELIVERY_HEADER: str(delivery.pk), "User-Agent": "eenplan-notificaties/1"})
        status_code = response.status_code
        if not 200 <= status_code < 300:
            error = f"HTTP {status_code}"
    except requests.RequestException as exc:
        error = f"{type(exc).__name__}: {exc}"[:300]
    ok = not error
    with transaction.atomic():
        DeliveryAttempt.objects.create(delivery=delivery, at=now, status_code=status_code, error=error, ok=ok)
        if ok:
            delivery.status, delivery.delivered_at, delivery.next_attempt_at, delivery.last_error = (
                DeliveryStatus.DELIVERED, now, None, "")
        elif delivery.attempts >= MAX_ATTEMPTS:
            delivery.status, delivery.next_attempt_at, delivery.last_error = DeliveryStatus.DEAD, None, error
        else:
            delivery.next_attempt_at, delivery.last_error = now + timedelta(seconds=BACKOFF[delivery.attempts - 1]), error
        delivery.save(update_fields=["status", "delivered_at", "next_attempt_at", "last_error"])
        if ok:
            _log(delivery, record, decision, detail="notification delivered")
        else:
            _log(delivery, record, decision, detail=f"notification attempt {delivery.attempts} failed: {error}"
                 + (" (dead letter)" if delivery.status == DeliveryStatus.DEAD else ""))
    logger.info("notification delivery", extra={"delivery": delivery.pk, "attempt": delivery.attempts, "status": delivery.status,
                                                "http_status": status_code})
    return delivery


def _log(delivery, record, decision, *, detail, outcome=Outcome.ALLOWED):
    client = delivery.subscription.client
    fields = {"record": record} if record is not None else {"record_type": delivery.notification.record_type,
                                                             "record_id": delivery.notification.record_id}
    log_access(user=client.service_user, action=Action.EXPORT, outcome=outcome, acting_role=decision.basis,
               detail=f"partner notification {client.organisation.name}: {detail}"[:300], **fields)


def deliveries_due(*, now=None, limit=500) -> list[int]:
    now = now or timezone.now()
    return list(Delivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
                .order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])


def deliveries_send_due(*, now=None) -> dict[str, int]:
    """Every delivery that is due, one attempt each (the job `notifications_deliver`). Counts per outcome."""
    counts = {s: 0 for s in DeliveryStatus.values}
    for pk in deliveries_due(now=now):
        counts[delivery_attempt(pk, now=now).status] += 1
    return counts


@transaction.atomic
def delivery_resend(*, delivery: Delivery, by) -> Delivery:
    """The functional administrator sends a dead letter (or a withheld one) again: a fresh series of attempts.
    The basis is decided again when it goes."""
    delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
    if delivery.status not in (DeliveryStatus.DEAD, DeliveryStatus.WITHHELD):
        raise ValidationError(_("Only a failed or withheld notification can be sent again."))
    if delivery.subscription.ended_at is not None:
        raise ValidationError(_("This subscription has ended."))
    delivery.status, delivery.attempts, delivery.next_attempt_at, delivery.last_error = (
        DeliveryStatus.PENDING, 0, timezone.now(), "")
    delivery.save(update_fields=["status", "attempts", "next_attempt_at", "last_error"])
    log_access(user=by, action=Action.UPDATE, record_type="partners.Delivery", record_id=delivery.pk,
               detail=f"notification to {delivery.subscription.client.name} sent again"[:300])
    transaction.on_commit(lambda: queue_deliveries([delivery.pk]))
    return delivery
