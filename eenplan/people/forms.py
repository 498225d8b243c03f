from django import forms
from django.utils.translation import gettext_lazy as _

from eenplan.core.forms import DateInput, Form, ModelForm
from eenplan.organisation.models import Wijk

from .models import AddressChange, Household, MemberRole, Person


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
        from .validators import normalise_bsn, validate_bsn

        value = normalise_bsn(self.cleaned_data.get("bsn") or "")
        validate_bsn(value)
        return value

    def _get_validation_exclusions(self):
        # Whether the BSN is already registered is checked by the service (`services.BsnTaken`),
        # so the view can say who has it to those who may know; the form's own model validation
        # would only give the bare constraint message. The elfproef runs in `clean_bsn`.
        return super()._get_validation_exclusions() | {"bsn"}


class HouseholdForm(ModelForm):
    class Meta:
        model = Household
        fields = ["name", "wijk", "street", "house_number", "house_number_addition", "postcode", "city"]

    def clean_postcode(self):
        from .validators import normalise_postcode

        return normalise_postcode(self.cleaned_data.get("postcode") or "")


class PersonDetailsForm(PersonForm):
    """Correct a member's details and role; the same fields as when they were added."""

    class Meta(PersonForm.Meta):
        pass


class HouseholdEditForm(ModelForm):
    class Meta:
        model = Household
        fields = ["name", "wijk"]


class HouseholdMoveForm(Form):
    change = forms.ChoiceField(
        label=_("What happened?"), choices=[
            (AddressChange.MOVED, _("The household moved: keep the earlier address with its dates")),
            (AddressChange.CORRECTED, _("The address was registered wrongly: correct it (the earlier one stays in the history)")),
        ], widget=forms.RadioSelect, initial=AddressChange.MOVED,
    )
    moved_on = forms.DateField(label=_("Moved on"), widget=DateInput(), required=False,
                               help_text=_("For a move. Empty: today."))
    street = forms.CharField(label=_("Street"), max_length=120, required=False)
    house_number = forms.IntegerField(label=_("House number"), min_value=1, required=False)
    house_number_addition = forms.CharField(label=_("Addition"), max_length=10, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False)
    city = forms.CharField(label=_("City"), max_length=80, required=False)
    wijk = forms.ModelChoiceField(label=_("Wijk"), queryset=Wijk.objects.all())

    def clean_postcode(self):
        from .validators import normalise_postcode, validate_postcode

        value = normalise_postcode(self.cleaned_data.get("postcode") or "")
        if value:
            validate_postcode(value)
        return value


class MemberLeaveForm(Form):
    prefix = "leave"
    until = forms.DateField(label=_("Left the household on"), widget=DateInput())
    reason = forms.CharField(label=_("Why (for the history)"), max_length=200, required=False,
                             help_text=_("For example: moved to a home of her own."))


class MergeForm(Form):
    """Which of the two records stays, and why they are one (people.merging)."""

    keep = forms.ChoiceField(label=_("Which record stays?"), widget=forms.RadioSelect,
                             help_text=_("The other record is kept as history; everything that refers to it moves to this one."))
    # Not required here: the service's rule (at least 10 characters) gives the one message for empty and short.
    reason = forms.CharField(label=_("Why are these one and the same?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000,
                             required=False,
                             help_text=_("For example: the same BSN in the BRP, or confirmed by the resident. At least 10 characters."))

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = choices


class MergeUndoForm(Form):
    """One per merge on a page: its prefix is `undo<merge id>`, the merge's id goes in a plain `merge` field."""

    reason = forms.CharField(label=_("Why undo the merge?"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000,
                             required=False,
                             help_text=_("At least 10 characters."))
