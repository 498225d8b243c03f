from rest_framework.permissions import BasePermission

from .policy import CASE_WORKER_ROLES


class VerifiedStaff(BasePermission):
    """API default: logged in with a second factor and working on cases."""

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.is_verified() and user.has_role(*CASE_WORKER_ROLES))
