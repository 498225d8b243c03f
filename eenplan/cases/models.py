from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    AANMELDING = "aanmelding", _("Intake")
    TRIAGE = "triage", _("Triage")
    VRAAGVERHELDERING = "vraagverheldering", _("Assessment")
    PLAN = "plan", _("Plan")
    ONDERSTEUNING = "ondersteuning", _("Support")
    EVALUATIE = "evaluatie", _("Evaluation")
    MONITORING = "monitoring", _("Monitoring (waakvlam)")
    AFGESLOTEN = "afgesloten", _("Closed")


PHASE_ORDER = [p.value for p in Phase]


class SafetyStatus(models.TextChoices):
    VEILIG = "veilig", _("safe")
    ZORGEN = "zorgen", _("concerns")
    ONVEILIG = "onveilig", _("unsafe")
    ONBEKEND = "onbekend", _("unknown")


class RegieKind(models.TextChoices):
    CASUSREGIE = "casusregie", _("case regie")
    PROCESREGIE = "procesregie", _("process regie")


class Case(models.Model):
    """The household's route. Current phase and safety status are derived state kept in
    step with their append-only history by the services in `cases.services`."""

    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="cases", verbose_name=_("household"))
    team = models.ForeignKey("organisation.Team", on_delete=models.PROTECT, related_name="cases", verbose_name=_("team"))
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.AANMELDING)
    phase_since = models.DateTimeField(_("in phase since"))
    regisseur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="regie_cases", verbose_name=_("regisseur")
    )
    regie_kind = models.CharField(_("kind of regie"), max_length=20, choices=RegieKind.choices, blank=True)
    safety_status = models.CharField(_("safety"), max_length=10, choices=SafetyStatus.choices, default=SafetyStatus.ONBEKEND)
    question = models.TextField(_("question"), blank=True, help_text=_("The household's question in their own words."))
    opened_at = models.DateTimeField(_("opened"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    previous_case = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(
                fields=["household"], condition=~models.Q(phase="afgesloten"), name="one_open_case_per_household"
            )
        ]
        indexes = [
            models.Index(fields=["team", "phase"]),
            # A team's open cases, the start of the team lead's lists: a (team, phase) index cannot answer
            # "phase <> closed" in one range, so the planner ANDed it with all 88,000 open cases at G4 (5 ms);
            # this one holds only the open ones (0.3 ms).
            models.Index(fields=["team"], condition=~models.Q(phase="afgesloten"), name="open_cases_by_team"),
        ]

    def __str__(self):
        return f"{self.household} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.phase != Phase.AFGESLOTEN


class PhaseTransition(models.Model):
    """Append-only: every phase change with who and when."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transitions")
    from_phase = models.CharField(max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(max_length=20, choices=Phase.choices)
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]


class Involvement(models.Model):
    """A professional involved in a case; involvement is what grants access to content."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="involvements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="involvements")
    role_in_case = models.CharField(_("role in case"), max_length=100, blank=True)
    since = models.DateTimeField()
    until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["since"]
        indexes = [models.Index(fields=["user", "until"])]


class SafetyStatusChange(models.Model):
    """Append-only history of a case's safety status."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="safety_changes")
    status = models.CharField(max_length=10, choices=SafetyStatus.choices)
    reason = models.TextField()
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "pk"]


class RegieChange(models.Model):
    """Append-only handover history of the regisseur."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="regie_changes")
    regisseur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    regie_kind = models.CharField(max_length=20, choices=RegieKind.choices, blank=True)
    note = models.TextField(blank=True)
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "pk"]


class ItemOutcome(models.TextChoices):
    """How a planned item left the to-do list. Empty on items closed by the process that planned them
    (a check recorded, a next date planned)."""

    DONE = "gedaan", _("done")
    NOT_DONE = "niet_gedaan", _("not done")
    CANCELLED = "vervallen", _("cancelled")
    HANDED_OVER = "overgedragen", _("handed over")


class PlannedItem(models.Model):
    """A dated thing to do on a case (evaluation, check-in, safety check, visit).

    Every app that plans dates writes them here, so the caseload's 'next planned date'
    and the reminder job read one table.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="planned_items")
    kind = models.CharField(_("kind"), max_length=30)
    label = models.CharField(_("what"), max_length=200)
    due_on = models.DateField(_("due on"), db_index=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="planned_items")
    done_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=ItemOutcome.choices, blank=True)
    outcome_note = models.TextField(_("note"), blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # Optional link to the record that created it, e.g. "followup.EvaluationMoment:12".
    source = models.CharField(max_length=80, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["case", "done_at", "due_on"])]
