"""The privacy officer finds every attempt on one household (refusals included) and exports one person — axe-clean."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from eenplan.access.audit import log_access
from eenplan.access.models import Action, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.testing.browser import assert_accessible, log_in
from eenplan.testing.factories import CaseFactory, HouseholdMemberFactory, TeamFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_protocol_is_public_and_accessible_at_desktop_and_phone_width(page, live_server):
    page.goto(f"{live_server.url}/aanmelden/")
    page.get_by_role("link", name="Wie mag uw gegevens zien").first.click()
    expect(page.get_by_role("heading", name="Wie mag uw gegevens zien", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Privacyfunctionaris")).to_be_visible()
    for width, height in [(1366, 900), (390, 844)]:
        page.set_viewport_size({"width": width, "height": height})
        assert_accessible(page)


def test_privacy_officer_finds_every_attempt_and_exports_a_person(page, live_server):
    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team, username="anna")
    snoop = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team, username="bram")
    officer = UserFactory(roles=[RoleCode.MUNICIPAL_OFFICER], username="karin")
    member = HouseholdMemberFactory(household__name="Gezin Veldman", person__given_names="Sandra", person__surname="Veldman")
    case = CaseFactory(household=member.household, team=team, regisseur=pro, question="Overzicht over de schulden.")
    log_access(user=pro, action=Action.READ, record=case)
    log_access(user=snoop, action=Action.READ, record=case, outcome=Outcome.REFUSED)
    log_access(user=officer, action=Action.READ, record=member.household, outcome=Outcome.REFUSED)
    fg = UserFactory(roles=[RoleCode.PRIVACY_OFFICER], username="pieter")

    log_in(page, live_server.url, fg)
    expect(page.get_by_role("heading", name="Privacy", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Wie keek naar een huishouden of persoon").click()
    page.get_by_label("Huishouden (nummer of naam)").fill("Veldman")
    page.get_by_role("button", name="Zoeken in het log").click()
    expect(page.get_by_role("heading", name=f"Logregels over Gezin Veldman (huishouden {member.household_id})")).to_be_visible()
    expect(page.get_by_text("3 regels gevonden.")).to_be_visible()
    rows = page.locator("table tbody tr")
    texts = [rows.nth(i).inner_text() for i in range(rows.count())]
    assert sum("geweigerd" in t for t in texts) == 2
    assert any("bram" in t for t in texts) and any("karin" in t for t in texts) and any("anna" in t for t in texts)
    assert_accessible(page)

    page.get_by_role("link", name="Privacy", exact=True).click()
    page.get_by_role("link", name="Ongebruikelijke toegang").click()
    expect(page.get_by_role("heading", name="Bekeken buiten de eigen caseload")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Privacy", exact=True).click()
    page.get_by_role("link", name="Verzoek van een inwoner: gegevens inzien of verwijderen").click()
    page.get_by_label("Persoon (nummer, BSN of naam)").fill("Sandra Veldman")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Veldman, Sandra").click()
    expect(page.get_by_role("heading", name="Alles over deze persoon (AVG art. 15)")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as info:
        page.get_by_role("link", name="Downloaden als pdf").click()
    pdf = info.value
    assert pdf.suggested_filename == f"inzage-{member.person_id}.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(open(pdf.path(), "rb").read())).pages)
    assert "Overzicht over de schulden." in " ".join(text.split())
