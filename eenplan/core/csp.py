"""What the Content-Security-Policy (settings.CONTENT_SECURITY_POLICY, ADR 0081) needs at run time.

With single sign-on on, the logout form on every page ends in a redirect to the IdP (RP-initiated
logout) and Chromium applies `form-action` to that redirect: the IdP's origin is added to
`form-action` then. Read per response, so it follows the settings as they are now.
"""

from urllib.parse import urlsplit

from django.conf import settings


def _origin(url: str) -> str:
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def idp_origins() -> list[str]:
    from eenplan.accounts.oidc import oidc_enabled

    if not oidc_enabled():
        return []
    urls = (getattr(settings, "OIDC_OP_AUTHORIZATION_ENDPOINT", ""), getattr(settings, "OIDC_OP_LOGOUT_ENDPOINT", ""))
    return sorted({o for o in map(_origin, urls) if o})


class SingleSignOnFormActionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        origins = idp_origins()
        if origins:
            update = dict(getattr(response, "_csp_update", None) or {})
            update["form-action"] = list(update.get("form-action", [])) + origins
            response._csp_update = update
        return response
