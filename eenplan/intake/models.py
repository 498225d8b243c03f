"""Intake: signals (signalen), outreach (eropaf), the on-call rota and triage — route steps 1–4.

One model carries every way in: a signal from a partner or neighbour and an intake by
walk-in, phone, referral or the public web form are all a `Signal` with a `channel` and a
`source` (see ADR 0010). Rules live in `services.py`; these models hold data.

For the figures (insights) the timestamps are plain fields: `received_at`,
`first_contact_at`, `Triage.decided_at`, and `channel` / `source` on the signal.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    WALK_IN = "inloop", _("Walk-in")
    PHONE = "telefoon", _("Phone")
    WEB_FORM = "webformulier", _("Web form")
    REFERRAL = "verwijzing", _("Referral by a partner")
    EMAIL = "email", _("E-mail or letter")
    OUTREACH = "eropaf", _("Seen by the team (outreach)")


class Urgency(models.TextChoices):
    ACUUT = "acuut", _("acute")
    HOOG = "hoog", _("high")
    NORMAAL = "normaal", _("normal")


URGENCY_ORDER = {Urgency.ACUUT: 0, Urgency.HOOG: 1, Urgency.NORMAAL: 2}


class AttemptKind(models.TextChoices):
    VISIT = "huisbezoek", _("Home visit (rang the bell)")
    INFO_LEFT = "info_achtergelaten", _("Information left at the door")
    PHONE = "telefoon", _("Phone call")
    LETTER = "brief", _("Letter")
    MESSAGE = "bericht", _("E-mail or text message")
    NEIGHBOUR = "buren", _("Contact with neighbours")
    GP = "huisarts", _("Contact with the GP")
    POLICE = "politie", _("Contact with the police")
    OTHER = "anders", _("Other")


# Kinds that cannot themselves be contact with the resident: they are steps towards it.
NEVER_REACHED = {AttemptKind.INFO_LEFT, AttemptKind.LETTER, AttemptKind.NEIGHBOUR, AttemptKind.GP, AttemptKind.POLICE}


class SourceType(models.Model):
    """Who a signal comes from (inwoner zelf, woningcorporatie, huisarts, …). Data, not code."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    public_label = models.CharField(
        _("label on the public form"), max_length=100, blank=True,
        help_text=_("Plain words for the public web form, e.g. 'Ik ben buurman of buurvrouw'. Leave empty to hide it there."),
    )
    reporter_is_subject = models.BooleanField(
        _("the reporter is the resident"), default=False, help_text=_("Tick for 'inwoner zelf': the reporter asks for themselves.")
    )
    is_partner = models.BooleanField(_("partner organisation"), default=False, help_text=_("Shown as a referral by a partner."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("source type")
        verbose_name_plural = _("source types")

    def __str__(self):
        return self.name


class SignalType(models.Model):
    """A kind of signal with its deadline rule, e.g. Voorkomen Huisuitzettingen: contact within 14 days.

    Deadline = the date the partner signalled + `contact_within_days`. With `arrears_months_from`,
    the rule applies only from that many months of payment arrears; `outreach_steps` are planned
    one after another until the resident is reached (e.g. letter, then home visit).
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    contact_within_days = models.PositiveSmallIntegerField(
        _("contact within (days)"), null=True, blank=True,
        help_text=_("Days after the signal within which the team must have made contact. Empty: no deadline."),
    )
    arrears_months_from = models.PositiveSmallIntegerField(
        _("applies from months of arrears"), null=True, blank=True,
        help_text=_("For payment arrears (energy, health insurance, rent): the deadline applies from this many months."),
    )
    outreach_steps = models.CharField(
        _("outreach steps"), max_length=200, blank=True,
        help_text=_("Comma-separated, in order, from: huisbezoek, info_achtergelaten, telefoon, brief, bericht, buren, huisarts, politie. E.g. 'brief,huisbezoek'."),
    )
    default_source = models.ForeignKey(
        SourceType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("usual source")
    )
    default_urgency = models.CharField(_("usual urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAAL)
    expertise = models.ManyToManyField(
        "accounts.ExpertiseTag", blank=True, related_name="+", verbose_name=_("expertise usually needed")
    )
    for_public_form = models.BooleanField(
        _("use for the public web form"), default=False,
        help_text=_("Submissions of the public form get this type; its 'contact within' is the promise on the thank-you page."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("signal type")
        verbose_name_plural = _("signal types")

    def __str__(self):
        return self.name

    def step_list(self) -> list[str]:
        return [s.strip() for s in self.outreach_steps.split(",") if s.strip()]

    def clean(self):
        unknown = [s for s in self.step_list() if s not in AttemptKind.values]
        if unknown:
            raise ValidationError({"outreach_steps": _("Unknown outreach step: %(steps)s.") % {"steps": ", ".join(unknown)}})


class SignalStatus(models.TextChoices):
    OPEN = "open", _("open")
    TRIAGED = "getrieerd", _("triaged")
    WITHDRAWN = "vervallen", _("withdrawn")


class Signal(models.Model):
    """A signal or intake: who reported, about whom (perhaps not yet known), what, how urgent, by when."""

    team = models.ForeignKey(
        "organisation.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="signals", verbose_name=_("team")
    )
    wijk = models.ForeignKey(
        "organisation.Wijk", on_delete=models.PROTECT, null=True, blank=True, related_name="signals", verbose_name=_("wijk")
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    source = models.ForeignKey(SourceType, on_delete=models.PROTECT, related_name="signals", verbose_name=_("source"))
    signal_type = models.ForeignKey(
        SignalType, on_delete=models.PROTECT, null=True, blank=True, related_name="signals", verbose_name=_("signal type")
    )
    received_at = models.DateTimeField(_("received"), db_index=True)
    reported_on = models.DateField(_("signalled on"), help_text=_("When the reporter signalled it; deadlines count from here."))
    # the reporter
    reporter_name = models.CharField(_("reporter's name"), max_length=150, blank=True)
    reporter_organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    reporter_phone = models.CharField(_("reporter's phone"), max_length=30, blank=True)
    reporter_email = models.EmailField(_("reporter's e-mail"), blank=True)
    # about whom
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="signals", verbose_name=_("person")
    )
    household = models.ForeignKey(
        "people.Household", on_delete=models.SET_NULL, null=True, blank=True, related_name="signals", verbose_name=_("household")
    )
    subject_name = models.CharField(_("name of the resident"), max_length=150, blank=True)
    subject_phone = models.CharField(_("resident's phone"), max_length=30, blank=True)
    street = models.CharField(_("street"), max_length=120, blank=True)
    house_number = models.PositiveIntegerField(_("house number"), null=True, blank=True)
    house_number_addition = models.CharField(_("addition"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    address_key = models.CharField(max_length=20, blank=True, db_index=True)  # "3511AB|12|a": repeat signals
    # what
    description = models.TextField(_("what was seen or asked"))
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAAL)
    arrears_months = models.PositiveSmallIntegerField(_("months of payment arrears"), null=True, blank=True)
    safety_concern = models.BooleanField(
        _("worries about someone's safety"), default=False, help_text=_("The reporter is worried that someone is unsafe.")
    )
    deadline = models.DateField(_("contact before"), null=True, blank=True, db_index=True)
    # who works on it
    on_duty = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("on duty")
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="assigned_signals",
        verbose_name=_("assigned to"),
    )
    # outreach state (derived, kept in step by the services)
    first_contact_at = models.DateTimeField(_("first contact"), null=True, blank=True)
    next_attempt_on = models.DateField(_("next attempt on"), null=True, blank=True)
    next_attempt_kind = models.CharField(_("next attempt"), max_length=20, choices=AttemptKind.choices, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=SignalStatus.choices, default=SignalStatus.OPEN)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="signals", verbose_name=_("case")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # empty for the public web form
    submission_token = models.CharField(max_length=64, null=True, blank=True, unique=True)  # public form idempotency
    content_key = models.CharField(max_length=64, blank=True, db_index=True)  # hash of a public submission's content

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        indexes = [
            models.Index(fields=["team", "status"]),
            # The intake board (ADR 0133): only the board's own rows (open, not in a case), with the columns its
            # order and overdue count read, so PostgreSQL can answer them from the index alone.
            models.Index(fields=["team", "urgency", "deadline", "received_at", "first_contact_at", "id"],
                         condition=models.Q(status="open", case__isnull=True), name="intake_signal_board_idx"),
        ]

    def __str__(self):
        return f"{_('Signal')} #{self.pk}"

    @property
    def address_line(self) -> str:
        number = f"{self.house_number or ''}{('-' + self.house_number_addition) if self.house_number_addition else ''}"
        return " ".join(p for p in [self.street, number, self.postcode, self.city] if p)

    @property
    def is_open(self) -> bool:
        return self.status == SignalStatus.OPEN


class ContactAttempt(models.Model):
    """Append-only: one try to reach the resident (eropaf), with its outcome."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="attempts")
    kind = models.CharField(_("what"), max_length=20, choices=AttemptKind.choices)
    at = models.DateTimeField(_("when"))
    reached = models.BooleanField(_("contact with the resident"), default=False)
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("contact attempt")
        verbose_name_plural = _("contact attempts")


class DutyDay(models.Model):
    """The on-call rota (bereikbaarheidsdienst): who is on duty for a team on a day."""

    team = models.ForeignKey("organisation.Team", on_delete=models.CASCADE, related_name="duty_days")
    day = models.DateField(_("day"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="duty_days", verbose_name=_("on duty"))
    planned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    planned_at = models.DateTimeField()

    class Meta:
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["team", "day"], name="one_on_duty_per_team_day")]
        verbose_name = _("duty day")
        verbose_name_plural = _("duty days")


class YesNoUnknown(models.TextChoices):
    YES = "ja", _("yes")
    NO = "nee", _("no")
    UNKNOWN = "onbekend", _("unknown")


class SafetyAnswer(models.TextChoices):
    """Triage's safety question. Each answer sets the case's safety status (`SAFETY_STATUS_FOR`)."""

    YES = "ja", _("yes, unsafe")
    CONCERNS = "zorgen", _("concerns")
    NO = "nee", _("no")
    UNKNOWN = "onbekend", _("unknown")


class LifeDomain(models.TextChoices):
    """The quick scan's life domains: the ZRM 2017 domains, in plain words. Nothing is mandatory."""

    FINANCES = "financien", _("Money and debts")
    WORK = "werk_opleiding", _("Work and education")
    TIME = "tijdsbesteding", _("Daytime activities")
    HOUSING = "huisvesting", _("Housing")
    RELATIONS = "huiselijke_relaties", _("Relations at home")
    MENTAL = "geestelijke_gezondheid", _("Mental health")
    PHYSICAL = "lichamelijke_gezondheid", _("Physical health")
    SUBSTANCES = "middelengebruik", _("Alcohol, drugs or gambling")
    BASIC_ADL = "basale_adl", _("Self-care")
    INSTRUMENTAL_ADL = "instrumentele_adl", _("Running the household")
    NETWORK = "sociaal_netwerk", _("Social network")
    PARTICIPATION = "maatschappelijke_participatie", _("Taking part in society")
    JUSTICE = "justitie", _("Justice")


class TriageDecision(models.TextChoices):
    ADVICE = "advies", _("Advice given")
    SOLVED = "opgelost", _("Solved at once")
    NOTHING = "niets", _("Nothing to do (recorded)")
    REFERRED = "verwezen", _("Referred elsewhere")
    CASE_OPENED = "casus", _("Case opened")


SOLVED_AT_TRIAGE = {TriageDecision.ADVICE, TriageDecision.SOLVED, TriageDecision.NOTHING}


class Triage(models.Model):
    """The triage of a signal: urgency, safety, a quick scan, and the decision. Written once."""

    signal = models.OneToOneField(Signal, on_delete=models.CASCADE, related_name="triage")
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices)
    unsafe = models.CharField(_("is anyone unsafe?"), max_length=10, choices=SafetyAnswer.choices)
    children = models.CharField(_("children in the household?"), max_length=10, choices=YesNoUnknown.choices)
    safety_note = models.TextField(_("about safety"), blank=True)
    domains = models.JSONField(_("life domains with concerns"), default=list, blank=True)
    household_note = models.TextField(_("household members"), blank=True)
    decision = models.CharField(_("decision"), max_length=10, choices=TriageDecision.choices)
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    expertise = models.ManyToManyField("accounts.ExpertiseTag", blank=True, related_name="+", verbose_name=_("expertise needed"))
    suggested = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("suggested by the system"),
    )
    routed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("routed to")
    )
    case = models.ForeignKey("cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="triages")
    decided_at = models.DateTimeField(_("decided"), db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-decided_at"]
        verbose_name = _("triage")
        verbose_name_plural = _("triages")

    @property
    def safety_flag(self) -> bool:
        return self.unsafe != SafetyAnswer.NO

    @property
    def solved_at_triage(self) -> bool:
        return self.decision in SOLVED_AT_TRIAGE
