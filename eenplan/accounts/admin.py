from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from eenplan.core.admin_site import ConfigAdmin

from .models import ExpertiseTag, Role, TeamMembership, User


def _may_change_access(request, obj) -> bool:
    from eenplan.access.policy import may_change_access_of

    return may_change_access_of(request.user, obj)


def access_snapshot(user) -> dict:
    """What decides a staff member's access: roles, teams (and lead of which), expertise."""
    if user is None or user.pk is None:
        return {}
    memberships = user.memberships.select_related("team").order_by("team__name")
    return {
        "roles": sorted(user.roles.values_list("code", flat=True)),
        "teams": [{"team": m.team.name, "lead": m.is_lead} for m in memberships],
        "expertise": sorted(user.expertise.values_list("name", flat=True)),
        "is_active": user.is_active,
    }


class MembershipInline(admin.TabularInline):
    model = TeamMembership
    extra = 0

    def has_add_permission(self, request, obj=None):
        return _may_change_access(request, obj)

    def has_change_permission(self, request, obj=None):
        return _may_change_access(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _may_change_access(request, obj)

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

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not _may_change_access(request, obj):
            readonly += ["is_active", "roles", "expertise"]  # one's own access is changed by a colleague
        return readonly

    def save_model(self, request, obj, form, change):
        request._access_before = access_snapshot(type(obj).objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        from eenplan.access.audit import log_access
        from eenplan.access.models import Action

        user = form.instance
        user.forget_cached_access()
        before, after = getattr(request, "_access_before", None), access_snapshot(user)
        if before != after:
            log_access(user=request.user, action=Action.UPDATE if change else Action.CREATE, record=user,
                       detail="roles, teams or expertise", before=before, after=after, request=request)


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
