"""Two sends of one form token at the same moment create one record (ADR 0120), against a live server:
SQLite (a database file, IMMEDIATE write transactions) or PostgreSQL (the unique index)."""

import threading
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client

from eenplan.core.idempotency import FIELD, new_token
from eenplan.testing.walker import fill, form_errors


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_sends_of_one_token_create_one_record(live_server):
    """A double submit at the same moment (two connections): the unique index lets one through, the other
    answers with its redirect. On PostgreSQL the second insert waits on the first's transaction."""
    from eenplan.accounts.models import RoleCode
    from eenplan.intake.models import Signal
    from eenplan.testing.auth import login_verified
    from eenplan.testing.factories import TeamFactory, UserFactory
    from eenplan.testing.migration_data import restore_migration_data

    restore_migration_data()  # source types: a transactional test before this one may have flushed them
    team = TeamFactory()
    user = UserFactory(roles=[RoleCode.FRONT_OFFICE], team=team)
    browsers = [login_verified(Client(), user) for _ in range(2)]
    page = browsers[0].get("/intake/signalen/nieuw/")
    assert page.status_code == 200
    token = new_token()
    before = Signal.objects.count()
    import requests

    session = browsers[0].cookies[settings.SESSION_COOKIE_NAME].value
    csrf = "a" * 32
    form_data = _signal_new_data(page.content.decode())
    form_data.update({FIELD: token, "csrfmiddlewaretoken": csrf})
    barrier, answers = threading.Barrier(4), []

    def send():
        barrier.wait()
        r = requests.post(live_server.url + "/intake/signalen/nieuw/", data=form_data, allow_redirects=False,
                          cookies={settings.SESSION_COOKIE_NAME: session, settings.CSRF_COOKIE_NAME: csrf},
                          headers={"Referer": live_server.url + "/intake/signalen/nieuw/"}, timeout=30)
        answers.append((r.status_code, r.headers.get("Location"), form_errors(r.text) if r.status_code == 400 else ""))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert Signal.objects.count() == before + 1, answers
    assert {a[0] for a in answers} <= {302, 303} and len({a[1] for a in answers}) == 1, answers


def _signal_new_data(html):
    from eenplan.testing.walker import parse_forms

    form = next(f for f in parse_forms(html, "/intake/signalen/nieuw/") if urlsplit(f.action).path == "/intake/signalen/nieuw/")
    data = {k: v for k, v in fill(form).items() if k not in ("csrfmiddlewaretoken", FIELD)}
    # what a front office worker types (the walker's 'first option' may pick a kind that asks more)
    data.update({"channel": ["telefoon"], "description": ["Buren maken zich zorgen."], "subject_name": ["Fouttest"],
                 "subject_phone": ["0612345678"], "arrears_months": ["2"], "reporter_name": ["Buurvrouw"]})
    return data
