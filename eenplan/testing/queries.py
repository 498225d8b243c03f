from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(fn) -> int:
    """How many queries `fn()` runs; compare small vs large data to prove a page has no N+1."""
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)
