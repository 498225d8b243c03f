from functools import wraps

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

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def refuse_other_roles(request, *args, **kwargs):
            self._refuse_if_logged_in(request)
            try:
                return inner(request, *args, **kwargs)
            except PermissionDenied:
                # Refused inside the management pages (e.g. adding to the append-only log): logged too.
                self._log_refusal(request, "not allowed on this management page")
                raise

        return refuse_other_roles

    def _refuse_if_logged_in(self, request):
        """Logged in properly, but not a functional administrator: a logged 403, not a login page."""
        user = request.user
        if user.is_authenticated and user.is_verified() and not self.has_permission(request):
            self._log_refusal(request, "management pages are for the functional administrator")
            raise PermissionDenied(_("Only the functional administrator can use the management pages."))

    def _log_refusal(self, request, detail):
        from eenplan.access.audit import log_access
        from eenplan.access.models import Action, Outcome

        user = request.user
        log_access(user=user, action=Action.READ if request.method == "GET" else Action.UPDATE, outcome=Outcome.REFUSED,
                   record_type="page", record_id=request.path[:40], acting_role=",".join(sorted(user.role_codes())),
                   detail=detail, request=request)

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_authenticated and user.is_verified():
            self._refuse_if_logged_in(request)
            return redirect("admin:index")
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


class ReadOnlyConfigAdmin(ConfigAdmin):
    """Records the app writes itself (the access log, deliveries, registrations): the functional administrator
    looks, nobody adds, changes or deletes through /beheer/."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
