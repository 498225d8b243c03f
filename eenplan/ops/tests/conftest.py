import os

import pytest

from eenplan.testing.servers import ProductionSite, RedisServer, drop_database, recreate_database, server_database_url

PROFESSIONAL_KEY = "3132333435363738393031323334353637383930"  # a fixed TOTP secret for the test account


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def production_site(tmp_path_factory, redis_server):
    """eenplan installed as docs/operations.md says: env file, migrate, collectstatic, gunicorn; on a fresh
    PostgreSQL database with Redis as the cache. One test professional `prod-anna` with a known TOTP key."""
    url = server_database_url(f"eenplan_prod_{os.getpid()}")
    recreate_database(url)
    site = ProductionSite(tmp_path_factory.mktemp("production"), database_url=url, extra={"REDIS_URL": redis_server.url})
    site.manage("migrate", "-v0")
    site.manage("collectstatic", "--noinput", "-v0")
    site.shell(
        "from eenplan.testing.factories import TeamFactory, UserFactory\n"
        "from eenplan.accounts.services import TOTPDevice\n"
        "u = UserFactory(username='prod-anna', first_name='Anna', last_name='Productie', roles=['professional'], team=TeamFactory())\n"
        f"TOTPDevice.objects.create(user=u, name='authenticator', key='{PROFESSIONAL_KEY}', confirmed=True)\n"
    )
    site.base_url = site.serve()
    yield site
    site.stop()
    drop_database(url)
