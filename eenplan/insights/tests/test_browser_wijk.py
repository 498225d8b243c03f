"""Open the wijk page, change the period, download the Excel file — axe-clean, charts with text alternatives."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from eenplan.accounts.models import RoleCode
from eenplan.insights.models import ReflectionTheme
from eenplan.insights.services import vertelpunt_create
from eenplan.testing.browser import assert_accessible, log_in
from eenplan.testing.factories import UserFactory

from .data import at, make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_wijk_page_period_and_excel(page, live_server, settings):
    settings.INSIGHTS_SMALL_CELL_THRESHOLD = 2
    world = make_world()
    theme = ReflectionTheme.objects.create(name="Samenwerking met partners")
    note = vertelpunt_create(team=world.team_a, wijk=world.noord, theme=theme, tone="goed",
                             text="De woningcorporatie belde meteen terug; samen op huisbezoek werkte goed.", by=world.u1)
    type(note).objects.filter(pk=note.pk).update(written_at=at(2025, 2, 3))  # written in the period shown below
    policy = UserFactory(roles=[RoleCode.POLICY], first_name="Petra", last_name="Beleid")

    log_in(page, live_server.url, policy)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Inzicht").click()
    page.get_by_role("link", name="Noord").click()
    expect(page.get_by_role("heading", name="Wijkcijfers: Noord")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Van", exact=True).fill("2025-01-01")
    page.get_by_label("Tot en met", exact=True).fill("2025-03-31")
    page.get_by_role("button", name="Toon cijfers").click()
    expect(page.get_by_text("Periode: 1 januari 2025 – 31 maart 2025")).to_be_visible()
    # Noord opened three cases in the period, one a month: each month is hidden (threshold 2), the total of 3 is shown.
    opened = page.locator("#h-cases_opened").locator("xpath=..").get_by_role("table")
    assert opened.get_by_role("row", name="Totaal").get_by_role("cell").first.inner_text() == "3"
    assert "<2" in opened.get_by_role("row", name="januari 2025").inner_text()
    # Open cases per phase on 31 March: Noord 3 (one each), Zuid 1. Zuid's total is small, so Noord's total is hidden with it —
    # otherwise the municipality's 4 minus Noord's 3 would give Zuid away. Noord's 3 is not below 2: "verborgen", not "<2".
    phases = page.locator("#h-cases_per_phase").locator("xpath=..").get_by_role("table")
    assert phases.get_by_role("row", name="Totaal").get_by_role("cell").first.inner_text() == "verborgen"
    expect(page.locator("#h-cases_per_phase").locator("xpath=..").get_by_text("verborgen: dit cijfer kan 2 of meer zijn")).to_be_visible()
    # Every chart has a text alternative that reads the figures out.
    charts = page.locator("img[src^='data:image/svg+xml']")
    assert charts.count() > 5
    for i in range(charts.count()):
        assert charts.nth(i).get_attribute("alt").startswith("Grafiek:")
    expect(page.get_by_text(note.text)).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as info:
        page.get_by_role("link", name="Download alle tabellen als Excel").click()
    download = info.value
    assert download.suggested_filename == "eenplan-noord-alle-cijfers-2025-01-01-2025-03-31.xlsx"
    workbook = load_workbook(io.BytesIO(open(download.path(), "rb").read()))
    rows = [[c.value for c in row] for row in workbook["Geopende casussen per maand"].iter_rows()]
    assert ["Periode", "1 januari 2025 – 31 maart 2025"] == rows[2][:2]
    assert next(r for r in rows if r[0] == "Totaal")[1] == 3
    assert next(r for r in rows if r[0] == "januari 2025")[1] == "<2"
    phases = [[c.value for c in row] for row in workbook["Open casussen per fase"].iter_rows()]
    assert next(r for r in phases if r[0] == "Totaal")[1] == "verborgen"
