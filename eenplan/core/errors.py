"""The server-error page. A database that cannot be reached — stopped, failing over, out of connections,
still read-only after a promotion — means "try again in a moment" (503 with Retry-After), not "something
went wrong" (500): the one-time token on every form (ADR 0120) makes sending it again safe. Rendered
without a request context: nothing on these pages may need the database."""

import sys

from django.db import InterfaceError, InternalError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as django_server_error

RETRY_AFTER_SECONDS = 10
READ_ONLY_SQLSTATE = "25006"  # a standby promoted but not yet writable (pg_auto_failover's demote wait)


def database_unavailable(exc):
    if isinstance(exc, (OperationalError, InterfaceError)):
        return True
    return isinstance(exc, InternalError) and getattr(exc.__cause__, "sqlstate", None) == READ_ONLY_SQLSTATE


@requires_csrf_token
def server_error(request, template_name="500.html"):
    if not database_unavailable(sys.exc_info()[1]):
        return django_server_error(request, template_name)
    if request.path.startswith("/api/"):
        response = JsonResponse({"type": "about:blank", "title": "Dienst tijdelijk niet beschikbaar", "status": 503,
                                 "detail": "De database is even niet bereikbaar. Probeer het over enkele seconden opnieuw."},
                                status=503, content_type="application/problem+json")
    else:
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
