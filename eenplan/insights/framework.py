"""The indicator registry and the two kinds of indicator every figure is built from.

An indicator has a key, a section, a title and a written *definition* (what is counted, from which
records, for which period) that is shown next to the figure and listed in docs/indicators.md.

- `CountIndicator`: records counted per category. The database groups them per team (or wijk)
  and category in one query, so every page computes the same grid, and `suppression.suppress`
  hides small cells identically on the team, wijk and municipality pages.
- `DistributionIndicator`: a duration or a number per record, summarised as median and 90th
  percentile per category (see `stats`), with the number of households behind it from a grid.

Figures are never computed by loading records into Python, and a page runs a small, fixed number of
queries (ADR 0130): all grids of a count indicator — every team and every wijk, this period and the
previous one — come from one statement (`grid_statement`: the records of each period are selected
once, as a common table expression, and grouped six ways); the medians and percentiles of a
distribution indicator come from one windowed query per period (`DistributionIndicator.picks`).
The number of queries of a page depends on the indicators, not on the number of cases, teams or wijken.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import connections
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .periods import Period
from .stats import median_from, median_ranks, percentile_from, percentile_rank
from .suppression import Cell, Grid, suppress_together, threshold

TEAM, WIJK, MUNICIPALITY = "team", "wijk", "municipality"

SECTIONS = [
    ("intake", _("Intake")),
    ("process", _("Process")),
    ("outcomes", _("Outcomes for residents")),
    ("collaboration", _("Collaboration")),
    ("safety", _("Safety")),
    ("stacking", _("Domeinstapelaars")),
    ("themes", _("Recurring themes per wijk")),
]

REGISTRY: dict[str, "Indicator"] = {}


def register(cls):
    """Class decorator: one instance of each indicator lives in the registry."""
    assert cls.key and cls.key not in REGISTRY, cls.key
    REGISTRY[cls.key] = cls()
    return cls


@dataclass(frozen=True)
class Scope:
    kind: str  # team, wijk or municipality
    obj: object = None  # the Team or Wijk

    @property
    def partitions(self) -> list[str]:
        return {TEAM: [TEAM], WIJK: [WIJK]}.get(self.kind, [TEAM, WIJK])

    @property
    def unit(self):
        return self.obj.pk if self.obj is not None else None

    def __str__(self):
        return str(self.obj) if self.obj is not None else str(_("the whole municipality"))


@dataclass
class Column:
    label: str
    kind: str = "count"  # count, percent, days, number, change


@dataclass
class Row:
    label: str
    cells: list  # Cell per column
    is_total: bool = False


@dataclass
class Table:
    indicator: "Indicator"
    columns: list
    rows: list = field(default_factory=list)
    available: bool = True
    chart_svg: str = ""
    chart_text: str = ""
    chart_height: int = 300

    @property
    def any_suppressed(self) -> bool:
        return any(c.suppressed for r in self.rows for c in r.cells)

    @property
    def footnotes(self) -> list[str]:
        """The explanation of each kind of hidden cell in this table ("<5", "verborgen", "—")."""
        from .formatting import footnotes, why_hidden

        return footnotes(why_hidden(c, col.kind) for r in self.rows for c, col in zip(r.cells, self.columns, strict=True))

    @property
    def empty(self) -> bool:
        return not self.rows


class GridCache:
    """What a computation reads that does not depend on its scope: every team's and wijk's grids (each page needs
    all of them, to hide the same figures everywhere), the units and the categories. The scheduled job shares one
    over all pages of a period, so the grids are computed once instead of once per team and wijk (ADR 0134)."""

    def __init__(self):
        self.units, self.grids, self.categories = {}, {}, {}


class Context:
    """One page's computation: the scope, the period and its predecessor, and the grids computed so far."""

    def __init__(self, scope: Scope, period: Period, cache: GridCache | None = None):
        self.scope = scope
        self.period = period
        self.previous = period.previous()
        self.k = threshold()
        cache = cache or GridCache()
        self._units = cache.units
        self._grids = cache.grids
        self._categories = cache.categories

    def units(self, partition: str) -> list:
        if partition not in self._units:
            model = apps.get_model("organisation", "Team" if partition == TEAM else "Wijk")
            self._units[partition] = list(model.objects.order_by("pk").values_list("pk", flat=True))
        return self._units[partition]

    def categories(self, indicator, period: Period) -> list[tuple]:
        """The indicator's (code, label) categories, read once per page and period."""
        key = (indicator.key, period)
        if key not in self._categories:
            self._categories[key] = list(indicator.categories(period))
        return self._categories[key]

    def grid(self, indicator, period: Period, partition: str) -> Grid:
        """The suppressed grid; the team and the wijk grid are always computed and suppressed together, so every
        page hides the same figures (suppression.suppress_together). The page's period and the previous one are
        computed in the same statement."""
        key = (indicator.key, period)
        if key not in self._grids:
            periods = [period] + [p for p in (self.period, self.previous) if p != period and (indicator.key, p) not in self._grids]
            units = {p: self.units(p) for p in (TEAM, WIJK)}
            raw = indicator.grids(periods, units, {p: self.categories(indicator, p) for p in periods})
            for p in periods:
                self._grids[(indicator.key, p)] = suppress_together(raw[p], self.k)
        return self._grids[key][partition]

    def cell(self, indicator, period: Period, category) -> Cell:
        """The scope's cell of a category; for the municipality hidden if hidden in any partition."""
        return self._pick(indicator, period, lambda g, u: g.cells[(u, category)], lambda g: g.category_totals[category])

    def total(self, indicator, period: Period) -> Cell:
        return self._pick(indicator, period, lambda g, u: g.unit_totals[u], lambda g: g.total)

    def _pick(self, indicator, period, unit_cell, municipality_cell) -> Cell:
        grids = [self.grid(indicator, period, p) for p in self.scope.partitions]
        if self.scope.kind != MUNICIPALITY:
            return unit_cell(grids[0], self.scope.unit)
        cells = [municipality_cell(g) for g in grids]
        return Cell(cells[0].value, cells[0].households, any(c.suppressed for c in cells))


class Indicator:
    key = ""
    section = "process"
    title = ""
    definition = ""  # what is counted, from which records, for which period
    requires: tuple = ()  # "app_label.Model" or "app_label.Model.field" this indicator reads
    chart = "bar"  # bar, line or hbar

    def available(self) -> bool:
        for requirement in self.requires:
            app_label, model_name, *field_name = requirement.split(".")
            try:
                model = apps.get_model(app_label, model_name)
                if field_name:
                    model._meta.get_field(field_name[0])
            except (LookupError, FieldDoesNotExist):
                return False
        return True

    def table(self, ctx: Context) -> Table:  # pragma: no cover - interface
        raise NotImplementedError


class CountIndicator(Indicator):
    """Records per category. Subclasses give `records(period)` annotated with `category`."""

    case_path = ""  # path from the record to its case ("" when the record is the case)
    household_path = None  # path to the household; default: through the case
    additive = True  # each record falls in exactly one category
    value_label = _("Households")
    show_share = True
    show_total = True
    by_month = False

    def records(self, period: Period):  # pragma: no cover - interface
        raise NotImplementedError

    def categories(self, period: Period) -> list[tuple]:  # (code, label)
        raise NotImplementedError  # pragma: no cover

    team_field = None  # the record's own team field, when it has one (e.g. a signal before any case)
    wijk_field = None

    def unit_path(self, partition: str) -> str:
        if partition == TEAM:
            return self.team_field or f"{self.case_path}team_id"
        return self.wijk_field or f"{self.case_path}household__wijk_id"

    def _household(self) -> str:
        return self.household_path or f"{self.case_path}household_id"

    def grids(self, periods: list, units: dict, categories: dict) -> dict:
        """{period: {TEAM: Grid, WIJK: Grid}}, unsuppressed, for every team and wijk, from one statement.
        `units`: {partition: [unit pk, …]}; `categories`: {period: [(code, label), …]}."""
        selections = [self.records(period).order_by().values(
            **{"ins_t": F(self.unit_path(TEAM)), "ins_w": F(self.unit_path(WIJK)), "ins_c": F("category"),
               "ins_h": F(self._household()), "ins_id": F("pk")}) for period in periods]
        rows = grid_statement(selections)
        out = {}
        for index, period in enumerate(periods):
            codes = [code for code, _label in categories[period]]
            mine = [r for r in rows if r[0] == index]
            out[period] = {partition: self._grid(mine, partition, units[partition], codes) for partition in (TEAM, WIJK)}
        return out

    def _grid(self, rows, partition: str, units: list, categories: list) -> Grid:
        """One partition's grid from the statement's rows: (period, grouping, team, wijk, category, n, households)."""
        per_cell, per_unit = (GROUP_TEAM_CATEGORY, GROUP_TEAM) if partition == TEAM else (GROUP_WIJK_CATEGORY, GROUP_WIJK)
        at = 2 if partition == TEAM else 3
        raw = {(r[at], self.normalise(r[4])): r for r in rows if r[1] == per_cell}
        by_unit = {r[at]: r for r in rows if r[1] == per_unit}
        by_category = {self.normalise(r[4]): r for r in rows if r[1] == GROUP_CATEGORY}
        overall = next((r for r in rows if r[1] == GROUP_ALL), None)
        units = list(units) + ([None] if any(key[0] is None for key in raw) else [])
        return Grid(
            cells={(u, c): _cell(raw.get((u, c))) for u in units for c in categories},
            unit_totals={u: _cell(by_unit.get(u)) for u in units},
            category_totals={c: _cell(by_category.get(c)) for c in categories},
            total=_cell(overall),
            units=units,
            categories=categories,
            additive=self.additive,
        )

    def normalise(self, category):
        """Turn the database's category value into the code used in `categories`."""
        return category

    def table(self, ctx: Context) -> Table:
        previous_label = _("Previous period")
        columns = [Column(str(self.value_label))]
        if self.show_share:
            columns.append(Column(str(_("Share")), "percent"))
        columns += [Column(str(previous_label)), Column(str(pgettext_lazy("difference", "Change")), "change")]
        table = Table(self, columns)
        total_now, total_before = ctx.total(self, ctx.period), ctx.total(self, ctx.previous)
        previous_categories = {code for code, _l in ctx.categories(self, ctx.previous)}
        for code, label in ctx.categories(self, ctx.period):
            now = ctx.cell(self, ctx.period, code)
            before = ctx.cell(self, ctx.previous, code) if code in previous_categories else Cell(None, 0, True)
            table.rows.append(Row(str(label), self._row_cells(now, before, total_now)))
        if self.show_total:
            table.rows.append(Row(str(_("Total")), self._row_cells(total_now, total_before, total_now), is_total=True))
        return table

    def _row_cells(self, now: Cell, before: Cell, total: Cell) -> list:
        cells = [now]
        if self.show_share:
            share_hidden = now.suppressed or total.suppressed or not total.value
            share = (100.0 * now.value / total.value) if total.value else None
            cells.append(Cell(share, now.households, share_hidden or share is None))
        change_hidden = now.suppressed or before.suppressed or before.value is None
        cells += [before, Cell(None if change_hidden else now.value - before.value, now.households, change_hidden)]
        return cells


def _cell(row) -> Cell:
    """A statement row (…, n, households) as a cell; no row is zero."""
    if not row:
        return Cell(0, 0)
    return Cell(row[5], row[6])


# The six groupings of a grid statement: per team and category, per team, the same per wijk, per category, and all.
GROUP_TEAM_CATEGORY, GROUP_TEAM, GROUP_WIJK_CATEGORY, GROUP_WIJK, GROUP_CATEGORY, GROUP_ALL = range(6)
_GROUPINGS = [
    (GROUP_TEAM_CATEGORY, '"ins_t"', "NULL", '"ins_c"'),
    (GROUP_TEAM, '"ins_t"', "NULL", "NULL"),
    (GROUP_WIJK_CATEGORY, "NULL", '"ins_w"', '"ins_c"'),
    (GROUP_WIJK, "NULL", '"ins_w"', "NULL"),
    (GROUP_CATEGORY, "NULL", "NULL", '"ins_c"'),
    (GROUP_ALL, "NULL", "NULL", "NULL"),
]


def grid_statement(selections: list) -> list[tuple]:
    """Count the records of each selection six ways in one statement, the same SQL on SQLite and PostgreSQL.

    Each selection is a values() queryset with the columns ins_t (team), ins_w (wijk), ins_c (category), ins_h
    (household) and ins_id (the record). It becomes a common table expression, read once (both databases
    materialise a CTE that is used more than once) and grouped per team and category, per team, per wijk and
    category, per wijk, per category and overall. The counts are those of the ORM: COUNT(record) and the distinct
    households, a record without a household counting as its own. Returns rows (selection index, grouping, team,
    wijk, category, n, households) with the category converted as the ORM converts it (e.g. a month).
    """
    db = selections[0].db
    connection = connections[db]
    ctes, params, converters = [], [], None
    for index, selection in enumerate(selections):
        compiler = selection.query.get_compiler(using=db)
        sql, cte_params = compiler.as_sql()
        ctes.append(f'"ins_r{index}" AS ({sql})')
        params.extend(cte_params)
        if converters is None:
            position = next(i for i, (_e, _s, alias) in enumerate(compiler.select) if alias == "ins_c")
            found = compiler.get_converters([compiler.select[position][0]])
            converters = found.get(0, ((), None))
    counts = 'COUNT("ins_id"), COUNT(DISTINCT "ins_h") + COUNT(CASE WHEN "ins_h" IS NULL THEN 1 END)'
    # An empty first part gives every column its type (PostgreSQL types a UNION's NULLs from left to right).
    parts = ['SELECT -1, -1, "ins_t", "ins_w", "ins_c", 0, 0 FROM "ins_r0" WHERE 1 = 0']
    for index in range(len(selections)):
        for grouping, team, wijk, category in _GROUPINGS:
            group_by = ", ".join(c for c in (team, wijk, category) if c != "NULL")
            parts.append(f'SELECT {index}, {grouping}, {team}, {wijk}, {category}, {counts} FROM "ins_r{index}"'
                         + (f" GROUP BY {group_by}" if group_by else ""))
    statement = "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(parts)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    functions, expression = converters
    if functions:
        rows = [r[:4] + (_convert(r[4], functions, expression, connection),) + r[5:] for r in rows]
    return rows


def _convert(value, functions, expression, connection):
    for function in functions:
        value = function(value, expression, connection)
    return value


class DistributionIndicator(CountIndicator):
    """A value per record (annotated as `value`, e.g. a duration), as median and 90th percentile."""

    show_share = False
    value_kind = "days"

    def _scope_filter(self, ctx: Context) -> dict:
        if ctx.scope.kind == MUNICIPALITY:
            return {}
        return {self.unit_path(ctx.scope.kind): ctx.scope.unit}

    def picks(self, ctx: Context, period: Period, counts: dict) -> dict:
        """{category (None: all): (median, 90th percentile)} of the scope's values, in one query.

        `counts`: {category: n}, the number of values (from the grid). The values are numbered in order
        per category and over all (ROW_NUMBER); only the numbers the median and the percentile need are
        read, the same values `ORDER BY value LIMIT 1 OFFSET rank-1` would give. The query runs even when
        every cell is hidden or empty, so a page's queries do not depend on the data."""
        wanted = {category: {*median_ranks(n), percentile_rank(n)} - {None} for category, n in counts.items()}
        per_category = {rank for category, ranks in wanted.items() if category is not None for rank in ranks}
        overall = wanted.get(None, set())
        order = F("value").asc()
        rows = (
            self.records(period).filter(**self._scope_filter(ctx)).exclude(value__isnull=True)
            .annotate(ins_rc=Window(RowNumber(), partition_by=[F("category")], order_by=order),
                      ins_ra=Window(RowNumber(), order_by=order))
            # 0 is never a row number: it keeps the query a query when no value is wanted.
            .filter(Q(ins_rc__in=sorted(per_category | {0})) | Q(ins_ra__in=sorted(overall | {0})))
            .order_by().values_list("category", "ins_rc", "ins_ra", "value")
        )
        found = {}
        for category, rank_in_category, rank, value in rows:
            if category in wanted and category is not None and rank_in_category in wanted[category]:
                found[(category, rank_in_category)] = value
            if None in wanted and rank in overall:
                found[(None, rank)] = value
        return {category: (median_from(found, category, n), percentile_from(found, category, n)) for category, n in counts.items()}

    def table(self, ctx: Context) -> Table:
        kind = self.value_kind
        columns = [
            Column(str(_("Households"))), Column(str(_("Median")), kind), Column(str(_("90th percentile")), kind),
            Column(str(_("Previous period: households"))), Column(str(_("Previous period: median")), kind),
            Column(str(_("Previous period: 90th percentile")), kind),
        ]
        table = Table(self, columns)
        categories = ctx.categories(self, ctx.period)
        rows = [(code, label, ctx.cell(self, ctx.period, code), ctx.cell(self, ctx.previous, code)) for code, label in categories]
        if len(rows) != 1:
            rows.append((None, _("All"), ctx.total(self, ctx.period), ctx.total(self, ctx.previous)))
        now = self.picks(ctx, ctx.period, {code: cell.value or 0 for code, _l, cell, _b in rows})
        before = self.picks(ctx, ctx.previous, {code: cell.value or 0 for code, _l, _n, cell in rows})
        for code, label, count_now, count_before in rows:
            cells = [count_now, *_summary(now[code], count_now), count_before, *_summary(before[code], count_before)]
            table.rows.append(Row(str(label), cells, is_total=code is None))
        return table


def _summary(picked: tuple, count: Cell) -> list:
    mid, p90 = picked
    hidden = count.suppressed or not count.value
    return [Cell(mid, count.households, hidden or mid is None), Cell(p90, count.households, hidden or p90 is None)]


def indicators_by_section() -> list[tuple[str, str, list]]:
    return [(code, label, [i for i in REGISTRY.values() if i.section == code]) for code, label in SECTIONS]
