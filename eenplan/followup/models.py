"""Route steps 8–9: keep track (evaluation moments, goal progress), close well (the evaluation
questions of seed 001 §6.4) and keep a finger on the pulse (monitoring / waakvlam, §6.5).

Everything here is history: evaluations, goal progress, closings and check-ins are added, never
edited. Fields are plain so the insights app can count them (overdue evaluations, goals
achieved, the resident's own judgement at closing).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Kinds of `cases.PlannedItem` this app writes.
PLANNED_EVALUATION = "evaluation"
PLANNED_CHECKIN = "checkin"
PLANNED_MONITORING_END = "monitoring_end"


class GoalStatus(models.TextChoices):
    NOT_STARTED = "niet_gestart", _("not started")
    IN_PROGRESS = "bezig", _("in progress")
    ACHIEVED = "behaald", _("achieved")
    PARTLY_ACHIEVED = "deels_behaald", _("partly achieved")
    NOT_ACHIEVED = "niet_behaald", _("not achieved")
    DROPPED = "vervallen", _("no longer applies")


class Direction(models.TextChoices):
    UP = "gestegen", _("up")
    SAME = "gelijk", _("the same")
    DOWN = "gedaald", _("down")
    UNKNOWN = "onbekend", _("unknown (not measured)")


class Answered(models.TextChoices):
    YES = "ja", _("yes")
    PARTLY = "deels", _("partly")
    NO = "nee", _("no")


class NextStep(models.TextChoices):
    CONTINUE = "doorgaan", _("continue with the plan")
    ADJUST = "bijstellen", _("adjust the plan (new version)")
    END = "afronden", _("end the support (close or monitoring)")


class Adjustment(models.TextChoices):
    SCALE_UP = "opschalen", _("scale up (more or heavier support)")
    SCALE_DOWN = "afschalen", _("scale down (lighter support)")
    OTHER = "anders", _("change the goals or actions")


class ClosingOutcome(models.TextChoices):
    CLOSE = "afsluiten", _("close the case now")
    MONITORING = "monitoring", _("keep a finger on the pulse (monitoring) first")


class CheckInHow(models.TextChoices):
    PHONE = "telefoon", _("phone call")
    VISIT = "huisbezoek", _("home visit")
    OFFICE = "kantoor", _("at the office or walk-in")
    OTHER = "anders", _("other (e.g. via a partner)")


class CheckInResult(models.TextChoices):
    WELL = "goed", _("going well")
    CONCERNS = "zorgen", _("some concerns, keep watching")
    RELAPSE = "terugval", _("relapse: support is needed again")


class MonitoringEnd(models.TextChoices):
    CLOSED = "afgesloten", _("closed")
    REOPENED = "heropend", _("support reopened")


class EvaluationMoment(models.Model):
    """A planned evaluation. The plan proposes a date; the professional sets it.

    Its to-do lives in `cases.PlannedItem` (kind "evaluation") so the caseload and the
    reminder job see it. A moment is held (linked to its evaluation) or cancelled (with reason).
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="evaluation_moments", verbose_name=_("case"))
    due_on = models.DateField(_("evaluation date"))
    proposed_on = models.DateField(_("date proposed by the plan"), null=True, blank=True)
    note = models.CharField(_("what to look at"), max_length=300, blank=True)
    planned_item = models.OneToOneField("cases.PlannedItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("recorded at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    cancel_reason = models.CharField(_("why cancelled or moved"), max_length=300, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("evaluation moment")
        verbose_name_plural = _("evaluation moments")
        indexes = [models.Index(fields=["case", "due_on"])]

    def __str__(self):
        return f"{self.case_id} {self.due_on}"


class Evaluation(models.Model):
    """One evaluation conversation: goal by goal progress, and what happens next. Append-only."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("case"))
    moment = models.OneToOneField(EvaluationMoment, on_delete=models.SET_NULL, null=True, blank=True, related_name="evaluation")
    held_on = models.DateField(_("held on"))
    with_resident = models.BooleanField(_("the resident took part"), default=True)
    present = models.CharField(_("who took part"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    next_step = models.CharField(_("next step"), max_length=20, choices=NextStep.choices)
    adjustment = models.CharField(_("adjustment"), max_length=20, choices=Adjustment.choices, blank=True)
    adjustment_reason = models.TextField(_("reason for the adjustment"), blank=True)
    # The plan version this evaluation created (plans.PlanVersion pk), when it adjusted the plan.
    new_plan_version_id = models.PositiveIntegerField(null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    created_at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        indexes = [models.Index(fields=["case", "held_on"])]

    def __str__(self):
        return f"{self.case_id} {self.held_on}"


class GoalProgress(models.Model):
    """Progress on one goal at one evaluation, the resident's and the professional's view side by side.

    `goal_key` is the goal's key that stays the same across plan versions, so progress on a goal
    can be followed over time; `goal_text` keeps the wording as it was evaluated.
    """

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="goals")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="goal_progress")
    goal_key = models.CharField(max_length=64)
    goal_text = models.TextField(_("goal"))
    status = models.CharField(_("status"), max_length=20, choices=GoalStatus.choices)
    resident_status = models.CharField(_("status in the resident's eyes"), max_length=20, choices=GoalStatus.choices, blank=True)
    resident_view = models.TextField(_("the resident's view"), blank=True)
    professional_view = models.TextField(_("the professional's view"), blank=True)

    class Meta:
        ordering = ["evaluation", "pk"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "goal_key"], name="one_progress_per_goal_per_evaluation")]
        indexes = [models.Index(fields=["case", "goal_key"])]


class Closing(models.Model):
    """The closing evaluation (seed 001 §6.4), asked when the support ends. Append-only.

    After it the case is closed, or stays in monitoring for a period (see `MonitoringPeriod`)
    and closes at the end of that period without asking the questions again.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="closings", verbose_name=_("case"))
    decided_on = models.DateField(_("support ended on"))
    outcome = models.CharField(_("after this"), max_length=20, choices=ClosingOutcome.choices)
    question_answered = models.CharField(_("was the question answered, the problem solved?"), max_length=10, choices=Answered.choices)
    question_note = models.TextField(_("about the question"), blank=True)
    process = models.TextField(_("how did the process go?"))
    lessons = models.TextField(_("what do we learn from it?"))
    self_reliance = models.CharField(_("self-reliance"), max_length=10, choices=Direction.choices)
    self_reliance_measured = models.CharField(_("self-reliance according to the measurements"), max_length=10, choices=Direction.choices)
    self_reliance_note = models.TextField(_("about self-reliance"), blank=True)
    participation = models.CharField(_("participation"), max_length=10, choices=Direction.choices)
    participation_measured = models.CharField(_("participation according to the measurements"), max_length=10, choices=Direction.choices)
    participation_note = models.TextField(_("about participation"), blank=True)
    resident_satisfaction = models.PositiveSmallIntegerField(_("the resident's score (1–10)"), null=True, blank=True)
    resident_words = models.TextField(_("the resident's judgement in their own words"), blank=True)
    resident_not_asked_reason = models.TextField(_("why the resident's judgement is missing"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    created_at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("closing evaluation")
        verbose_name_plural = _("closing evaluations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(resident_satisfaction__isnull=True)
                | models.Q(resident_satisfaction__gte=1, resident_satisfaction__lte=10),
                name="closing_satisfaction_1_to_10",
            )
        ]


class MonitoringPeriod(models.Model):
    """After the support: the team keeps a finger on the pulse until `ends_on` (waakvlam)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="monitoring_periods", verbose_name=_("case"))
    closing = models.OneToOneField(Closing, on_delete=models.PROTECT, related_name="monitoring")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    watch_for = models.TextField(_("what to watch for"), blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    end = models.CharField(_("ended"), max_length=20, choices=MonitoringEnd.choices, blank=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("monitoring period")
        verbose_name_plural = _("monitoring periods")
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=models.Q(ended_at__isnull=True), name="one_running_monitoring_per_case")
        ]

    @property
    def is_running(self) -> bool:
        return self.ended_at is None


class CheckIn(models.Model):
    """A contact during monitoring: a call, a visit. It may reopen the support. Append-only."""

    period = models.ForeignKey(MonitoringPeriod, on_delete=models.CASCADE, related_name="checkins")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="checkins")
    held_on = models.DateField(_("date"))
    how = models.CharField(_("how"), max_length=20, choices=CheckInHow.choices)
    result = models.CharField(_("how is it going?"), max_length=20, choices=CheckInResult.choices)
    note = models.TextField(_("note"), blank=True)
    next_on = models.DateField(_("next check-in"), null=True, blank=True)
    reopened_to = models.CharField(_("support reopened in phase"), max_length=20, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")


class Reopening(models.Model):
    """A closed case reopened: the household gets a new case that points back to the old one."""

    previous_case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="reopenings")
    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="reopened_from")
    reason = models.TextField(_("why support is needed again"))
    to_phase = models.CharField(max_length=20)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]
