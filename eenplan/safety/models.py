"""Safety records: the meldcode workflow, the safety plan, stut en steun and regie tenzij.

All of these are safety records: they are read through `policy.require_safety_record` only.
Rules live in `services.py`; these models hold data and append-only history.
"""

from django.conf import settings
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

TEXT_KEY_CHOICES = [(f"step_{n}", format_lazy("{} {}", _("Step"), n)) for n in range(1, 6)] + [
    (f"question_{n}", format_lazy("{} {}", _("Framework question"), n)) for n in range(1, 6)
]
MELDCODE_VERSION = "Meldcode huiselijk geweld en kindermishandeling (Besluit verplichte meldcode 2013), afwegingskader 2019"


class MeldcodeStepCode(models.IntegerChoices):
    SIGNALS = 1, _("Map the signals (with the kindcheck)")
    CONSULTATION = 2, _("Collegial consultation and/or advice from Veilig Thuis")
    CONVERSATION = 3, _("Conversation with the person(s) involved")
    WEIGHING = 4, _("Weigh the violence or abuse")
    DECISION = 5, _("Decide: report and/or organise help")


# Steps that may be skipped, with a recorded reason. Step 1 and the decision never.
SKIPPABLE_STEPS = {MeldcodeStepCode.CONSULTATION, MeldcodeStepCode.CONVERSATION, MeldcodeStepCode.WEIGHING}


class MeldcodeText(models.Model):
    """A configurable text of the meldcode: a step's title and guidance, or a framework question.

    The defaults live in `texts.py`; a row here replaces the default for its key
    (local protocols word some questions differently).
    """

    key = models.CharField(_("text"), max_length=20, unique=True, choices=TEXT_KEY_CHOICES)
    title = models.CharField(_("title or question"), max_length=300)
    guidance = models.TextField(_("guidance"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("meldcode text")
        verbose_name_plural = _("meldcode texts")

    def __str__(self):
        return f"{self.key}: {self.title}"


class TrajectoryStatus(models.TextChoices):
    RUNNING = "lopend", _("running")
    DECIDED = "besloten", _("decided")


class Decision(models.TextChoices):
    NO_SUSPICION = "geen_vermoeden", _("No suspicion: close and record in the file")
    HELP = "hulp", _("Offer or organise help")
    REPORT = "melden", _("Report to Veilig Thuis")
    REPORT_AND_HELP = "melden_en_hulp", _("Report to Veilig Thuis and organise help")


REPORTING_DECISIONS = {Decision.REPORT, Decision.REPORT_AND_HELP}


class Kindcheck(models.TextChoices):
    CHILDREN = "ja", _("Yes, there are children who depend on this adult")
    NO_CHILDREN = "nee", _("No children depend on this adult")
    UNKNOWN = "onbekend", _("Not known yet")


class MeldcodeTrajectory(models.Model):
    """One run of the meldcode for a case. Running until the decision (step 5) is recorded."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="meldcode_trajectories")
    status = models.CharField(_("status"), max_length=10, choices=TrajectoryStatus.choices, default=TrajectoryStatus.RUNNING)
    started_at = models.DateTimeField(_("started"))
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    concern = models.TextField(_("first concern"), help_text=_("In a few words: what made you start the meldcode?"))
    meldcode_version = models.CharField(max_length=200, default=MELDCODE_VERSION)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    reported_on = models.DateField(_("reported to Veilig Thuis on"), null=True, blank=True)
    agreements = models.TextField(_("agreements"), blank=True)
    # After a report: what Veilig Thuis concluded. Pending (reported, no outcome) blocks closing the case.
    veilig_thuis_outcome = models.TextField(_("outcome from Veilig Thuis"), blank=True)
    veilig_thuis_outcome_on = models.DateField(_("outcome received on"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("meldcode trajectory")
        verbose_name_plural = _("meldcode trajectories")
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=models.Q(status="lopend"), name="one_running_meldcode_per_case")
        ]
        indexes = [models.Index(fields=["status", "started_at"])]

    def __str__(self):
        return f"meldcode #{self.pk} ({self.case_id})"

    @property
    def is_running(self) -> bool:
        return self.status == TrajectoryStatus.RUNNING


class MeldcodeStep(models.Model):
    """Append-only: one step of a trajectory, done or skipped with a reason."""

    trajectory = models.ForeignKey(MeldcodeTrajectory, on_delete=models.CASCADE, related_name="steps")
    step = models.PositiveSmallIntegerField(_("step"), choices=MeldcodeStepCode.choices)
    performed_on = models.DateField(_("date"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    skipped = models.BooleanField(_("skipped"), default=False)
    skip_reason = models.TextField(_("reason for skipping"), blank=True)
    considered = models.TextField(_("what was considered"), blank=True)
    with_whom = models.CharField(_("with whom"), max_length=300, blank=True)
    advice = models.TextField(_("advice or outcome"), blank=True)
    kindcheck = models.CharField(_("kindcheck"), max_length=10, choices=Kindcheck.choices, blank=True)

    class Meta:
        ordering = ["step"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "step"], name="one_record_per_meldcode_step")]


class Answer(models.TextChoices):
    YES = "ja", _("yes")
    NO = "nee", _("no")
    NOT_APPLICABLE = "nvt", _("not applicable (an earlier answer decided)")


class FrameworkAnswer(models.Model):
    """The answer to one question of the afwegingskader, given at the decision."""

    trajectory = models.ForeignKey(MeldcodeTrajectory, on_delete=models.CASCADE, related_name="answers")
    question = models.PositiveSmallIntegerField(_("question"))
    question_text = models.CharField(max_length=300)  # the wording used at the time
    answer = models.CharField(_("answer"), max_length=5, choices=Answer.choices)
    explanation = models.TextField(_("explanation"), blank=True)

    class Meta:
        ordering = ["question"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "question"], name="one_answer_per_framework_question")]


class SafetyPlan(models.Model):
    """The veiligheidsplan of a case, agreed with the household."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="safety_plan")
    agreed_with = models.CharField(_("agreed with"), max_length=300, help_text=_("Who in the household (and network) agreed to this plan?"))
    agreed_on = models.DateField(_("agreed on"))
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("safety plan")
        verbose_name_plural = _("safety plans")


class CheckResult(models.TextChoices):
    KEPT = "nageleefd", _("kept")
    VIOLATED = "geschonden", _("violated")
    NOT_CHECKED = "niet_gelukt", _("could not check")


class SafetyCondition(models.Model):
    """A veiligheidsvoorwaarde: what the household agreed, who checks it and how often."""

    plan = models.ForeignKey(SafetyPlan, on_delete=models.CASCADE, related_name="conditions")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")  # denormalised for lists
    description = models.TextField(_("condition"))
    checker = models.CharField(_("who checks"), max_length=200, help_text=_("A person or organisation, e.g. the school or the regisseur."))
    every_days = models.PositiveSmallIntegerField(_("check every (days)"))
    next_check_on = models.DateField(_("next check"))
    last_result = models.CharField(_("last result"), max_length=12, choices=CheckResult.choices, blank=True)
    last_checked_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["case", "ended_at"]), models.Index(fields=["last_result", "ended_at"])]
        verbose_name = _("safety condition")
        verbose_name_plural = _("safety conditions")

    def __str__(self):
        return self.description[:60]


class SafetyCheck(models.Model):
    """Append-only: a check of a safety condition."""

    condition = models.ForeignKey(SafetyCondition, on_delete=models.CASCADE, related_name="checks")
    checked_on = models.DateField(_("checked on"))
    result = models.CharField(_("result"), max_length=12, choices=CheckResult.choices)
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-checked_on", "-pk"]


class StutEnSteun(models.Model):
    """Long-term background presence for a household with lasting safety risk: never let go."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="stut_en_steun")
    reason = models.TextField(_("lasting risk"), help_text=_("What risk remains, and why the team stays in the background."))
    every_days = models.PositiveSmallIntegerField(_("check every (days)"))
    next_check_on = models.DateField(_("next check"))
    started_at = models.DateTimeField()
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    end_reason = models.TextField(_("why the risk is gone"), blank=True)

    class Meta:
        ordering = ["next_check_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=models.Q(ended_at__isnull=True), name="one_active_stut_en_steun_per_case")
        ]
        indexes = [models.Index(fields=["ended_at", "next_check_on"])]
        verbose_name = _("stut en steun")
        verbose_name_plural = _("stut en steun")

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class StutEnSteunCheck(models.Model):
    """Append-only: a periodic check on a stut-en-steun household."""

    watch = models.ForeignKey(StutEnSteun, on_delete=models.CASCADE, related_name="checks")
    checked_on = models.DateField(_("checked on"))
    how = models.CharField(_("how"), max_length=100, help_text=_("E.g. home visit, phone call, via the school."))
    note = models.TextField(_("how it goes"))
    concerns = models.BooleanField(_("new concerns"), default=False)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-checked_on", "-pk"]


class RegieGround(models.TextChoices):
    DANGER = "gevaar", _("Danger to themselves or others")
    LIMITATION = "beperking", _("A limitation or disorder that (for now) prevents it")


class RegieTakeover(models.Model):
    """Regie bij de klant, tenzij: the team takes over regie for a period, for a reason, reviewed on a date."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="regie_takeovers")
    ground = models.CharField(_("ground"), max_length=10, choices=RegieGround.choices)
    reason = models.TextField(_("reason"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    review_on = models.DateField(_("review on"))
    recorded_at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["ended_at", "review_on"])]
        verbose_name = _("regie taken over")
        verbose_name_plural = _("regie taken over")

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class RegieReview(models.Model):
    """Append-only: a review of a regie takeover."""

    takeover = models.ForeignKey(RegieTakeover, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("reviewed on"))
    note = models.TextField(_("what was reviewed"))
    give_back = models.BooleanField(_("give regie back to the household"), default=False)
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-reviewed_on", "-pk"]


class ClosingConsent(models.Model):
    """Append-only: a safety specialist's recorded decision that a case may close although a safety
    risk holds (concerns, a violated condition, Veilig Thuis's outcome pending). It covers the risks
    listed in `blockers` for a few days (`selectors.CLOSING_CONSENT_DAYS`)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="closing_consents")
    blockers = models.CharField(max_length=200)  # the blocker codes it covers, comma-separated
    described = models.TextField()  # the blockers' texts as the specialist saw them
    reason = models.TextField(_("why the case may close"))
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("consent to close")
        verbose_name_plural = _("consents to close")

    @property
    def codes(self) -> set[str]:
        return set(filter(None, self.blockers.split(",")))
