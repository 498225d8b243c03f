"""The one-statement grids and the windowed picks (ADR 0130) give exactly the figures of the plain ORM queries
they replaced: four GROUP BY queries per partition and period, one ORDER BY/OFFSET query per median or
percentile. Checked for every indicator, every team and wijk and the municipality, on a seeded demo town."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q
from django.test import override_settings
from django.utils import timezone

from eenplan.insights import indicators  # noqa: F401  (fills the registry)
from eenplan.insights.framework import (
    MUNICIPALITY,
    REGISTRY,
    TEAM,
    WIJK,
    Context,
    CountIndicator,
    DistributionIndicator,
    Scope,
)
from eenplan.insights.periods import Period
from eenplan.insights.stats import median, percentile
from eenplan.insights.suppression import Cell
from eenplan.organisation.models import Team, Wijk

pytestmark = pytest.mark.django_db


class _Null:
    def write(self, *args, **kwargs):
        pass


@pytest.fixture
def town():
    with override_settings(DEBUG=True, EENPLAN_DEMO=True):
        call_command("seed_demo", households=40, quiet=True, stdout=_Null())


def reference_grid(indicator, period, partition, units, categories):
    """The grid as the framework computed it before ADR 0130: one query per grouping."""
    qs = indicator.records(period)
    hh = indicator._household()
    counts = {"n": Count("pk"), "h": Count(hh, distinct=True) + Count("pk", filter=Q(**{f"{hh}__isnull": True}))}
    unit = F(indicator.unit_path(partition))
    per_cell = qs.values(u=unit, c=F("category")).order_by().annotate(**counts)
    per_unit = qs.values(u=unit).order_by().annotate(**counts)
    per_category = qs.values(c=F("category")).order_by().annotate(**counts)
    overall = qs.aggregate(**counts)
    raw = {(r["u"], indicator.normalise(r["c"])): r for r in per_cell}
    units = list(units) + ([None] if any(key[0] is None for key in raw) else [])

    def cell(row):
        return (0, 0) if not row else (row["n"], row["h"])

    by_unit = {r["u"]: r for r in per_unit}
    by_category = {indicator.normalise(r["c"]): r for r in per_category}
    return {
        "cells": {(u, c): cell(raw.get((u, c))) for u in units for c in categories},
        "units": {u: cell(by_unit.get(u)) for u in units},
        "categories": {c: cell(by_category.get(c)) for c in categories},
        "total": cell(overall),
    }


def as_plain(grid):
    return {
        "cells": {k: (c.value, c.households) for k, c in grid.cells.items()},
        "units": {k: (c.value, c.households) for k, c in grid.unit_totals.items()},
        "categories": {k: (c.value, c.households) for k, c in grid.category_totals.items()},
        "total": (grid.total.value, grid.total.households),
    }


def reference_picks(indicator, ctx, period, counts):
    out = {}
    for category, n in counts.items():
        qs = indicator.records(period).filter(**indicator._scope_filter(ctx))
        if category is not None:
            qs = qs.filter(category=category)
        values = qs.exclude(value__isnull=True).order_by("value").values_list("value", flat=True)
        out[category] = (median(values, n), percentile(values, n))
    return out


def periods():
    today = timezone.localdate()
    return [Period(today - timedelta(days=90), today), Period(today - timedelta(days=730), today)]


def test_grids_equal_the_per_query_grids(town):
    count_indicators = [i for i in REGISTRY.values() if isinstance(i, CountIndicator) and i.available()]
    assert len(count_indicators) > 15
    seen_nonzero = 0
    for indicator, period in [(i, p) for i in count_indicators for p in periods()]:
        ctx = Context(Scope(MUNICIPALITY), period)
        for p in (period, period.previous()):
            categories = [code for code, _label in ctx.categories(indicator, p)]
            units = {TEAM: ctx.units(TEAM), WIJK: ctx.units(WIJK)}
            computed = indicator.grids([p], units, {p: ctx.categories(indicator, p)})[p]
            for partition in (TEAM, WIJK):
                expected = reference_grid(indicator, p, partition, units[partition], categories)
                assert as_plain(computed[partition]) == expected, (indicator.key, p, partition)
                seen_nonzero += expected["total"][0] > 0
    assert seen_nonzero > 10  # the town has records for most indicators: the comparison compares something


def test_picks_equal_the_offset_queries(town):
    scopes = [Scope(MUNICIPALITY)] + [Scope(TEAM, t) for t in Team.objects.all()] + [Scope(WIJK, w) for w in Wijk.objects.all()]
    distributions = [i for i in REGISTRY.values() if isinstance(i, DistributionIndicator)]
    assert len(distributions) >= 4
    picked_something = 0
    for indicator, period in [(i, p) for i in distributions for p in periods()]:
        for scope in scopes:
            ctx = Context(scope, period)
            codes = [code for code, _l in ctx.categories(indicator, period)] + [None]
            counts = {}
            for code in codes:
                cell = ctx.total(indicator, period) if code is None else ctx.cell(indicator, period, code)
                counts[code] = cell.value or 0
            # also counts one too high (the last pick finds no value), as the old picks allowed
            for wanted in (counts, {c: n + 1 for c, n in counts.items()}):
                expected = reference_picks(indicator, ctx, period, wanted)
                assert indicator.picks(ctx, period, wanted) == expected, (indicator.key, str(scope), wanted)
                picked_something += sum(v[0] is not None for v in expected.values())
    assert picked_something > 10
    # and a distribution's median is hidden with its count
    table = REGISTRY["time_in_phase"].table(Context(Scope(MUNICIPALITY), periods()[1]))
    for row in table.rows:
        count, mid, p90 = row.cells[:3]
        assert isinstance(mid, Cell)
        if count.suppressed or not count.value:
            assert mid.suppressed and p90.suppressed
