from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from eenplan.core.admin_site import ConfigAdmin

from .models import ExpertiseTag, Role, TeamMembership, User


class MembershipInline(admin.TabularInline):
    model = TeamMembership
    extra = 0

    def has_add_permission(self, request, obj=None):
        return True

    def has_change_permission(self, request, obj=None):
        return True

    def has_delete_permission(self, request, obj=None):
        return True

    def has_view_permission(self, request, obj=None):
        return True


# Roles, not Django groups, decide access in eenplan.
admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(ConfigAdmin, DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "is_active"]
    list_filter = ["roles", "memberships__team", "is_active"]
    filter_horizontal = ["roles", "expertise"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "email", "phone", "job_title")}),
        (_("Roles and expertise"), {"fields": ("is_active", "roles", "expertise")}),
    )


@admin.register(ExpertiseTag)
class ExpertiseTagAdmin(ConfigAdmin):
    search_fields = ["name"]


@admin.register(Role)
class RoleAdmin(ConfigAdmin):
    """Roles are fixed codes the access policy understands; only their holders change."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
