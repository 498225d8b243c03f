from django import forms
from django.utils.translation import gettext_lazy as _

from eenplan.accounts.models import User
from eenplan.core.forms import StyledFormMixin


class AuthenticatorResetForm(StyledFormMixin, forms.Form):
    user = forms.ModelChoiceField(
        label=_("Colleague"),
        queryset=User.objects.filter(is_active=True).order_by("username"),
        help_text=_("At their next login they link a new authenticator app."),
        error_messages={"required": _("Choose the colleague whose authenticator app is reset."),
                        "invalid_choice": _("Choose the colleague whose authenticator app is reset.")},
    )
    confirm = forms.BooleanField(
        label=_("I have checked who is asking (in person or by phone)."),
        error_messages={"required": _("Confirm that you have checked who is asking.")},
    )
