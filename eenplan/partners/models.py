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
