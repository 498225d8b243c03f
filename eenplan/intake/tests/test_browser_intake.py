"""A resident submits the public form; the on-duty professional finds it on the board, reaches out,
triages it (safety unknown → flag, specialist notified) and opens a case — axe-clean throughout."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Case, SafetyStatus
from eenplan.core.models import Notification
from eenplan.intake import services
from eenplan.intake.models import ContactAttempt, Signal, SignalStatus
from eenplan.testing.browser import assert_accessible, log_in
from eenplan.testing.factories import TeamFactory, UserFactory, WijkFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_form_to_case(page, live_server):
    # The source and signal types are seeded again by conftest (transactional tests flush them).
    wijk = WijkFactory(name="Oosterpark", postcode_areas="7413")
    team = TeamFactory(wijken=[wijk])
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team, first_name="Anna", last_name="de Boer")
    specialist = UserFactory(roles=[RoleCode.SAFETY_SPECIALIST, RoleCode.PROFESSIONAL], team=team, first_name="Ilse", last_name="Vermeulen")
    lead = UserFactory(roles=[RoleCode.TEAM_LEAD], team=team)
    services.rota_set_day(team=team, day=timezone.localdate(), user=pro, by=lead)

    # The resident, without logging in.
    page.goto(f"{live_server.url}/aanmelden/")
    expect(page.get_by_role("heading", name="Vraag het wijkteam om hulp")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Ik ben buurman, buurvrouw of familie en maak me zorgen").check()
    page.get_by_label("Wat is er aan de hand? Waar wilt u hulp bij?").fill("Mijn buurvrouw doet de deur niet meer open en de post stapelt zich op.")
    page.get_by_label("Naam van de persoon om wie het gaat").fill("Greet Jansen")
    page.get_by_label("Postcode").fill("7413 AB")
    page.get_by_label("Huisnummer").fill("12")
    page.get_by_label("Uw naam").fill("Marie")
    # First without a way to reach the resident's neighbour: refused, everything kept.
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Geef een telefoonnummer of een e-mailadres, zodat we u kunnen bereiken.").first).to_be_visible()
    assert page.get_by_label("Naam van de persoon om wie het gaat").input_value() == "Greet Jansen"
    assert_accessible(page)
    page.get_by_label("Uw telefoonnummer").fill("0612345678")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_role("heading", name="Bedankt, we hebben uw bericht ontvangen")).to_be_visible()
    expect(page.get_by_text("Binnen 3 dagen belt of mailt iemand van het wijkteam u.").first).to_be_visible()
    signal = Signal.objects.get()
    assert signal.assigned_to == pro and signal.on_duty == pro and signal.team == team

    # The professional on duty.
    log_in(page, live_server.url, pro)
    page.goto(f"{live_server.url}/intake/")
    expect(page.get_by_role("cell", name=re.compile("Greet Jansen"))).to_be_visible()
    expect(page.get_by_text("vandaag dienst: Anna de Boer")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(rf"#{signal.pk} ")).click()

    page.get_by_label("Wat heeft u gedaan?").select_option(label="Huisbezoek (aangebeld)")
    page.get_by_label("Notitie").first.fill("Aangebeld, niemand thuis. Kaartje in de bus.")
    page.get_by_role("button", name="Poging opslaan").click()
    expect(page.get_by_text("Contactpoging vastgelegd.")).to_be_visible()
    page.get_by_label("Wat heeft u gedaan?").select_option(label="Telefoongesprek")
    page.get_by_label("Bereikt: er was contact met de inwoner").check()
    page.get_by_role("button", name="Poging opslaan").click()
    expect(page.get_by_text("Contactpoging vastgelegd.")).to_be_visible()
    assert_accessible(page)
    assert list(ContactAttempt.objects.order_by("pk").values_list("reached", flat=True)) == [False, True]

    page.get_by_role("link", name="Triage", exact=True).click()
    page.get_by_role("group", name="1. Hoe urgent is het?").get_by_label("hoog").check()
    page.get_by_role("group", name="2. Is iemand onveilig?").get_by_label("onbekend").check()
    page.get_by_role("group", name="Zijn er kinderen in het huishouden?").get_by_label("nee").check()
    page.get_by_label("Over veiligheid").fill("Buurvrouw hoort soms geschreeuw; niet duidelijk van wie.")
    page.get_by_label("Geldzaken en schulden").check()
    page.get_by_label("Woning").check()
    page.get_by_role("group", name="4. Besluit").get_by_label("Casus geopend").check()
    assert page.get_by_label("Medewerker die de casus oppakt").input_value() == str(pro.pk)
    assert_accessible(page)
    page.get_by_role("button", name="Triage vastleggen").click()

    expect(page.get_by_role("heading", name="Hoe deze casus binnenkwam")).to_be_visible()
    assert_accessible(page)
    case = Case.objects.get()
    signal.refresh_from_db()
    assert signal.status == SignalStatus.TRIAGED and signal.case == case and signal.first_contact_at is not None
    assert case.regisseur == pro and case.safety_status == SafetyStatus.ONBEKEND
    assert signal.triage.safety_flag and signal.triage.domains == ["financien", "huisvesting"]
    assert Notification.objects.filter(user=specialist, kind="triage_safety", case=case).exists()
