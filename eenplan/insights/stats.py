"""Median and 90th percentile computed by the database, the same way on SQLite and PostgreSQL.

Neither backend shares a percentile function (PostgreSQL has `percentile_cont`, SQLite has none),
so we let the database sort and pick: with `n` values known (one COUNT, usually already in the
grid), the median is the value at OFFSET (n-1)/2 (odd n) or the mean of the two values at OFFSET
n/2-1 LIMIT 2 (even n); the 90th percentile is the nearest-rank value, OFFSET ceil(0.9·n)-1.
Each pick is one `ORDER BY … LIMIT … OFFSET …` query; no records are loaded beyond the one or two
picked values. Indexes on the sorted column make it cheap; see ADR 0062. The insights pages read the
same ranks for all categories at once, numbering the values with ROW_NUMBER (`median_ranks`,
`percentile_rank`; `framework.DistributionIndicator.picks`, ADR 0130).
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


def median_ranks(n: int) -> tuple:
    """The 1-based positions in the ordered values that the median of n values is made of."""
    if n <= 0:
        return ()
    return ((n - 1) // 2 + 1,) if n % 2 else (n // 2, n // 2 + 1)


def percentile_rank(n: int, p: float = 0.9):
    """The 1-based position of the nearest-rank percentile of n values (None for none)."""
    return max(1, math.ceil(p * n)) if n > 0 else None


def median_from(found: dict, key, n: int):
    """The median from picked values {(key, rank): value}, exactly as `median` computes it from the same ranks."""
    picked = [_as_number(found[(key, rank)]) for rank in median_ranks(n) if (key, rank) in found]
    if not picked:
        return None
    return picked[0] if n % 2 else sum(picked) / len(picked)


def percentile_from(found: dict, key, n: int, p: float = 0.9):
    rank = percentile_rank(n, p)
    return _as_number(found[(key, rank)]) if rank is not None and (key, rank) in found else None
