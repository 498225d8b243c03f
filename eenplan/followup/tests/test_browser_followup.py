"""Evaluate a case with a second ZRM, end the support into monitoring, and record a check-in
that reopens the support — axe-clean on every page."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from eenplan.cases.models import Case, Phase
from eenplan.followup.models import CheckIn, Closing, GoalProgress
from eenplan.testing.browser import assert_accessible, log_in

from .factories import in_days, make_world, measure, with_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_evaluate_close_into_monitoring_and_reopen_with_a_checkin(page, live_server):
    w = make_world()
    w.case.opened_at = timezone.now() - timezone.timedelta(days=120)
    w.case.save()
    keys = with_plan(w)
    measure(w, in_days(-90), financien=2, huisvesting=3)
    base = live_server.url

    log_in(page, base, w.pro)
    page.goto(f"{base}/casussen/{w.case.pk}/")
    page.get_by_role("navigation", name="Onderdelen van de casus").get_by_role("link", name="Evaluatie & waakvlam").click()
    expect(page.get_by_role("heading", name="Evaluatie & waakvlam", exact=True)).to_be_visible()
    assert_accessible(page)

    # Re-measure: the second ZRM, from the evaluation page's link.
    page.get_by_role("link", name="Evaluatie vastleggen").click()
    assert_accessible(page)
    page.get_by_role("link", name="Nieuwe ZRM-meting voor Sandra Veldkamp").click()
    page.locator('fieldset[data-domain="financien"] input[value="4"]').check()
    page.locator('fieldset[data-domain="huisvesting"] input[value="3"]').check()
    # The save (htmx, or a plain post) has answered before the next page is opened: a loaded machine is slow.
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.get_by_role("button", name="Meting opslaan").click()

    # The evaluation: the change shows with a chart and a table; one goal without status → refused, input kept.
    page.goto(f"{base}/casussen/{w.case.pk}/evaluatie/nieuw/")
    assert page.locator('svg[role="img"]').first.get_attribute("aria-label").startswith("ZRM van Sandra Veldkamp")
    expect(page.get_by_role("table", name="ZRM-scores van Sandra Veldkamp: eerste en laatste meting per domein")).to_be_visible()
    first_goal = page.get_by_role("group", name="Sandra heeft overzicht over haar geld")
    first_goal.get_by_label("Hoe de inwoner het ziet").fill("De post is bij, ik heb overzicht.")
    page.get_by_label("doorgaan met het plan").check()
    page.get_by_role("button", name="Evaluatie opslaan").click()
    expect(page.get_by_text("Kies een status voor dit doel, of laat de toelichtingen leeg.")).to_be_visible()
    assert first_goal.get_by_label("Hoe de inwoner het ziet").input_value() == "De post is bij, ik heb overzicht."
    assert_accessible(page)
    first_goal.locator("#id_goal0-status").select_option("behaald")
    first_goal.get_by_label("Status volgens de inwoner").select_option("deels_behaald")
    first_goal.get_by_label("Hoe u het ziet").fill("Betalingsregeling loopt, geen nieuwe schulden.")
    page.get_by_label("de ondersteuning afronden (afsluiten of vinger aan de pols)").check()
    page.get_by_role("button", name="Evaluatie opslaan").click()

    # Closing questions, pre-filled from the measurements; end into monitoring.
    expect(page.get_by_role("heading", name="Ondersteuning afronden: de afsluitende vragen")).to_be_visible()
    assert GoalProgress.objects.get(goal_key=keys[0]).status == "behaald"
    assert page.get_by_role("group", name="De zelfredzaamheid is …").get_by_label("gestegen").is_checked()
    page.get_by_role("group", name="Is de vraag beantwoord, het probleem opgelost?").get_by_label("ja").check()
    page.get_by_label("Hoe ging het proces? Waren de oplossingen en acties toepasbaar, en waarom (niet)?").fill("Zus nam de post over; snel resultaat.")
    page.get_by_label("Wat leren we hiervan?").fill("Netwerk vanaf het begin betrekken.")
    page.get_by_role("group", name="De participatie is …").get_by_label("onbekend (niet gemeten)").check()
    page.get_by_label("Het cijfer van de inwoner voor de hulp (1 = heel slecht, 10 = uitstekend)").select_option("8")
    page.get_by_label("Het oordeel van de inwoner in eigen woorden").fill("Ik werd serieus genomen.")
    page.get_by_label("eerst een vinger aan de pols houden (waakvlam)").check()
    page.get_by_label("Vinger aan de pols tot").fill(in_days(90).isoformat())
    page.get_by_label("Eerste contactmoment").fill(in_days(14).isoformat())
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan en ondersteuning afronden").click()
    expect(page.get_by_role("heading", name="Vinger aan de pols (waakvlam)")).to_be_visible()
    w.case.refresh_from_db()
    assert w.case.phase == Phase.MONITORING and Closing.objects.get().resident_satisfaction == 8
    assert_accessible(page)

    # A check-in dated before the close is refused; then a check-in that reopens the support.
    page.get_by_label("Datum van het contactmoment").fill(in_days(-3).isoformat())
    page.locator("#id_ci-note").fill("Moeder belt: nieuwe aanmaningen.")
    page.get_by_label("terugval: er is weer hulp nodig").check()
    page.get_by_role("button", name="Contactmoment opslaan").click()
    expect(page.get_by_text("Het contactmoment is gedateerd voor het einde van de ondersteuning")).to_be_visible()
    assert page.locator("#id_ci-note").input_value() == "Moeder belt: nieuwe aanmaningen."
    assert_accessible(page)
    page.get_by_label("Datum van het contactmoment").fill(in_days(0).isoformat())
    page.get_by_label("Ondersteuning weer opstarten?").select_option("ondersteuning")
    page.get_by_role("button", name="Contactmoment opslaan").click()
    expect(page.get_by_text("Contactmoment vastgelegd.")).to_be_visible()
    w.case.refresh_from_db()
    assert w.case.phase == Phase.ONDERSTEUNING and Case.objects.count() == 1
    assert CheckIn.objects.get().reopened_to == Phase.ONDERSTEUNING
    expect(page.get_by_text("ondersteuning heropend").first).to_be_visible()
    assert_accessible(page)
