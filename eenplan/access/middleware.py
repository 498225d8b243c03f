from django.core.exceptions import ImproperlyConfigured

from .audit import bind_request, finish_request, unbind_request
from .decorators import ACCESS_ATTR

# Views with their own access control: static files, the OpenAPI schema, DRF views (permission classes).
_EXEMPT_MODULE_PREFIXES = ("django.views.static", "django.contrib.staticfiles", "drf_spectacular")


def view_declares_access(view_func) -> bool:
    if getattr(view_func, ACCESS_ATTR, None):
        return True
    view_class = getattr(view_func, "cls", None) or getattr(view_func, "view_class", None)
    if view_class is not None and getattr(view_class, ACCESS_ATTR, None):
        return True
    if view_class is not None and getattr(view_class, "permission_classes", None) and hasattr(view_class, "initial"):
        return True  # a DRF view: its permission classes declare access
    module = getattr(view_func, "__module__", "") or ""
    return module.startswith(_EXEMPT_MODULE_PREFIXES)


class DeclaredAccessMiddleware:
    """Refuse to serve a view that does not say who may use it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The request is known to the access log for its duration (services log without it).
        token = bind_request(request)
        try:
            response = self.get_response(request)
            finish_request(request, response)
            return response
        finally:
            unbind_request(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and "admin" in match.app_names:
            return None  # guarded by EenplanAdminSite.has_permission (functional admin + second factor)
        if not view_declares_access(view_func):
            raise ImproperlyConfigured(f"View {view_func.__module__}.{view_func.__name__} does not declare who may use it.")
        return None
