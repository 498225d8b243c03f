"""The sociale kaart (partner organisations and their provisions).

The sociale kaart is configuration, not personal data: the functional administrator keeps it
in the admin; every case-worker role may search it. Case-bound records (partners on a case,
agreements, tailored-provision requests, sharing bases, case discussions) follow below.
Rules live in `services.py`; these models hold data and append-only history.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A partner organisation (ketenpartner) in or around the municipality."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    description = models.TextField(_("description"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self):
        return self.name


class ProvisionType(models.TextChoices):
    """The kinds of provision, from light to heavy (De Kanteling)."""

    GENERAL = "algemeen", _("general")
    COLLECTIVE = "collectief", _("collective")
    PRECEDING = "voorliggend", _("preceding")
    TAILORED = "maatwerk", _("tailored")


class Provision(models.Model):
    """A provision (voorziening) on the sociale kaart.

    `domains` are ZRM 2017 life domains (assessment.Domain of the current instrument);
    no `wijken` means the provision serves the whole municipality.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="provisions", verbose_name=_("organisation"))
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    type = models.CharField(_("type"), max_length=12, choices=ProvisionType.choices, db_index=True)
    domains = models.ManyToManyField(
        "assessment.Domain", related_name="provisions", verbose_name=_("life domains"), blank=True,
        help_text=_("The ZRM 2017 life domains this provision serves."),
    )
    wijken = models.ManyToManyField(
        "organisation.Wijk", related_name="provisions", verbose_name=_("wijken"), blank=True,
        help_text=_("Leave empty when the provision serves the whole municipality."),
    )
    contact = models.CharField(_("contact"), max_length=200, blank=True, help_text=_("Phone, e-mail or address for professionals."))
    how_to_refer = models.TextField(_("how to refer"), blank=True)
    needs_decision = models.BooleanField(
        _("needs a decision (beschikking)"), default=False,
        help_text=_("Tick when the municipality must grant it first (Wmo or Jeugdwet)."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_provision_per_organisation")]
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    @property
    def whole_municipality(self) -> bool:
        return not self.wijken.all()
