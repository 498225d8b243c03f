"""Issue 11, defect 10: what was typed survives an ended session, on an ordinary form and on the assessment
page (htmx), and can be saved after logging in again."""

import re

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from eenplan.accounts.models import RoleCode
from eenplan.assessment.models import Big5Entry
from eenplan.assessment.tests.factories import make_world
from eenplan.cases.models import SafetyStatusChange
from eenplan.testing.browser import assert_accessible, log_in
from eenplan.testing.factories import CaseFactory, TeamFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RESTORED = "Uw niet-opgeslagen tekst is teruggezet."
REASON = "Moeder vertelt aan de keukentafel dat haar ex-partner weer voor de deur stond en dreigde."


def test_ordinary_form_comes_back_after_login_and_saves(page, live_server):
    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    case = CaseFactory(team=team, regisseur=pro)
    log_in(page, live_server.url, pro)
    page.goto(f"{live_server.url}/casussen/{case.pk}/")
    page.get_by_text("Veiligheidsstatus wijzigen").click()  # the change form opens from its button
    form = page.locator("form", has=page.get_by_role("button", name="Veiligheidsstatus opslaan"))
    form.get_by_label("Veiligheid").select_option("zorgen")
    form.get_by_label("Reden").fill(REASON)

    Session.objects.all().delete()  # the idle timeout ends the session while the conversation goes on
    form.get_by_role("button", name="Veiligheidsstatus opslaan").click()
    expect(page).to_have_url(re.compile(r"/inloggen/\?next=/casussen/%d/$" % case.pk))
    assert not SafetyStatusChange.objects.filter(reason=REASON).exists()

    log_in(page, live_server.url, pro, here=True)
    expect(page).to_have_url(f"{live_server.url}/casussen/{case.pk}/")  # the form's page, not a 405
    expect(page.get_by_role("status").filter(has_text=RESTORED)).to_be_visible()  # its disclosure opened again
    form = page.locator("form", has=page.get_by_role("button", name="Veiligheidsstatus opslaan"))
    expect(form.get_by_label("Reden")).to_have_value(REASON)
    expect(form.get_by_label("Veiligheid")).to_have_value("zorgen")
    assert_accessible(page)
    form.get_by_role("button", name="Veiligheidsstatus opslaan").click()
    page.wait_for_load_state()
    assert SafetyStatusChange.objects.filter(case=case, reason=REASON, status="zorgen").exists()

    page.reload()  # saved: the draft is gone
    expect(page.get_by_text(RESTORED)).to_have_count(0)
    page.get_by_text("Veiligheidsstatus wijzigen").click()
    expect(page.locator("form", has=page.get_by_role("button", name="Veiligheidsstatus opslaan")).get_by_label("Reden")).to_have_value("")


def test_assessment_part_comes_back_after_login_and_saves_without_csrf_error(page, live_server):
    world = make_world()
    log_in(page, live_server.url, world.pro)
    page.goto(f"{live_server.url}/casussen/{world.case.pk}/vraagverheldering/")
    warning = page.locator("#session-warning")
    expect(warning).to_be_hidden()
    page.locator("#big5-financien").get_by_label("Hoe het nu is").fill("Elke maand is het geld op voor de 20e")

    Session.objects.all().delete()
    with page.expect_response(lambda r: "/inloggen/" in r.url):
        page.locator("#big5-financien").get_by_role("button", name="Opslaan").click()
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Uw sessie is verlopen")
    expect(page.locator("#big5-financien").get_by_label("Hoe het nu is")).to_have_value("Elke maand is het geld op voor de 20e")
    assert not Big5Entry.objects.exists()
    assert_accessible(page)

    warning.get_by_role("link", name="Opnieuw inloggen").click()
    log_in(page, live_server.url, world.pro, here=True)
    expect(page).to_have_url(f"{live_server.url}/casussen/{world.case.pk}/vraagverheldering/")
    expect(page.get_by_role("status").filter(has_text=RESTORED)).to_be_visible()
    part = page.locator("#big5-financien")
    expect(part.get_by_label("Hoe het nu is")).to_have_value("Elke maand is het geld op voor de 20e")
    part.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#big5-financien").locator(".saved-note")).to_be_visible()
    assert Big5Entry.objects.filter(current="Elke maand is het geld op voor de 20e").exists(), list(Big5Entry.objects.values("domain", "current"))


def test_login_in_another_tab_refreshes_the_csrf_token_before_saving(page, live_server):
    """The warning's other way: log in again in a second tab, come back, press save — no CSRF 403."""
    world = make_world()
    log_in(page, live_server.url, world.pro)
    page.goto(f"{live_server.url}/casussen/{world.case.pk}/vraagverheldering/")
    page.locator("#big5-financien").get_by_label("Hoe het nu is").fill("Huur twee maanden achter")
    Session.objects.all().delete()
    with page.expect_response(lambda r: "/inloggen/" in r.url):
        page.locator("#big5-financien").get_by_role("button", name="Opslaan").click()

    other = page.context.new_page()
    other.goto(f"{live_server.url}/inloggen/")
    log_in(other, live_server.url, world.pro, here=True)  # rotates the CSRF token
    other.close()
    with page.expect_response(lambda r: "/inloggen/sessie/" in r.url):
        page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")  # the tab is looked at again
    expect(page.locator("#session-warning")).to_be_hidden()
    page.locator("#big5-financien").get_by_role("button", name="Opslaan").click()
    expect(page.locator("#big5-financien").locator(".saved-note")).to_be_visible()
    assert Big5Entry.objects.filter(current="Huur twee maanden achter").exists()
