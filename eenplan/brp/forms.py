from django import forms
from django.utils.translation import gettext_lazy as _

from eenplan.core.forms import DateInput, Form

from .services import Purpose


class BrpLookupForm(Form):
    """What to look up in the BRP, and why (doelbinding). One complete criterion: a BSN, a surname with a
    birth date, or a postcode with a house number."""

    prefix = "brp"
    purpose = forms.ChoiceField(label=_("Why do you consult the BRP?"), choices=Purpose.choices, widget=forms.RadioSelect)
    bsn = forms.CharField(label=_("Look up by BSN"), required=False, max_length=11)
    surname = forms.CharField(label=_("Look up by surname"), required=False, max_length=120)
    birth_date = forms.DateField(label=_("Look up by birth date"), required=False, widget=DateInput())
    postcode = forms.CharField(label=_("Look up by postcode"), required=False, max_length=7)
    house_number = forms.IntegerField(label=_("Look up by house number"), required=False, min_value=1)

    def clean_bsn(self):
        from eenplan.people.validators import normalise_bsn, validate_bsn

        value = normalise_bsn(self.cleaned_data.get("bsn") or "")
        validate_bsn(value)
        return value

    def clean_postcode(self):
        from eenplan.people.validators import normalise_postcode, validate_postcode

        value = normalise_postcode(self.cleaned_data.get("postcode") or "")
        if value:
            validate_postcode(value)
        return value

    def clean(self):
        d = super().clean()
        complete = d.get("bsn") or (d.get("surname", "").strip() and d.get("birth_date")) or (d.get("postcode") and d.get("house_number"))
        if not self.errors and not complete:
            raise forms.ValidationError(
                _("Give a BSN, or a surname and a birth date, or a postcode and a house number."), code="incomplete")
        return d
