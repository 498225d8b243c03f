from django import forms
from django.utils.translation import gettext_lazy as _

from eenplan.core.forms import DateInput, Form, ModelForm

from .models import Household, MemberRole, Person


class SearchForm(Form):
    name = forms.CharField(label=_("Name"), required=False)
    bsn = forms.CharField(label=_("BSN"), required=False, max_length=11)
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=7)
    house_number = forms.CharField(label=_("House number"), required=False, max_length=6)
    birth_date = forms.CharField(
        label=_("Birth date"), required=False, max_length=10, help_text=_("For example 12-03-1984, 03-1984 or 1984.")
    )

    def clean_birth_date(self):
        from .selectors import parse_partial_date

        value = self.cleaned_data.get("birth_date", "")
        if parse_partial_date(value) is None:
            raise forms.ValidationError(_("Enter a date as 12-03-1984, a month as 03-1984 or a year as 1984."))
        return value


class PersonForm(ModelForm):
    role = forms.ChoiceField(label=_("Role in the household"), choices=MemberRole.choices)

    class Meta:
        model = Person
        fields = [
            "given_names", "preferred_name", "surname_prefix", "surname", "birth_date", "bsn",
            "phone", "email",
        ]
        widgets = {"birth_date": DateInput()}

    def clean_birth_date(self):
        from django.utils import timezone

        value = self.cleaned_data.get("birth_date")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("A birth date cannot be in the future."))
        if value and value.year < 1900:
            raise forms.ValidationError(_("Check the year of birth."))
        return value

    def clean_bsn(self):
        from .validators import normalise_bsn

        return normalise_bsn(self.cleaned_data.get("bsn") or "")


class HouseholdForm(ModelForm):
    class Meta:
        model = Household
        fields = ["name", "wijk", "street", "house_number", "house_number_addition", "postcode", "city"]

    def clean_postcode(self):
        from .validators import normalise_postcode

        return normalise_postcode(self.cleaned_data.get("postcode") or "")
