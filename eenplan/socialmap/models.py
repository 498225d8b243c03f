"""The sociale kaart (partner organisations and their provisions).

The sociale kaart is configuration, not personal data: the functional administrator keeps it
in the admin; every case-worker role may search it. Case-bound records (partners on a case,
agreements, tailored-provision requests, sharing bases, case discussions) follow below.
Rules live in `services.py`; these models hold data and append-only history.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A partner organisation (ketenpartner) in or around the municipality."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    description = models.TextField(_("description"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self):
        return self.name


class ProvisionType(models.TextChoices):
    """The kinds of provision, from light to heavy (De Kanteling)."""

    GENERAL = "algemeen", _("general")
    COLLECTIVE = "collectief", _("collective")
    PRECEDING = "voorliggend", _("preceding")
    TAILORED = "maatwerk", _("tailored")


class Provision(models.Model):
    """A provision (voorziening) on the sociale kaart.

    `domains` are ZRM 2017 life domains (assessment.Domain of the current instrument);
    no `wijken` means the provision serves the whole municipality.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="provisions", verbose_name=_("organisation"))
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    type = models.CharField(_("type"), max_length=12, choices=ProvisionType.choices, db_index=True)
    domains = models.ManyToManyField(
        "assessment.Domain", related_name="provisions", verbose_name=_("life domains"), blank=True,
        help_text=_("The ZRM 2017 life domains this provision serves."),
    )
    wijken = models.ManyToManyField(
        "organisation.Wijk", related_name="provisions", verbose_name=_("wijken"), blank=True,
        help_text=_("Leave empty when the provision serves the whole municipality."),
    )
    contact = models.CharField(_("contact"), max_length=200, blank=True, help_text=_("Phone, e-mail or address for professionals."))
    how_to_refer = models.TextField(_("how to refer"), blank=True)
    needs_decision = models.BooleanField(
        _("needs a decision (beschikking)"), default=False,
        help_text=_("Tick when the municipality must grant it first (Wmo or Jeugdwet)."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_provision_per_organisation")]
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    @property
    def whole_municipality(self) -> bool:
        return not self.wijken.all()


# --- partners on a case --------------------------------------------------------------------


class CasePartner(models.Model):
    """A partner organisation involved in a case, with its role and contact person."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="case_partners", verbose_name=_("organisation"))
    role = models.CharField(_("role in the case"), max_length=150)
    contact_name = models.CharField(_("contact person"), max_length=120)
    contact_details = models.CharField(_("contact details"), max_length=200, blank=True, help_text=_("Phone number or e-mail address."))
    since = models.DateField(_("involved since"))
    until = models.DateField(_("involved until"), null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["since", "pk"]
        verbose_name = _("partner in a case")
        verbose_name_plural = _("partners in a case")

    def __str__(self):
        return f"{self.organisation} ({self.role})"


class Agreement(models.Model):
    """An agreement (afspraak) with a partner in a case: what, who owns it, by when."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="partner_agreements")
    partner = models.ForeignKey(CasePartner, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("partner"))
    description = models.TextField(_("agreement"))
    owner = models.CharField(_("owner"), max_length=150, help_text=_("Who makes sure this happens."))
    due_on = models.DateField(_("date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("agreement with a partner")
        verbose_name_plural = _("agreements with partners")


# --- tailored provisions (Wmo / Jeugdwet) --------------------------------------------------


class Law(models.TextChoices):
    WMO = "wmo", _("Wmo 2015")
    JEUGDWET = "jeugdwet", _("Jeugdwet")


class RequestStatus(models.TextChoices):
    REQUESTED = "aangevraagd", _("requested")
    GRANTED = "toegekend", _("granted")
    REFUSED = "afgewezen", _("rejected")
    STARTED = "gestart", _("started")
    ENDED = "beeindigd", _("ended")


# The one transition table: which status may follow which.
REQUEST_TRANSITIONS = {
    RequestStatus.REQUESTED: {RequestStatus.GRANTED, RequestStatus.REFUSED},
    RequestStatus.GRANTED: {RequestStatus.STARTED, RequestStatus.ENDED},
    RequestStatus.STARTED: {RequestStatus.ENDED},
    RequestStatus.REFUSED: set(),
    RequestStatus.ENDED: set(),
}


class TailoredProvisionRequest(models.Model):
    """A request for a tailored provision. `status` and `status_on` mirror the latest row of
    its append-only `history` (kept in step by the services)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="tailored_requests")
    provision = models.ForeignKey(Provision, on_delete=models.PROTECT, related_name="requests", verbose_name=_("provision"))
    law = models.CharField(_("law"), max_length=10, choices=Law.choices)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("for whom"))
    motivation = models.TextField(_("why this is needed"))
    status = models.CharField(_("status"), max_length=12, choices=RequestStatus.choices, db_index=True)
    status_on = models.DateField(_("status since"))
    requested_on = models.DateField(_("requested on"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-requested_on", "-pk"]
        verbose_name = _("tailored provision request")
        verbose_name_plural = _("tailored provision requests")


class RequestStatusChange(models.Model):
    """Append-only: every status of a tailored-provision request with its date."""

    request = models.ForeignKey(TailoredProvisionRequest, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(_("status"), max_length=12, choices=RequestStatus.choices)
    on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["on", "pk"]


# --- the legal basis for sharing -----------------------------------------------------------


class SharingBasisKind(models.TextChoices):
    CONSENT = "toestemming", _("consent of the person")
    LEGAL_TASK = "wettelijke_taak", _("legal task or duty")
    DANGER = "gevaar", _("danger (conflict of duties)")
    CARE_AVOIDANCE = "zorgmijding", _("care avoidance")


REASON_BASES = {SharingBasisKind.DANGER, SharingBasisKind.CARE_AVOIDANCE}


class SharingPurpose(models.TextChoices):
    COORDINATION = "afstemming", _("coordinating the support")
    REFERRAL = "doorverwijzing", _("referral to the partner")
    TAILORED = "maatwerk", _("request for a tailored provision")
    SAFETY = "veiligheid", _("safety of household members")
    DISCUSSION = "casusoverleg", _("case discussion")


class DataCategory(models.TextChoices):
    """What may be shared. The partner overview shows exactly these categories, nothing else."""

    CONTACT = "contactgegevens", _("names and contact details of the household")
    QUESTION = "hulpvraag", _("the household's question")
    REGIE = "regie", _("regisseur and how to reach them")
    AGREEMENTS = "afspraken", _("agreements with this partner")
    PROVISIONS = "voorzieningen", _("tailored provisions and their status")


class ConsentForm(models.TextChoices):
    SIGNED = "schriftelijk", _("signed on paper")
    VERBAL = "mondeling", _("in person or by phone (verbal)")
    DIGITAL = "digitaal", _("digitally")


class LegalTask(models.TextChoices):
    """The municipal task a sharing serves. Always required: consent is no legal basis on its own (ADR 0070)."""

    WMO = "wmo", _("Wmo 2015: investigation and support (art. 2.3.2 and on)")
    JEUGDWET = "jeugdwet", _("Jeugdwet: youth help (art. 2.3 and 7.4.0)")
    PARTICIPATIEWET = "participatiewet", _("Participatiewet")
    WGS = "wgs", _("Wet gemeentelijke schuldhulpverlening")
    MELDRECHT = "meldrecht", _("Meldcode / meldrecht (Wmo 2015 art. 5.2.6)")


class SharingBasis(models.Model):
    """The legal basis and necessity for sharing a case's information with one named partner.

    Never edited: ending or withdrawing it is a `SharingEnd` row.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="sharing_bases")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="sharing_bases", verbose_name=_("partner"))
    kind = models.CharField(_("basis"), max_length=20, choices=SharingBasisKind.choices)
    legal_task = models.CharField(_("legal task"), max_length=20, choices=LegalTask.choices)
    purpose = models.CharField(_("purpose"), max_length=20, choices=SharingPurpose.choices)
    necessity = models.TextField(_("why sharing is necessary"))
    categories = models.JSONField(_("what may be shared"), default=list)
    valid_from = models.DateField(_("from"))
    valid_until = models.DateField(_("until"), null=True, blank=True)
    # Consent: who, how.
    consent_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("who consented"))
    consent_form = models.CharField(_("how consent was given"), max_length=15, choices=ConsentForm.choices, blank=True)
    # Danger / care avoidance: why without consent.
    reason = models.TextField(_("reason"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-valid_from", "-pk"]
        verbose_name = _("basis for sharing")
        verbose_name_plural = _("bases for sharing")
        indexes = [models.Index(fields=["case", "organisation"])]

    def category_labels(self) -> list[str]:
        return [str(DataCategory(c).label) for c in self.categories if c in DataCategory.values]


class SharingEnd(models.Model):
    """Append-only: consent withdrawn, or a basis ended, from a date."""

    basis = models.OneToOneField(SharingBasis, on_delete=models.CASCADE, related_name="end")
    ended_on = models.DateField(_("from"))
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()


# --- case discussions ----------------------------------------------------------------------


class DiscussionKind(models.TextChoices):
    CASUSOVERLEG = "casusoverleg", _("case discussion (casusoverleg)")
    EXPERTISETENT = "expertisetent", _("expertisetent")
    MAATWERKTAFEL = "maatwerktafel", _("maatwerktafel")


class CaseDiscussion(models.Model):
    """A case discussion. Anonymous ones carry no personal data: no case, no names
    (enforced in `services.discussion_record`)."""

    team = models.ForeignKey("organisation.Team", on_delete=models.PROTECT, related_name="case_discussions", verbose_name=_("team"))
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, null=True, blank=True, related_name="discussions")
    anonymous = models.BooleanField(_("anonymous"), default=False)
    kind = models.CharField(_("kind"), max_length=15, choices=DiscussionKind.choices)
    held_on = models.DateField(_("date"))
    household_present = models.BooleanField(_("the household took part"), default=False)
    internal_participants = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name=_("colleagues"))
    question = models.TextField(_("question"))
    advice = models.TextField(_("advice"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("case discussion")
        verbose_name_plural = _("case discussions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(anonymous=False) | models.Q(case__isnull=True, household_present=False),
                name="anonymous_discussion_has_no_case",
            )
        ]


class DiscussionParticipant(models.Model):
    """A partner at the table. In an anonymous discussion: organisation and role only."""

    discussion = models.ForeignKey(CaseDiscussion, on_delete=models.CASCADE, related_name="partner_participants")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation"))
    role = models.CharField(_("role"), max_length=120, blank=True)
    name = models.CharField(_("name"), max_length=120, blank=True)

    class Meta:
        ordering = ["pk"]


class DiscussionAction(models.Model):
    """A follow-up action agreed in a discussion; can be copied into the case's plan."""

    discussion = models.ForeignKey(CaseDiscussion, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("action"), max_length=300)
    owner = models.CharField(_("who"), max_length=150)
    due_on = models.DateField(_("by when"), null=True, blank=True)
    copied_at = models.DateTimeField(null=True, blank=True)
    copied_to = models.CharField(max_length=80, blank=True)  # e.g. "plans.Action:12"

    class Meta:
        ordering = ["pk"]
