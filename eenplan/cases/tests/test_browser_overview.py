"""The case overview in a browser, at desktop and phone width: axe-clean, the change forms open from
their buttons, involving a colleague and handing over regie work (issue 11)."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from eenplan.cases.models import Involvement, Phase
from eenplan.plans.tests.factories import add_goal, make_world
from eenplan.safety import services as safety_services
from eenplan.testing.browser import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width, height", [(1366, 900), (390, 844)])
def test_case_overview_involve_and_hand_over_regie(page, live_server, width, height):
    page.set_viewport_size({"width": width, "height": height})
    world = make_world(phase=Phase.PLAN)
    add_goal(world)
    safety_services.safety_plan_create(case=world.case, agreed_with="Sandra", agreed_on=timezone.localdate(), by=world.pro)
    world.other_pro.first_name, world.other_pro.last_name = "Bram", "Collega"
    world.other_pro.save()

    log_in(page, live_server.url, world.pro)
    page.goto(f"{live_server.url}/casussen/{world.case.pk}/")
    expect(page.get_by_role("heading", name="Laatste ZRM per gezinslid")).to_be_visible()
    expect(page.get_by_label("Collega", exact=True)).not_to_be_visible()  # behind its button
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.get_by_text("Collega betrekken").click()
    assert_accessible(page)
    page.get_by_label("Collega", exact=True).select_option(label="Bram Collega")
    page.get_by_label("Rol in deze casus").fill("schuldhulp")
    page.get_by_role("button", name="Betrekken").click()
    page.wait_for_load_state()
    assert Involvement.objects.filter(case=world.case, user=world.other_pro, until__isnull=True).exists()
    expect(page.get_by_text("schuldhulp")).to_be_visible()

    page.get_by_text("Regie overdragen").click()
    page.get_by_label("Regisseur").select_option(label="Bram Collega")
    page.get_by_role("button", name="Regie opslaan").click()  # no handover note: refused, the form stays open
    page.wait_for_load_state()
    expect(page.get_by_text("Schrijf een overdrachtsnotitie").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Overdrachtsnotitie").fill("Ik ga met verlof; Bram neemt het over.")
    page.get_by_role("button", name="Regie opslaan").click()
    page.wait_for_load_state()
    world.case.refresh_from_db()
    assert world.case.regisseur == world.other_pro
