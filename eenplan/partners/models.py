"""A partner organisation's system that calls the partner API (ADR 0110).

One `PartnerClient` per partner system: an OAuth2 application of django-oauth-toolkit (client
credentials), the sociale kaart's organisation it speaks for, the scopes it may ask for and the
kinds of signal it may report. What it receives per case is decided by the sharing bases of that
organisation (access/policy.py), never by the scopes alone.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    """The scopes a partner token can carry. A scope is the ceiling; a valid sharing basis decides per case."""

    AGREEMENTS_READ = "afspraken:lezen", _("read the agreements with the organisation")
    AGREEMENTS_UPDATE = "afspraken:bijwerken", _("mark agreements with the organisation as done")
    PROVISIONS_READ = "voorzieningen:lezen", _("read tailored-provision requests for the organisation's provisions")
    PROVISIONS_UPDATE = "voorzieningen:bijwerken", _("update the status of those requests")
    SIGNALS_REPORT = "signalen:melden", _("report new signals (e.g. payment arrears)")
    SUBSCRIBE = "notificaties:abonneren", _("subscribe to notifications of changes it may read")
    CONTACT_READ = "regie:lezen", _("read who to contact about a case (the regisseur and the team)")


class PartnerClient(models.Model):
    organisation = models.ForeignKey(
        "socialmap.Organisation", on_delete=models.PROTECT, related_name="api_clients", verbose_name=_("partner organisation")
    )
    application = models.OneToOneField(
        "oauth2_provider.Application", on_delete=models.PROTECT, related_name="partner_client", editable=False
    )
    name = models.CharField(_("name of the partner system"), max_length=150, help_text=_("E.g. 'Woonstad huurincasso'."))
    scopes = models.JSONField(_("scopes"), default=list, blank=True)
    source_type = models.ForeignKey(
        "intake.SourceType", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("source of its signals"),
        help_text=_("How signals from this system show on the intake board, e.g. 'Woningcorporatie'."),
    )
    signal_types = models.ManyToManyField(
        "intake.SignalType", blank=True, related_name="+", verbose_name=_("kinds of signal it may report"),
    )
    active = models.BooleanField(_("active"), default=True, help_text=_("Untick to refuse every call of this system at once."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("partner system (API)")
        verbose_name_plural = _("partner systems (API)")

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    @property
    def client_id(self) -> str:
        return self.application.client_id

    @property
    def service_user(self):
        """The account the partner's writes are recorded under (never logs in: no password, inactive)."""
        return self.application.user

    def scope_list(self) -> list[str]:
        return [s for s in Scope.values if s in set(self.scopes or [])]


# --- notifications to subscribers (the Common Ground Notificaties pattern; ADR 0116) -----------------


class Kanaal(models.TextChoices):
    """What a partner system can subscribe to: the records it may read through the API, per data category."""

    AFSPRAKEN = "afspraken", _("agreements with the organisation (new, done)")
    VOORZIENINGEN = "voorzieningen", _("tailored-provision requests for its provisions (new, status)")


# The scope a token must carry to subscribe to a channel: the one it needs to fetch what the notification names.
KANAAL_SCOPES = {Kanaal.AFSPRAKEN: Scope.AGREEMENTS_READ, Kanaal.VOORZIENINGEN: Scope.PROVISIONS_READ}


class Subscription(models.Model):
    """A partner system's abonnement: where to POST notifications of a channel, filtered by the notification's
    kenmerken. The secret signs every notification (HMAC-SHA256 over the body); it is kept so it can sign."""

    client = models.ForeignKey(PartnerClient, on_delete=models.CASCADE, related_name="subscriptions", verbose_name=_("partner system"))
    callback_url = models.URLField(_("callback URL"), max_length=500)
    kanaal = models.CharField(_("channel"), max_length=20, choices=Kanaal.choices)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    secret = models.CharField(_("signing secret"), max_length=100, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        ordering = ["client", "pk"]
        verbose_name = _("subscription to notifications")
        verbose_name_plural = _("subscriptions to notifications")

    def __str__(self):
        return f"{self.client.name}: {self.kanaal} → {self.callback_url}"

    def matches(self, kenmerken: dict) -> bool:
        return all(str(kenmerken.get(key, "")) == str(value) for key, value in (self.filters or {}).items())


class Notification(models.Model):
    """One change a subscriber may hear of. Holds no personal content: the channel, the resource's URL and the
    action; the partner fetches the record with its own token (and a basis must cover it then too)."""

    kanaal = models.CharField(_("channel"), max_length=20, choices=Kanaal.choices)
    resource = models.CharField(_("resource"), max_length=40)
    resource_url = models.CharField(_("resource URL"), max_length=300)
    actie = models.CharField(_("action"), max_length=20)
    kenmerken = models.JSONField(_("characteristics"), default=dict, blank=True)
    record_type = models.CharField(max_length=60)
    record_id = models.PositiveBigIntegerField()
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return f"{self.kanaal} {self.actie} {self.resource_url}"


class DeliveryStatus(models.TextChoices):
    PENDING = "wachtend", _("waiting to be delivered")
    DELIVERED = "afgeleverd", _("delivered")
    DEAD = "mislukt", _("failed (dead letter)")
    WITHHELD = "tegengehouden", _("withheld: no valid basis")


class Delivery(models.Model):
    """A notification on its way to one subscription, with its retries; after the last, a dead letter."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("subscription"))
    status = models.CharField(_("status"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True, db_index=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("delivery of a notification")
        verbose_name_plural = _("deliveries of notifications")

    def __str__(self):
        return f"{self.notification} → {self.subscription.client.name}"


class DeliveryAttempt(models.Model):
    """Append-only: every POST to a callback and how it ended."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_log")
    at = models.DateTimeField(_("at"))
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    ok = models.BooleanField(_("delivered"), default=False)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")


# --- idempotent POSTs (the Idempotency-Key header; ADR 0118) -------------------------------------------------


class IdempotencyKey(models.Model):
    """A partner system's POST that created a record, by the `Idempotency-Key` it sent: a retry with the same key
    (after a timeout or a failover) is answered with that record instead of creating another. Holds no case content:
    the key, the address, a digest of the body and which record was made. Removed after a day (job)."""

    client = models.ForeignKey(PartnerClient, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    path = models.CharField(max_length=200)
    digest = models.CharField(max_length=64, help_text="SHA-256 of the request body as JSON (canonical).")
    record_type = models.CharField(max_length=60)
    record_id = models.PositiveBigIntegerField(null=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "key"], name="unique_idempotency_key_per_client")]

    def __str__(self):
        return f"{self.client_id}:{self.key} → {self.record_type} {self.record_id}"
