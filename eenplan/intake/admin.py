from django.contrib import admin

from eenplan.core.admin_site import ConfigAdmin

from .models import SignalType, SourceType


@admin.register(SourceType)
class SourceTypeAdmin(ConfigAdmin):
    """Who signals come from. The public label decides whether and how a source shows on the public form."""

    list_display = ["name", "code", "public_label", "reporter_is_subject", "is_partner", "order", "active"]
    list_editable = ["order", "active"]
    ordering = ["order", "name"]


@admin.register(SignalType)
class SignalTypeAdmin(ConfigAdmin):
    """Kinds of signal and their deadline rules (e.g. VHU: contact within 14 days; arrears from N months)."""

    list_display = ["name", "code", "contact_within_days", "arrears_months_from", "outreach_steps", "for_public_form", "active"]
    list_filter = ["active", "for_public_form"]
    filter_horizontal = ["expertise"]
