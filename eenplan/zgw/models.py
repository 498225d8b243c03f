"""A tailored-provision request registered as a zaak in the municipality's zaaksysteem (ZGW APIs; ADR 0117)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ZaakRegistration(models.Model):
    request = models.OneToOneField("socialmap.TailoredProvisionRequest", on_delete=models.CASCADE, related_name="zaak_registration",
                                   verbose_name=_("tailored-provision request"))
    zaak_url = models.URLField(_("zaak URL"), max_length=500)
    identificatie = models.CharField(_("zaak number"), max_length=40, blank=True)
    rol_url = models.URLField(_("rol URL"), max_length=500, blank=True)  # the resident as betrokkene, when configured
    document_url = models.URLField(_("document URL"), max_length=500, blank=True)
    zaakinformatieobject_url = models.URLField(max_length=500, blank=True)
    status_url = models.URLField(_("last status seen"), max_length=500, blank=True)
    registered_at = models.DateTimeField(_("registered at"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered by"))
    checked_at = models.DateTimeField(_("status last checked"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("registration in the zaaksysteem")
        verbose_name_plural = _("registrations in the zaaksysteem")

    def __str__(self):
        return self.identificatie or self.zaak_url

    @property
    def complete(self) -> bool:
        return bool(self.zaakinformatieobject_url)
