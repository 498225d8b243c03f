"""Instruments as data: version → domains → level descriptions.

The ZRM 2017 (13 domains), the older 11-domain ZRM and the 2020 supplements live side by
side, so old measurements stay readable. Measurements themselves are added by this app.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Instrument(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)  # e.g. zrm-2017, zrm-2013, zrm-huishoudens
    name = models.CharField(_("name"), max_length=120)
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    is_current = models.BooleanField(_("current version"), default=False)
    retired = models.BooleanField(
        _("only for old measurements"), default=False, help_text=_("Kept readable; no new measurements with this version.")
    )
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
    order = models.PositiveSmallIntegerField(_("order"), default=0)

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
        verbose_name = _("level description")
        verbose_name_plural = _("level descriptions")

    def __str__(self):
        return f"{self.domain} {self.score}"


class SolutionFrame(models.TextChoices):
    """De Kanteling's four frames a solution can come from (shared by assessment and plans)."""

    OWN_STRENGTH = "eigen_kracht", _("own strength")
    NETWORK = "netwerk", _("social network")
    PRECEDING = "voorliggend", _("general, collective or preceding provision")
    TAILORED = "maatwerk", _("tailored provision")


# --- measurements (append-only: every measurement is kept) -------------------------------------


class ZrmMeasurement(models.Model):
    """One ZRM measurement of one household member on a date. Never edited, only added.

    Scores live in `ZrmScore`, one row per domain that was scored or marked not applicable.
    A domain without a row was not scored (no domain is mandatory).
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="zrm_measurements", verbose_name=_("case"))
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="zrm_measurements", verbose_name=_("person"))
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="measurements", verbose_name=_("instrument"))
    measured_on = models.DateField(_("measured on"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["measured_on", "created_at", "pk"]
        verbose_name = _("ZRM measurement")
        verbose_name_plural = _("ZRM measurements")
        indexes = [models.Index(fields=["person", "measured_on"]), models.Index(fields=["case", "measured_on"])]

    def __str__(self):
        return f"{self.instrument} {self.person} {self.measured_on}"


class ZrmScore(models.Model):
    """A domain's score in a measurement: 1–5, or not applicable (score empty)."""

    measurement = models.ForeignKey(ZrmMeasurement, on_delete=models.CASCADE, related_name="scores")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    not_applicable = models.BooleanField(_("not applicable"), default=False)

    class Meta:
        ordering = ["measurement", "domain__order"]
        constraints = [
            models.UniqueConstraint(fields=["measurement", "domain"], name="unique_score_per_domain"),
            models.CheckConstraint(
                condition=(
                    models.Q(not_applicable=True, score__isnull=True)
                    | models.Q(not_applicable=False, score__gte=1, score__lte=5)
                ),
                name="zrm_score_1_to_5_or_not_applicable",
            ),
        ]
        indexes = [models.Index(fields=["domain", "measurement"])]


class ParticipationLevel(models.IntegerChoices):
    ISOLATED = 1, _("1 isolated")
    SOCIAL_CONTACTS = 2, _("2 social contacts outside the home")
    ORGANISED_ACTIVITIES = 3, _("3 taking part in organised activities")
    UNPAID_WORK = 4, _("4 unpaid work (volunteering, education)")
    PAID_WORK_SUPPORTED = 5, _("5 paid work with support")
    PAID_WORK = 6, _("6 paid work")


class ParticipationMeasurement(models.Model):
    """A step on the participatieladder for an adult on a date. Append-only history."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="participation_measurements", verbose_name=_("case"))
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="participation_measurements", verbose_name=_("person"))
    level = models.PositiveSmallIntegerField(_("participation level"), choices=ParticipationLevel.choices)
    measured_on = models.DateField(_("measured on"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["measured_on", "created_at", "pk"]
        verbose_name = _("participation measurement")
        verbose_name_plural = _("participation measurements")
        constraints = [models.CheckConstraint(condition=models.Q(level__gte=1, level__lte=6), name="participation_level_1_to_6")]
        indexes = [models.Index(fields=["person", "measured_on"])]


# --- Big 5 van bestaanszekerheid ----------------------------------------------------------------


class Big5Domain(models.TextChoices):
    NETWORK = "netwerk", _("network and support")
    HOUSING = "wonen", _("housing")
    DAYTIME = "dagbesteding", _("daytime activity")
    FINANCES = "financien", _("finances")
    HEALTH = "gezondheid", _("health")


class Big5Entry(models.Model):
    """Current and ideal situation on one Big 5 domain for the household, in the resident's words.

    A working record: it is updated during the conversation (each change is in the access log).
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="big5_entries")
    domain = models.CharField(_("domain"), max_length=20, choices=Big5Domain.choices)
    current = models.TextField(_("how it is now"), blank=True)
    ideal = models.TextField(_("how it should be"), blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Big 5 domain")
        verbose_name_plural = _("Big 5 domains")
        constraints = [models.UniqueConstraint(fields=["case", "domain"], name="unique_big5_domain_per_case")]


class Term(models.TextChoices):
    SHORT = "kort", _("short term")
    LONG = "lang", _("long term")


class Big5Action(models.Model):
    entry = models.ForeignKey(Big5Entry, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField(_("action"), max_length=300)
    term = models.CharField(_("term"), max_length=10, choices=Term.choices, default=Term.SHORT)
    who = models.CharField(_("who does it"), max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["term", "created_at", "pk"]
        verbose_name = _("Big 5 action")
        verbose_name_plural = _("Big 5 actions")


# --- Wat Telt --------------------------------------------------------------------------------


class View(models.TextChoices):
    RESIDENT = "inwoner", _("resident")
    PROFESSIONAL = "professional", _("professional")


class WatTeltEntry(models.Model):
    """One view on one life domain for one household member. Append-only: the latest row per
    (person, domain, view) is the current one, so the resident's view is never overwritten —
    not by the professional (a separate `view`) and not by a later change (a new row)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="wat_telt_entries")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="+", verbose_name=_("life domain"))
    view = models.CharField(_("whose view"), max_length=20, choices=View.choices)
    important = models.BooleanField(_("matters most"), default=False)
    how_it_goes = models.TextField(_("how it is going"), blank=True)
    goal = models.TextField(_("own goal"), blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("Wat Telt entry")
        verbose_name_plural = _("Wat Telt entries")
        indexes = [models.Index(fields=["case", "person", "domain", "view"])]


# --- strengths and network --------------------------------------------------------------------


class Strength(models.Model):
    """A strength or resource (krachten en bronnen) of the household or one member."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="strengths")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("person"))
    text = models.CharField(_("strength or resource"), max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("strength")
        verbose_name_plural = _("strengths")


class NetworkKind(models.TextChoices):
    FAMILY = "familie", _("family")
    FRIEND = "vriend", _("friends")
    NEIGHBOUR = "buur", _("neighbours")
    VOLUNTEER = "vrijwilliger", _("volunteers")
    PROFESSIONAL = "professional", _("professionals")


class ContactFrequency(models.TextChoices):
    DAILY = "dagelijks", _("daily")
    WEEKLY = "wekelijks", _("weekly")
    MONTHLY = "maandelijks", _("monthly")
    RARELY = "zelden", _("rarely")


class NetworkMember(models.Model):
    """Someone around the household. Ended, not deleted, when they drop out of the picture."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="network_members")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=NetworkKind.choices)
    relation = models.CharField(_("relation"), max_length=120, blank=True, help_text=_("For example: sister of Samira, neighbour at no. 12."))
    does = models.CharField(_("what they do now"), max_length=300, blank=True)
    could_do = models.CharField(_("what they could do"), max_length=300, blank=True)
    contact = models.CharField(_("how often there is contact"), max_length=20, choices=ContactFrequency.choices)
    created_at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "name", "pk"]
        verbose_name = _("network member")
        verbose_name_plural = _("network members")


# --- questions and the four solution frames -----------------------------------------------------


class AssessmentQuestion(models.Model):
    """A question (hulpvraag) that came out of the conversation, with the frames considered."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="assessment_questions")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("person"))
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("life domain"))
    text = models.TextField(_("question"))
    created_at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")


class QuestionFrame(models.Model):
    """What one of the four frames (De Kanteling) offers for a question, in order: own strength
    first, tailored provision last. `chosen` marks the frame(s) the solution will come from."""

    question = models.ForeignKey(AssessmentQuestion, on_delete=models.CASCADE, related_name="frames")
    frame = models.CharField(_("frame"), max_length=20, choices=SolutionFrame.choices)
    note = models.TextField(_("what is possible here"), blank=True)
    chosen = models.BooleanField(_("chosen"), default=False)

    class Meta:
        verbose_name = _("frame considered")
        verbose_name_plural = _("frames considered")
        constraints = [models.UniqueConstraint(fields=["question", "frame"], name="unique_frame_per_question")]
