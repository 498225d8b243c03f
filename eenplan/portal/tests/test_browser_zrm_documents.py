"""Mijn plan on a phone (390 px): the resident fills in Mijn ZRM / Wat Telt (a wrong send first: a clear
message) and the professional sees it on the assessment page beside their own score; the resident opens
"Mijn papieren" and gets the plan PDF. axe-core clean on every page."""

import pytest
from playwright.sync_api import expect

from eenplan.plans.services import ActionData
from eenplan.plans.tests.factories import add_goal, in_days, make_world
from eenplan.testing.browser import assert_accessible, log_in, log_in_with_digid
from eenplan.testing.factories import zrm_domain

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BSN = "111222333"
SHOTS = "test-results/portal"


def test_resident_fills_in_mijn_zrm_and_opens_the_plan_pdf(page, live_server, browser):
    world = make_world()
    world.member.person.bsn = BSN
    world.member.person.save(update_fields=["bsn"])
    version, _key = add_goal(world, actions=[ActionData(what="Post samen sorteren", owner_kind="inwoner", owner_name="Sandra", due_on=in_days(14))])
    domain = zrm_domain("financien")
    log_in_with_digid(page, live_server.url, BSN)

    page.get_by_role("link", name="Hoe gaat het").click()
    expect(page.get_by_role("heading", name="Hoe gaat het")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Versturen").click()  # nothing filled in: a clear message
    expect(page.get_by_text("Vul minstens één ding in").first).to_be_visible()
    assert_accessible(page)
    group = page.get_by_role("group", name=domain.resident_name or domain.name)
    group.get_by_label("Het gaat een beetje").check()
    group.get_by_label("Dit vind ik het belangrijkst").check()
    page.get_by_label("Waar wilt u over praten in het volgende gesprek?").fill("De brieven van de schuldeiser")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=f"{SHOTS}/mijn-zrm.png", full_page=True)
    page.get_by_role("button", name="Versturen").click()
    page.wait_for_url(f"{live_server.url}/mijn-plan/")
    expect(page.get_by_text("Uw regisseur ziet dit voor uw volgende gesprek.")).to_be_visible()

    page.get_by_role("link", name="Mijn papieren").click()
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}/documents.png", full_page=True)
    link = page.get_by_role("link", name=f"Plan, versie {version.number},")
    pdf = page.request.get(live_server.url + link.get_attribute("href"))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf" and pdf.body()[:4] == b"%PDF"

    staff = browser.new_context(locale="nl-NL").new_page()
    log_in(staff, live_server.url, world.pro)
    staff.goto(f"{live_server.url}/casussen/{world.case.pk}/vraagverheldering/")
    panel = staff.locator("#mijn-plan-zrm")
    expect(panel.get_by_text("De brieven van de schuldeiser")).to_be_visible()
    expect(panel.locator('td[data-view="inwoner"]').first).to_contain_text("3")
    assert_accessible(staff)
    staff.context.close()


def test_professional_shares_a_childs_own_answers_and_the_parent_sees_them_on_a_phone(page, live_server, browser):
    """The age rules in the browser: the staff section (a 13-year-old: without the child's agreement a clear
    message, nothing typed lost), then the parent on a phone sees the child's own answers."""

    from eenplan.portal.tests.test_child_sharing import child_fills_in, world_with_child

    world = world_with_child(13)
    child_fills_in(world, "Ik wil over de sportclub praten")
    world.member.person.bsn = BSN
    world.member.person.save(update_fields=["bsn"])

    staff = browser.new_context(locale="nl-NL").new_page()
    log_in(staff, live_server.url, world.pro)
    staff.goto(f"{live_server.url}/casussen/{world.case.pk}/mijn-plan/")
    section = staff.locator("section[aria-labelledby=h-children]")
    expect(section.get_by_text("u en het kind samen (12 tot 16)")).to_be_visible()
    section.get_by_label("Welk kind?").select_option(label=world.child.full_name)
    section.get_by_label("Notitie (het huishouden ziet dit niet)").fill("Samen besproken")
    section.get_by_role("button", name="Laat de ouders het zien").click()
    expect(staff.get_by_text("vink aan dat het kind het ermee eens is").first).to_be_visible()
    expect(staff.get_by_label("Notitie (het huishouden ziet dit niet)")).to_have_value("Samen besproken")
    assert_accessible(staff)
    staff.get_by_label("Het kind is het ermee eens (nodig vanaf 12 jaar)").check()
    staff.get_by_role("button", name="Laat de ouders het zien").click()
    expect(staff.get_by_text(f"De ouders zien nu wat {world.child.full_name} invult in Mijn plan.")).to_be_visible()
    assert_accessible(staff)
    staff.screenshot(path=f"{SHOTS}/staff-child-sharing.png", full_page=True)
    staff.context.close()

    log_in_with_digid(page, live_server.url, BSN)
    page.get_by_role("link", name="Hoe gaat het").click()
    children = page.locator("section[aria-labelledby=h-children]")
    expect(children.get_by_role("heading", name=world.child.first_name)).to_be_visible()
    expect(children.get_by_text("Ik wil over de sportclub praten")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}/parent-sees-child.png", full_page=True)
