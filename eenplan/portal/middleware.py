from .session import current_resident


class ResidentSessionMiddleware:
    """A resident session reaches public pages and resident pages only. Any other page (a staff page, the
    management site) is refused with 403 and the refusal is written to the access log with its client."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from eenplan.access.policy import resident_may_use_view, resident_refuse_page

        if current_resident(request) is None:
            return None
        module = getattr(view_func, "__module__", "") or ""
        if module.startswith(("django.views.static", "django.contrib.staticfiles")):
            return None
        if not resident_may_use_view(view_func):
            resident_refuse_page(request)  # raises PermissionDenied (a logged 403)
        return None
