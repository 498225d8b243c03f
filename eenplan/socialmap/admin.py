"""The sociale kaart is managed here by the functional administrator (configuration, not personal data)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from eenplan.core.admin_site import ConfigAdmin

from .models import Organisation, Provision


class ProvisionInline(admin.TabularInline):
    model = Provision
    fields = ["name", "type", "needs_decision", "active"]
    extra = 0
    show_change_link = True

    def _is_admin(self, request):
        return ConfigAdmin._is_admin(self, request)

    def has_view_permission(self, request, obj=None):
        return self._is_admin(request)

    def has_add_permission(self, request, obj=None):
        return self._is_admin(request)

    def has_change_permission(self, request, obj=None):
        return self._is_admin(request)

    def has_delete_permission(self, request, obj=None):
        return self._is_admin(request)


@admin.register(Organisation)
class OrganisationAdmin(ConfigAdmin):
    list_display = ["name", "phone", "email", "active"]
    list_filter = ["active"]
    search_fields = ["name", "description"]
    inlines = [ProvisionInline]


@admin.register(Provision)
class ProvisionAdmin(ConfigAdmin):
    list_display = ["name", "organisation", "type", "domain_list", "wijk_list", "needs_decision", "active"]
    list_filter = ["type", "needs_decision", "active", "domains", "wijken"]
    search_fields = ["name", "description", "organisation__name"]
    list_select_related = ["organisation"]
    filter_horizontal = ["domains", "wijken"]
    autocomplete_fields = ["organisation"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("domains", "wijken")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "domains":
            from eenplan.assessment.models import Domain

            kwargs["queryset"] = Domain.objects.filter(instrument__code="zrm-2017").order_by("order")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("life domains"))
    def domain_list(self, obj):
        return ", ".join(d.name for d in obj.domains.all())

    @admin.display(description=_("wijken"))
    def wijk_list(self, obj):
        return ", ".join(w.name for w in obj.wijken.all()) or _("whole municipality")
