"""The idle timeout without a session write on every request.

Django's SESSION_SAVE_EVERY_REQUEST writes the session row on every request, which under load is one
UPDATE per page view. Instead `SessionRefreshMiddleware` saves it again (with a new expiry of
SESSION_COOKIE_AGE from now) only when the last save is at least `refresh_seconds()` old: at most one
write a minute per active session. The idle timeout then ends a session between SESSION_COOKIE_AGE minus
that interval and SESSION_COOKIE_AGE after the last request (14-15 minutes by default), never later.
`seconds_left()` is the real time left, for core/session.js.
"""

import time

from django.conf import settings

SAVED_AT = "_eenplan_session_saved_at"


def refresh_seconds() -> int:
    """How old the last save may be before a request saves the session again."""
    return min(60, settings.SESSION_COOKIE_AGE // 2)


def seconds_left(session) -> int:
    saved_at = session.get(SAVED_AT)
    if saved_at is None:
        return session.get_expiry_age()
    return max(0, round(saved_at + settings.SESSION_COOKIE_AGE - time.time()))


class SessionRefreshMiddleware:
    """After SessionMiddleware: mark a non-empty session modified when its last save is old enough."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if session.keys():  # an anonymous visitor without a session gets none
            saved_at = session.get(SAVED_AT)
            now = time.time()
            if saved_at is None or now - saved_at >= refresh_seconds():
                session[SAVED_AT] = now
        return self.get_response(request)
