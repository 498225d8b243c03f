from django.contrib import admin

from eenplan.core.admin_site import ConfigAdmin

from .models import AccessLogEntry


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ConfigAdmin):
    """Read-only: the log cannot be edited through the app."""

    list_display = ["at", "username", "acting_role", "action", "outcome", "record_type", "record_id", "person_id", "household_id", "case_id"]
    list_filter = ["action", "outcome"]
    search_fields = ["username", "record_id"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
