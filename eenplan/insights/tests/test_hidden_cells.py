"""Issue 11, defect 13: a cell hidden only to protect another is not written as "<5"; a hidden bar does not look
like zero; decimal commas; and nobody can work a hidden cell out from the totals ("Totaal") that are shown.

The attack below is what a curious reader can do with every page at once: write down every equation the shown
figures give (cells of a team or wijk add up to its total, the teams' and the wijken's cells add up to the
municipality's figure, which is the same number on both) and solve it exactly. A hidden figure that the
equations fix to one value is a leak.
"""

import base64
import csv
import io
import re
from fractions import Fraction

import pytest
from openpyxl import load_workbook

from eenplan.insights.charts import chart_for
from eenplan.insights.exports import to_csv, to_xlsx
from eenplan.insights.formatting import shown
from eenplan.insights.framework import Column, Row, Table
from eenplan.insights.suppression import Cell, Grid, suppress, suppress_together


def make_grid(values, additive=True):
    """values: {unit: {category: households}} (value = households)."""
    units, categories = list(values), list(next(iter(values.values())))
    cells = {(u, c): Cell(values[u][c], values[u][c]) for u in units for c in categories}
    unit_totals = {u: Cell(sum(values[u].values()), sum(values[u].values())) for u in units}
    category_totals = {c: Cell(sum(values[u][c] for u in units), sum(values[u][c] for u in units)) for c in categories}
    total = sum(t.value for t in unit_totals.values())
    return Grid(cells, unit_totals, category_totals, Cell(total, total), units, categories, additive)


# --- the attacker ---------------------------------------------------------------------------------------------


def equations(grids: dict) -> list[dict]:
    """Every sum the pages show, as {variable: coefficient} = 0. Category totals and the grand total are the
    municipality's figures: one variable shared by all partitions."""
    eqs = []

    def var(partition, kind, key):
        return ("muni", kind, key) if kind in ("category", "total") else (partition, kind, key)

    for name, g in grids.items():
        for c in g.categories:
            eq = {var(name, "cell", (u, c)): 1 for u in g.units}
            eq[var(name, "category", c)] = -1
            eqs.append(eq)
        eq = {var(name, "unit", u): 1 for u in g.units}
        eq[var(name, "total", None)] = -1
        eqs.append(eq)
        if g.additive:
            for u in g.units:
                eq = {var(name, "cell", (u, c)): 1 for c in g.categories}
                eq[var(name, "unit", u)] = -1
                eqs.append(eq)
            eq = {var(name, "category", c): 1 for c in g.categories}
            eq[var(name, "total", None)] = -1
            eqs.append(eq)
    return eqs


def values_and_hidden(grids: dict):
    known, hidden = {}, set()
    for name, g in grids.items():
        items = [(("muni", "category", c), g.category_totals[c]) for c in g.categories] + [(("muni", "total", None), g.total)]
        items += [((name, "cell", key), cell) for key, cell in g.cells.items()]
        items += [((name, "unit", u), cell) for u, cell in g.unit_totals.items()]
        for v, cell in items:
            if cell.suppressed or v in hidden:  # the municipality's figure is hidden if any partition hides it
                hidden.add(v)
                known.pop(v, None)
            else:
                known[v] = cell.value
    return known, hidden


def recoverable(grids: dict) -> set:
    """The hidden variables the shown figures fix to exactly one value (Gaussian elimination over fractions)."""
    known, hidden = values_and_hidden(grids)
    unknowns = sorted(hidden, key=repr)
    index = {v: i for i, v in enumerate(unknowns)}
    rows = []
    for eq in equations(grids):
        row = [Fraction(0)] * (len(unknowns) + 1)
        for v, coef in eq.items():
            if v in index:
                row[index[v]] += coef
            else:
                row[-1] -= coef * known[v]
        if any(row[:-1]):
            rows.append(row)
    # reduced row echelon form
    pivots, r = [], 0
    for col in range(len(unknowns)):
        pivot = next((i for i in range(r, len(rows)) if rows[i][col] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        rows[r] = [x / rows[r][col] for x in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][col] != 0:
                rows[i] = [a - rows[i][col] * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivots.append(col)
        r += 1
    found = set()
    for i, col in enumerate(pivots):
        if all(x == 0 for j, x in enumerate(rows[i][:-1]) if j != col):
            found.add(unknowns[col])
    return found


def test_the_attacker_finds_a_lone_hidden_cell():
    """The attack works: without complementary suppression a single hidden cell is found from its total."""
    g = make_grid({1: {"x": 3, "y": 10, "z": 20}, 2: {"x": 8, "y": 12, "z": 9}})
    g.cells[(1, "x")].suppressed = True
    assert ("team", "cell", (1, "x")) in recoverable({"team": g})


HAND_MADE = [
    {1: {"x": 3, "y": 10, "z": 20}, 2: {"x": 8, "y": 12, "z": 9}},
    {1: {"a": 1, "b": 2, "c": 30, "d": 40}, 2: {"a": 7, "b": 45, "c": 6, "d": 9}},
    {1: {"a": 2, "b": 0, "c": 0}, 2: {"a": 0, "b": 50, "c": 7}, 3: {"a": 9, "b": 6, "c": 1}},
    {1: {"a": 4, "b": 4, "c": 4}, 2: {"a": 40, "b": 0, "c": 12}},
    {1: {"a": 3}, 2: {"a": 20}, 3: {"a": 15}},
]


@pytest.mark.parametrize("values", HAND_MADE)
def test_no_hidden_cell_can_be_worked_out_from_the_totals_of_one_partition(values):
    g = suppress(make_grid(values), k=5)
    assert any(c.suppressed for c in g.cells.values())
    assert recoverable({"team": g}) == set()


def test_no_hidden_cell_can_be_worked_out_by_combining_the_team_and_the_wijk_pages():
    """Teams and wijken cut the same households differently; the municipality's figure per category is on both.
    Here the team grid must hide category 'a''s municipality figure (all of it is small), so the wijk grid may
    not show every one of its own 'a' cells either, or the municipal 'a' and then team 2's 'a' would follow."""
    teams = make_grid({1: {"a": 1, "b": 30}, 2: {"a": 2, "b": 20}})
    wijken = make_grid({"n": {"a": 1, "b": 25}, "z": {"a": 2, "b": 25}})
    grids = suppress_together({"team": teams, "wijk": wijken}, k=5)
    assert recoverable(grids) == set()
    assert grids["team"].category_totals["a"].suppressed and grids["wijk"].category_totals["a"].suppressed


def test_a_hidden_municipal_figure_cannot_be_added_up_from_the_other_partition():
    """One team serves two wijken. The team hides its 6 in 'a' to protect its 3 in 'x', and with it the
    municipality's 'a' (the team is the whole column). Had the wijk pages shown both their 'a' cells (6 and 0),
    the municipal 'a' = 6 = the team's 'a', and x = 34 - 25 - 6 = 3."""
    teams = make_grid({1: {"x": 3, "a": 6, "b": 25}})
    wijken = make_grid({"n": {"x": 3, "a": 6, "b": 5}, "z": {"x": 0, "a": 0, "b": 20}})
    leaky = {"team": make_grid({1: {"x": 3, "a": 6, "b": 25}}), "wijk": make_grid({"n": {"x": 3, "a": 6, "b": 5}, "z": {"x": 0, "a": 0, "b": 20}})}
    for cell in [leaky["team"].cells[(1, "x")], leaky["team"].cells[(1, "a")], leaky["team"].category_totals["x"],
                 leaky["team"].category_totals["a"], leaky["wijk"].cells[("n", "x")], leaky["wijk"].cells[("z", "x")],
                 leaky["wijk"].cells[("n", "b")], leaky["wijk"].category_totals["x"]]:
        cell.suppressed = True  # what suppressing each partition on its own, trusting a hidden total, gave
    assert ("team", "cell", (1, "x")) in recoverable(leaky)  # the leak this guards against
    assert recoverable(suppress_together({"team": teams, "wijk": wijken}, k=5)) == set()


def test_two_partitions_agree_on_every_municipal_figure():
    teams = make_grid({1: {"a": 3, "b": 10, "c": 20}, 2: {"a": 8, "b": 12, "c": 9}})
    wijken = make_grid({"n": {"a": 6, "b": 11, "c": 14}, "z": {"a": 5, "b": 11, "c": 15}})
    grids = suppress_together({"team": teams, "wijk": wijken}, k=5)
    for c in teams.categories:
        assert grids["team"].category_totals[c].suppressed == grids["wijk"].category_totals[c].suppressed
    assert recoverable(grids) == set()


# --- how hidden cells are written -------------------------------------------------------------------------------


@pytest.fixture
def dutch(settings):
    settings.LANGUAGE_CODE = "nl"
    settings.INSIGHTS_SMALL_CELL_THRESHOLD = 5
    from django.utils import translation

    with translation.override("nl"):
        yield


class _Indicator:
    key, title, definition, chart = "test", "Huishoudens per fase", "Handgemaakt.", "bar"


def _table():
    """One team: 3 is small; 20 is hidden with it (else 68 - 45 would give the 3 away) and is not '<5'."""
    g = suppress(make_grid({1: {"x": 3, "y": 45, "z": 20}}), k=5)
    table = Table(_Indicator(), [Column("Huishoudens"), Column("Aandeel", "percent"), Column("Vorige periode"), Column("Verschil", "change")])
    for label in g.categories:
        cell = g.cells[(1, label)]
        share = Cell(None if cell.suppressed else 100 * cell.value / 68, cell.households, cell.suppressed)
        table.rows.append(Row(label, [cell, share, Cell(12, 12), Cell(None, cell.households, True)]))
    table.rows.append(Row("Totaal", [g.unit_totals[1], Cell(100.0, 68), Cell(36, 36), Cell(32, 68)], is_total=True))
    return table


def test_a_cell_hidden_to_protect_another_says_verborgen_not_less_than_five(dutch):
    table = _table()
    assert [shown(r.cells[0], "count") for r in table.rows] == ["<5", "45", "verborgen", "68"]
    assert shown(table.rows[1].cells[1], "percent") == "66,2%"  # decimal comma
    notes = table.footnotes
    assert len(notes) == 3 and notes[0].startswith("<5") and notes[1].startswith("verborgen") and notes[2].startswith("—")


def test_csv_writes_hidden_cells_and_decimals_as_the_page_does(dutch):
    text = to_csv(_table()).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    by_label = {r[0]: r for r in rows if r}
    assert by_label["x"][1] == "<5" and by_label["z"][1] == "verborgen" and by_label["y"][1:3] == ["45", "66,2%"]
    assert any(r and r[0].startswith("verborgen:") for r in rows)  # the footnote travels with the file


def test_excel_writes_hidden_cells_with_the_footnote(dutch):
    sheet = load_workbook(io.BytesIO(to_xlsx([_table()], scope_label="Team 1", period_label="Q1"))).worksheets[0]
    values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "<5" in values and "verborgen" in values and 20 not in values and 3 not in values
    assert any(isinstance(v, str) and v.startswith("verborgen:") for v in values)


def test_a_hidden_bar_is_labelled_not_drawn_as_zero_and_axes_use_decimal_commas(dutch):
    table = _table()
    table.columns[1] = Column("Vorige periode")  # a chart of this period and the previous one
    uri, alt = chart_for(table)
    svg = base64.b64decode(uri.split(",", 1)[1]).decode()
    assert ">&lt;5</text>" in svg and ">verborgen</text>" in svg  # in place of the bar, on the axis
    assert "x: Deze periode <5" in alt and "z: Deze periode verborgen" in alt
    decimal_table = _table()
    decimal_table.rows = [Row(r.label, [Cell(v, 20), Cell(v, 20), Cell(v, 20), Cell(0, 20)]) for r, v in zip(decimal_table.rows, [0.5, 1.5, 2.5, 3.5], strict=True)]
    svg = base64.b64decode(chart_for(decimal_table)[0].split(",", 1)[1]).decode()
    assert re.search(r">\d+,\d</text>", svg) and not re.search(r">\d+\.\d+</text>", svg)
