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
   If no shown cell is left, the total itself is suppressed. This repeats until nothing changes.
3. Derived figures (a share, a median, a percentile) are suppressed when the count they are
   derived from concerns fewer than `threshold()` households, and a change between periods is
   only shown when both periods' figures are shown.

Because the team, wijk and municipality pages compute the *same* grid (all teams or all wijken
at once) a figure is suppressed identically wherever it appears, in pages, charts and exports.
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
    if total.suppressed:
        return False
    hidden = [c for c in group if c.suppressed]
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


def suppress(grid: Grid, k: int | None = None) -> Grid:
    k = threshold() if k is None else k
    everything = list(grid.cells.values()) + list(grid.unit_totals.values()) + list(grid.category_totals.values()) + [grid.total]
    for cell in everything:
        cell.suppressed = cell.suppressed or is_small(cell.households, k)
    changed = True
    while changed:
        changed = False
        for category in grid.categories:
            changed |= _protect([grid.cells[(u, category)] for u in grid.units], grid.category_totals[category], k)
        changed |= _protect([grid.unit_totals[u] for u in grid.units], grid.total, k)
        if grid.additive:
            for unit in grid.units:
                changed |= _protect([grid.cells[(unit, c)] for c in grid.categories], grid.unit_totals[unit], k)
            changed |= _protect([grid.category_totals[c] for c in grid.categories], grid.total, k)
    return grid
