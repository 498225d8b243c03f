"""Every view declares who may use it. `DeclaredAccessMiddleware` refuses undeclared views."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _

ACCESS_ATTR = "eenplan_access"
PUBLIC = "public"
RESIDENT = "resident"


def public(view):
    """No login: the public web form and the login pages."""
    setattr(view, ACCESS_ATTR, PUBLIC)
    return view


def roles_required(*codes):
    """Logged in with a second factor, and holding one of `codes`."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request)
            if not user.is_verified():
                return redirect("accounts:verify")
            if not user.has_role(*codes):
                log_role_refusal(request)
                raise PermissionDenied(_("Your role does not give access to this page."))
            return view(request, *args, **kwargs)

        setattr(wrapped, ACCESS_ATTR, tuple(codes))
        return wrapped

    return decorate


def resident_required(view):
    """A resident logged in with DigiD (Mijn plan). A staff session is refused (and logged): staff do not use
    resident pages as a resident. Not logged in: to the portal's login page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        from eenplan.portal.session import current_resident

        if request.user.is_authenticated:
            log_role_refusal(request, detail="staff session on a resident page")
            raise PermissionDenied(_("This page is for residents who log in with DigiD."))
        if current_resident(request) is None:
            from django.contrib.auth.views import redirect_to_login as _redirect

            return _redirect(request.get_full_path() if request.method in ("GET", "HEAD") else "/mijn-plan/",
                             login_url="portal:login")
        return view(request, *args, **kwargs)

    setattr(wrapped, ACCESS_ATTR, RESIDENT)
    return wrapped


def log_role_refusal(request, detail="role not allowed on this page"):
    """A refusal by role, with the client the page is about (read from its address)."""
    from .audit import client_of_request, log_access
    from .models import Action, Outcome

    user = request.user
    fields = client_of_request(request) or {
        "record_type": "page",
        "record_id": request.resolver_match.view_name if getattr(request, "resolver_match", None) else "",
    }
    action = Action.READ if request.method in ("GET", "HEAD", "OPTIONS") else Action.UPDATE
    log_access(
        user=user,
        action=action,
        outcome=Outcome.REFUSED,
        acting_role=(",".join(sorted(user.role_codes())) or "geen rol") if user.is_authenticated else "anonymous",
        detail=detail,
        request=request,
        **fields,
    )


def redirect_to_login(request):
    from django.contrib.auth.views import redirect_to_login as _redirect

    return _redirect(_return_to(request))


def _return_to(request) -> str:
    """Where to come back after logging in. For a form sent after the session ended, that is the page the form
    was on (a POST-only URL would answer 405), where core/session.js puts the typed text back."""
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    from urllib.parse import urlsplit

    from django.utils.http import url_has_allowed_host_and_scheme

    for page in (request.headers.get("HX-Current-URL"), request.headers.get("Referer")):
        if page and url_has_allowed_host_and_scheme(page, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
            parts = urlsplit(page)
            return parts.path + (f"?{parts.query}" if parts.query else "")
    return "/"
