"""Mijn plan on a phone (390 px): log in through the DigiD mock, see the plan, tick an action done —
the professional then sees it on the case — agree in own words, open "wie keek in mijn dossier";
axe-core clean on every portal page."""

import pytest
from playwright.sync_api import expect

from eenplan.plans.models import ActionOutcome, PlanAgreement
from eenplan.plans.services import ActionData
from eenplan.plans.tests.factories import add_goal, in_days, make_world
from eenplan.testing.browser import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BSN = "111222333"


def test_resident_logs_in_with_digid_ticks_an_action_and_the_professional_sees_it(page, live_server, browser):
    world = make_world()
    world.member.person.bsn = BSN
    world.member.person.save(update_fields=["bsn"])
    add_goal(world, actions=[ActionData(what="Post samen sorteren", owner_kind="inwoner", owner_name="Sandra", due_on=in_days(14))])
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"{live_server.url}/mijn-plan/inloggen/")
    assert_accessible(page)
    page.get_by_role("link", name="Inloggen met DigiD").click()
    # The library's mock DigiD: choose "Met burgerservicenummer", type the BSN, log in.
    page.get_by_text("Met burgerservicenummer.").click()
    page.locator("input[name=auth_bsn]").fill(BSN)
    page.get_by_role("button", name="Inloggen").click()

    page.wait_for_url(f"{live_server.url}/mijn-plan/")
    expect(page.get_by_role("heading", name="Hallo Sandra")).to_be_visible()
    expect(page.get_by_text("Post samen sorteren").first).to_be_visible()
    expect(page.get_by_text("Anna de Vries van")).to_be_visible()  # the regisseur, and how to reach them
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    assert_accessible(page)

    page.get_by_role("link", name="Vertel hoe het ging").click()
    assert_accessible(page)
    page.get_by_role("button", name="Versturen").click()  # nothing chosen: a clear message, nothing saved
    expect(page.get_by_text("Kies: gedaan, niet gedaan of lukt niet.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Gedaan", exact=True).check()
    page.get_by_label("Wilt u er iets over zeggen?").fill("Samen met mijn zus gedaan")
    page.get_by_role("button", name="Versturen").click()
    page.wait_for_url(f"{live_server.url}/mijn-plan/")
    expect(page.get_by_text("Uw regisseur ziet uw antwoord nu.")).to_be_visible()
    assert ActionOutcome.objects.get().result == "gedaan"

    page.get_by_role("link", name="Zeg of u het eens bent").click()
    assert_accessible(page)
    page.get_by_label("Nee, ik ben het niet eens").check()
    page.get_by_label("In uw eigen woorden").fill("Ik wil de post liever zelf doen")
    page.get_by_role("button", name="Versturen").click()
    page.wait_for_url(f"{live_server.url}/mijn-plan/")
    agreement = PlanAgreement.objects.get()
    assert (agreement.agrees, agreement.how, agreement.words) == (False, "digitaal", "Ik wil de post liever zelf doen")

    # The professional opens the case's plan in their own browser: the resident's answer is there.
    staff = browser.new_context(locale="nl-NL").new_page()
    log_in(staff, live_server.url, world.pro)
    staff.goto(f"{live_server.url}/casussen/{world.case.pk}/plan/")
    expect(staff.get_by_text("Samen met mijn zus gedaan").first).to_be_visible()
    staff.context.close()

    page.get_by_role("link", name="Wie keek in mijn dossier").click()
    expect(page.get_by_role("heading", name="Wie keek in mijn dossier")).to_be_visible()
    expect(page.get_by_text(world.team.name).first).to_be_visible()
    assert "Anna de Vries" not in page.locator("main ul").first.inner_text()  # role and team, no staff names
    assert_accessible(page)

    # The resident's session never opens a staff page.
    response = page.goto(f"{live_server.url}/casussen/{world.case.pk}/plan/")
    assert response.status == 403
