import pytest
from playwright.sync_api import expect

from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Phase
from eenplan.testing.browser import assert_accessible, log_in
from eenplan.testing.factories import CaseFactory, HouseholdMemberFactory, PersonFactory, TeamFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_search_open_case_accessible(page, live_server):
    team = TeamFactory()
    user = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team, first_name="Anna", last_name="de Boer")
    person = PersonFactory(given_names="Sanne", surname="Zwanenburg", postcode="7411 AB", house_number=12)
    member = HouseholdMemberFactory(person=person, household__name="Huishouden Zwanenburg")
    case = CaseFactory(household=member.household, team=team, regisseur=user, phase=Phase.PLAN)

    page.goto(f"{live_server.url}/inloggen/")
    assert_accessible(page)
    log_in(page, live_server.url, user)
    expect(page.get_by_role("heading", name="Mijn caseload")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Zoeken").click()
    page.get_by_label("Naam").fill("zwanen")
    page.get_by_label("Postcode").fill("7411")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("cell", name="Zwanenburg, Sanne")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Huishouden Zwanenburg").click()
    page.get_by_role("link", name=f"Casus #{case.pk}").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Huishouden Zwanenburg")
    assert_accessible(page)
