"""The access log is append-only in the database itself, not only in `AccessLogEntry.save()`.

Migration 0004 installs triggers (PostgreSQL and SQLite) that make every UPDATE of a log row
fail, and every DELETE fail unless the connection is in *log maintenance* — which only
`log_maintenance()` switches on, for the test database's flush and for an explicit,
documented removal of lines older than the retention period. On PostgreSQL the switch is a
transaction-local setting (`eenplan.log_maintenance`); on SQLite a function registered on each
connection this process opens (a connection from elsewhere, e.g. the sqlite3 shell, has no
such function, so its DELETE fails too).
"""

import threading
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.backends.signals import connection_created
from django.dispatch import receiver

TABLE = "access_accesslogentry"
MESSAGE = "The access log is append-only."

_state = threading.local()


def _maintenance_on() -> int:
    return 1 if getattr(_state, "on", False) else 0


@receiver(connection_created)
def _register_sqlite_function(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("eenplan_log_maintenance", 0, _maintenance_on, deterministic=False)


@contextmanager
def log_maintenance():
    """Allow DELETE of log rows inside this block (never UPDATE)."""
    _state.on = True
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL eenplan.log_maintenance = 'on'")
            yield
    finally:
        _state.on = False


SQLITE_INSTALL = [
    f"""CREATE TRIGGER IF NOT EXISTS access_log_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS access_log_no_delete BEFORE DELETE ON {TABLE}
        WHEN eenplan_log_maintenance() = 0
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]
SQLITE_REMOVE = ["DROP TRIGGER IF EXISTS access_log_no_update", "DROP TRIGGER IF EXISTS access_log_no_delete"]

POSTGRES_INSTALL = [
    f"""CREATE OR REPLACE FUNCTION access_log_append_only() RETURNS trigger AS $$
        BEGIN
            IF TG_OP = 'DELETE' AND current_setting('eenplan.log_maintenance', true) = 'on' THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
        END;
        $$ LANGUAGE plpgsql""",
    f"DROP TRIGGER IF EXISTS access_log_append_only ON {TABLE}",
    f"""CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION access_log_append_only()""",
    # Period-only scans and the newest lines first use the model's b-tree on (at, id) (access 0007, ADR 0080);
    # the BRIN index on `at` that served period scans before is dropped there.
]
POSTGRES_REMOVE = [
    f"DROP TRIGGER IF EXISTS access_log_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS access_log_append_only()",
]


def install(schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": POSTGRES_INSTALL, "sqlite": SQLITE_INSTALL}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def remove(schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": POSTGRES_REMOVE, "sqlite": SQLITE_REMOVE}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)
