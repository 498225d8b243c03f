"""Partner systems are managed here by the functional administrator: one per partner organisation's system.

django-oauth-toolkit's own management pages (applications, tokens, grants) are not shown: a partner system
is made here, which makes its OAuth2 application; its secret is shown once, on saving.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from eenplan.accounts.models import RoleCode
from eenplan.core.admin_site import ConfigAdmin, ReadOnlyConfigAdmin

from . import notifications, services
from .models import Delivery, DeliveryAttempt, DeliveryStatus, PartnerClient, Scope, Subscription


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


# --- notifications: the subscriptions, and the deliveries with the dead-letter list (ADR 0116) ---------------


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnlyConfigAdmin):
    """What each partner system subscribed to (made and ended by the system through the API)."""

    list_display = ["client", "kanaal", "callback_url", "filters", "created_at", "ended_at"]
    list_filter = ["kanaal", ("ended_at", admin.EmptyFieldListFilter)]
    search_fields = ["client__name", "client__organisation__name", "callback_url"]
    exclude = ["secret"]


class DeliveryAttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    fields = ["at", "status_code", "error", "ok"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_authenticated and request.user.has_role(RoleCode.FUNCTIONAL_ADMIN)


class DeadLetterFilter(admin.SimpleListFilter):
    """The list opens on the dead letters: what the administrator has to look at."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*DeliveryStatus.choices, ("alle", _("all"))]

    def choices(self, changelist):
        value = self.value() or DeliveryStatus.DEAD
        for lookup, title in self.lookup_choices:
            yield {"selected": value == str(lookup), "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                   "display": title}

    def queryset(self, request, queryset):
        value = self.value() or DeliveryStatus.DEAD
        return queryset if value == "alle" else queryset.filter(status=value)


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyConfigAdmin):
    """Notifications on their way to partner systems; failed ones (dead letters) can be sent again."""

    list_display = ["created_at", "client_display", "kanaal_display", "actie_display", "resource_display", "status", "attempts",
                    "next_attempt_at", "last_error"]
    list_filter = [DeadLetterFilter, "subscription__kanaal"]
    search_fields = ["subscription__client__name", "subscription__client__organisation__name"]
    fields = ["client_display", "kanaal_display", "actie_display", "resource_display", "status", "attempts", "next_attempt_at",
              "last_error", "delivered_at", "created_at"]
    readonly_fields = fields
    inlines = [DeliveryAttemptInline]
    actions = ["resend"]
    list_select_related = ["notification", "subscription__client"]

    @admin.display(description=_("partner system"))
    def client_display(self, obj):
        return obj.subscription.client.name

    @admin.display(description=_("channel"))
    def kanaal_display(self, obj):
        return obj.notification.get_kanaal_display()

    @admin.display(description=_("action"))
    def actie_display(self, obj):
        return obj.notification.actie

    @admin.display(description=_("resource URL"))
    def resource_display(self, obj):
        return obj.notification.resource_url

    def has_resend_permission(self, request):
        return self._is_admin(request)

    @admin.action(description=_("Send the chosen failed or withheld notifications again"), permissions=["resend"])
    def resend(self, request, queryset):
        sent, refused = 0, []
        for delivery in queryset:
            try:
                notifications.delivery_resend(delivery=delivery, by=request.user)
                sent += 1
            except ValidationError as exc:
                refused.append(f"{delivery}: {' '.join(exc.messages)}")
        if sent:
            messages.success(request, _("%(n)s notifications will be sent again.") % {"n": sent})
        for line in refused:
            messages.error(request, line)
