from django.contrib import admin

from eenplan.core.admin_site import ConfigAdmin

from .models import Team, Wijk


@admin.register(Wijk)
class WijkAdmin(ConfigAdmin):
    list_display = ["name", "code", "postcode_areas"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(Team)
class TeamAdmin(ConfigAdmin):
    list_display = ["name", "phone", "email"]
    filter_horizontal = ["wijken"]
