"""A team lead imports a file of persons: upload → the dry-run report → "Importeren" → the report — axe-clean."""

import pytest
from playwright.sync_api import expect

from eenplan.accounts.models import RoleCode
from eenplan.people.models import Household, Person
from eenplan.people.tests.test_import import ROWS, csv_bytes
from eenplan.testing.browser import assert_accessible, log_in
from eenplan.testing.factories import TeamFactory, UserFactory, WijkFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_team_lead_imports_persons_after_a_dry_run(page, live_server, tmp_path):
    wijk = WijkFactory(name="Oosterpark", code="oosterpark", postcode_areas="7413,7414")
    lead = UserFactory(roles=[RoleCode.TEAM_LEAD], team=TeamFactory(wijken=[wijk]))
    path = tmp_path / "personen.csv"
    path.write_bytes(csv_bytes(ROWS[:4]))  # two valid rows at one address, a BSN failing the elfproef, a bad postcode
    log_in(page, live_server.url, lead)

    page.goto(f"{live_server.url}/huishoudens/import/")
    expect(page.get_by_role("heading", name="Inwoners en huishoudens importeren")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Bestand (CSV)").set_input_files(str(path))
    page.get_by_label("Alleen de goede regels importeren").check()
    page.get_by_role("button", name="Proefimport").click()

    expect(page.get_by_role("heading", name="Proefimport: wat de import zou doen")).to_be_visible()
    expect(page.get_by_text("Proefimport: er is niets opgeslagen.")).to_be_visible()
    expect(page.get_by_role("row", name="4 Piet Fout geweigerd")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Emre Yildiz")).to_contain_text("nieuw huishouden Huishouden Yildiz (regel 2)")
    assert not Person.objects.exists()
    assert_accessible(page)

    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_role("heading", name="Verslag van de import")).to_be_visible()
    expect(page.get_by_text("Geïmporteerd, zonder de geweigerde regels.")).to_be_visible()
    assert_accessible(page)
    assert set(Person.objects.values_list("given_names", flat=True)) == {"Fatma", "Emre"}
    assert Household.objects.get().name == "Huishouden Yildiz"
