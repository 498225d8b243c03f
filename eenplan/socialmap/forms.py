"""Forms only parse input; the rules (and their Dutch messages) are in `services.py`.

Fields that a service checks (partner, purpose, …) are optional here, so that the service's
clear message is the one the user sees and nothing typed is lost.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.assessment.models import Domain
from eenplan.core.forms import DateInput, Form, apply_errors  # noqa: F401 (re-exported)
from eenplan.organisation.models import Wijk
from eenplan.people.models import Person

from .models import (
    ConsentForm,
    DataCategory,
    DiscussionKind,
    Law,
    LegalTask,
    Organisation,
    Provision,
    ProvisionType,
    RequestStatus,
    SharingBasisKind,
    SharingPurpose,
)


def _date(label, required=False, help_text="", today=False):
    field = forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text)
    if today:
        field.initial = timezone.localdate
    return field


def _text(label, required=False, rows=3, help_text=""):
    return forms.CharField(label=label, required=required, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows}))


CHOOSE = _("— choose —")


def _blank(choices, label=CHOOSE):
    return [("", label)] + list(choices)


def _organisations():
    return Organisation.objects.filter(active=True).order_by("name")


class ServiceCheckedForm(Form):
    """A form whose fields the service checks: `needed` names the fields that must be filled,
    with the same message the service gives, so the user reads one clear sentence."""

    # Fields that must be filled, with the same message the service gives.
    needed: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in self.needed.items():
            if name in self.fields:
                self.fields[name].required = True
                self.fields[name].error_messages = {**self.fields[name].error_messages, "required": message}


class SearchForm(ServiceCheckedForm):
    """The sociale kaart's filters (GET)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100, help_text=_("A word from the name, the description or the organisation."))
    domain = forms.ModelChoiceField(label=_("Life domain (ZRM)"), required=False, queryset=Domain.objects.none(), empty_label=_("All domains"))
    wijk = forms.ModelChoiceField(label=_("Wijk"), required=False, queryset=Wijk.objects.order_by("name"), empty_label=_("All wijken"))
    type = forms.ChoiceField(label=_("Type"), required=False, choices=_blank(ProvisionType.choices, _("All types")))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = Domain.objects.filter(instrument__code="zrm-2017").order_by("order")


class PartnerForm(ServiceCheckedForm):
    prefix = "partner"
    needed = {"organisation": _("Choose the partner organisation."), "role": _("Describe the partner's role in this case."),
              "contact_name": _("Give the partner's contact person.")}
    organisation = forms.ModelChoiceField(label=_("Partner organisation"), required=False, queryset=Organisation.objects.none())
    role = forms.CharField(label=_("Role in this case"), required=False, max_length=150,
                           help_text=_("For example: debt counselling, GP, school, housing association."))
    contact_name = forms.CharField(label=_("Contact person"), required=False, max_length=120)
    contact_details = forms.CharField(label=_("Phone or e-mail of the contact person"), required=False, max_length=200)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = _organisations()
        if case is not None and not self.is_bound:
            # Offer only organisations not yet a partner; a sent form keeps them all, so a partner added meanwhile
            # gets the service's own message instead of "not a valid choice".
            organisations = organisations.exclude(pk__in=case.partners.filter(until__isnull=True).values("organisation"))
        self.fields["organisation"].queryset = organisations


class AgreementForm(ServiceCheckedForm):
    prefix = "agreement"
    needed = {"partner": _("Choose a partner of this case."), "description": _("Describe what was agreed."),
              "owner": _("Say who owns this agreement."), "due_on": _("Give the date by which it is done.")}
    partner = forms.ModelChoiceField(label=_("With partner"), required=False, queryset=None)
    description = _text(_("What was agreed"), rows=2)
    owner = forms.CharField(label=_("Owner"), required=False, max_length=150, help_text=_("Who makes sure this happens."))
    due_on = _date(_("Date"), help_text=_("By when it is done."))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = case.partners.filter(until__isnull=True).select_related("organisation")


class TailoredRequestForm(ServiceCheckedForm):
    prefix = "request"
    needed = {"provision": _("Choose the provision from the sociale kaart."), "law": _("Choose the law: Wmo 2015 or Jeugdwet."),
              "motivation": _("Say why this tailored provision is needed.")}
    provision = forms.ModelChoiceField(label=_("Tailored provision"), required=False, queryset=Provision.objects.none())
    law = forms.ChoiceField(label=_("Law"), required=False, choices=_blank(Law.choices))
    person = forms.ModelChoiceField(label=_("For whom"), required=False, queryset=Person.objects.none(), empty_label=_("The whole household"))
    motivation = _text(_("Why this is needed"), rows=2)
    requested_on = _date(_("Requested on"), today=True)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provision"].queryset = (
            Provision.objects.filter(active=True, needs_decision=True).select_related("organisation").order_by("name")
        )
        self.fields["person"].queryset = Person.objects.filter(household_memberships__household_id=case.household_id)


class RequestStatusForm(ServiceCheckedForm):
    needed = {"status": _("Choose the new status."), "on": _("Give the date of this status.")}
    status = forms.ChoiceField(label=_("New status"), required=False, choices=_blank(RequestStatus.choices))
    on = _date(_("Date"), today=True)
    note = forms.CharField(label=_("Note"), required=False, max_length=500, help_text=_("Required when the request is refused."))


class SharingBasisForm(ServiceCheckedForm):
    prefix = "sharing"
    needed = {
        "organisation": _("Choose the partner you share information with."),
        "purpose": _("Choose the purpose of sharing."),
        "kind": _("Choose the basis for sharing: consent, a legal task, danger or care avoidance."),
        "legal_task": _("Name the legal task this sharing serves. Consent alone is not enough: a municipality needs a legal basis."),
        "necessity": _("Explain why sharing is necessary for this purpose."),
        "categories": _("Choose what may be shared (at least one kind of information)."),
        "valid_from": _("Give the date from which sharing is allowed."),
    }
    organisation = forms.ModelChoiceField(label=_("Partner"), required=False, queryset=Organisation.objects.none(),
                                          help_text=_("The named organisation the information goes to."))
    purpose = forms.ChoiceField(label=_("Purpose"), required=False, choices=_blank(SharingPurpose.choices))
    kind = forms.ChoiceField(label=_("Basis"), required=False, choices=SharingBasisKind.choices, widget=forms.RadioSelect)
    legal_task = forms.ChoiceField(label=_("Legal task this sharing serves"), required=False, choices=_blank(LegalTask.choices),
                                   help_text=_("Always required: for a municipality consent does not replace a legal basis."))
    necessity = _text(_("Why is sharing necessary?"), rows=2, help_text=_("Share no more than the purpose needs."))
    categories = forms.MultipleChoiceField(label=_("What may be shared"), required=False, choices=DataCategory.choices,
                                           widget=forms.CheckboxSelectMultiple)
    valid_from = _date(_("From"), today=True)
    valid_until = _date(_("Until"), help_text=_("Required for consent."))
    consent_by = forms.ModelChoiceField(label=_("Who gave consent"), required=False, queryset=Person.objects.none())
    consent_form = forms.ChoiceField(label=_("How was consent given"), required=False, choices=_blank(ConsentForm.choices))
    reason = _text(_("Reason for sharing without consent"), rows=2, help_text=_("Required for danger or care avoidance."))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _organisations()
        self.fields["consent_by"].queryset = Person.objects.filter(household_memberships__household_id=case.household_id)


class SharingEndForm(ServiceCheckedForm):
    needed = {"ended_on": _("Give the date from which sharing stops.")}
    ended_on = _date(_("Stops from"), today=True)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class PartnerOverviewForm(Form):
    """Which purpose and date the partner overview is made for (GET)."""

    purpose = forms.ChoiceField(label=_("Purpose"), required=False, choices=_blank(SharingPurpose.choices, _("Any purpose")))
    on = _date(_("On date"))


class DiscussionForm(ServiceCheckedForm):
    """A case discussion with up to three partners at the table and three follow-up actions."""

    prefix = "discussion"
    ROWS = 3
    needed = {"kind": _("Choose the kind of discussion."), "held_on": _("Give the date of the discussion."),
              "question": _("Write down the question that was discussed.")}
    kind = forms.ChoiceField(label=_("Kind of discussion"), required=False, choices=_blank(DiscussionKind.choices))
    held_on = _date(_("Date"), today=True)
    household_present = forms.BooleanField(label=_("The household took part"), required=False)
    colleagues = forms.ModelMultipleChoiceField(label=_("Colleagues at the table"), required=False, queryset=None,
                                                widget=forms.CheckboxSelectMultiple)
    question = _text(_("Question"), rows=3)
    advice = _text(_("Advice"), rows=3)
    decisions = _text(_("Decisions"), rows=2)

    def __init__(self, *args, team, anonymous: bool, **kwargs):
        from eenplan.accounts.models import User

        self.anonymous = anonymous
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["colleagues"].queryset = User.objects.filter(memberships__team=team, is_active=True).order_by("first_name")
        if anonymous:
            del fields["household_present"]
            fields["question"].help_text = _("Without names, addresses, dates of birth or other details that identify someone.")
        for i in range(1, self.ROWS + 1):
            fields[f"partner_{i}_org"] = forms.ModelChoiceField(
                label=_("Partner %(n)s: organisation") % {"n": i}, required=False, queryset=_organisations())
            fields[f"partner_{i}_role"] = forms.CharField(label=_("Partner %(n)s: role") % {"n": i}, required=False, max_length=120)
            if not anonymous:
                fields[f"partner_{i}_name"] = forms.CharField(label=_("Partner %(n)s: name") % {"n": i}, required=False, max_length=120)
        for i in range(1, self.ROWS + 1):
            fields[f"action_{i}"] = forms.CharField(label=_("Follow-up action %(n)s") % {"n": i}, required=False, max_length=300)
            fields[f"action_{i}_owner"] = forms.CharField(label=_("Action %(n)s: who") % {"n": i}, required=False, max_length=150)
            fields[f"action_{i}_due"] = _date(_("Action %(n)s: by when") % {"n": i})

    def partner_rows(self):
        rows = []
        for i in range(1, self.ROWS + 1):
            rows.append([self[f"partner_{i}_org"], self[f"partner_{i}_role"]] + ([] if self.anonymous else [self[f"partner_{i}_name"]]))
        return rows

    def action_rows(self):
        return [[self[f"action_{i}"], self[f"action_{i}_owner"], self[f"action_{i}_due"]] for i in range(1, self.ROWS + 1)]

    def partners(self):
        d = self.cleaned_data
        out = []
        for i in range(1, self.ROWS + 1):
            org, role, name = d.get(f"partner_{i}_org"), d.get(f"partner_{i}_role", ""), d.get(f"partner_{i}_name", "")
            if org or role or name:
                out.append((org, role, name))
        return out

    def actions(self):
        d = self.cleaned_data
        return [(d.get(f"action_{i}", ""), d.get(f"action_{i}_owner", ""), d.get(f"action_{i}_due")) for i in range(1, self.ROWS + 1)]


def _owner_kinds():
    try:
        from eenplan.plans.models import OwnerKind
    except ImportError:
        return []
    return list(OwnerKind.choices)


class CopyActionForm(ServiceCheckedForm):
    """Where a discussion's follow-up action goes in the plan."""

    goal = forms.ChoiceField(label=_("Goal in the plan"), required=False)
    owner_kind = forms.ChoiceField(label=_("Who does it"), required=False)
    due_on = _date(_("By when"))
    needed = {"goal": _("Choose the goal in the plan this action belongs to."), "owner_kind": _("Choose who does this."),
              "due_on": _("Give a date: by when will this be done?")}

    def __init__(self, *args, goals, action, **kwargs):
        kwargs.setdefault("prefix", f"copy-{action.pk}")
        kwargs.setdefault("initial", {"due_on": action.due_on})
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = _blank([(str(k), t) for k, t in goals])
        self.fields["owner_kind"].choices = _blank(_owner_kinds())
