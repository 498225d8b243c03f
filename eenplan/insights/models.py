"""Insights keeps the team's reflection (vertelpunten) and its themes, and snapshots of computed figures.

The figures themselves are computed from the other apps' records by the indicator registry
(`indicators.py`); a snapshot keeps only the suppressed aggregates of a page, nothing personal.
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


class FigureSnapshot(models.Model):
    """The computed figures of one insight page (team, wijk or municipality) for one period, after suppression:
    aggregates only, no personal data. Kept for the default period (the last 91 days) so a page reads one row
    instead of computing from every record; refreshed by the scheduled job `insight_figures` and on demand
    (`snapshots.py`, ADR 0134)."""

    scope_kind = models.CharField(max_length=12)
    unit = models.PositiveIntegerField(default=0)  # the team's or wijk's id; 0 for the municipality
    period_start = models.DateField()
    period_end = models.DateField()
    computed_at = models.DateTimeField()
    figures = models.JSONField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope_kind", "unit", "period_start", "period_end"],
                                               name="insights_snapshot_one_per_page_and_period")]
        verbose_name = _("figure snapshot")
        verbose_name_plural = _("figure snapshots")

    def __str__(self):
        return f"{self.scope_kind}:{self.unit} {self.period_start}–{self.period_end}"
