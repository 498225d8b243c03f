from django.contrib import admin

from eenplan.accounts.models import RoleCode
from eenplan.core.admin_site import ConfigAdmin

from .models import Domain, Instrument, LevelDescription


class LevelInline(admin.TabularInline):
    model = LevelDescription
    extra = 0
    can_delete = False
    fields = ["score", "text"]
    readonly_fields = ["score"]

    def has_add_permission(self, request, obj=None):
        return False

    def _is_admin(self, request):
        return request.user.is_authenticated and request.user.has_role(RoleCode.FUNCTIONAL_ADMIN)

    def has_view_permission(self, request, obj=None):
        return self._is_admin(request)

    def has_change_permission(self, request, obj=None):
        return self._is_admin(request)


@admin.register(Instrument)
class InstrumentAdmin(ConfigAdmin):
    """Instrument versions come with eenplan (migrations); the functional administrator may
    reword names and choose which version is current or kept only for old measurements.
    Adding or removing versions and domains is not possible here: that would change what old
    measurements mean (see docs/assessment.md)."""

    list_display = ["name", "code", "is_current", "retired"]
    readonly_fields = ["code", "scale_min", "scale_max"]
    fields = ["name", "code", "is_current", "retired", "source", "scale_min", "scale_max"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Domain)
class DomainAdmin(ConfigAdmin):
    """A life domain's names and its level descriptions (in the municipality's own words)."""

    list_display = ["name", "resident_name", "instrument", "order"]
    list_filter = ["instrument"]
    readonly_fields = ["instrument", "code", "order"]
    fields = ["instrument", "code", "order", "name", "resident_name"]
    inlines = [LevelInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
