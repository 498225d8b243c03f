"""The log's storage: append-only in the database, before/after values, shown ids, the client IP."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory, override_settings

from eenplan.access.audit import changes, log_access
from eenplan.access.dbguard import log_maintenance
from eenplan.access.models import AccessLogEntry, Action
from eenplan.core.net import client_ip
from eenplan.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def _raw(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_raw_update_on_log_fails():
    entry = log_access(user=UserFactory(), action=Action.READ, record_type="x", record_id=1)
    with pytest.raises(DatabaseError):
        _raw("UPDATE access_accesslogentry SET detail = 'tampered' WHERE id = %s", [entry.pk])
    entry.refresh_from_db()
    assert entry.detail == ""


def test_raw_delete_on_log_fails_outside_maintenance():
    entry = log_access(user=UserFactory(), action=Action.READ, record_type="x", record_id=1)
    with pytest.raises(DatabaseError):
        _raw("DELETE FROM access_accesslogentry WHERE id = %s", [entry.pk])
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()
    with pytest.raises(DatabaseError):
        _raw("DELETE FROM access_accesslogentry")
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()


def test_update_fails_even_in_maintenance():
    entry = log_access(user=UserFactory(), action=Action.READ, record_type="x", record_id=1)
    with pytest.raises(DatabaseError), log_maintenance():
        _raw("UPDATE access_accesslogentry SET detail = 'x' WHERE id = %s", [entry.pk])


def test_maintenance_allows_delete():
    entry = log_access(user=UserFactory(), action=Action.READ, record_type="x", record_id=1)
    with log_maintenance():
        _raw("DELETE FROM access_accesslogentry WHERE id = %s", [entry.pk])
    assert not AccessLogEntry.objects.filter(pk=entry.pk).exists()


def test_before_and_after_keep_only_what_changed():
    entry = log_access(
        user=UserFactory(), action=Action.UPDATE, record_type="x", record_id=1,
        before={"a": 1, "b": "same"}, after={"a": 2, "b": "same"},
    )
    entry.refresh_from_db()
    assert entry.before == {"a": 1} and entry.after == {"a": 2}
    assert changes(None, {"a": 1}) == (None, {"a": 1})


def test_shown_ids_are_stored_sorted():
    entry = log_access(user=UserFactory(), action=Action.READ, record_type="x", shown_ids=[10, 2, 2])
    entry.refresh_from_db()
    assert entry.shown_ids == [2, 10]


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "expected"),
    [
        ([], "10.0.0.1", "203.0.113.9", "10.0.0.1"),  # no trusted proxy: the header is ignored
        (["10.0.0.0/8"], "10.0.0.1", "203.0.113.9", "203.0.113.9"),
        (["10.0.0.0/8"], "10.0.0.1", "198.51.100.1, 203.0.113.9, 10.0.0.7", "203.0.113.9"),  # rightmost untrusted
        (["10.0.0.0/8"], "192.0.2.5", "203.0.113.9", "192.0.2.5"),  # the peer is not our proxy
        (["10.0.0.0/8"], "10.0.0.1", "", "10.0.0.1"),
        (["10.0.0.0/8"], "10.0.0.1", "not-an-ip", "10.0.0.1"),
    ],
)
def test_client_ip_behind_trusted_proxy(trusted, remote, forwarded, expected):
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(EENPLAN_TRUSTED_PROXIES=trusted):
        assert client_ip(request) == expected


@override_settings(EENPLAN_TRUSTED_PROXIES=["127.0.0.1"])
def test_log_records_the_forwarded_client_ip():
    request = RequestFactory().get("/x/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    entry = log_access(user=UserFactory(), action=Action.READ, record_type="x", request=request)
    assert entry.ip_address == "203.0.113.9"


def test_shown_ids_are_indexed_for_containment_on_postgresql():
    """The privacy review asks which list pages showed a client: on PostgreSQL a GIN index serves it."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'access_log_shown_ids_gin'")
            (definition,) = cursor.fetchone()
            assert "gin" in definition and "jsonb_path_ops" in definition
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'access_log_shown_ids_gin'")
            assert cursor.fetchone() is None


def test_a_long_page_name_or_many_roles_fit_the_log_columns():
    """A refusal names the page by its view name (the management site's can be 60 characters): the line is
    written, cut to the column, on PostgreSQL too (SQLite does not check lengths)."""
    from eenplan.access.models import Outcome

    view = "admin:digid_eherkenning_digidconfiguration_changelist"
    entry = log_access(user=None, action=Action.READ, outcome=Outcome.REFUSED, record_type="page", record_id=view,
                       acting_role="professional,safety_specialist,team_lead,front_office")
    entry = AccessLogEntry.objects.get(pk=entry.pk)
    assert entry.record_id == view[:40] and len(entry.acting_role) == 40
