"""The front office triages a signal without a named person (the name and a child learned at first
contact, 'zorgen' on safety), and a resident presses back on the thanks page and sends again —
one signal. Axe-clean throughout."""

import pytest
from playwright.sync_api import expect

from eenplan.accounts.models import RoleCode
from eenplan.cases.models import SafetyStatus
from eenplan.intake import services
from eenplan.intake.models import Channel, Signal, SourceType
from eenplan.people.models import MemberRole
from eenplan.testing.browser import assert_accessible, log_in
from eenplan.testing.factories import TeamFactory, UserFactory, WijkFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_front_office_triages_a_signal_without_a_name(page, live_server):
    wijk = WijkFactory(name="Centrum", postcode_areas="7411")
    team = TeamFactory(wijken=[wijk])
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team, first_name="Anna", last_name="de Boer")
    front = UserFactory(roles=[RoleCode.FRONT_OFFICE], team=team, first_name="Jeroen", last_name="Smit")
    signal = services.signal_register(by=front, channel=Channel.PHONE, source=SourceType.objects.get(code="buren"),
                                      description="Bij de buren huilt 's nachts een kind; de moeder lijkt overbelast.",
                                      street="Dorpsstraat", house_number=21, postcode="7411 AB")
    log_in(page, live_server.url, front)
    page.goto(f"{live_server.url}/intake/signalen/{signal.pk}/")
    expect(page.get_by_text("Gesignaleerd op")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Triage", exact=True).click()
    page.get_by_role("group", name="1. Hoe urgent is het?").get_by_label("normaal").check()
    page.get_by_role("group", name="2. Is iemand onveilig?").get_by_label("zorgen").check()
    page.get_by_label("Over veiligheid").fill("De buurvrouw hoort 's nachts huilen; de moeder zegt dat ze het niet meer trekt.")
    page.get_by_role("group", name="Zijn er kinderen in het huishouden?").get_by_label("ja").check()
    page.locator("#id_kind-0-name").fill("Daan")
    page.locator("#id_kind-0-birth_date").fill("03-02-2022")
    page.get_by_role("group", name="4. Besluit").get_by_label("Casus geopend").check()
    page.get_by_label("Medewerker die de casus oppakt").select_option(str(pro.pk))
    page.get_by_label("Voornaam van de inwoner").fill("Lisa")
    page.get_by_label("Achternaam van de inwoner").fill("Kok")
    assert_accessible(page)
    page.get_by_role("button", name="Triage vastleggen").click()
    page.wait_for_load_state()
    signal.refresh_from_db()
    case = signal.case
    members = {m.person.full_name: m.role for m in case.household.members.select_related("person")}
    assert members == {"Lisa Kok": MemberRole.OTHER, "Daan Kok": MemberRole.CHILD}
    assert case.household.name == "Huishouden Kok"
    assert case.safety_status == SafetyStatus.ZORGEN
    assert_accessible(page)


def test_back_then_send_again_is_one_signal(page, live_server):
    TeamFactory(wijken=[WijkFactory(name="Oosterpark", postcode_areas="7413")])
    page.goto(f"{live_server.url}/aanmelden/")
    page.get_by_label("Ik ben buurman, buurvrouw of familie en maak me zorgen").check()
    page.get_by_label("Wat is er aan de hand? Waar wilt u hulp bij?").fill("Mijn buurman in de Molenstraat is al weken niet buiten geweest.")
    page.get_by_label("Straat").fill("Molenstraat")
    page.get_by_label("Huisnummer").fill("3")
    page.get_by_label("Uw telefoonnummer").fill("0611122233")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_role("heading", name="Bedankt, we hebben uw bericht ontvangen")).to_be_visible()
    page.go_back()
    page.wait_for_load_state()
    expect(page.get_by_text("U hebt dit formulier net verstuurd")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Wat is er aan de hand? Waar wilt u hulp bij?").fill("Mijn buurman is al weken niet buiten geweest. De post stapelt zich op.")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_role("heading", name="Bedankt, we hebben uw bericht ontvangen")).to_be_visible()
    assert Signal.objects.filter(channel=Channel.WEB_FORM).count() == 1
    page.get_by_role("link", name="Iets anders melden").click()
    assert not page.get_by_text("U hebt dit formulier net verstuurd").count()
