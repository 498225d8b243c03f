"""The indicator registry and the two kinds of indicator every figure is built from.

An indicator has a key, a section, a title and a written *definition* (what is counted, from which
records, for which period) that is shown next to the figure and listed in docs/indicators.md.

- `CountIndicator`: records counted per category. The database groups them per team (or wijk)
  and category in one query, so every page computes the same grid, and `suppression.suppress`
  hides small cells identically on the team, wijk and municipality pages.
- `DistributionIndicator`: a duration or a number per record, summarised as median and 90th
  percentile per category (see `stats`), with the number of households behind it from a grid.

Figures are never computed by loading records into Python: each grid is four GROUP BY queries,
each median or percentile one ORDER BY/LIMIT/OFFSET query. The number of queries of a page
depends on the indicators, not on the number of cases.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .periods import Period
from .stats import median, percentile
from .suppression import Cell, Grid, suppress, suppress_together, threshold

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


class Context:
    """One page's computation: the scope, the period and its predecessor, and the grids computed so far."""

    def __init__(self, scope: Scope, period: Period):
        self.scope = scope
        self.period = period
        self.previous = period.previous()
        self.k = threshold()
        self._units = {}
        self._grids = {}

    def units(self, partition: str) -> list:
        if partition not in self._units:
            model = apps.get_model("organisation", "Team" if partition == TEAM else "Wijk")
            self._units[partition] = list(model.objects.order_by("pk").values_list("pk", flat=True))
        return self._units[partition]

    def grid(self, indicator, period: Period, partition: str) -> Grid:
        """The suppressed grid; the team and the wijk grid are always computed and suppressed together, so every
        page hides the same figures (suppression.suppress_together)."""
        key = (indicator.key, period)
        if key not in self._grids:
            raw = {p: indicator.grid(period, p, self.units(p), self.k, suppressed=False) for p in (TEAM, WIJK)}
            self._grids[key] = suppress_together(raw, self.k)
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

    def _counts(self):
        hh = self._household()
        # A record without a household (e.g. a signal about someone not yet known) counts as its own household.
        return {"n": Count("pk"), "h": Count(hh, distinct=True) + Count("pk", filter=Q(**{f"{hh}__isnull": True}))}

    def grid(self, period: Period, partition: str, units: list, k: int, suppressed: bool = True) -> Grid:
        qs = self.records(period)
        counts = self._counts()
        unit = F(self.unit_path(partition))
        categories = [code for code, _label in self.categories(period)]
        per_cell = qs.values(u=unit, c=F("category")).order_by().annotate(**counts)
        per_unit = qs.values(u=unit).order_by().annotate(**counts)
        per_category = qs.values(c=F("category")).order_by().annotate(**counts)
        overall = qs.aggregate(**counts)
        raw = {(r["u"], self.normalise(r["c"])): r for r in per_cell}
        units = list(units) + ([None] if any(key[0] is None for key in raw) else [])
        cells = {(u, c): _cell(raw.get((u, c))) for u in units for c in categories}
        by_unit = {r["u"]: r for r in per_unit}
        by_category = {self.normalise(r["c"]): r for r in per_category}
        grid = Grid(
            cells=cells,
            unit_totals={u: _cell(by_unit.get(u)) for u in units},
            category_totals={c: _cell(by_category.get(c)) for c in categories},
            total=_cell(overall),
            units=units,
            categories=categories,
            additive=self.additive,
        )
        return suppress(grid, k) if suppressed else grid

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
        previous_categories = {code for code, _l in self.categories(ctx.previous)}
        for code, label in self.categories(ctx.period):
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
    if not row:
        return Cell(0, 0)
    return Cell(row["n"], row["h"])


class DistributionIndicator(CountIndicator):
    """A value per record (annotated as `value`, e.g. a duration), as median and 90th percentile."""

    show_share = False
    value_kind = "days"

    def ordered(self, period: Period, partition_filter: dict, category):
        qs = self.records(period).filter(**partition_filter)
        if category is not None:
            qs = qs.filter(category=category)
        return qs.exclude(value__isnull=True).order_by("value").values_list("value", flat=True)

    def _scope_filter(self, ctx: Context) -> dict:
        if ctx.scope.kind == MUNICIPALITY:
            return {}
        return {self.unit_path(ctx.scope.kind): ctx.scope.unit}

    def _summary(self, ctx: Context, period: Period, category, count: Cell) -> list:
        values = self.ordered(period, self._scope_filter(ctx), category)
        # The picks run even for a hidden or empty cell, so the page's queries do not depend on the data.
        mid, p90 = median(values, count.value or 0), percentile(values, count.value or 0)
        hidden = count.suppressed or not count.value
        return [Cell(mid, count.households, hidden or mid is None), Cell(p90, count.households, hidden or p90 is None)]

    def table(self, ctx: Context) -> Table:
        kind = self.value_kind
        columns = [
            Column(str(_("Households"))), Column(str(_("Median")), kind), Column(str(_("90th percentile")), kind),
            Column(str(_("Previous period: households"))), Column(str(_("Previous period: median")), kind),
            Column(str(_("Previous period: 90th percentile")), kind),
        ]
        table = Table(self, columns)
        rows = [(code, label, ctx.cell(self, ctx.period, code), ctx.cell(self, ctx.previous, code)) for code, label in self.categories(ctx.period)]
        if len(rows) != 1:
            rows.append((None, _("All"), ctx.total(self, ctx.period), ctx.total(self, ctx.previous)))
        for code, label, now, before in rows:
            cells = [now, *self._summary(ctx, ctx.period, code, now), before, *self._summary(ctx, ctx.previous, code, before)]
            table.rows.append(Row(str(label), cells, is_total=code is None))
        return table


def indicators_by_section() -> list[tuple[str, str, list]]:
    return [(code, label, [i for i in REGISTRY.values() if i.section == code]) for code, label in SECTIONS]
