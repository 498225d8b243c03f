import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_rate_limit():
    """The public form's rate limit counts in the cache; every test starts fresh."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _seeded_types(request):
    """The source and signal types come from a data migration; a transactional test elsewhere
    flushes them, so make sure they are there (idempotent)."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    request.getfixturevalue("transactional_db" if marker.kwargs.get("transaction") else "db")
    from importlib import import_module

    from django.apps import apps

    import_module("eenplan.intake.migrations.0002_source_and_signal_types").add(apps, None)
