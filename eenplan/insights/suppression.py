"""Small-cell suppression: nobody can be recognised from a figure.

Rule (ADR 0061, docs/indicators.md):

1. *Primary*: a cell that concerns at least one and fewer than `threshold()` households
   (setting `INSIGHTS_SMALL_CELL_THRESHOLD`, default 5) is suppressed. Zero is shown.
2. *Complementary*: a suppressed cell must not be recoverable by subtracting the shown cells
   from a shown total. Every group of cells that adds up to a total is checked: along the
   categories of one team/wijk (when the categories split the records, `additive`), and along
   the teams (or wijken) of one category, whose total is the municipality's figure. In such a
   group the suppressed cells must be at least two and together concern at least `threshold()`
   households; otherwise the next smallest shown cell is suppressed too (a non-zero cell first).
   If no shown cell is left, the total itself is suppressed. A suppressed total whose cells are all
   shown could be added up again, so one of its cells is suppressed too. This repeats until nothing
   changes.
3. Derived figures (a share, a median, a percentile) are suppressed when the count they are
   derived from concerns fewer than `threshold()` households, and a change between periods is
   only shown when both periods' figures are shown.

Because the team, wijk and municipality pages compute the *same* grids (all teams and all wijken
at once, suppressed together: the municipality's figure of a category is the same number in both,
`suppress_together`) a figure is suppressed identically wherever it appears, in pages, charts and exports.
Known limit: the team grid and the wijk grid are protected each on their own; combining the two
partitions (teams serve several wijken) is not protected against. See ADR 0061.
"""

from dataclasses import dataclass

from django.conf import settings


def threshold() -> int:
    return int(getattr(settings, "INSIGHTS_SMALL_CELL_THRESHOLD", 5))


@dataclass
class Cell:
    value: float | int | None  # the figure (a count, unless stated otherwise)
    households: int  # how many households are behind the figure
    suppressed: bool = False

    @property
    def shown(self):
        return None if self.suppressed else self.value


def is_small(households: int, k: int | None = None) -> bool:
    k = threshold() if k is None else k
    return 0 < households < k


def _protect(group: list[Cell], total: Cell, k: int) -> bool:
    """Make the suppressed cells of `group` safe against `total - shown cells`. True if anything changed."""
    hidden = [c for c in group if c.suppressed]
    if total.suppressed:
        # A hidden total is only hidden if it cannot be added up from its cells: one of them must be hidden too.
        if hidden or not group:
            return False
        candidates = sorted(group, key=lambda c: (c.households == 0, c.households, c.value or 0))
        candidates[0].suppressed = True
        return True
    if not hidden:
        return False
    changed = False
    while len(hidden) < 2 or sum(c.households for c in hidden) < k:
        candidates = sorted((c for c in group if not c.suppressed), key=lambda c: (c.households == 0, c.households, c.value or 0))
        if not candidates:
            total.suppressed = True
            return True
        candidates[0].suppressed = True
        hidden.append(candidates[0])
        changed = True
    return changed


@dataclass
class Grid:
    """Counts per unit (team or wijk; None = records without one) and category, with their totals."""

    cells: dict  # (unit, category) -> Cell
    unit_totals: dict  # unit -> Cell
    category_totals: dict  # category -> Cell
    total: Cell
    units: list
    categories: list
    additive: bool  # do the categories split the records (so a unit's cells add up to its total)?

    def cell(self, unit, category) -> Cell:
        return self.cells[(unit, category)]


def _primary(grid: Grid, k: int) -> None:
    everything = list(grid.cells.values()) + list(grid.unit_totals.values()) + list(grid.category_totals.values()) + [grid.total]
    for cell in everything:
        cell.suppressed = cell.suppressed or is_small(cell.households, k)


def _complementary(grid: Grid, k: int) -> bool:
    """One round of rule 2 over every group of `grid`. True if anything changed."""
    changed = False
    for category in grid.categories:
        changed |= _protect([grid.cells[(u, category)] for u in grid.units], grid.category_totals[category], k)
    changed |= _protect([grid.unit_totals[u] for u in grid.units], grid.total, k)
    if grid.additive:
        for unit in grid.units:
            changed |= _protect([grid.cells[(unit, c)] for c in grid.categories], grid.unit_totals[unit], k)
        changed |= _protect([grid.category_totals[c] for c in grid.categories], grid.total, k)
    return changed


def suppress(grid: Grid, k: int | None = None) -> Grid:
    k = threshold() if k is None else k
    _primary(grid, k)
    while _complementary(grid, k):
        pass
    return grid


def _shared(grids) -> list[list[Cell]]:
    """The municipality's figures, the same number in every partition: per category, and the grand total."""
    first = grids[0]
    return [[g.category_totals[c] for g in grids] for c in first.categories] + [[g.total for g in grids]]


def suppress_together(grids: dict, k: int | None = None) -> dict:
    """Suppress the grids of one indicator and period (team, wijk) as one: the municipality's figure of a category
    is shown on one page for both, so it is hidden in every grid when any grid hides it, and each grid then
    protects its own cells against the figures left. Repeats until nothing changes."""
    k = threshold() if k is None else k
    partitions = list(grids.values())
    for grid in partitions:
        _primary(grid, k)
    changed = True
    while changed:
        changed = False
        for grid in partitions:
            while _complementary(grid, k):
                changed = True
        for cells in _shared(partitions):
            if any(c.suppressed for c in cells) and not all(c.suppressed for c in cells):
                for c in cells:
                    c.suppressed = True
                changed = True
    return grids
