"""A working day through the browser, axe-clean on every page: a first plan with three goals is one
version; an action given to a colleague reaches her "Voor u te doen" and is marked done there; a case with
a safety risk is not closed until the safety specialist consents, and its open items are decided one by
one; the front office lands on the intake board."""

import re

import pytest
from playwright.sync_api import expect

from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Phase, PlannedItem, SafetyStatus
from eenplan.cases.services import case_set_safety_status, planned_item_add
from eenplan.plans.models import ActionOutcome, PlanVersion
from eenplan.testing.auth import verified_device
from eenplan.testing.browser import assert_accessible, log_in
from eenplan.testing.factories import UserFactory

from .factories import domain, in_days, make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _switch(page, base, user):
    """Log out (cookies gone) and in as `user`; the same 30-second code may be used again in a test."""
    device = verified_device(user)
    type(device).objects.filter(pk=device.pk).update(last_t=-1)
    page.context.clear_cookies()
    log_in(page, base, user)


def test_a_first_plan_is_one_version_and_a_colleagues_action_is_done_from_her_caseload(page, live_server):
    w = make_world(phase=Phase.PLAN)
    base = live_server.url
    colleague = w.other_pro
    colleague.first_name, colleague.last_name = "Bram", "Visser"
    colleague.save()

    log_in(page, base, w.pro)
    for n, (title, code) in enumerate([("Sandra heeft overzicht over haar geld", "financien"),
                                       ("Sandra heeft een vaste daginvulling", "tijdsbesteding"),
                                       ("Jesse gaat weer naar school", "werk-opleiding")]):
        page.goto(f"{base}/casussen/{w.case.pk}/plan/doel/")
        assert page.get_by_label("Waarom verandert het plan?").count() == 0
        page.get_by_label("Doel", exact=True).fill(title)
        page.locator('[name="goal-target_date"]').fill(in_days(90).isoformat())
        page.locator(f'[name="goal-domains"][value="{domain(code).pk}"]').check()
        if n == 0:
            page.locator('[name="act-0-what"]').fill("Aanmelden bij de schuldhulp")
            page.locator('[name="act-0-owner_kind"]').select_option("professional")
            page.locator('[name="act-0-owner_user"]').select_option(label="Bram Visser")
            page.locator('[name="act-0-due_on"]').fill(in_days(0).isoformat())
            assert_accessible(page)
        page.get_by_role("button", name="Doel opslaan in het plan").click()
        expect(page.get_by_text("Doel toegevoegd.")).to_be_visible()
    assert PlanVersion.objects.filter(plan__case=w.case).count() == 1
    expect(page.get_by_text("Concept", exact=True)).to_be_visible()
    assert_accessible(page)
    page.screenshot(path="/tmp/work-browser-plan.png", full_page=True)

    _switch(page, base, colleague)
    page.goto(f"{base}/caseload/")
    todo = page.locator("section", has=page.get_by_role("heading", name="Voor u te doen"))
    expect(todo.get_by_role("cell", name="Aanmelden bij de schuldhulp", exact=True)).to_be_visible()
    assert_accessible(page)
    page.screenshot(path="/tmp/work-browser-todo.png", full_page=True)
    todo.get_by_role("button", name=re.compile("Gedaan.*Aanmelden bij de schuldhulp")).click()
    expect(page.get_by_text("De actie staat op gedaan.")).to_be_visible()
    expect(todo.get_by_role("cell", name="Aanmelden bij de schuldhulp", exact=True)).to_have_count(0)
    assert ActionOutcome.objects.get().by == colleague
    assert_accessible(page)


def test_closing_with_a_safety_risk_waits_for_the_specialists_consent(page, live_server):
    w = make_world(phase=Phase.EVALUATIE)
    base = live_server.url
    specialist = UserFactory(roles=[RoleCode.SAFETY_SPECIALIST, RoleCode.PROFESSIONAL], team=w.team, first_name="Ilse", last_name="Bos")
    case_set_safety_status(case=w.case, status=SafetyStatus.ZORGEN, reason="Spanningen thuis", by=w.pro)
    item = planned_item_add(case=w.case, kind="afspraak", label="Huisbezoek met oma", due_on=in_days(2), by=w.pro, owner=w.pro)

    def fill_closing():
        page.goto(f"{base}/casussen/{w.case.pk}/afsluiten/")
        page.locator('[name="cl-question_answered"][value="ja"]').check()
        page.locator('[name="cl-process"]').fill("Snel contact, oma heeft veel gedaan.")
        page.locator('[name="cl-lessons"]').fill("Het netwerk eerder vragen.")
        page.locator('[name="cl-self_reliance"][value="gelijk"]').check()
        page.locator('[name="cl-participation"][value="gelijk"]').check()
        page.locator('[name="cl-resident_satisfaction"]').select_option("8")
        page.locator('[name="cl-outcome"][value="afsluiten"]').check()
        page.locator(f'[name="item{item.pk}-outcome"][value="overgedragen"]').check()
        page.locator(f'[name="item{item.pk}-note"]').fill("Oma en de huisarts")
        page.get_by_role("button", name="Opslaan en ondersteuning afronden").click()

    log_in(page, base, w.pro)
    fill_closing()
    expect(page.locator("#closing-blockers").get_by_text("De veiligheidsstatus is 'zorgen'")).to_be_visible()
    expect(page.get_by_text("De casus is afgesloten.")).to_have_count(0)
    assert page.locator(f'[name="item{item.pk}-note"]').input_value() == "Oma en de huisarts"
    assert_accessible(page)
    page.screenshot(path="/tmp/work-browser-close-refused.png", full_page=True)

    _switch(page, base, specialist)
    page.goto(f"{base}/casussen/{w.case.pk}/veiligheid/")
    page.get_by_label("Waarom mag de casus ondanks dit risico sluiten?").fill("Besproken met het gezin en de huisarts; oma is dagelijks aanwezig.")
    page.get_by_role("button", name="Toestemming om af te sluiten vastleggen").click()
    expect(page.get_by_text("Uw toestemming is vastgelegd")).to_be_visible()
    assert_accessible(page)

    _switch(page, base, w.pro)
    fill_closing()
    expect(page.get_by_text("De casus is afgesloten.")).to_be_visible()
    w.case.refresh_from_db()
    item.refresh_from_db()
    assert w.case.phase == Phase.AFGESLOTEN and (item.outcome, item.outcome_note) == ("overgedragen", "Oma en de huisarts")
    assert not PlannedItem.objects.filter(case=w.case, done_at__isnull=True).exists()
    assert_accessible(page)


def test_the_front_office_lands_on_the_intake_board(page, live_server):
    w = make_world()
    log_in(page, live_server.url, w.front)
    expect(page).to_have_url(f"{live_server.url}/intake/")
    assert_accessible(page)
