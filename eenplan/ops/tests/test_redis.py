"""The shared cache in production: a real redis-server (Debian's), started by the test on a loopback port."""

import pytest
import redis
from axes.handlers.proxy import AxesProxyHandler
from django.core.cache import cache
from django.test import Client, override_settings

from eenplan.accounts.models import RoleCode
from eenplan.intake.models import Signal
from eenplan.intake.tests.test_public_form import form_data
from eenplan.ops.models import Lockout
from eenplan.testing.factories import TeamFactory, UserFactory, WijkFactory

from .test_accounts_admin import PASSWORD, lock_out, password_step

pytestmark = [pytest.mark.production, pytest.mark.django_db]


@pytest.fixture
def redis_cache(redis_server):
    caches = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_server.url, "KEY_PREFIX": "eenplan-test"}}
    with override_settings(CACHES=caches, AXES_HANDLER="axes.handlers.cache.AxesCacheHandler"):
        AxesProxyHandler.get_implementation(force=True)
        client = redis.Redis.from_url(redis_server.url)
        client.flushdb()
        yield client
        client.flushdb()
    AxesProxyHandler.get_implementation(force=True)


def test_the_cache_is_redis(redis_cache):
    cache.set("probe", "ja")
    assert cache.get("probe") == "ja"
    assert any(b"probe" in key for key in redis_cache.keys("*"))


def test_public_form_rate_limit_counts_in_redis(redis_cache):
    TeamFactory(wijken=[WijkFactory(postcode_areas="3511")])
    client = Client()
    for i in range(5):
        client.post("/aanmelden/", form_data(client, path="/aanmelden/?nieuw=1", description=f"Vraag nummer {i} over de buurman."))
    assert Signal.objects.count() == 5
    counter = [key for key in redis_cache.keys("*") if b"intake-public" in key]
    assert len(counter) == 1 and int(redis_cache.get(counter[0])) == 5
    assert client.post("/aanmelden/", form_data(client, path="/aanmelden/?nieuw=1", description="Nog een vraag.")).status_code == 429


def test_axes_lockout_lives_in_redis_and_the_administrator_lifts_it(redis_cache, verified_client):
    UserFactory(username="bram", roles=[RoleCode.PROFESSIONAL])
    colleague = Client()
    lock_out(colleague, "bram")
    assert any(b"axes" in key for key in redis_cache.keys("*"))
    from axes.models import AccessAttempt

    assert not AccessAttempt.objects.exists()  # not in the database: in Redis

    admin = verified_client(UserFactory(username="mira", roles=[RoleCode.FUNCTIONAL_ADMIN]))
    lockout = Lockout.objects.get(username="bram")
    admin.post(f"/beheer/werking/accounts/{lockout.pk}/ontgrendelen/")
    assert password_step(colleague, "bram", PASSWORD)["Location"].startswith("/inloggen/code/")
