from rest_framework.permissions import BasePermission

from .policy import CASE_WORKER_ROLES


class VerifiedStaff(BasePermission):
    """API default: logged in with a second factor and working on cases. A refusal is logged
    (with the client the address names), like every other API call."""

    def has_permission(self, request, view):
        user = request.user
        allowed = bool(user and user.is_authenticated and user.is_verified() and user.has_role(*CASE_WORKER_ROLES))
        if not allowed:
            from .decorators import log_role_refusal

            log_role_refusal(request, detail="api: role not allowed")
        return allowed


class VerifiedUser(BasePermission):
    """Logged in with both factors, any role (the OpenAPI schema)."""

    def has_permission(self, request, view):
        user = request.user
        allowed = bool(user and user.is_authenticated and user.is_verified())
        if not allowed:
            from .decorators import log_role_refusal

            log_role_refusal(request, detail="api: not logged in")
        return allowed
