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
