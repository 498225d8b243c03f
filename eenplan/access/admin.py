from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from eenplan.core.admin_site import ReadOnlyConfigAdmin

from .models import AccessLogEntry


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyConfigAdmin):
    """Read-only: the log cannot be edited through the app."""

    list_display = ["at", "username", "acting_role_label", "action", "outcome", "record_type_label", "record_id", "person_id", "household_id", "case_id"]
    list_filter = ["action", "outcome"]
    search_fields = ["username", "record_id"]
    date_hierarchy = "at"

    @admin.display(description=_("acting role"))
    def acting_role_label(self, obj):
        return obj.acting_role_display

    @admin.display(description=_("record type"))
    def record_type_label(self, obj):
        return obj.record_type_display
