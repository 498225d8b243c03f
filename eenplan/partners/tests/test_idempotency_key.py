"""Idempotent partner POSTs: a retry with the same Idempotency-Key (after a timeout or a failover) never creates a
second signal or subscription; the same key with another body is a 422 problem; a failed request leaves the key free."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from eenplan.access.models import AccessLogEntry, Action
from eenplan.intake.models import Signal
from eenplan.ops.jobs import run_job
from eenplan.partners.idempotency import digest, parse_key
from eenplan.partners.models import IdempotencyKey, Subscription
from eenplan.partners.tests.test_partner_api import Partner, bearer

pytestmark = pytest.mark.django_db

SIGNAL = {"signal_type": "vhu", "reported_on": timezone.localdate().isoformat(), "arrears_months": 3,
          "description": "Huurachterstand van drie maanden.", "subject_name": "S. Veldkamp", "postcode": "3511 AB", "house_number": 12}
KEY = "8e03978e-40d5-43e8-bc93-6894a57f9324"


@pytest.fixture
def world():
    from eenplan.socialmap.tests.factories import make_world

    world = make_world()
    wijk = world.team.wijken.first()
    wijk.postcode_areas = "3511"
    wijk.save()
    return world


@pytest.fixture
def partner(world):
    return Partner(world)


def post(client, headers, path, body, key=KEY):
    extra = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return client.post(path, json.dumps(body), content_type="application/json", **headers, **extra)


def test_a_retried_signal_with_the_same_key_creates_one_signal_and_gets_the_same_answer(client, partner):
    headers = bearer(client, partner)
    first = post(client, headers, "/api/v1/partners/signals", SIGNAL)
    assert first.status_code == 201 and "Idempotent-Replayed" not in first
    again = post(client, headers, "/api/v1/partners/signals", dict(reversed(list(SIGNAL.items()))))  # same data, other order
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Signal.objects.filter(reporter_organisation="Woonstad").count() == 1
    replay_log = AccessLogEntry.objects.get(username=partner.client.service_user.username, action=Action.READ,
                                            record_type="intake.Signal", detail__contains="Idempotency-Key")
    assert replay_log.record_id == str(first.json()["id"])


def test_the_same_key_with_another_body_is_a_422_problem_and_creates_nothing(client, partner):
    headers = bearer(client, partner)
    post(client, headers, "/api/v1/partners/signals", SIGNAL)
    other = post(client, headers, "/api/v1/partners/signals", {**SIGNAL, "arrears_months": 4})
    assert other.status_code == 422 and other["Content-Type"] == "application/problem+json"
    assert other.json()["status"] == 422 and "Idempotency-Key" in other.json()["title"]
    assert Signal.objects.filter(reporter_organisation="Woonstad").count() == 1


def test_without_a_key_each_post_creates(client, partner):
    headers = bearer(client, partner)
    post(client, headers, "/api/v1/partners/signals", SIGNAL, key=None)
    post(client, headers, "/api/v1/partners/signals", SIGNAL, key=None)
    assert Signal.objects.filter(reporter_organisation="Woonstad").count() == 2 and not IdempotencyKey.objects.exists()


def test_keys_are_per_system(client, world, partner):
    other = Partner(world, org_name="Eneco")
    post(client, bearer(client, partner), "/api/v1/partners/signals", SIGNAL)
    assert post(client, bearer(client, other), "/api/v1/partners/signals", SIGNAL).status_code == 201
    assert Signal.objects.filter(reporter_organisation__in=["Woonstad", "Eneco"]).count() == 2


def test_an_invalid_request_leaves_the_key_free_for_the_corrected_one(client, partner):
    headers = bearer(client, partner)
    bad = post(client, headers, "/api/v1/partners/signals", {**SIGNAL, "signal_type": "onbekend"})
    assert bad.status_code == 400 and not IdempotencyKey.objects.exists()
    fixed = post(client, headers, "/api/v1/partners/signals", SIGNAL)
    assert fixed.status_code == 201 and "Idempotent-Replayed" not in fixed


def test_a_malformed_key_is_a_400_on_the_header(client, partner):
    response = post(client, bearer(client, partner), "/api/v1/partners/signals", SIGNAL, key="x" * 256)
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "Idempotency-Key"
    assert not Signal.objects.filter(reporter_organisation="Woonstad").exists()


def test_a_key_used_on_another_address_is_refused(client, partner, settings):
    settings.EENPLAN_NOTIFICATIONS_ALLOW_HTTP = True
    headers = bearer(client, partner)
    post(client, headers, "/api/v1/partners/signals", SIGNAL)
    response = post(client, headers, "/api/v1/partners/abonnementen", {"callbackUrl": "https://p.example.nl/cb", "kanaal": "afspraken"})
    assert response.status_code == 422 and not Subscription.objects.exists()


def test_a_retried_subscription_gets_the_same_subscription_and_its_secret(client, partner):
    headers = bearer(client, partner)
    body = {"callbackUrl": "https://partner.example.nl/eenplan/notificaties", "kanaal": "voorzieningen", "filters": {"wet": "wmo"}}
    first = post(client, headers, "/api/v1/partners/abonnementen", body)
    again = post(client, headers, "/api/v1/partners/abonnementen", body)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and first.json()["secret"]
    assert Subscription.objects.filter(client=partner.client).count() == 1


def test_keys_are_removed_after_a_day(client, partner):
    post(client, bearer(client, partner), "/api/v1/partners/signals", SIGNAL)
    IdempotencyKey.objects.update(created_at=timezone.now() - timedelta(hours=25))
    assert run_job("idempotency_keys_prune", trigger="manual").summary.startswith("1 ")
    assert not IdempotencyKey.objects.exists()


def test_the_key_header_and_the_digest():
    assert parse_key(None) is None
    assert parse_key(f'"{KEY}"') == KEY == parse_key(KEY)
    for bad in ("", '"', '"abc', "a b", "x" * 256):
        with pytest.raises(ValueError):
            parse_key(bad)
    assert digest({"a": 1, "b": [1, 2]}) == digest({"b": [1, 2], "a": 1}) != digest({"a": 1, "b": [2, 1]})
