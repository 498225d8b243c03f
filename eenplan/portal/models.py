"""Mijn plan's own records: invitations for household members without DigiD, pauses of portal access
per case, and the resident's own view of their life domains (Mijn ZRM / Wat Telt). docs/portal.md."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Invitation(models.Model):
    """A one-time invitation to Mijn plan for one household member (no DigiD, or no BSN on file).

    The link's key and the code are stored hashed only; the invitation expires and is used once.
    Every send, use and failure is in the access log."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="portal_invitations", verbose_name=_("case"))
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="portal_invitations", verbose_name=_("person"))
    email = models.EmailField(_("sent to"))
    token_hash = models.CharField(max_length=64, unique=True)  # sha256 of the link's key
    code_hash = models.CharField(max_length=200)  # Django password hash of the code
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("sent by"))
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(_("wrong codes"), default=0)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation to Mijn plan")
        verbose_name_plural = _("invitations to Mijn plan")

    def __str__(self):
        return f"{self.person} {self.created_at:%Y-%m-%d}"


class AccessPause(models.Model):
    """Portal access for a case is paused (e.g. while a meldcode runs about a parent), with a reason.
    Append-only: a pause is ended, never deleted."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="portal_pauses", verbose_name=_("case"))
    reason = models.TextField(_("reason"))
    started_at = models.DateTimeField(_("paused at"), default=timezone.now)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("paused by"))
    ended_at = models.DateTimeField(_("resumed at"), null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("resumed by"))

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("pause of Mijn plan")
        verbose_name_plural = _("pauses of Mijn plan")
        constraints = [models.UniqueConstraint(fields=["case"], condition=models.Q(ended_at__isnull=True),
                                               name="one_open_portal_pause_per_case")]


class SelfAssessment(models.Model):
    """Mijn ZRM / Wat Telt: the resident's own scores and what matters to them before the next conversation.
    Append-only and separate from the professional's ZRM measurement: it never overwrites it."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="portal_self_assessments", verbose_name=_("case"))
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    instrument = models.ForeignKey("assessment.Instrument", on_delete=models.PROTECT, related_name="+", verbose_name=_("instrument"))
    what_matters = models.TextField(_("what matters most before the next conversation"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("resident's own ZRM")
        verbose_name_plural = _("residents' own ZRM")


class SelfScore(models.Model):
    """One domain's score in the resident's own view (1–5), and whether it matters most to them."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="scores")
    domain = models.ForeignKey("assessment.Domain", on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    important = models.BooleanField(_("matters most"), default=False)

    class Meta:
        ordering = ["assessment", "domain__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "domain"], name="unique_self_score_per_domain"),
            models.CheckConstraint(condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=5),
                                   name="self_score_1_to_5"),
        ]


class ChildSharing(models.Model):
    """A child's own Mijn ZRM is shown to the household's parents (docs/access.md, the age rules).

    Under 12 the professional decides; from 12 to 16 the professional and the child together (the child's
    agreement is recorded); from 16 the young person decides alone, in Mijn plan. The rule is applied
    again on every read, so a sharing the professional started stops counting when the child turns 16.
    Append-only: a sharing is ended, never deleted."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="portal_child_sharings", verbose_name=_("case"))
    child = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("child"))
    started_at = models.DateTimeField(_("shared since"), default=timezone.now)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("shared by"))  # empty: the young person themselves, in Mijn plan
    by_child = models.BooleanField(_("decided by the child"), default=False)
    child_agreed = models.BooleanField(_("the child agrees"), default=False)
    note = models.TextField(_("note"), blank=True)
    ended_at = models.DateTimeField(_("stopped at"), null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("stopped by"))
    ended_by_child = models.BooleanField(_("stopped by the child"), default=False)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("child's own ZRM shared with the parents")
        verbose_name_plural = _("children's own ZRM shared with the parents")
        constraints = [models.UniqueConstraint(fields=["case", "child"], condition=models.Q(ended_at__isnull=True),
                                               name="one_open_child_sharing_per_case_child")]

    def __str__(self):
        return f"{self.child} {self.started_at:%Y-%m-%d}"
