"""Small-cell suppression: primary, complementary (no recovery by subtraction), and in pages, charts and exports."""

import csv
import io

import pytest
from openpyxl import load_workbook

from eenplan.insights.suppression import Cell, Grid, suppress

from .data import make_world
from .helpers import MUNI, figures, team, wijk

pytestmark = pytest.mark.django_db


def grid(values, additive=True):
    """values: {unit: {category: households}}; value = households."""
    units, categories = list(values), list(next(iter(values.values())))
    cells = {(u, c): Cell(values[u][c], values[u][c]) for u in units for c in categories}
    unit_totals = {u: Cell(sum(values[u].values()), sum(values[u].values())) for u in units}
    category_totals = {c: Cell(sum(values[u][c] for u in units), sum(values[u][c] for u in units)) for c in categories}
    total = sum(t.value for t in unit_totals.values())
    return Grid(cells, unit_totals, category_totals, Cell(total, total), units, categories, additive)


def hidden(g):
    return {key for key, cell in g.cells.items() if cell.suppressed}


def test_a_lone_small_cell_takes_the_next_smallest_with_it():
    # Team 1: 3 / 10 / 20 — the 3 is small; alone, 33 - 10 - 20 would give it away, so the 10 goes too.
    # Along the teams: team 2's 'x' (8) is the next smallest of category x (3 hidden, needs a second cell).
    g = suppress(grid({1: {"x": 3, "y": 10, "z": 20}, 2: {"x": 8, "y": 12, "z": 9}}), k=5)
    assert (1, "x") in hidden(g) and (1, "y") in hidden(g)
    assert (2, "x") in hidden(g)
    # …and in category y team 2's 12 goes with team 1's 10, and team 2's row then needs nothing more (two hidden, 20 ≥ 5).
    assert (2, "y") in hidden(g)
    for unit in (1, 2):
        row = [g.cells[(unit, c)] for c in g.categories]
        assert sum(1 for c in row if c.suppressed) != 1, "a row never has exactly one hidden cell"
    for category in g.categories:
        col = [g.cells[(u, category)] for u in g.units]
        assert sum(1 for c in col if c.suppressed) != 1, "a column never has exactly one hidden cell"


def test_two_small_cells_that_together_stay_small_take_a_third():
    # 1 and 2 hidden together still tell 'these three households'; a third cell is hidden (sum must reach 5).
    g = suppress(grid({1: {"a": 1, "b": 2, "c": 30, "d": 40}}), k=5)
    assert hidden(g) == {(1, "a"), (1, "b"), (1, "c")}


def test_when_nothing_is_left_to_hide_the_total_is_hidden():
    g = suppress(grid({1: {"a": 1, "b": 2}}), k=5)
    assert hidden(g) == {(1, "a"), (1, "b")} and g.unit_totals[1].suppressed and g.total.suppressed


def test_zero_is_shown():
    g = suppress(grid({1: {"a": 0, "b": 10, "c": 12}}), k=5)
    assert hidden(g) == set()


@pytest.fixture
def world(settings):
    settings.INSIGHTS_SMALL_CELL_THRESHOLD = 5
    settings.LANGUAGE_CODE = "en"
    return make_world()


def test_small_figures_are_hidden_in_pages_tables_and_exports(world, verified_client):
    from eenplan.testing.factories import UserFactory

    # Team A has 3 open cases on 31 March (tests/data.py): every count about them is below 5.
    rows = figures("cases_per_phase", team(world.team_a))
    assert rows["Total"][0] == "hidden" and rows["Plan"][0] == "hidden"
    # The municipality's 4 open cases are below 5 as well.
    assert figures("cases_per_phase", MUNI)["Total"][0] == "hidden"
    # A median about 3 households is hidden too.
    assert figures("time_in_phase", team(world.team_a))["All"][1] == "hidden"

    policy = UserFactory(roles=["policy"])
    client = verified_client(policy)
    body = client.get(f"/inzicht/teams/{world.team_a.pk}/?van=2025-01-01&tot=2025-03-31").content.decode()
    assert "&lt;5" in body
    content = client.get(f"/inzicht/teams/{world.team_a.pk}/cases_per_phase.csv?van=2025-01-01&tot=2025-03-31").content.decode("utf-8-sig")
    table = [row for row in csv.reader(io.StringIO(content), delimiter=";") if len(row) > 1]  # the table, not its notes
    assert table[-1][0] == "Total" and table[-1][1] == "<5"
    assert all(cell in ("<5", "0", "—", "") for row in table[1:] for cell in row[1:])
    xlsx = client.get("/inzicht/wijken/noord/export.xlsx?van=2025-01-01&tot=2025-03-31").content
    sheet = load_workbook(io.BytesIO(xlsx)).worksheets[0]
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert 3 not in values and 1 not in values  # team A's 3 cases per month (1 each) never appear as numbers


def test_hidden_cells_are_left_out_of_the_chart_and_named_in_its_text(world):
    from eenplan.insights.charts import chart_for
    from eenplan.insights.selectors import table_for

    from .data import PERIOD

    table = table_for(wijk(world.noord), PERIOD, "cases_per_phase")
    uri, text = chart_for(table)
    assert uri.startswith("data:image/svg+xml;base64,")
    assert "<5" in text and "Plan" in text
