"""Jan Bakker was registered twice (two households at one address, one record with a BSN): the registration's match
proposal finds both, the professional merges them from there, sees both side by side with the evidence, and undoes
it on the kept record's page — axe-clean."""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Phase
from eenplan.people.models import HouseholdMember, Merge, Person
from eenplan.testing.browser import assert_accessible, log_in
from eenplan.testing.factories import (
    CaseFactory,
    HouseholdFactory,
    HouseholdMemberFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
    WijkFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KERK = {"street": "Kerkstraat", "house_number": 8, "postcode": "7413 AB", "city": "Eendijk"}


def test_a_professional_merges_a_person_registered_twice_from_the_match_proposal_and_undoes_it(page, live_server):
    wijk = WijkFactory(name="Oosterpark", postcode_areas="7413")
    team = TeamFactory(wijken=[wijk])
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team, first_name="Anna", last_name="de Boer")
    h1 = HouseholdFactory(name="Gezin Bakker", wijk=wijk, **KERK)
    h2 = HouseholdFactory(name="Huishouden Bakker", wijk=wijk, **KERK)
    jan1 = HouseholdMemberFactory(household=h1, person=PersonFactory(given_names="Jan", surname="Bakker", bsn="",
                                                                      birth_date=date(1980, 2, 3), **KERK)).person
    jan2 = HouseholdMemberFactory(household=h2, person=PersonFactory(given_names="Jan", surname="Bakker", bsn="999991000",
                                                                      birth_date=date(1980, 2, 3), **KERK)).person
    CaseFactory(household=h1, team=team, regisseur=pro)
    CaseFactory(household=h2, team=team, regisseur=pro, phase=Phase.AFGESLOTEN, closed_at=timezone.now())
    log_in(page, live_server.url, pro)

    # Registering Jan again: the proposal finds both records, and offers to merge them.
    page.goto(f"{live_server.url}/huishoudens/nieuw/")
    page.locator("#id_hh-name").fill("Gezin Bakker")
    page.locator("#id_hh-wijk").select_option(str(wijk.pk))
    page.locator("#id_hh-street").fill("Kerkstraat")
    page.locator("#id_hh-house_number").fill("8")
    page.locator("#id_hh-postcode").fill("7413 AB")
    page.locator("#id_p-given_names").fill("Jan")
    page.locator("#id_p-surname").fill("Bakker")
    page.locator("#id_p-birth_date").fill("03-02-1980")
    page.locator("#id_p-role").select_option("ouder")
    page.get_by_role("button", name="Registreren en casus openen").click()
    expect(page.get_by_role("heading", name="Dit huishouden lijkt al geregistreerd")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Dit is dezelfde persoon — samenvoegen").click()

    # Both side by side, with what they matched on; the record with the BSN is proposed to stay.
    expect(page.get_by_role("heading", name="Dezelfde persoon? Twee registraties samenvoegen")).to_be_visible()
    expect(page.get_by_text("Overeenkomst op: achternaam, voornaam, geboortedatum, adres")).to_be_visible()
    expect(page.get_by_role("cell", name="999991000")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page)
    page.set_viewport_size({"width": 1366, "height": 900})
    assert page.get_by_label(f"Jan Bakker, geboren 03-02-1980 (registratie {jan2.pk})").is_checked()
    page.get_by_role("button", name="Dit is dezelfde persoon — samenvoegen").click()
    expect(page.get_by_text("Schrijf op waarom dit één en dezelfde zijn (minstens 10 tekens).")).to_be_visible()
    page.get_by_label("Waarom zijn dit één en dezelfde?").fill("Zelfde persoon volgens de BRP en de inwoner zelf.")
    page.get_by_role("button", name="Dit is dezelfde persoon — samenvoegen").click()
    expect(page.get_by_text("De registraties zijn samengevoegd.")).to_be_visible()
    assert Person.objects.get(pk=jan1.pk).merged_into_id == jan2.pk
    assert set(HouseholdMember.objects.filter(person=jan2).values_list("household_id", flat=True)) == {h1.pk, h2.pk}

    # The kept record's page offers the undo during the period.
    expect(page.get_by_role("heading", name="Samengevoegde registraties")).to_be_visible()
    assert_accessible(page)
    merge = Merge.objects.get()
    page.get_by_label("Waarom maakt u het samenvoegen ongedaan?").fill("Toch twee mensen: andere moeder volgens de BRP.")
    page.get_by_role("button", name=f"Ongedaan maken (samenvoeging {merge.pk})").click()
    expect(page.get_by_text("Het samenvoegen is ongedaan gemaakt")).to_be_visible()
    assert Person.objects.get(pk=jan1.pk).merged_into_id is None
    assert HouseholdMember.objects.filter(household=h1, person=jan1).exists()
    assert_accessible(page)
