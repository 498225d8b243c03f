"""Four sends of one partner POST with the same Idempotency-Key at the same moment (a client retrying on several
connections after a failover) create one signal, against a live server: SQLite (a database file, IMMEDIATE write
transactions) or PostgreSQL (the unique index makes the others wait for the first's transaction)."""

import json
import threading

import pytest
import requests
from django.test import Client


@pytest.mark.django_db(transaction=True)
def test_simultaneous_sends_of_one_key_create_one_signal(live_server):
    from eenplan.intake.models import Signal
    from eenplan.partners.tests.test_idempotency_key import KEY, SIGNAL
    from eenplan.partners.tests.test_partner_api import Partner, bearer
    from eenplan.socialmap.tests.factories import make_world
    from eenplan.testing.migration_data import restore_migration_data

    restore_migration_data()  # source and signal types: a transactional test before this one may have flushed them
    world = make_world()
    wijk = world.team.wijken.first()
    wijk.postcode_areas = "3511"
    wijk.save()
    partner = Partner(world)
    authorization = bearer(Client(), partner)["HTTP_AUTHORIZATION"]
    barrier, answers = threading.Barrier(4), []

    def send():
        barrier.wait()
        r = requests.post(live_server.url + "/api/v1/partners/signals", data=json.dumps(SIGNAL), timeout=30,
                          headers={"Authorization": authorization, "Content-Type": "application/json", "Idempotency-Key": KEY})
        answers.append((r.status_code, r.json().get("id"), r.headers.get("Idempotent-Replayed")))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert Signal.objects.filter(reporter_organisation="Woonstad").count() == 1, answers
    assert {a[0] for a in answers} == {201} and len({a[1] for a in answers}) == 1, answers
    assert sorted(str(a[2]) for a in answers) == ["None", "true", "true", "true"], answers
