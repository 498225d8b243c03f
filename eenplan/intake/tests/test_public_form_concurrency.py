"""Concurrent writes against a real server and a real database file (issue 11, defect 11).

SQLite used to answer 500 "database is locked" when five residents (or one resident's double click)
sent the public form at the same moment. The test database here is a file (settings/test.py), never
SQLite's in-memory database, so the live server's request threads really compete for the write lock;
on PostgreSQL the same test runs against the server.
"""

import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.db import connection

from eenplan.intake import views as intake_views
from eenplan.intake.models import Signal, SourceType
from eenplan.testing.factories import TeamFactory, WijkFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _rendered_form(base_url: str):
    """One browser's copy of the form: its own cookie jar (CSRF cookie) and the form's fields."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(f"{base_url}/aanmelden/").read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    return opener, csrf, token


def _post(opener, base_url: str, data: dict) -> int:
    request = urllib.request.Request(f"{base_url}/aanmelden/", data=urllib.parse.urlencode(data).encode(),
                                     headers={"Referer": f"{base_url}/aanmelden/"})
    try:
        with opener.open(request) as response:  # follows the redirect to the thanks page
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_database_file_is_used_and_configured_for_concurrency():
    """The precondition of the race test below: a file, in WAL mode with a busy timeout, on SQLite."""
    if connection.vendor != "sqlite":
        return
    assert not connection.is_in_memory_db()
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert connection.transaction_mode == "IMMEDIATE"


def test_concurrent_double_submits_never_fail_and_make_one_signal_per_token(live_server, monkeypatch):
    TeamFactory(wijken=[WijkFactory(postcode_areas="3511")])
    monkeypatch.setattr(intake_views, "PUBLIC_LIMIT", 100)  # all requests come from 127.0.0.1
    source = SourceType.objects.get(code="buren").pk
    forms, per_form = 3, 4  # three residents, each pressing "Versturen" four times at once
    posts = []
    for n in range(forms):
        opener, csrf, token = _rendered_form(live_server.url)
        data = {
            "csrfmiddlewaretoken": csrf, "token": token, "source": source,
            "description": f"Buurvrouw {n} is al weken niet buiten geweest en de post stapelt zich op.",
            "subject_name": f"Buurvrouw {n}", "postcode": "3511 AB", "house_number": str(10 + n), "house_number_addition": "",
            "reporter_name": "Marie", "reporter_phone": f"061234567{n}", "reporter_email": "", "urgent": "nee", "website": "",
        }
        posts += [(opener, data)] * per_form
    start = threading.Barrier(len(posts))
    statuses = []

    def send(opener, data):
        start.wait()
        statuses.append(_post(opener, live_server.url, data))

    threads = [threading.Thread(target=send, args=post) for post in posts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [200] * len(posts)  # every one lands on the thank-you page, no 500
    tokens = [data["token"] for _, data in posts[::per_form]]
    assert [Signal.objects.filter(submission_token=t).count() for t in tokens] == [1] * forms
    assert Signal.objects.count() == forms
