"""Application logging with a request id, and error reporting (docs/operations.md "Logs and monitoring").

- `RequestIdMiddleware` takes nginx's X-Request-ID (or makes one), keeps it for the request and returns it
  in the response header; gunicorn's HTTP access log prints the same id, so both logs can be joined.
- `RequestIdFilter` puts it on every log record; `logging_config("json")` writes one JSON object per line.
- `init_sentry()` reports errors to Sentry (or a compatible service) only when SENTRY_DSN is set, without
  personal data (no request bodies, cookies or user names).

The NEN 7513 access log is not part of this: it is kept in the database (eenplan.access, /beheer/toegangslog/).
No Django imports at module level: settings import this.
"""

import contextvars
import logging
import os
import re
import uuid

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


def logging_config(fmt: str, level: str) -> dict:
    formatters = {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "eenplan.ops.observability.RequestIdFilter"}},
        "formatters": formatters,
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": fmt if fmt in formatters else "text", "filters": ["request_id"]},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Request-level lines come from gunicorn's separate HTTP access log, not from here.
            "django.server": {"level": "INFO", "propagate": True},
        },
    }


def init_sentry() -> bool:
    dsn = os.environ.get("SENTRY_DSN", "")
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE") or None,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=False,
        max_request_body_size="never",
    )
    return True
