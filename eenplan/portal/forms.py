from django import forms
from django.utils.translation import gettext_lazy as _

from .services import ANSWERS, CANNOT, DONE, NOT_DONE


class ActionAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("How did it go?"), widget=forms.RadioSelect,
        choices=[(DONE, _("Done")), (NOT_DONE, _("Not done")), (CANNOT, _("It does not work out"))],
        error_messages={"required": _("Choose: done, not done, or it does not work out.")},
    )
    note = forms.CharField(label=_("Do you want to say something about it? (you may leave this empty)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)

    def clean_answer(self):
        value = self.cleaned_data["answer"]
        assert value in ANSWERS
        return value


class AgreementForm(forms.Form):
    agrees = forms.TypedChoiceField(
        label=_("Do you agree with this plan?"), widget=forms.RadioSelect, coerce=lambda v: v == "ja",
        choices=[("ja", _("Yes, I agree")), ("nee", _("No, I do not agree"))],
        error_messages={"required": _("Choose: I agree, or I do not agree.")},
    )
    words = forms.CharField(label=_("In your own words (needed when you do not agree)"), required=False,
                            widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)


class InvitationCodeForm(forms.Form):
    code = forms.CharField(label=_("The code from the e-mail"), max_length=20,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
                           error_messages={"required": _("Type the code from the e-mail.")})


class InviteForm(forms.Form):
    """The regisseur invites a household member without DigiD (or without a BSN on file)."""

    person = forms.TypedChoiceField(label=_("Who do you invite?"), coerce=int,
                                    error_messages={"required": _("Choose who you invite."),
                                                    "invalid_choice": _("Choose a member of this household.")})
    email = forms.EmailField(label=_("E-mail address"), error_messages={"required": _("Fill in the e-mail address."),
                                                                        "invalid": _("Fill in a valid e-mail address, like naam@voorbeeld.nl.")})

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {m.person_id: m.person for m in members}
        self.fields["person"].choices = [("", "—")] + [(pk, p.full_name) for pk, p in self.members.items()]

    def clean_person(self):
        pk = self.cleaned_data["person"]
        if pk not in self.members:
            raise forms.ValidationError(_("Choose a member of this household."))
        return self.members[pk]


class PauseForm(forms.Form):
    reason = forms.CharField(label=_("Why do you pause Mijn plan? (the household does not see this)"),
                             widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                             error_messages={"required": _("Write down why you pause Mijn plan.")})
