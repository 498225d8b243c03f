import pytest

from eenplan.brp.standin import StandinServer


@pytest.fixture
def brp_standin(settings):
    """The stand-in BRP on a loopback port, and eenplan configured to use it."""
    server = StandinServer(api_key="test-key").start()
    settings.BRP_API_URL, settings.BRP_API_KEY, settings.BRP_TIMEOUT_SECONDS = server.url, "test-key", 3
    yield server
    server.stop()
