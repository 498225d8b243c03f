"""Build a plan from the assessment in the browser: a goal with actions and a provision from the
sociale kaart, the household's agreement, then the PDF for the household — axe-clean throughout."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from eenplan.accounts.models import RoleCode
from eenplan.assessment.models import AssessmentQuestion
from eenplan.cases.models import Phase
from eenplan.plans import selectors
from eenplan.plans.models import PlanAgreement
from eenplan.socialmap.models import Organisation, Provision
from eenplan.testing.browser import assert_accessible, log_in
from eenplan.testing.factories import CaseFactory, HouseholdMemberFactory, TeamFactory, UserFactory, WijkFactory

from .factories import domain, in_days

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_build_a_plan_from_the_assessment_pick_a_provision_agree_and_download_the_pdf(page, live_server):
    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team, first_name="Anna", last_name="de Boer")
    wijk = team.wijken.first()
    member = HouseholdMemberFactory(household__name="Huishouden Veldman", household__wijk=wijk,
                                    person__given_names="Samira", person__surname="Veldman")
    case = CaseFactory(household=member.household, team=team, regisseur=pro, phase=Phase.PLAN)
    AssessmentQuestion.objects.create(case=case, person=member.person, domain=domain("financien"), by=pro,
                                      text="Samira wil weer overzicht over haar geld")
    org = Organisation.objects.create(name="Schuldhulp Eendijk")
    here = Provision.objects.create(organisation=org, name="Thuisadministratie", type="voorliggend", contact="0800-1234",
                                    how_to_refer="Aanmelden via het formulier")
    here.domains.add(domain("financien"))
    here.wijken.add(wijk)
    elsewhere = Provision.objects.create(organisation=org, name="Budgetcursus Zuid", type="collectief")
    elsewhere.domains.add(domain("financien"))
    elsewhere.wijken.add(WijkFactory())
    other_domain = Provision.objects.create(organisation=org, name="Taalcafé", type="collectief")
    other_domain.domains.add(domain("sociaal-netwerk"))

    log_in(page, live_server.url, pro)
    page.goto(f"{live_server.url}/casussen/{case.pk}/")
    page.get_by_role("navigation", name="Onderdelen van de casus").get_by_role("link", name="Plan").click()
    expect(page.get_by_role("heading", name="Plan van het huishouden")).to_be_visible()
    assert_accessible(page)

    # Start the goal from the assessment's question beside the goal form: the title and domain come along.
    page.get_by_role("link", name="Doel toevoegen").click()
    page.get_by_role("link", name=re.compile("Begin hiermee een doel.*Samira wil weer overzicht")).click()
    assert page.get_by_label("Doel", exact=True).input_value() == "Samira wil weer overzicht over haar geld"
    assert page.get_by_label("Financiën").is_checked()
    expect(page.get_by_role("heading", name="Uit de vraagverheldering")).to_be_visible()
    assert_accessible(page)

    # First try without a target date and an action without an owner: refused, input kept.
    page.get_by_label("Resultaat: hoe weten we dat het bereikt is?").fill("Geen nieuwe aanmaningen meer")
    page.get_by_label("Samira Veldman").check()
    page.locator('[name="sol-0-frame"]').select_option("eigen_kracht")
    page.locator('[name="sol-0-description"]').fill("Samira opent elke maandag de post")
    page.locator('[name="act-0-what"]').fill("Post samen sorteren")
    page.locator('[name="act-0-due_on"]').fill(in_days(7).isoformat())
    assert page.get_by_label("Waarom verandert het plan?").count() == 0  # a first plan is a draft: no reason asked
    page.get_by_role("button", name="Doel opslaan in het plan").click()
    expect(page.get_by_text("Geef een streefdatum: wanneer moet dit doel bereikt zijn?")).to_be_visible()
    expect(page.get_by_text("Kies wie dit doet").first).to_be_visible()
    assert page.locator('[name="act-0-what"]').input_value() == "Post samen sorteren"
    assert_accessible(page)

    # Search the sociale kaart by domain and wijk (htmx) and pick a provision.
    page.locator("#id_ps-domain").select_option(label="Financiën")
    page.get_by_role("button", name="Zoeken in de sociale kaart").click()
    results = page.locator("#provision-results")
    expect(results.get_by_text("Taalcafé")).to_have_count(0)  # another domain: gone once htmx swapped the list
    expect(results.get_by_text("Thuisadministratie")).to_have_count(1)
    assert results.get_by_text("Budgetcursus Zuid").count() == 0  # another wijk
    page.get_by_label("Thuisadministratie — Schuldhulp Eendijk").check()

    page.get_by_label("Streefdatum").fill(in_days(90).isoformat())
    page.locator('[name="act-0-owner_kind"]').select_option("netwerk")
    page.locator('[name="act-0-owner_name"]').fill("Zus Miriam")
    page.locator('[name="act-1-what"]').fill("Aanmelden bij Thuisadministratie")
    page.locator('[name="act-1-owner_kind"]').select_option("professional")
    page.locator('[name="act-1-owner_user"]').select_option(label="Anna de Boer")
    page.locator('[name="act-1-due_on"]').fill(in_days(5).isoformat())
    page.get_by_role("button", name="Doel opslaan in het plan").click()
    expect(page.get_by_text("Doel toegevoegd. Het concept van versie 1 is bijgewerkt")).to_be_visible()
    goal = selectors.current_goals(case).get()
    assert [s.provision for s in goal.solutions.all() if s.provision] == [here]
    assert sorted(a.owner_name for a in goal.actions.all()) == ["Anna de Boer", "Zus Miriam"]
    assert_accessible(page)

    # The household agrees with version 1, in person.
    page.get_by_label("Ja, stemt in").check()
    page.get_by_label("Mondeling").check()
    page.get_by_role("button", name="Antwoord vastleggen").click()
    expect(page.get_by_text("Het huishouden stemt in", exact=True)).to_be_visible()
    assert PlanAgreement.objects.get().how == "mondeling"

    # The goal page: add a network solution (a second version), then compare the two versions.
    page.get_by_role("link", name=re.compile("Doel, oplossingen en acties wijzigen")).click()
    assert_accessible(page)
    page.locator('[name="solution-frame"]').select_option("netwerk")
    page.locator('[name="solution-description"]').fill("Zus Miriam komt elke maandag langs")
    page.locator('[name="solution-reason"]').fill("Zus wil helpen")
    page.get_by_role("button", name="Oplossing toevoegen").click()
    expect(page.get_by_text("Oplossing toegevoegd.")).to_be_visible()
    page.get_by_role("link", name="Terug naar het plan").click()

    page.get_by_role("link", name="Versies en vergelijken").click()
    expect(page.get_by_role("heading", name="Van versie 1 naar versie 2")).to_be_visible()
    expect(page.get_by_text("Zus Miriam komt elke maandag langs")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Versie 1", exact=True).click()
    expect(page.get_by_role("heading", name="Planversie 1")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/casussen/{case.pk}/plan/")

    # The agreement was with version 1; version 2 is agreed again.
    page.get_by_label("Ja, stemt in").check()
    page.get_by_label("Op papier getekend").check()
    page.get_by_role("button", name="Antwoord vastleggen").click()
    assert PlanAgreement.objects.count() == 2

    with page.expect_download() as info:
        page.get_by_role("link", name="Plan voor het huishouden (pdf)").click()
    data = open(info.value.path(), "rb").read()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Samira wil weer overzicht over haar geld" in text
    assert "Anna de Boer" in text
    assert "Thuisadministratie" in text and "Zus Miriam" in text
