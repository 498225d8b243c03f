"""Forms only parse input; the rules (and their messages) are in `services.py`."""


from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.accounts.models import ExpertiseTag, RoleCode, User
from eenplan.core.forms import DateInput, Form, apply_errors  # noqa: F401 (re-exported)
from eenplan.core.idempotency import new_token

from .models import AttemptKind, Channel, LifeDomain, SafetyAnswer, SignalType, SourceType, TriageDecision, Urgency, YesNoUnknown


def _text(label, required=True, rows=3, help_text=""):
    return forms.CharField(label=label, required=required, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows}))


def _char(label, required=False, max_length=150, help_text="", autocomplete=""):
    attrs = {"autocomplete": autocomplete} if autocomplete else {}
    return forms.CharField(label=label, required=required, max_length=max_length, help_text=help_text, widget=forms.TextInput(attrs=attrs))


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def team_members(team_ids, *roles):
    users = User.objects.filter(is_active=True, memberships__team_id__in=team_ids)
    if roles:
        users = users.filter(roles__code__in=roles)
    return users.distinct().order_by("first_name", "last_name")


class SignalForm(Form):
    """Staff register a signal or an intake (walk-in, phone, referral, letter, own observation)."""

    prefix = "sig"
    channel = forms.ChoiceField(label=_("How did it come in?"), choices=Channel.choices, widget=forms.RadioSelect)
    source = forms.ModelChoiceField(label=_("Source"), queryset=SourceType.objects.none())
    signal_type = forms.ModelChoiceField(
        label=_("Kind of signal"), queryset=SignalType.objects.none(), required=False,
        help_text=_("A kind with a deadline rule sets the deadline, e.g. Voorkomen Huisuitzettingen: contact within 14 days."),
    )
    reported_on = forms.DateField(label=_("Signalled on"), widget=DateInput(), required=False,
                                  help_text=_("When the reporter signalled it. Empty: today."))
    description = _text(_("What was seen or asked"), rows=4)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=[("", _("as usual for this kind"))] + Urgency.choices, required=False)
    safety_concern = forms.BooleanField(label=_("The reporter is worried about someone's safety"), required=False)
    arrears_months = forms.IntegerField(label=_("Months of payment arrears"), min_value=0, max_value=120, required=False,
                                        help_text=_("For signals about arrears (rent, energy, health insurance)."))
    deadline = forms.DateField(label=_("Contact before"), widget=DateInput(), required=False,
                               help_text=_("Only when the reporter asks for an earlier date than the rule gives."))
    reporter_name = _char(_("Reporter's name"))
    reporter_organisation = _char(_("Organisation"))
    reporter_phone = _char(_("Reporter's phone"), max_length=30)
    reporter_email = forms.EmailField(label=_("Reporter's e-mail"), required=False)
    subject_name = _char(_("Name of the resident"), help_text=_("If known."))
    subject_phone = _char(_("Resident's phone"), max_length=30)
    street = _char(_("Street"), max_length=120)
    house_number = forms.IntegerField(label=_("House number"), min_value=1, required=False)
    house_number_addition = _char(_("Addition"), max_length=10)
    postcode = _char(_("Postcode"), max_length=7)
    city = _char(_("City"), max_length=80)
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, required=False,
                                  help_text=_("Empty: the team of the wijk the postcode belongs to."))

    def __init__(self, *args, team_ids=(), **kwargs):
        from eenplan.organisation.models import Team

        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = SourceType.objects.filter(active=True)
        self.fields["signal_type"].queryset = SignalType.objects.filter(active=True)
        self.fields["team"].queryset = Team.objects.filter(pk__in=team_ids)


class AttemptForm(Form):
    prefix = "att"
    kind = forms.ChoiceField(label=_("What did you do?"), choices=AttemptKind.choices)
    reached = forms.BooleanField(label=_("Reached: there was contact with the resident"), required=False)
    at = forms.DateTimeField(label=_("When"), widget=DateTimeLocalInput(), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    note = _text(_("Note"), required=False, rows=2)
    next_attempt_on = forms.DateField(label=_("Next attempt on"), widget=DateInput(), required=False,
                                      help_text=_("Without contact: when do you try again? Empty: the next step of the rule, tomorrow."))
    next_attempt_kind = forms.ChoiceField(label=_("Next attempt"), choices=[("", "–")] + AttemptKind.choices, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("at", timezone.localtime().replace(second=0, microsecond=0))
        super().__init__(*args, **kwargs)


class AssignForm(Form):
    prefix = "asg"
    user = forms.ModelChoiceField(label=_("Assigned to"), queryset=User.objects.none(), required=False)

    def __init__(self, *args, team_ids=(), **kwargs):
        from eenplan.access.policy import SIGNAL_ROLES

        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = team_members(team_ids, *SIGNAL_ROLES)


class WithdrawForm(Form):
    prefix = "wd"
    reason = _text(_("Why is this signal withdrawn?"), rows=2, help_text=_("E.g. a duplicate, or the wrong address."))


class TriageForm(Form):
    prefix = "tri"
    urgency = forms.ChoiceField(label=_("1. How urgent is it?"), choices=Urgency.choices, widget=forms.RadioSelect)
    unsafe = forms.ChoiceField(label=_("2. Is anyone unsafe?"), choices=SafetyAnswer.choices, widget=forms.RadioSelect,
                               help_text=_("'Yes', 'concerns' or 'unknown' alerts the team's safety specialist. The answer "
                                           "becomes the case's safety status."))
    children = forms.ChoiceField(label=_("Are there children in the household?"), choices=YesNoUnknown.choices, widget=forms.RadioSelect)
    safety_note = _text(_("About safety"), required=False, rows=2,
                        help_text=_("What you saw or heard, and from whom. Required for 'yes', 'concerns' and 'unknown'."))
    domains = forms.MultipleChoiceField(label=_("3. Quick scan: on which life domains are there concerns?"), choices=LifeDomain.choices,
                                        widget=forms.CheckboxSelectMultiple, required=False)
    household_note = _text(_("Who lives in the household, and how is each of them?"), required=False, rows=2)
    decision = forms.ChoiceField(label=_("4. Decision"), choices=TriageDecision.choices, widget=forms.RadioSelect)
    referred_to = _char(_("Referred to"), max_length=200, help_text=_("Required when referred elsewhere."))
    note = _text(_("Note"), required=False, rows=2)
    expertise = forms.ModelMultipleChoiceField(label=_("Expertise needed"), queryset=ExpertiseTag.objects.all(),
                                               widget=forms.CheckboxSelectMultiple, required=False)
    routed_to = forms.ModelChoiceField(label=_("Professional who takes the case"), queryset=User.objects.none(), required=False,
                                       help_text=_("The system suggests; you decide."))
    resident_given_names = _char(_("First name of the resident"), max_length=120, autocomplete="off")
    resident_surname_prefix = _char(_("Tussenvoegsel"), max_length=20, autocomplete="off")
    resident_surname = _char(_("Surname of the resident"), max_length=120, autocomplete="off")
    household_name = _char(_("Name of the household"), help_text=_(
        "For a new case when the signal has no household yet. Empty: after the resident's surname, or the address."
    ))
    suggested = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, team_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["routed_to"].queryset = team_members(team_ids, RoleCode.PROFESSIONAL, RoleCode.SAFETY_SPECIALIST)
        # Required for some answers only: the field partial must not call it optional.
        self.fields["safety_note"].not_optional = True


class TriageChildForm(Form):
    """One child the triage question asks about; becomes a household member with role 'kind'."""

    name = _char(_("Name of the child"), max_length=120, autocomplete="off")
    birth_date = forms.DateField(label=_("Birth date of the child"), widget=DateInput(), required=False)

    def clean(self):
        data = super().clean()
        if data.get("name") and not data.get("birth_date") and "birth_date" not in self.errors:
            self.add_error("birth_date", _("Give the child's birth date."))
        if data.get("birth_date") and not data.get("name"):
            self.add_error("name", _("Give the child's name."))
        if data.get("birth_date") and data["birth_date"] > timezone.localdate():
            self.add_error("birth_date", _("A birth date cannot be in the future."))
        return data


TriageChildFormSet = forms.formset_factory(TriageChildForm, extra=3, max_num=12)


class SubjectForm(Form):
    """Who the signal is about, as learned since it came in (at first contact, say)."""

    prefix = "subj"
    subject_name = _char(_("Name of the resident"), help_text=_("First name and surname, as heard."))
    subject_phone = _char(_("Resident's phone"), max_length=30)


class RotaDayForm(Form):
    day = forms.DateField(widget=forms.HiddenInput)
    user = forms.ModelChoiceField(label=_("On duty"), queryset=User.objects.none(), required=False)

    def __init__(self, *args, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = team_members([team.pk]) if team else User.objects.none()


class RotaCycleForm(Form):
    prefix = "cyc"
    start = forms.DateField(label=_("First day of the cycle"), widget=DateInput())
    days = forms.IntegerField(label=_("Length of the cycle (days)"), min_value=1, max_value=62, initial=14)
    users = forms.ModelMultipleChoiceField(label=_("Who takes part"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = team_members([team.pk]) if team else User.objects.none()


# --- the public web form -------------------------------------------------------------------


def new_public_token() -> str:
    return new_token()  # the one-time form token of eenplan.core.idempotency, kept on the signal (ADR 0012, 0120)


class PublicSignalForm(Form):
    """Plain Dutch (B1) on screen; asks only what is needed to reach the resident."""

    source = forms.ModelChoiceField(label=_("Who are you?"), queryset=SourceType.objects.none(), widget=forms.RadioSelect,
                                    empty_label=None)
    description = _text(_("What is going on? What do you need help with?"), rows=5,
                        help_text=_("Write it in your own words. A few sentences is enough."))
    subject_name = _char(_("Name of the person it is about"), help_text=_("Leave empty if it is about yourself."), autocomplete="off")
    # No autocomplete="off" here: the browser would then not put the text back after 'back'.
    street = _char(_("Street"), max_length=120, help_text=_("Of the person it is about. The street or the postcode is enough."))
    house_number = forms.IntegerField(label=_("House number"), min_value=1, required=False)
    house_number_addition = _char(_("Addition"), max_length=10, help_text=_("For example A or bis."))
    postcode = _char(_("Postcode"), max_length=7, help_text=_("If you know it. For example 1234 AB."), autocomplete="postal-code")
    reporter_name = _char(_("Your name"), autocomplete="name")
    reporter_phone = _char(_("Your phone number"), max_length=30, autocomplete="tel",
                           help_text=_("We call you back on this number. Give a phone number or an e-mail address."))
    reporter_email = forms.EmailField(label=_("Your e-mail address"), required=False,
                                      widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    urgent = forms.ChoiceField(label=_("Is it urgent?"), widget=forms.RadioSelect, initial="nee",
                               choices=[("nee", _("No, it can wait a few days")), ("ja", _("Yes, help is needed soon"))])
    safety_concern = forms.BooleanField(label=_("I am worried that someone is not safe"), required=False)
    # Honeypot: hidden from people (and screen readers); bots fill it in.
    website = forms.CharField(required=False, label=_("Leave this field empty"),
                              widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("token", new_public_token())
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = SourceType.objects.filter(active=True).exclude(public_label="")
        self.fields["source"].label_from_instance = lambda s: s.public_label
