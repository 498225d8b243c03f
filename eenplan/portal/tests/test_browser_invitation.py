"""Mijn plan without DigiD, on a phone (390 px): the regisseur invites a 16-year-old by e-mail from the case's
plan page; the invitee opens the link, types a wrong code (a clear message), then the right one and sees the
plan. The regisseur then pauses Mijn plan: the resident sees the kind page. axe-core clean on every page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from eenplan.plans.services import ActionData
from eenplan.plans.tests.factories import add_goal, in_days, make_world
from eenplan.testing.browser import assert_accessible, log_in
from eenplan.testing.factories import HouseholdMemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = "test-results/portal"


def test_invitation_flow_on_a_phone_and_pause(page, live_server, browser, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world = make_world()
    add_goal(world, actions=[ActionData(what="Post samen sorteren", owner_kind="inwoner", owner_name="Sandra", due_on=in_days(14))])
    HouseholdMemberFactory(household=world.case.household, person__given_names="Noor", person__surname="Bakker", person__bsn="")

    staff = browser.new_context(locale="nl-NL").new_page()
    log_in(staff, live_server.url, world.pro)
    staff.goto(f"{live_server.url}/casussen/{world.case.pk}/plan/")
    staff.get_by_role("link", name="Mijn plan: uitnodigen, pauzeren").click()
    assert_accessible(staff)
    staff.get_by_label("Wie nodigt u uit?").select_option(label="Noor Bakker")
    staff.get_by_label("E-mailadres").fill("noor@example.nl")
    staff.get_by_role("button", name="Uitnodiging versturen").click()
    expect(staff.get_by_text("De uitnodiging is verstuurd naar noor@example.nl")).to_be_visible()
    assert_accessible(staff)
    body = mail.outbox[-1].body
    link = re.search(r"(http\S+sleutel=\S+)", body).group(1)
    code = re.search(r"\b(\d{6})\b", body).group(1)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(link)
    expect(page.get_by_role("heading", name="Uw uitnodiging voor Mijn plan")).to_be_visible()
    assert "sleutel" not in page.url  # the key left the address
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}/invitation-code.png", full_page=True)
    page.get_by_label("De code uit de e-mail").fill("000000" if code != "000000" else "111111")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text("De code klopt niet").first).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}/invitation-wrong-code.png", full_page=True)
    page.get_by_label("De code uit de e-mail").fill(code)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{live_server.url}/mijn-plan/")
    expect(page.get_by_role("heading", name="Hallo Noor")).to_be_visible()
    expect(page.get_by_text("Post samen sorteren").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)

    # The regisseur pauses Mijn plan (a meldcode about a parent): the resident sees whom to call.
    staff.get_by_label("Waarom pauzeert u Mijn plan?").fill("Meldcode loopt over vader")
    staff.get_by_role("button", name="Mijn plan pauzeren").click()
    expect(staff.get_by_text("Mijn plan is gepauzeerd voor dit huishouden.")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Mijn plan is gepauzeerd")).to_be_visible()
    expect(page.get_by_text("Anna de Vries").first).to_be_visible()
    assert "Meldcode" not in page.content() and "Post samen sorteren" not in page.content()
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}/paused.png", full_page=True)
    staff.context.close()
