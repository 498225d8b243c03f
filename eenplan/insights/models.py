"""Insights keeps only the team's reflection (vertelpunten) and its themes.

The figures themselves are computed on request from the other apps' records by the
indicator registry (`indicators.py`); nothing personal is copied into this app.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReflectionTheme(models.Model):
    """A theme a vertelpunt can be tagged with (e.g. regievoering, samenwerking). Configuration."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("reflection theme")
        verbose_name_plural = _("reflection themes")

    def __str__(self):
        return self.name


class Tone(models.TextChoices):
    GOES_WELL = "goed", _("goes well")
    COULD_BE_BETTER = "beter", _("could be better")
    QUESTION = "vraag", _("question for the team")


class Vertelpunt(models.Model):
    """A short narrative note by a professional about what goes well or not. No personal data:
    `services.vertelpunt_create` refuses texts with a BSN, an address, an e-mail or a phone number.

    The author is kept so they can withdraw their own note; pages show notes without the author
    (a safe place to learn, not an appraisal: seed 003, 'Leren en verbeteren')."""

    team = models.ForeignKey("organisation.Team", on_delete=models.PROTECT, related_name="vertelpunten", verbose_name=_("team"))
    wijk = models.ForeignKey(
        "organisation.Wijk", on_delete=models.PROTECT, null=True, blank=True, related_name="vertelpunten", verbose_name=_("wijk")
    )
    theme = models.ForeignKey(ReflectionTheme, on_delete=models.PROTECT, related_name="vertelpunten", verbose_name=_("theme"))
    tone = models.CharField(_("kind"), max_length=10, choices=Tone.choices)
    text = models.TextField(_("what happened, and what we can learn from it"), max_length=1500)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(_("written"))
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-written_at", "-pk"]
        indexes = [models.Index(fields=["team", "written_at"]), models.Index(fields=["wijk", "written_at"])]
        verbose_name = _("vertelpunt")
        verbose_name_plural = _("vertelpunten")

    def __str__(self):
        return self.text[:60]
