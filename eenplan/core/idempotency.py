"""One-time form tokens: a resent POST creates nothing a second time (docs/adr/0120-idempotent-form-posts.md).

Every form that changes something renders ``{% form_token %}`` (a random token in a hidden field).
:class:`IdempotentPostMiddleware` runs such a POST in one transaction that first inserts the token
into :class:`~eenplan.core.models.SubmissionKey` (unique). When the view saved something — it answered
with a redirect or wrote an access-logged change — the key stays, with the address it answered with;
a second POST with the same token (a double click, a browser or proxy retry after a failover) finds
the key and is answered with the same redirect, without running the view. Two identical requests at
the same moment: the unique index makes the second wait for the first's transaction and then find its
key (PostgreSQL), or the write lock serialises them (SQLite, IMMEDIATE transactions). A POST that
saved nothing (a form error, a refusal) drops its key, so the corrected form can be sent with it.
"""
from __future__ import annotations

import logging
import re
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _

FIELD = "form_token"
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{16,64}")
log = logging.getLogger("eenplan.idempotency")


def new_token() -> str:
    """A fresh one-time token (32 random characters, URL-safe)."""
    return secrets.token_urlsafe(24)


def valid_token(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if TOKEN_RE.fullmatch(value) else None


def _replay(request, key):
    """The answer to a resend: the address the first submission redirected to."""
    log.info("resent form answered from its first submission", extra={"path": request.path, "location": key.location})
    location = key.location or request.path
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=200)
        response["HX-Redirect"] = location
        return response
    return HttpResponseRedirect(location, status=303)


def _saved(request, response, writes_before: int) -> bool:
    """A redirect after a POST is a saved change — except the way to the login page (an expired session:
    the form is sent again, with its token, after logging in)."""
    if getattr(request, "_eenplan_writes", 0) > writes_before:
        return True
    status = getattr(response, "status_code", 200)
    location = response.get("Location") or response.get("HX-Redirect") or ""
    if not (300 <= status < 400 or response.get("HX-Redirect")):
        return False
    login = resolve_url(settings.LOGIN_URL)
    return not urlsplit(location).path.startswith(login)


def _location(request, response) -> str:
    location = response.get("Location") or response.get("HX-Redirect") or response.get("HX-Location") or ""
    if location.startswith("{"):  # HX-Location may be JSON
        location = ""
    return (location or request.get_full_path())[:500]


class IdempotentPostMiddleware:
    """Answers a resent form (same ``form_token``) as the first submission was answered; creates nothing again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or FIELD not in request.POST:
            return self.get_response(request)
        token = valid_token(request.POST.get(FIELD))
        if token is None:
            return HttpResponseBadRequest(_("This form is no longer valid. Reload the page and try again."))
        return self._once(request, token)

    def _once(self, request, token):
        from .models import SubmissionKey

        user = request.user if getattr(request, "user", None) is not None and request.user.is_authenticated else None
        caught = None
        with transaction.atomic():
            try:
                with transaction.atomic():
                    key = SubmissionKey.objects.create(token=token, user=user, path=request.path[:300])
            except IntegrityError:
                key = SubmissionKey.objects.filter(token=token).first()
                if key is None:  # the first one rolled back while we waited: lost the race to nobody, retry once
                    key = SubmissionKey.objects.create(token=token, user=user, path=request.path[:300])
                else:
                    if key.user_id != getattr(user, "pk", None) or key.path != request.path[:300]:
                        return HttpResponseBadRequest(_("This form is no longer valid. Reload the page and try again."))
                    return _replay(request, key)
            writes_before = getattr(request, "_eenplan_writes", 0)
            try:
                response = self.get_response(request)
            except (PermissionDenied, Http404) as exc:
                # A refusal saves nothing but its access-log line, which must stay: drop the key, commit, re-raise.
                key.delete()
                caught = exc
            else:
                if _saved(request, response, writes_before):
                    key.location = _location(request, response)
                    key.save(update_fields=["location"])
                else:
                    key.delete()
        if caught is not None:
            raise caught
        return response
