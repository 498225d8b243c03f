"""Partner systems are managed here by the functional administrator: one per partner organisation's system.

django-oauth-toolkit's own management pages (applications, tokens, grants) are not shown: a partner system
is made here, which makes its OAuth2 application; its secret is shown once, on saving.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from eenplan.core.admin_site import ConfigAdmin

from . import services
from .models import PartnerClient, Scope


def _hide_toolkit_pages():
    import oauth2_provider.admin  # noqa: F401  (registers them first, so they can be taken off)
    from oauth2_provider.models import (
        get_access_token_model,
        get_application_model,
        get_grant_model,
        get_id_token_model,
        get_refresh_token_model,
    )

    for model in (get_application_model(), get_access_token_model(), get_grant_model(), get_id_token_model(), get_refresh_token_model()):
        if admin.site.is_registered(model):
            admin.site.unregister(model)


_hide_toolkit_pages()


class PartnerClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(label=_("scopes"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple,
                                       help_text=_("The most this system may do. Per case, a valid basis for sharing decides."))

    class Meta:
        model = PartnerClient
        fields = ["organisation", "name", "scopes", "source_type", "signal_types", "active"]


@admin.register(PartnerClient)
class PartnerClientAdmin(ConfigAdmin):
    form = PartnerClientForm
    list_display = ["name", "organisation", "client_id_display", "active"]
    list_filter = ["active"]
    search_fields = ["name", "organisation__name"]
    readonly_fields = ["client_id_display", "created_at"]
    filter_horizontal = ["signal_types"]

    @admin.display(description=_("client id"))
    def client_id_display(self, obj):
        return obj.application.client_id if obj and obj.pk else "–"

    def get_fields(self, request, obj=None):
        fields = ["organisation", "name", "scopes", "source_type", "signal_types", "active"]
        return fields + (["client_id_display", "created_at"] if obj else [])

    def save_model(self, request, obj, form, change):
        if change:
            if not obj.active and form.initial.get("active"):
                obj.save()
                services.partner_client_deactivate(client=obj, by=request.user)
            else:
                obj.save()
            return
        data = form.cleaned_data
        # The form has checked what the service checks (organisation, name, at least one scope).
        client, secret = services.partner_client_create(
            organisation=data["organisation"], name=data["name"], scopes=data["scopes"], by=request.user,
            source_type=data.get("source_type"), signal_types=data.get("signal_types") or [],
        )
        obj.pk, obj.application = client.pk, client.application
        obj._state.adding = False
        messages.warning(request, _(
            "Give the partner's developer these credentials through a safe channel. The secret is shown only now: "
            "client id %(id)s, client secret %(secret)s") % {"id": client.client_id, "secret": secret})

    def save_related(self, request, form, formsets, change):
        if change:
            super().save_related(request, form, formsets, change)

    def has_delete_permission(self, request, obj=None):
        return False  # the access log refers to the system's account: deactivate it instead
