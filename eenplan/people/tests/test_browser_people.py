"""A professional keeps a household right: a baby without BSN, a typo and a role corrected, a move
with the earlier address kept, a BSN typed twice and a household registered twice — axe-clean."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from eenplan.accounts.models import RoleCode
from eenplan.people.models import Household, HouseholdAddress, MemberRole, Person
from eenplan.testing.browser import assert_accessible, log_in
from eenplan.testing.factories import CaseFactory, HouseholdMemberFactory, TeamFactory, UserFactory, WijkFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_professional_keeps_the_household_right(page, live_server):
    wijk = WijkFactory(name="Oosterpark", postcode_areas="7413")
    team = TeamFactory(wijken=[wijk])
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team, first_name="Anna", last_name="de Boer")
    member = HouseholdMemberFactory(household__name="Huishouden Yilmaz", household__wijk=wijk, household__street="Molenweg",
                                    household__house_number=52, household__postcode="7413 WD", household__city="Eendijk",
                                    person__given_names="Mehmet", person__surname="Yilmaz", person__bsn="720325882",
                                    person__birth_date=date(1984, 3, 16), person__street="Molenweg", person__house_number=52,
                                    person__postcode="7413 WD", person__city="Eendijk", role=MemberRole.OTHER)
    household = member.household
    CaseFactory(household=household, team=team, regisseur=pro)
    log_in(page, live_server.url, pro)

    # A baby without a BSN.
    page.goto(f"{live_server.url}/huishoudens/{household.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Lid van het huishouden toevoegen").click()
    page.get_by_label("Voornamen").fill("Elif")
    page.get_by_label("Achternaam").fill("Yilmaz")
    page.get_by_label("Geboortedatum").fill("15-09-2026")
    page.get_by_label("Rol in het huishouden").select_option("kind")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("Elif Yilmaz is toegevoegd aan het huishouden.")).to_be_visible()
    assert Person.objects.get(given_names="Elif").bsn == ""

    # The same BSN typed for someone else: who has it, with a link to the household.
    page.get_by_role("link", name="Lid van het huishouden toevoegen").click()
    page.get_by_label("Voornamen").fill("Kerem")
    page.get_by_label("Achternaam").fill("Yilmaz")
    page.get_by_label("BSN").fill("720325882")
    page.get_by_label("Rol in het huishouden").select_option("partner")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("Dit BSN is al geregistreerd voor Mehmet Yilmaz, in")).to_be_visible()
    expect(page.get_by_role("link", name="Huishouden Yilmaz")).to_be_visible()
    assert page.get_by_label("Voornamen").input_value() == "Kerem"
    assert_accessible(page)

    # A typo, a new phone number and the role corrected.
    page.goto(f"{live_server.url}/huishoudens/{household.pk}/")
    page.get_by_role("link", name="Wijzigen Mehmet Yilmaz").click()
    assert_accessible(page)
    page.get_by_label("Voornamen").fill("Mehmet Ali")
    page.get_by_label("Telefoon").fill("0687654321")
    page.get_by_label("Rol in het huishouden").select_option("ouder")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De gegevens van Mehmet Yilmaz zijn opgeslagen.")).to_be_visible()
    member.refresh_from_db()
    assert member.role == MemberRole.PARENT and member.person.phone == "0687654321"

    # The household moves: the earlier address stays, with its dates.
    page.get_by_role("link", name="Nieuw adres (verhuizing of verbetering)").click()
    assert_accessible(page)
    page.get_by_label("Verhuisd op").fill("01-11-2026")
    page.get_by_label("Straat").fill("Kerkstraat")
    page.get_by_label("Huisnummer").fill("8")
    page.get_by_label("Postcode").fill("7413 AB")
    page.get_by_role("button", name="Nieuw adres opslaan").click()
    expect(page.get_by_role("heading", name="Eerdere adressen")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Molenweg 52, 7413 WD Eendijk — tot 01-11-2026"))).to_be_visible()
    assert HouseholdAddress.objects.filter(household=household).count() == 2
    assert_accessible(page)

    # The same household registered again: offered instead of made twice.
    page.goto(f"{live_server.url}/huishoudens/nieuw/")
    page.locator("#id_hh-name").fill("Gezin Yilmaz")
    page.locator("#id_hh-wijk").select_option(str(wijk.pk))
    page.locator("#id_hh-street").fill("Kerkstraat")
    page.locator("#id_hh-house_number").fill("8")
    page.locator("#id_hh-postcode").fill("7413 AB")
    page.locator("#id_p-given_names").fill("Mehmet")
    page.locator("#id_p-surname").fill("Yilmaz")
    page.locator("#id_p-birth_date").fill("16-03-1984")
    page.locator("#id_p-role").select_option("ouder")
    page.get_by_role("button", name="Registreren en casus openen").click()
    expect(page.get_by_role("heading", name="Dit huishouden lijkt al geregistreerd")).to_be_visible()
    expect(page.get_by_text("Overeenkomst op: achternaam, voornaam, geboortedatum, adres")).to_be_visible()
    assert_accessible(page)
    assert Household.objects.count() == 1
