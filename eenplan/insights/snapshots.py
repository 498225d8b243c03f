"""The figures of an insight page, from its snapshot when there is one (ADR 0134).

Computing a page reads every record of the period (ADR 0130: a fixed number of statements, but each grows with the
data) and draws some 27 charts; at city size that is seconds. So the figures of the default period — the page as
it opens — are kept per team, wijk and the municipality in `FigureSnapshot`: the tables after suppression, their
charts and the municipality's small multiples, as JSON. A page then reads one row. The scheduled job
`insight_figures` recomputes every snapshot (hourly) and removes those of earlier periods; "Cijfers vernieuwen"
recomputes one page's now. A page without a snapshot computes it and keeps it for the next reader. Another period
(chosen in the form) is computed on request and not kept. The page says when its figures were computed.

One path: a computed page is serialised and read back the same way as a stored one, so what a snapshot shows
and what a fresh computation shows cannot differ.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from eenplan.organisation.models import Team, Wijk

from . import selectors
from .charts import chart_for, small_multiple
from .formatting import footnotes, why_hidden
from .framework import MUNICIPALITY, REGISTRY, SECTIONS, TEAM, WIJK, Column, GridCache, Row, Scope, Table
from .models import FigureSnapshot
from .periods import Period, default_period
from .suppression import Cell

SMALL_MULTIPLES = "cases_per_phase"


@dataclass
class PageFigures:
    sections: list  # [(section code, label, [Table, …]), …], charts drawn
    previous: Period
    computed_at: datetime
    stored: bool  # from (or kept as) a snapshot; False: another period, computed for this request only
    multiples: list  # municipality: [(team name, chart URI, chart text, [(category label, Cell), …]), …]
    multiples_categories: list
    multiples_notes: list


def _unit(scope: Scope) -> int:
    return scope.obj.pk if scope.kind in (TEAM, WIJK) else 0


# --- computing and (de)serialising ------------------------------------------------------------------------


def _cell(c: Cell) -> list:
    return [c.value, c.households, c.suppressed]


def _table(table: Table) -> dict:
    if table.available:
        table.chart_svg, table.chart_text = chart_for(table)
    return {"key": table.indicator.key, "available": table.available, "chart_svg": table.chart_svg,
            "chart_text": str(table.chart_text), "chart_height": table.chart_height,
            "columns": [[str(c.label), c.kind] for c in table.columns],
            "rows": [[str(r.label), r.is_total, [_cell(c) for c in r.cells]] for r in table.rows]}


def compute(scope: Scope, period: Period, cache: GridCache | None = None) -> dict:
    """The page's figures as JSON-ready data (labels in the site's language: the job has no request)."""
    with translation.override(translation.get_language() or settings.LANGUAGE_CODE):
        ctx, sections = selectors.page_tables(scope, period, cache)
        data = {"previous": [ctx.previous.start.isoformat(), ctx.previous.end.isoformat()],
                "sections": [[code, [_table(t) for t in tables]] for code, _label, tables in sections],
                "multiples": [], "multiples_categories": []}
        if scope.kind == MUNICIPALITY:
            data["multiples"] = [[str(name), *map(str, small_multiple(name, cells)), [[str(label), _cell(c)] for label, c in cells]]
                                 for name, cells in selectors.small_multiples(ctx, SMALL_MULTIPLES)]
            indicator = REGISTRY.get(SMALL_MULTIPLES)
            if indicator is not None and indicator.available():
                data["multiples_categories"] = [str(label) for _c, label in indicator.categories(period)]
    return data


def _read(data: dict, computed_at: datetime, stored: bool) -> PageFigures:
    labels = dict(SECTIONS)
    sections = []
    for code, tables in data["sections"]:
        read = []
        for t in tables:
            indicator = REGISTRY.get(t["key"])
            if indicator is None:  # an indicator removed since the snapshot was made
                continue
            read.append(Table(indicator, [Column(label, kind) for label, kind in t["columns"]],
                              [Row(label, [Cell(*c) for c in cells], is_total) for label, is_total, cells in t["rows"]],
                              available=t["available"], chart_svg=t["chart_svg"], chart_text=t["chart_text"],
                              chart_height=t["chart_height"]))
        sections.append((code, labels.get(code, code), read))
    multiples = []
    for name, uri, alt, cells in data["multiples"]:
        multiples.append((name, uri, alt, [(label, Cell(*c)) for label, c in cells]))
    notes = footnotes(why_hidden(cell, "count") for *_chart, cells in multiples for _label, cell in cells)
    start, end = (date.fromisoformat(d) for d in data["previous"])
    return PageFigures(sections=sections, previous=Period(start, end), computed_at=computed_at, stored=stored,
                       multiples=multiples, multiples_categories=data["multiples_categories"], multiples_notes=notes)


# --- the snapshots ----------------------------------------------------------------------------------------


def snapshot_refresh(scope: Scope, period: Period | None = None, cache: GridCache | None = None) -> FigureSnapshot:
    """Compute the page's figures now and keep them (replacing the earlier snapshot of that period)."""
    period = period or default_period()
    data, now = compute(scope, period, cache), timezone.now()
    key = {"scope_kind": scope.kind, "unit": _unit(scope), "period_start": period.start, "period_end": period.end}
    try:
        with transaction.atomic():
            snapshot, _created = FigureSnapshot.objects.update_or_create(
                **key, defaults={"figures": data, "computed_at": now})
    except IntegrityError:  # two first readers at once: the other one's snapshot is as fresh
        snapshot = FigureSnapshot.objects.get(**key)
    return snapshot


def page_figures(scope: Scope, period: Period) -> PageFigures:
    """The figures the page shows: the snapshot of the default period (made now if missing), else computed."""
    if period != default_period():
        return _read(compute(scope, period), timezone.now(), stored=False)
    snapshot = (FigureSnapshot.objects.filter(scope_kind=scope.kind, unit=_unit(scope), period_start=period.start,
                                              period_end=period.end).first()
                or snapshot_refresh(scope, period))
    return _read(snapshot.figures, snapshot.computed_at, stored=True)


def download_tables(scope: Scope, period: Period, key: str | None = None) -> list:
    """The tables of a download: for the default period the page's snapshot, so the file matches the page; for
    another period computed as the download needs them — only the one table asked for, and no charts."""
    if period == default_period():
        return [t for _c, _l, tables in page_figures(scope, period).sections for t in tables if key in (None, t.indicator.key)]
    if key is not None:
        return [selectors.table_for(scope, period, key)]
    return [t for _c, _l, tables in selectors.page_tables(scope, period)[1] for t in tables]


def snapshots_refresh_all(today: date | None = None) -> dict:
    """The scheduled job: every team's, wijk's and the municipality's default-period figures; earlier periods
    removed. Returns counts for the job's summary. The grids are computed once, for the first page, and shared
    by the others: every page's grids are those of all teams and wijken."""
    period = default_period(today)
    cache = GridCache()
    scopes = ([Scope(MUNICIPALITY)] + [Scope(TEAM, t) for t in Team.objects.order_by("pk")]
              + [Scope(WIJK, w) for w in Wijk.objects.order_by("pk")])
    for scope in scopes:
        snapshot_refresh(scope, period, cache)
    removed, _per_model = FigureSnapshot.objects.exclude(period_start=period.start, period_end=period.end).delete()
    return {"pages": len(scopes), "removed": removed}
