from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.access.models import Action, Outcome
from eenplan.core.forms import DateInput, Form


class PeriodForm(Form):
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_until = forms.DateField(label=_("Until"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_until") and data["date_until"] < data["date_from"]:
            self.add_error("date_until", _("The end date lies before the start date."))
        return data

    def period(self, default_days: int | None = None):
        """(from, until) from valid input; `default_days` back from today when nothing was given."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        date_from, date_until = data.get("date_from"), data.get("date_until")
        if default_days and not date_from and not date_until:
            date_until = timezone.localdate()
            date_from = date_until - timedelta(days=default_days)
        return date_from, date_until


class ReviewForm(PeriodForm):
    household = forms.CharField(label=_("Household (number or name)"), required=False, max_length=150)
    person = forms.CharField(label=_("Person (number, BSN or name)"), required=False, max_length=150)
    case_id = forms.IntegerField(label=_("Case (number)"), required=False, min_value=1)
    username = forms.CharField(label=_("User (username)"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("Action"), required=False, choices=[("", "—")] + list(Action.choices))
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, choices=[("", "—")] + list(Outcome.choices))

    field_order = ["household", "person", "case_id", "username", "date_from", "date_until", "action", "outcome"]


class PersonSearchForm(Form):
    q = forms.CharField(label=_("Person (number, BSN or name)"), max_length=150,
                        error_messages={"required": _("Fill in a number, a BSN or a name.")})


class ErasureForm(Form):
    reason = forms.CharField(
        label=_("The resident's request"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who asked, when and how (letter, e-mail, at the desk)."),
        error_messages={"required": _("Write down the resident's request and how it reached you (at least 10 characters).")},
    )
