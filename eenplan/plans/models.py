"""The plan of a case (gezinsplan / plan van aanpak), versioned.

A `Plan` belongs to one case. Its content lives in `PlanVersion`s: every change appends a
new version that holds a full copy of the problem statements, goals, solutions and actions.
Goals, solutions, actions and problem statements keep a stable `key` (a UUID copied into
every version's row), so a goal can be followed across versions (progress, comparison).

Rules live in `services.py`; nothing here is edited after it is written, except
`Plan.current_number`, which the services keep in step with the newest version.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from eenplan.assessment.models import SolutionFrame


class Plan(models.Model):
    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="plan", verbose_name=_("case"))
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The number of the newest version; compared under a row lock to refuse stale edits.
    current_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self):
        return f"plan {self.case_id} v{self.current_number}"


class PlanVersion(models.Model):
    """Append-only: one version of the plan, with who made it and why."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("made on"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("made by"))
    reason = models.TextField(_("why"))
    summary = models.TextField(_("what changed"), blank=True)
    # Where the change came from, e.g. "followup.Evaluation:12" (op- en afschalen after an evaluation).
    source = models.CharField(max_length=80, blank=True)
    # When the version was given to the household (PDF printed). A version nobody agreed to and nobody
    # was given is a draft: edits change it in place (ADR 0030).
    shared_at = models.DateTimeField(_("given to the household"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="unique_plan_version_number")]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")

    def __str__(self):
        return f"v{self.number}"


class ProblemStatement(models.Model):
    """What the household wants to change, in their words (probleemstelling)."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="problems")
    key = models.UUIDField(default=uuid.uuid4, db_index=True)
    text = models.TextField(_("problem statement"))
    domain = models.ForeignKey("assessment.Domain", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("life domain"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["version", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="unique_problem_key_per_version")]


class Term(models.TextChoices):
    SHORT = "kort", _("short term")
    LONG = "lang", _("long term")


class GoalStatus(models.TextChoices):
    OPEN = "open", _("working on it")
    REACHED = "behaald", _("reached")
    STOPPED = "gestopt", _("stopped")


class Goal(models.Model):
    """A goal in one version. `key` is the goal's identity across versions."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="goals")
    key = models.UUIDField(default=uuid.uuid4, db_index=True)
    problem_key = models.UUIDField(null=True, blank=True)
    title = models.CharField(_("goal"), max_length=300)
    result = models.TextField(_("result: how do we know it is reached?"), blank=True)
    term = models.CharField(_("term"), max_length=5, choices=Term.choices)
    target_date = models.DateField(_("target date"))
    status = models.CharField(_("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN)
    priority = models.PositiveSmallIntegerField(_("priority"), default=1)
    domains = models.ManyToManyField("assessment.Domain", related_name="+", verbose_name=_("life domains"))
    members = models.ManyToManyField("people.Person", blank=True, related_name="+", verbose_name=_("members concerned"))

    class Meta:
        ordering = ["version", "priority", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="unique_goal_key_per_version")]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self):
        return self.title


class Solution(models.Model):
    """How a goal is reached, tagged with De Kanteling's frame; may use a provision from the sociale kaart."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="solutions")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="solutions")
    key = models.UUIDField(default=uuid.uuid4, db_index=True)
    frame = models.CharField(_("frame"), max_length=20, choices=SolutionFrame.choices)
    description = models.TextField(_("solution"))
    provision = models.ForeignKey(
        "socialmap.Provision", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("provision")
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["goal", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="unique_solution_key_per_version")]


class OwnerKind(models.TextChoices):
    RESIDENT = "inwoner", _("resident or household member")
    NETWORK = "netwerk", _("someone from the network")
    PROFESSIONAL = "professional", _("professional")
    PARTNER = "partner", _("partner organisation")


class PlanAction(models.Model):
    """Who does what by when."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="actions")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    key = models.UUIDField(default=uuid.uuid4, db_index=True)
    solution_key = models.UUIDField(null=True, blank=True)
    what = models.TextField(_("what"))
    owner_kind = models.CharField(_("who (kind)"), max_length=20, choices=OwnerKind.choices)
    owner_name = models.CharField(_("who"), max_length=200)
    owner_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    due_on = models.DateField(_("by when"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["goal", "due_on", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="unique_action_key_per_version")]
        verbose_name = _("action")
        verbose_name_plural = _("actions")


class ActionResult(models.TextChoices):
    DONE = "gedaan", _("done")
    NOT_DONE = "niet_gedaan", _("not done")


class ActionOutcome(models.Model):
    """Append-only: an action marked done or not done, by its stable key (ADR 0051's rule for goals).

    It belongs to the action as planned on `due_on`: when the action is given a new date later,
    it is open again."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="action_outcomes")
    action_key = models.UUIDField(db_index=True)
    due_on = models.DateField()
    result = models.CharField(_("result"), max_length=20, choices=ActionResult.choices)
    note = models.TextField(_("note"), blank=True)
    household_view = models.TextField(_("the household's view"), blank=True)
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("action outcome")
        verbose_name_plural = _("action outcomes")


class AgreementHow(models.TextChoices):
    PAPER = "papier", _("signed on paper")
    IN_PERSON = "mondeling", _("in person")
    DIGITAL = "digitaal", _("digitally")


class PlanAgreement(models.Model):
    """Append-only: a household member's agreement with a version, or disagreement in their own words."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="agreements")
    agrees = models.BooleanField(_("agrees"))
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("who"))
    on = models.DateField(_("date"))
    how = models.CharField(_("how"), max_length=10, choices=AgreementHow.choices)
    words = models.TextField(_("in their own words"), blank=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("agreement with the plan")
        verbose_name_plural = _("agreements with the plan")


class RegieHolder(models.TextChoices):
    RESIDENT = "inwoner", _("the household itself")
    REGISSEUR = "regisseur", _("the regisseur (with the household)")


class RegieReason(models.Model):
    """Append-only: who holds regie, and why the household does not when it does not."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="regie_reasons")
    holder = models.CharField(_("who holds regie"), max_length=10, choices=RegieHolder.choices)
    reason = models.TextField(_("why the household does not hold regie itself"), blank=True)
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-at", "-pk"]
