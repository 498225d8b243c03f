from django.contrib import admin

from eenplan.core.admin_site import ConfigAdmin

from .models import ReflectionTheme


@admin.register(ReflectionTheme)
class ReflectionThemeAdmin(ConfigAdmin):
    """The themes professionals tag their vertelpunten with (e.g. regievoering, samenwerking met partners)."""

    list_display = ["name", "active", "order"]
    list_editable = ["active", "order"]
    ordering = ["order", "name"]
