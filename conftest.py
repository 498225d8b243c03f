import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls in browser
# tests are still made synchronously from that thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def verified_client(client):
    """`verified_client(user)` → a test client logged in with both factors."""
    from eenplan.testing.auth import login_verified

    def make(user):
        return login_verified(client, user)

    return make


@pytest.fixture(autouse=True)
def _data_migration_rows(request):
    """A transactional test ends by emptying every table, the data migrations' rows (roles, instruments,
    signal types) too. Whatever ran before in this process, a database test starts with them."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    if marker is None:
        return
    # A transactional test (a real worker, a live server) needs the rows committed: it gets them the same way.
    transactional = transactional or "transactional_db" in request.fixturenames or "live_server" in request.fixturenames
    request.getfixturevalue("transactional_db" if transactional else "db")
    from eenplan.testing.migration_data import restore_migration_data

    restore_migration_data()


@pytest.fixture(scope="session")
def _playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(_playwright):
    from eenplan.testing.browser import CHROMIUM, CHROMIUM_ARGS

    browser = _playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    from playwright.sync_api import expect

    from eenplan.testing.migration_data import restore_migration_data

    restore_migration_data()
    context = browser.new_context(locale="nl-NL", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Assertions wait for the page as clicks do: a loaded CI machine answers a navigation late.
    expect.set_options(timeout=15_000)
    yield page
    context.close()


LONGEST_FIRST = ("eenplan/testing/tests/test_route_walker.py",)


def pytest_collection_modifyitems(config, items):
    """Tests marked `production` start real servers (gunicorn, redis-server, an OpenID Connect provider,
    an SMTP server) and fresh PostgreSQL databases. They run in ./test's "production path" step, which sets
    EENPLAN_PRODUCTION_TESTS=1 and a PostgreSQL DATABASE_URL; elsewhere they are deselected, not skipped."""
    # The longest module first: with two workers (./test), the walk runs while the other worker does the rest.
    items.sort(key=lambda item: 0 if item.nodeid.startswith(LONGEST_FIRST) else 1)
    on_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    if on_postgres and os.environ.get("EENPLAN_PRODUCTION_TESTS") == "1":
        return
    deselected = [item for item in items if item.get_closest_marker("production")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("production")]
