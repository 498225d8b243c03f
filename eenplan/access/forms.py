from django import forms
from django.utils.translation import gettext_lazy as _

from eenplan.core.forms import DateInput, Form

from .models import Action, Outcome


class LogFilterForm(Form):
    username = forms.CharField(label=_("User"), required=False)
    person_id = forms.IntegerField(label=_("Person (number)"), required=False, min_value=1)
    household_id = forms.IntegerField(label=_("Household (number)"), required=False, min_value=1)
    action = forms.ChoiceField(label=_("Action"), required=False, choices=[("", "—")] + list(Action.choices))
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, choices=[("", "—")] + list(Outcome.choices))
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_until = forms.DateField(label=_("Until"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_until") and data["date_until"] < data["date_from"]:
            self.add_error("date_until", _("The end date lies before the start date."))
        return data
