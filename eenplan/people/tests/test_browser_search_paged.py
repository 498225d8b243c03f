"""Issue 13: the pagination links of a paged list, in the browser and checked with axe-core."""

import pytest
from playwright.sync_api import expect

from eenplan.accounts.models import RoleCode
from eenplan.people import selectors, views
from eenplan.testing.browser import assert_accessible, log_in
from eenplan.testing.factories import PersonFactory, TeamFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_pages_through_results_with_accessible_links(page, live_server, monkeypatch):
    monkeypatch.setattr(selectors, "MAX_RESULTS", 2)
    monkeypatch.setattr(views, "MAX_RESULTS", 2)
    for i in range(3):
        PersonFactory(given_names=f"Jan{i}", surname="Pagina")
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=TeamFactory())
    log_in(page, live_server.url, pro)
    page.goto(f"{live_server.url}/zoeken/?name=pagina")
    nav = page.get_by_role("navigation", name="Pagina's")
    expect(nav).to_contain_text("Pagina 1")
    assert_accessible(page)
    nav.get_by_role("link", name="Volgende").click()
    expect(page).to_have_url(f"{live_server.url}/zoeken/?name=pagina&page=2")
    expect(page.get_by_role("cell", name="Pagina, Jan2")).to_be_visible()
    expect(page.get_by_role("navigation", name="Pagina's").get_by_role("link", name="Vorige")).to_be_visible()
