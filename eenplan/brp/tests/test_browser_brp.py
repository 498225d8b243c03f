"""A professional registers a person through the BRP lookup and is offered the household already registered
at that address instead of a duplicate — axe-clean, with screenshots in test-results/brp/."""

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from eenplan.access.models import AccessLogEntry
from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Case
from eenplan.people.models import Household, Person
from eenplan.testing.browser import assert_accessible, log_in
from eenplan.testing.factories import CaseFactory, HouseholdMemberFactory, TeamFactory, UserFactory, WijkFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[3] / "test-results" / "brp"


def test_registering_through_the_brp_offers_the_existing_household(page, live_server, brp_standin):
    SHOTS.mkdir(parents=True, exist_ok=True)
    wijk = WijkFactory(name="Oosterpark", postcode_areas="7413")
    team = TeamFactory(wijken=[wijk])
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team, first_name="Anna", last_name="de Boer")
    lotte = HouseholdMemberFactory(household__name="Gezin Bakker", household__wijk=wijk, household__street="Kerkstraat",
                                   household__house_number=8, household__postcode="7413 AB", household__city="Eendijk",
                                   person__given_names="Lotte", person__surname="Bakker", person__bsn="999991073",
                                   person__birth_date=date(2015, 5, 9), role="kind")
    household = lotte.household
    CaseFactory(household=household, team=team, regisseur=pro)
    log_in(page, live_server.url, pro)

    page.goto(f"{live_server.url}/huishoudens/nieuw/")
    page.get_by_label("Telefoon").fill("0612345678")  # typed before the lookup: must survive it
    page.get_by_label("Aanmelding van een inwoner die om hulp vroeg of werd doorverwezen").check()
    page.get_by_label("Zoek op BSN").fill("999991000")
    page.get_by_role("button", name="Zoeken in de BRP").click()
    expect(page.get_by_role("heading", name="Voorstel uit de BRP: Jan Willem Bakker")).to_be_visible()
    expect(page.get_by_label("Telefoon")).to_have_value("0612345678")
    proposal = page.locator("#brp-proposal")
    expect(proposal.get_by_text("Lotte Bakker (09-05-2015) — al geregistreerd in eenplan")).to_be_visible()
    expect(proposal.get_by_role("link", name="Gezin Bakker")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "1-proposal.png"), full_page=True)

    # Take over all but the city (ticked by default where the BRP differs), and Noor, Lotte's twin, as a member.
    page.get_by_label("Plaats overnemen").uncheck()
    page.get_by_label("Ook Noor Bakker als lid registreren").check()
    page.get_by_role("button", name="Aangevinkte gegevens overnemen").click()
    expect(page.get_by_text("Overgenomen uit de BRP: Voornamen, Achternaam, Geboortedatum, BSN, Straat, Huisnummer, Postcode")).to_be_visible()
    expect(page.get_by_label("Voornamen", exact=True)).to_have_value("Jan Willem")
    expect(page.locator("#id_hh-city")).to_have_value("")
    expect(page.get_by_label("Telefoon")).to_have_value("0612345678")
    assert Person.objects.count() == 1  # nothing saved yet
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "2-taken-over.png"), full_page=True)

    page.locator("#id_hh-name").fill("Gezin Bakker")
    page.locator("#id_hh-city").fill("Eendijk")
    page.locator("#id_hh-wijk").select_option(str(wijk.pk))
    page.get_by_label("Rol in het huishouden").select_option("ouder")
    page.get_by_role("button", name="Registreren en casus openen").click()
    expect(page.get_by_role("heading", name="Dit huishouden lijkt al geregistreerd")).to_be_visible()
    expect(page.get_by_text("Een huishouden op dit adres, niet dezelfde persoon — Overeenkomst op: adres").first).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "3-existing-household-offered.png"), full_page=True)
    assert Household.objects.count() == 1

    page.get_by_role("button", name="In plaats daarvan toevoegen aan Gezin Bakker").click()
    expect(page.get_by_text("Jan Bakker is toegevoegd aan het huishouden.")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "4-added-to-household.png"), full_page=True)
    assert Household.objects.count() == 1 and Case.objects.count() == 1
    members = sorted(household.members.values_list("person__given_names", "role"))
    assert members == [("Jan Willem", "ouder"), ("Lotte", "kind"), ("Noor", "kind")]
    assert Person.objects.get(given_names="Jan Willem").phone == "0612345678"
    assert AccessLogEntry.objects.filter(user=pro, record_type="brp.Persoon", reason__startswith="aanmelding").count() >= 2
