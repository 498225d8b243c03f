"""Instruments as data: version → domains → level descriptions.

The ZRM 2017 (13 domains), the older 11-domain ZRM and the 2020 supplements live side by
side, so old measurements stay readable. Measurements themselves are added by this app.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Instrument(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)  # e.g. zrm-2017, zrm-2013, zrm-huishoudens
    name = models.CharField(_("name"), max_length=120)
    scale_min = models.PositiveSmallIntegerField(default=1)
    scale_max = models.PositiveSmallIntegerField(default=5)
    is_current = models.BooleanField(_("current version"), default=False)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["-is_current", "name"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self):
        return self.name


class Domain(models.Model):
    """A life domain of an instrument, with the plain name residents see ("Mijn ZRM")."""

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="domains")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    resident_name = models.CharField(_("name for residents"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["instrument", "order"]
        constraints = [models.UniqueConstraint(fields=["instrument", "code"], name="unique_domain_code_per_instrument")]
        verbose_name = _("life domain")
        verbose_name_plural = _("life domains")

    def __str__(self):
        return self.name


class LevelDescription(models.Model):
    """What a score means on a domain, in our own words (not the handbook's)."""

    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="levels")
    score = models.PositiveSmallIntegerField(_("score"))
    text = models.TextField(_("description"))

    class Meta:
        ordering = ["domain", "score"]
        constraints = [models.UniqueConstraint(fields=["domain", "score"], name="unique_level_per_domain")]


class SolutionFrame(models.TextChoices):
    """De Kanteling's four frames a solution can come from (shared by assessment and plans)."""

    OWN_STRENGTH = "eigen_kracht", _("own strength")
    NETWORK = "netwerk", _("social network")
    PRECEDING = "voorliggend", _("general, collective or preceding provision")
    TAILORED = "maatwerk", _("tailored provision")
