from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from eenplan.core.forms import StyledFormMixin


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("The username or password is not correct. Check both and try again."),
        "inactive": _("This account is not active. Ask the functional administrator."),
    }


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].strip().replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("The code consists of digits only."))
        return token


class NotificationPreferenceForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("Work e-mail address"), required=False,
        error_messages={"invalid": _("Enter an e-mail address like naam@gemeente.nl.")},
    )
    email_notifications = forms.BooleanField(
        label=_("Send me an e-mail for due items and new signals assigned to me"), required=False,
        help_text=_("A short mail with a link only: no names or case details."),
    )
