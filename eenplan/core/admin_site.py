from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminSite

from eenplan.accounts.models import RoleCode

# Django's own admin strings its Dutch catalogue does not have yet (the app list's table headers, read by screen
# readers); eenplan's catalogue comes first (settings: INSTALLED_APPS), so these are Dutch too.
ADMIN_MESSAGES = [_("Model name"), _("Add link"), _("Change or view list link")]


class EenplanAdminSite(OTPAdminSite):
    """Management pages for the functional administrator only, always behind the second factor."""

    site_header = _("eenplan management")
    site_title = _("eenplan management")
    index_title = _("Configuration")

    def has_permission(self, request):
        user = request.user
        return bool(user.is_active and user.is_authenticated and user.is_verified() and user.has_role(RoleCode.FUNCTIONAL_ADMIN))

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_authenticated and user.is_verified():
            # Logged in properly, but not a functional administrator.
            raise PermissionDenied(_("Only the functional administrator can use the management pages."))
        return redirect(f"/inloggen/?next={request.GET.get('next', '/beheer/')}")


class ConfigAdmin(admin.ModelAdmin):
    """Configuration data: the functional administrator may manage it, nobody else."""

    def _is_admin(self, request):
        return request.user.is_authenticated and request.user.has_role(RoleCode.FUNCTIONAL_ADMIN)

    def has_module_permission(self, request):
        return self._is_admin(request)

    def has_view_permission(self, request, obj=None):
        return self._is_admin(request)

    def has_add_permission(self, request):
        return self._is_admin(request)

    def has_change_permission(self, request, obj=None):
        return self._is_admin(request)

    def has_delete_permission(self, request, obj=None):
        return self._is_admin(request)
