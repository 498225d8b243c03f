from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class RemovalKind(models.TextChoices):
    RETENTION = "bewaartermijn", _("retention period passed")
    ERASURE = "verzoek", _("erasure on request")


class RemovalOutcome(models.TextChoices):
    REMOVED = "verwijderd", _("removed")
    REFUSED = "geweigerd", _("refused")


class RemovalRecord(models.Model):
    """What the retention job or an erasure request removed (or why an erasure was refused). Append-only.

    Holds ids and counts only, never names: it must not keep what was removed.
    """

    at = models.DateTimeField(_("when"))
    kind = models.CharField(_("kind"), max_length=15, choices=RemovalKind.choices)
    outcome = models.CharField(_("outcome"), max_length=12, choices=RemovalOutcome.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                           verbose_name=_("by"))
    reason = models.TextField(_("reason"), blank=True)
    refusal = models.TextField(_("why refused"), blank=True)
    person_id = models.BigIntegerField(_("person"), null=True, blank=True)
    case_ids = models.JSONField(_("cases"), default=list)
    household_ids = models.JSONField(_("households"), default=list)
    person_ids = models.JSONField(_("people"), default=list)
    signal_ids = models.JSONField(_("signals"), default=list)
    counts = models.JSONField(_("records removed per kind"), default=dict)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("removal record")
        verbose_name_plural = _("removal records")

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("Removal records are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Removal records are append-only.")
