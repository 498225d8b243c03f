"""Walk a meldcode from signal to decision, then make a safety plan with a condition and a check — axe-clean."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Phase
from eenplan.safety.models import SafetyCheck, SafetyCondition, TrajectoryStatus
from eenplan.testing.browser import assert_accessible, log_in
from eenplan.testing.factories import CaseFactory, HouseholdMemberFactory, TeamFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_meldcode_to_decision_and_safety_plan(page, live_server):
    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team, first_name="Anna", last_name="de Boer")
    member = HouseholdMemberFactory(household__name="Huishouden Veldman", household__wijk=team.wijken.first())
    case = CaseFactory(household=member.household, team=team, regisseur=pro, phase=Phase.ONDERSTEUNING)
    today = timezone.localdate().isoformat()

    log_in(page, live_server.url, pro)
    page.goto(f"{live_server.url}/casussen/{case.pk}/")
    page.get_by_role("navigation", name="Onderdelen van de casus").get_by_role("link", name="Veiligheid").click()
    expect(page.get_by_role("heading", name="Veiligheid in het kort")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Open de meldcode").click()
    page.get_by_label("Waarom start u de meldcode?").fill("School ziet blauwe plekken bij de jongste.")
    page.get_by_role("button", name="Start de meldcode").click()
    expect(page.get_by_role("heading", name="Volgende: stap 1 — Signalen in kaart brengen")).to_be_visible()
    assert_accessible(page)

    # Step 1 with the kindcheck.
    page.get_by_label("Ja, er zijn kinderen die afhankelijk zijn van deze volwassene").check()
    page.get_by_label("Wat is afgewogen").fill("Gezien door juf: blauwe plek op de arm. Moeder zegt: gevallen.")
    page.get_by_role("button", name="Stap opslaan").click()
    expect(page.get_by_text("Stap vastgelegd.")).to_be_visible()

    # Step 2: try to skip without a reason — refused, input kept.
    page.get_by_label("Wie is geraadpleegd").fill("Aandachtsfunctionaris Ilse")
    page.get_by_label("Deze stap overslaan").check()
    page.get_by_role("button", name="Stap opslaan").click()
    expect(page.get_by_text("Leg vast waarom deze stap wordt overgeslagen.")).to_be_visible()
    assert page.get_by_label("Wie is geraadpleegd").input_value() == "Aandachtsfunctionaris Ilse"
    assert_accessible(page)
    page.get_by_label("Deze stap overslaan").uncheck()
    page.get_by_label("Wat is afgewogen").fill("Signalen besproken; advies: gesprek met moeder.")
    page.get_by_role("button", name="Stap opslaan").click()

    # Step 3: the conversation is skipped, with the reason.
    page.get_by_label("Deze stap overslaan").check()
    page.get_by_label("Waarom wordt deze stap overgeslagen?").fill("Gesprek brengt moeder in gevaar (advies Veilig Thuis).")
    page.get_by_role("button", name="Stap opslaan").click()

    # Step 4.
    page.get_by_label("Wat is afgewogen").fill("Herhaald letsel, kinderen getuige.")
    page.get_by_role("button", name="Stap opslaan").click()
    expect(page.get_by_role("heading", name="De vragen van het afwegingskader")).to_be_visible()
    assert_accessible(page)

    # Step 5: the five questions, a report with its date.
    for n in range(1, 6):
        page.get_by_role("group", name=f"{n}.").get_by_label("ja", exact=True).check()
    page.get_by_label("Melden bij Veilig Thuis en hulp organiseren").check()
    page.get_by_label("Datum van de melding bij Veilig Thuis").fill(today)
    page.get_by_role("button", name="Beslissing vastleggen").click()
    expect(page.get_by_text("Beslissing vastgelegd. Het meldcodetraject is rond.")).to_be_visible()
    assert case.meldcode_trajectories.get().status == TrajectoryStatus.DECIDED
    assert_accessible(page)

    # Safety plan with a condition and a check.
    page.get_by_role("navigation", name="Veiligheidsdossier").get_by_role("link", name="Veiligheidsplan").click()
    page.get_by_label("Afgesproken met").fill("Moeder en oma")
    page.get_by_label("Afgesproken op").fill(today)
    page.get_by_role("button", name="Veiligheidsplan aanmaken").click()
    page.get_by_label("Veiligheidsvoorwaarde", exact=True).fill("Vader komt niet in huis zonder afspraak.")
    page.get_by_label("Wie controleert").fill("Regisseur en oma")
    page.get_by_label("Controle elke (dagen)").fill("14")
    page.get_by_label("Eerste controle op").fill(today)
    page.get_by_role("button", name="Voorwaarde toevoegen").click()
    expect(page.get_by_role("heading", name="Vader komt niet in huis zonder afspraak.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("nageleefd").check()
    page.get_by_role("button", name="Controle opslaan").click()
    expect(page.get_by_text("Controle vastgelegd.")).to_be_visible()
    assert SafetyCondition.objects.get().last_result == "nageleefd"
    assert SafetyCheck.objects.count() == 1
    assert_accessible(page)


def test_specialist_overview_and_stut_en_steun_check(page, live_server):
    from datetime import timedelta

    from eenplan.safety import services
    from eenplan.safety.models import StutEnSteun

    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    specialist = UserFactory(roles=[RoleCode.SAFETY_SPECIALIST, RoleCode.PROFESSIONAL], team=team, first_name="Ilse", last_name="Vermeulen")
    member = HouseholdMemberFactory(household__name="Huishouden Bakker", household__wijk=team.wijken.first())
    case = CaseFactory(household=member.household, team=team, regisseur=pro, phase=Phase.ONDERSTEUNING)
    watch = services.stut_en_steun_start(case=case, reason="Vader blijft een risico", every_days=42, first_check_on=timezone.localdate(), by=pro)
    StutEnSteun.objects.filter(pk=watch.pk).update(next_check_on=timezone.localdate() - timedelta(days=4))

    log_in(page, live_server.url, specialist)
    page.get_by_role("link", name="Veiligheid", exact=True).click()
    expect(page.get_by_role("heading", name="Overzicht veiligheid")).to_be_visible()
    expect(page.get_by_text("4 dagen te laat")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Huishouden Bakker").click()
    expect(page.get_by_role("heading", name="Stut en steun")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Hoe", exact=True).fill("Huisbezoek")
    page.get_by_label("Hoe het gaat").fill("Rustig, kinderen naar school.")
    page.get_by_role("button", name="Controle opslaan").click()
    expect(page.get_by_text("Controle vastgelegd.")).to_be_visible()
    watch.refresh_from_db()
    assert watch.next_check_on == timezone.localdate() + timedelta(days=42)
    assert_accessible(page)
