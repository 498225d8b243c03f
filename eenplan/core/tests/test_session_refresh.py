"""Issue 13: the session is not written on every request, and the idle timeout still holds."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eenplan.accounts.models import RoleCode
from eenplan.core import session as refresh
from eenplan.testing.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self):
        self.now = time.time()

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    c = Clock()
    monkeypatch.setattr(refresh.time, "time", c)
    return c


def session_writes(client, url):
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return [x["sql"] for x in q.captured_queries if "django_session" in x["sql"] and x["sql"].startswith(("UPDATE", "INSERT"))]


def expiry(client):
    return Session.objects.get(session_key=client.cookies["sessionid"].value).expire_date


def test_session_is_saved_at_most_once_a_minute_and_idle_timeout_moves_with_it(client, verified_client, clock):
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=TeamFactory())
    client = verified_client(pro)
    assert session_writes(client, "/caseload/")  # first request: the save time is recorded
    first = expiry(client)
    clock.now += 30
    assert session_writes(client, "/caseload/") == []  # within the minute: no write
    assert expiry(client) == first
    assert client.get("/inloggen/sessie/").json()["expiresIn"] == 870  # the real time left, for session.js
    clock.now += 31
    assert session_writes(client, "/caseload/")  # a minute on: saved again, the idle timeout starts anew
    assert expiry(client) > first


def test_page_tells_session_js_the_time_really_left(verified_client, clock):
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=TeamFactory())
    client = verified_client(pro)
    client.get("/caseload/")
    clock.now += 45
    body = client.get("/caseload/").content.decode()
    assert 'data-session-seconds="900"' in body and 'data-session-left="855"' in body and 'data-session-refresh="60"' in body


def test_anonymous_visitor_gets_no_session(client):
    assert client.get("/inloggen/").status_code == 200
    assert not Session.objects.exists()
