"""Median and 90th percentile computed by the database, the same way on SQLite and PostgreSQL.

Neither backend shares a percentile function (PostgreSQL has `percentile_cont`, SQLite has none),
so we let the database sort and pick: with `n` values known (one COUNT, usually already in the
grid), the median is the value at OFFSET (n-1)/2 (odd n) or the mean of the two values at OFFSET
n/2-1 LIMIT 2 (even n); the 90th percentile is the nearest-rank value, OFFSET ceil(0.9·n)-1.
Each pick is one `ORDER BY … LIMIT … OFFSET …` query; no records are loaded beyond the one or two
picked values. Indexes on the sorted column make it cheap; see ADR 0062.
"""

import math
from datetime import timedelta


def _as_number(value):
    if isinstance(value, timedelta):
        return value.total_seconds() / 86400
    return value


def median(ordered_values, n: int):
    """`ordered_values`: a values_list(flat=True) queryset ordered by the value."""
    if n <= 0:
        return None
    if n % 2:
        picked = list(ordered_values[(n - 1) // 2 : (n - 1) // 2 + 1])
        return _as_number(picked[0]) if picked else None
    picked = [_as_number(v) for v in ordered_values[n // 2 - 1 : n // 2 + 1]]
    return sum(picked) / len(picked) if picked else None


def percentile(ordered_values, n: int, p: float = 0.9):
    """Nearest-rank percentile: the smallest value with at least p·n values at or below it."""
    if n <= 0:
        return None
    rank = max(1, math.ceil(p * n))
    picked = list(ordered_values[rank - 1 : rank])
    return _as_number(picked[0]) if picked else None
