import json
import logging
import os
import subprocess
import sys

import pytest
from django.test import override_settings

from eenplan.ops import views
from eenplan.ops.observability import RequestIdFilter, logging_config, request_id_var

pytestmark = pytest.mark.django_db


def test_health_answers_without_login(client):
    response = client.get("/health/")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_ready_checks_database_cache_and_migrations(client):
    response = client.get("/ready/")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "migrations": "ok"}


def test_ready_is_503_when_the_cache_is_down(client):
    unreachable = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}}
    with override_settings(CACHES=unreachable):
        response = client.get("/ready/")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"].startswith("error:")


def test_ready_is_503_while_a_migration_is_not_applied(client, monkeypatch):
    monkeypatch.setattr(views, "_migrations_applied", False)
    monkeypatch.setattr(views.MigrationExecutor, "migration_plan", lambda self, targets: [("ops", "0099_pending")])
    response = client.get("/ready/")
    assert response.status_code == 503 and response.json()["checks"]["migrations"] == "error: 1 not applied"


def test_every_response_carries_a_request_id_and_keeps_a_valid_incoming_one(client):
    assert len(client.get("/health/")["X-Request-ID"]) == 32
    assert client.get("/health/", HTTP_X_REQUEST_ID="nginx-0123456789")["X-Request-ID"] == "nginx-0123456789"
    assert client.get("/health/", HTTP_X_REQUEST_ID="bad id\nwith newline")["X-Request-ID"] != "bad id\nwith newline"


def test_json_log_lines_carry_the_request_id(capsys):
    config = logging_config("json", "INFO")
    from pythonjsonlogger.json import JsonFormatter

    fmt = config["formatters"]["json"]
    formatter = JsonFormatter(fmt["fmt"], rename_fields=fmt["rename_fields"])
    record = logging.LogRecord("eenplan.jobs", logging.INFO, __file__, 1, "job succeeded", None, None)
    token = request_id_var.set("abc123abc123")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)
    line = json.loads(formatter.format(record))
    assert line["request_id"] == "abc123abc123" and line["level"] == "INFO" and line["message"] == "job succeeded"


def test_sentry_is_initialised_only_when_a_dsn_is_set():
    code = ("import os; os.environ['DJANGO_SETTINGS_MODULE']='eenplan.settings.production'; import django; django.setup(); "
            "from django.conf import settings; import sentry_sdk; "
            "print(settings.SENTRY_ENABLED, bool(sentry_sdk.get_client().is_active()))")
    base = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "SENTRY_DSN"}}
    base.update(SECRET_KEY="s" * 60, DATABASE_URL="sqlite:///:memory:")
    without = subprocess.run([sys.executable, "-c", code], env=base, capture_output=True, text=True, check=True)
    with_dsn = subprocess.run([sys.executable, "-c", code], env={**base, "SENTRY_DSN": "http://public@127.0.0.1:9/1"},
                              capture_output=True, text=True, check=True)
    assert without.stdout.split() == ["False", "False"]
    assert with_dsn.stdout.split() == ["True", "True"]
