import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_rate_limit():
    """The public form's rate limit counts in the cache; every test starts fresh."""
    cache.clear()
    yield
    cache.clear()
