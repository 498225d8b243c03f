"""On the partners page: add a partner, record consent for sharing with it, see what is shared,
then record a case discussion — axe-clean on every page."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Phase
from eenplan.socialmap.models import CaseDiscussion, CasePartner, SharingBasis
from eenplan.testing.browser import assert_accessible, log_in
from eenplan.testing.factories import CaseFactory, HouseholdMemberFactory, TeamFactory, UserFactory

from .factories import OrganisationFactory, ProvisionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_partner_with_consent_and_a_case_discussion(page, live_server):
    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team, first_name="Anna", last_name="de Boer")
    UserFactory(roles=[RoleCode.PROFESSIONAL], team=team, first_name="Bram", last_name="Kuipers")
    member = HouseholdMemberFactory(household__name="Huishouden Veldkamp", household__wijk=team.wijken.first(),
                                    person__given_names="Sanne", person__surname="Veldkamp")
    case = CaseFactory(household=member.household, team=team, regisseur=pro, phase=Phase.ONDERSTEUNING,
                       question="Huurachterstand en stress.")
    OrganisationFactory(name="Schuldhulp Eendijk")
    ProvisionFactory(name="Thuisadministratie", domains=["financien"])
    until = (timezone.localdate().replace(year=timezone.localdate().year + 1)).isoformat()

    log_in(page, live_server.url, pro)
    page.goto(f"{live_server.url}/casussen/{case.pk}/")
    page.get_by_role("navigation", name="Onderdelen van de casus").get_by_role("link", name="Partners & voorzieningen").click()
    expect(page.get_by_role("heading", name="Partners in deze casus")).to_be_visible()
    assert_accessible(page)

    # Add a partner.
    page.get_by_text("Partner toevoegen", exact=True).first.click()
    page.get_by_label("Partnerorganisatie").select_option(label="Schuldhulp Eendijk")
    page.get_by_label("Rol in deze casus").fill("schuldhulpverlener")
    page.get_by_label("Contactpersoon", exact=True).fill("Petra Smit")
    page.get_by_role("button", name="Partner toevoegen").click()
    expect(page.get_by_text("Partner toegevoegd.")).to_be_visible()
    expect(page.get_by_role("cell", name="niets: geen geldige grondslag")).to_be_visible()

    # Record consent without a purpose first: refused, input kept.
    page.get_by_text("Grondslag voor delen vastleggen").click()
    page.get_by_label("Partner", exact=True).select_option(label="Schuldhulp Eendijk")
    page.get_by_label("toestemming van de betrokkene").check()
    page.get_by_label("Wettelijke taak waarvoor gedeeld wordt").select_option(value="wgs")
    page.get_by_label("Waarom is delen noodzakelijk?").fill("Aanmelding bij schuldhulp vraagt contactgegevens en hulpvraag.")
    page.get_by_label("namen en contactgegevens van het huishouden").check()
    page.get_by_label("de hulpvraag van het huishouden").check()
    page.get_by_label("Tot en met").fill(until)
    page.get_by_label("Wie gaf toestemming").select_option(label="Sanne Veldkamp")
    page.get_by_label("Hoe is toestemming gegeven").select_option(value="schriftelijk")
    page.get_by_role("button", name="Grondslag vastleggen").click()
    expect(page.get_by_text("Kies het doel van het delen.")).to_be_visible()
    assert page.get_by_label("Waarom is delen noodzakelijk?").input_value().startswith("Aanmelding bij schuldhulp")
    assert_accessible(page)
    page.get_by_label("Doel", exact=True).select_option(value="afstemming")
    page.get_by_role("button", name="Grondslag vastleggen").click()
    expect(page.get_by_text("De grondslag voor delen is vastgelegd.")).to_be_visible()
    expect(page.get_by_role("cell", name="namen en contactgegevens van het huishouden, de hulpvraag van het huishouden").first).to_be_visible()
    assert_accessible(page)

    # The overview for the partner shows the question and the household, on this basis.
    page.get_by_role("link", name="Overzicht voor Schuldhulp Eendijk").click()
    expect(page.get_by_text("Huurachterstand en stress.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Terug naar partners & voorzieningen").click()

    # Record a case discussion.
    page.get_by_role("link", name="Casusoverleg vastleggen").click()
    page.get_by_label("Soort overleg").select_option(value="maatwerktafel")
    page.get_by_label("Bram Kuipers").check()
    page.get_by_label("Partner 1: organisatie").select_option(label="Schuldhulp Eendijk")
    page.get_by_label("Partner 1: rol").fill("schuldhulpverlener")
    page.get_by_label("Partner 1: naam").fill("Petra Smit")
    page.get_by_label("Vraag", exact=True).fill("Huisuitzetting dreigt; kan budgetbeheer met voorrang?")
    page.get_by_label("Advies (optioneel)").fill("Budgetbeheer met voorrang, corporatie houdt ontruiming aan.")
    page.get_by_label("Vervolgactie 1").fill("Budgetbeheer aanvragen")
    assert_accessible(page)
    page.get_by_role("button", name="Casusoverleg opslaan").click()
    # The action has no owner: refused, everything kept.
    expect(page.get_by_text("Elke vervolgactie heeft een omschrijving en een uitvoerder nodig.")).to_be_visible()
    assert page.get_by_label("Vervolgactie 1").input_value() == "Budgetbeheer aanvragen"
    assert_accessible(page)
    page.get_by_label("Actie 1: wie").fill("regisseur")
    page.get_by_role("button", name="Casusoverleg opslaan").click()
    expect(page.get_by_text("Casusoverleg vastgelegd.")).to_be_visible()
    expect(page.get_by_text("Huisuitzetting dreigt; kan budgetbeheer met voorrang?")).to_be_visible()
    assert_accessible(page)

    assert CasePartner.objects.get(case=case).contact_name == "Petra Smit"
    assert SharingBasis.objects.get(case=case).consent_by == member.person
    discussion = CaseDiscussion.objects.get(case=case)
    assert discussion.kind == "maatwerktafel" and discussion.actions.get().owner == "regisseur"


def test_search_the_sociale_kaart(page, live_server):
    from eenplan.testing.factories import WijkFactory

    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=TeamFactory())
    hoven = WijkFactory(name="De Hoven", code="de-hoven")
    ProvisionFactory(name="Thuisadministratie", domains=["financien"], description="Hulp met post en rekeningen")
    ProvisionFactory(name="Huiskamer De Hoven", type="collectief", domains=["sociaal-netwerk"], wijken=[hoven])
    ProvisionFactory(name="Budgetbeheer", type="maatwerk", needs_decision=True, domains=["financien"], wijken=[WijkFactory()])

    log_in(page, live_server.url, pro)
    page.get_by_role("link", name="Sociale kaart").click()
    expect(page.get_by_role("heading", name="3 voorzieningen")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Levensdomein (ZRM)").select_option(label="Financiën")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("heading", name="2 voorzieningen").wait_for()
    page.get_by_label("Wijk").select_option(label="De Hoven")
    page.get_by_role("heading", name="1 voorziening").wait_for()
    expect(page.get_by_role("heading", name="Thuisadministratie")).to_be_visible()
    assert_accessible(page)
