"""Forms only parse input; the rules (and their Dutch messages) are in `services.py`."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.core.forms import DateInput, Form, apply_errors  # noqa: F401 (re-exported)

from .models import (
    ContactFrequency,
    Domain,
    NetworkKind,
    ParticipationLevel,
    SolutionFrame,
    Term,
    View,
)
from .services import NOT_APPLICABLE, score_field


def _date(label, required=True, help_text=""):
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text)


def _text(label, required=False, rows=2, help_text=""):
    return forms.CharField(label=label, required=required, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows}))


class ZrmForm(Form):
    """A ZRM measurement: per domain the level descriptions to choose from (5 first, working
    down), 'not applicable', or left unscored. Fields are named `score_<domain id>`."""

    measured_on = _date(_("Date of the measurement"), help_text=_("Describe the situation of about the last 30 days."))
    note = _text(_("Note"), help_text=_("For example: which domains you left out, and why."))

    def __init__(self, *args, domains: list[Domain], **kwargs):
        kwargs.setdefault("initial", {}).setdefault("measured_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.domains = domains
        for domain in domains:
            levels = sorted(domain.levels.all(), key=lambda lvl: -lvl.score)
            choices = [(str(lvl.score), f"{lvl.score} — {lvl.text}") for lvl in levels]
            choices += [(NOT_APPLICABLE, _("not applicable")), ("", _("not scored"))]
            # A plain field with radio buttons: the service checks the value, so a wrong score
            # and a wrong date are reported together.
            self.fields[score_field(domain.pk)] = forms.CharField(
                label=domain.name, required=False, widget=forms.RadioSelect(choices=choices)
            )

    def score_fields(self):
        for domain in self.domains:
            yield domain, self[score_field(domain.pk)]

    def scores(self) -> dict:
        return {d.pk: self.cleaned_data.get(score_field(d.pk)) or None for d in self.domains}


class ParticipationForm(Form):
    level = forms.TypedChoiceField(
        label=_("Step on the participation ladder"), choices=[("", "—")] + ParticipationLevel.choices, coerce=int,
        error_messages={"invalid_choice": _("Choose a step on the participation ladder from 1 to 6.")},
    )
    measured_on = _date(_("Date"))
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("measured_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class WatTeltForm(Form):
    prefix = "wt"
    person = forms.TypedChoiceField(label=_("Whose Wat Telt"), coerce=int, required=False, empty_value=None)
    domain = forms.ModelChoiceField(label=_("Life domain"), queryset=Domain.objects.none(), required=False)
    view = forms.ChoiceField(label=_("Whose view"), choices=View.choices, initial=View.RESIDENT, widget=forms.RadioSelect)
    important = forms.BooleanField(label=_("This domain matters most to them"), required=False)
    how_it_goes = _text(_("How it is going, in their own words"), rows=3)
    goal = _text(_("Their own goal"))

    def __init__(self, *args, members, domains, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", _("— choose a household member —"))] + [(m.person.pk, m.person.full_name) for m in members]
        self.fields["domain"].queryset = domains
        self.fields["domain"].empty_label = _("— choose a life domain —")
        self.fields["domain"].label_from_instance = lambda d: f"{d.resident_name} ({d.name})" if d.resident_name != d.name else d.name


class Big5Form(Form):
    current = _text(_("How it is now"), rows=3, help_text=_("In the resident's words."))
    ideal = _text(_("How it should be"), rows=3, help_text=_("In the resident's words."))

    def __init__(self, *args, domain: str, **kwargs):
        kwargs["prefix"] = f"b5-{domain}"
        super().__init__(*args, **kwargs)
        self.domain = domain


class Big5ActionForm(Form):
    text = forms.CharField(label=_("Action"), max_length=300, required=False)
    term = forms.ChoiceField(label=_("Term"), choices=Term.choices, initial=Term.SHORT)
    who = forms.CharField(label=_("Who does it"), max_length=120, required=False)

    def __init__(self, *args, domain: str, **kwargs):
        kwargs["prefix"] = f"b5a-{domain}"
        super().__init__(*args, **kwargs)
        self.domain = domain


class StrengthForm(Form):
    prefix = "st"
    text = forms.CharField(label=_("Strength or resource"), max_length=300, required=False,
                           help_text=_("What goes well, what someone is good at, what helps."))
    person = forms.TypedChoiceField(label=_("Of whom"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", _("the whole household"))] + [(m.person.pk, m.person.full_name) for m in members]


class NetworkMemberForm(Form):
    prefix = "nw"
    name = forms.CharField(label=_("Name"), max_length=120, required=False)
    kind = forms.ChoiceField(label=_("Who is this"), choices=[("", "—")] + NetworkKind.choices, required=False)
    relation = forms.CharField(label=_("Relation"), max_length=120, required=False, help_text=_("For example: sister of Samira, neighbour at no. 12."))
    contact = forms.ChoiceField(label=_("How often is there contact"), choices=[("", "—")] + ContactFrequency.choices, required=False)
    does = forms.CharField(label=_("What they do now"), max_length=300, required=False)
    could_do = forms.CharField(label=_("What they could do"), max_length=300, required=False)


class QuestionForm(Form):
    prefix = "q"
    text = _text(_("Question"), rows=2, help_text=_("Preferably in the resident's words."))
    person = forms.TypedChoiceField(label=_("About whom"), coerce=int, required=False, empty_value=None)
    domain = forms.ModelChoiceField(label=_("Life domain"), queryset=Domain.objects.none(), required=False)

    def __init__(self, *args, members, domains, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", _("the whole household"))] + [(m.person.pk, m.person.full_name) for m in members]
        self.fields["domain"].queryset = domains
        self.fields["domain"].empty_label = "—"
        for value, label in SolutionFrame.choices:
            self.fields[f"frame_{value}_note"] = forms.CharField(label=label, required=False, max_length=1000,
                                                                 widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"frame_{value}_chosen"] = forms.BooleanField(label=_("The solution comes from here"), required=False)

    def frame_fields(self):
        for value, label in SolutionFrame.choices:
            yield label, self[f"frame_{value}_note"], self[f"frame_{value}_chosen"]

    def frames(self) -> dict:
        return {
            value: {"note": self.cleaned_data.get(f"frame_{value}_note", ""), "chosen": self.cleaned_data.get(f"frame_{value}_chosen", False)}
            for value in SolutionFrame.values
        }
