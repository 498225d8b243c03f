"""A day in the life, per role (issue 11 'What it must show'): one realistic sequence across apps, as a
person clicks it — logged in with password and TOTP through the real login page, every page axe-clean,
a screenshot of each step in test-results/day-in-the-life/<role>-<step>.png (kept by CI).

Selectors are accessible roles and label texts (Dutch, as the user reads them), so the sequences
survive layout changes. The town is the route walker's seeded demo town with one user per role.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from eenplan.testing.browser import assert_accessible, log_in
from eenplan.testing.walker import IdBuilder, all_routes, seed_town

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "test-results" / "day-in-the-life"
ERROR_HEADINGS = re.compile("Geen toegang|Er ging iets mis|Pagina niet gevonden|Server Error|Page not found")


class Day:
    def __init__(self, page, live_server, role):
        self.page, self.base, self.role, self.n = page, live_server.url, role, 0
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.town = seed_town()
        self.ids = IdBuilder(self.town)
        self.user = self.town.users[role]

    def log_in(self):
        log_in(self.page, self.base, self.user)
        self.step("ingelogd")

    def step(self, name, heading=None):
        """Check the page is a real page (not an error page), accessible, and keep a screenshot."""
        self.n += 1
        h1 = self.page.get_by_role("heading", level=1).first
        h1.wait_for()
        title = h1.inner_text()
        assert not ERROR_HEADINGS.search(title), f"step {self.n} ({name}) shows an error page: {title}"
        if heading:
            assert re.search(heading, title), f"step {self.n} ({name}): heading {title!r} does not match {heading!r}"
        assert_accessible(self.page)
        self.page.screenshot(path=str(SHOTS / f"{self.role}-{self.n:02d}-{name}.png"), full_page=True)

    def menu(self, label):
        self.page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=re.compile(label)).first.click()
        self.page.wait_for_load_state()

    def goto(self, path):
        self.page.goto(self.base + path)


def test_front_office_registers_a_signal(page, live_server):
    day = Day(page, live_server, "front_office")
    day.log_in()
    day.menu("^(Signalen|Aanmeldingen|Intake)")
    day.step("signalen", "Signalen|Aanmeldingen")
    page.get_by_role("link", name="Signaal of aanmelding vastleggen").click()
    day.step("nieuw-signaal", "vastleggen")
    page.get_by_role("radio", name="Telefoon").check()
    page.get_by_label("Bron", exact=True).select_option(label="Buren / buurtbewoner")
    page.get_by_label("Wat is gezien of gevraagd").fill("Buurvrouw belt: de post stapelt zich op en de gordijnen blijven dicht.")
    page.get_by_label(re.compile("^Straat")).fill("Lijsterbeslaan")
    page.get_by_label(re.compile("^Huisnummer")).fill("12")
    page.get_by_label(re.compile("^Postcode")).fill("7412 FR")
    page.get_by_role("button", name="Vastleggen").click()
    page.wait_for_load_state()
    day.step("signaal-vastgelegd")
    expect(page.get_by_text("de post stapelt zich op").first).to_be_visible()
    day.menu("^(Signalen|Aanmeldingen|Intake)")
    day.step("terug-op-het-bord", "Signalen|Aanmeldingen")


def test_professional_works_on_a_case(page, live_server):
    day = Day(page, live_server, "professional")
    from eenplan.cases.models import Case

    case_pk = day.ids.kwargs(next(r for r in all_routes() if r.name == "plans:goal"))["pk"]  # a case with a plan; involved

    household = Case.objects.get(pk=case_pk).household.name
    day.log_in()
    day.menu("caseload")
    day.step("caseload", "caseload")
    page.get_by_role("link", name=household).first.click()
    day.step("casus", household)
    page.get_by_role("navigation", name="Onderdelen van de casus").get_by_role("link", name="Vraagverheldering").click()
    day.step("vraagverheldering", household)
    page.get_by_role("navigation", name="Onderdelen van de casus").get_by_role("link", name="Plan").click()
    day.step("plan", household)
    page.get_by_role("link", name=re.compile("Versies")).first.click()
    day.step("planversies")
    day.menu("Sociale kaart")
    day.step("sociale-kaart")


def test_team_lead_opens_a_case_with_a_reason(page, live_server):
    day = Day(page, live_server, "team_lead")
    day.log_in()
    day.menu("^Team")
    day.step("team", "team")
    page.get_by_role("link", name=re.compile("openen met reden")).first.click()
    day.step("reden", "openen")
    page.get_by_label("Waarom moet u deze casus openen?").fill("Zorgmelding van school; regisseur is ziek en ik moet de afspraak van morgen voorbereiden.")
    page.get_by_role("button", name="Casus openen").click()
    page.wait_for_load_state()
    day.step("casus-geopend", "casus")
    day.menu("Veiligheid")
    day.step("veiligheid", "veiligheid")
    day.menu("Inzicht")
    day.step("inzicht", "Inzicht")


def test_safety_specialist_checks_the_safety_overview(page, live_server):
    day = Day(page, live_server, "safety_specialist")
    day.log_in()
    day.menu("Veiligheid")
    day.step("overzicht", "eiligheid")
    # The households whose safety records the team's specialist may open are links.
    household = page.get_by_role("main").get_by_role("link", name=re.compile("^Huishouden")).first
    name = household.inner_text()
    household.click()
    day.step("veiligheidsdossier", name)
    page.get_by_role("main").get_by_role("link", name=re.compile("[Mm]eldcode|[Vv]eiligheidsplan")).first.click()
    day.step("meldcode-of-veiligheidsplan", name)


def test_municipal_officer_checks_whether_someone_is_known(page, live_server):
    day = Day(page, live_server, "municipal_officer")
    from eenplan.people.models import Person

    person = Person.objects.filter(household_memberships__household__cases__team=day.town.team).exclude(bsn="").order_by("pk").first()
    day.log_in()
    day.step("zoeken", "zoeken|bekend")
    page.get_by_label(re.compile("^BSN")).fill(person.bsn)
    page.get_by_role("main").get_by_role("button", name=re.compile("^(Zoeken|Controleren)$")).click()
    page.wait_for_load_state()
    day.step("bekend-of-niet", "zoeken|bekend")
    expect(page.get_by_text(re.compile("[Bb]ekend")).first).to_be_visible()


def test_policy_reads_the_figures(page, live_server):
    day = Day(page, live_server, "policy")
    day.log_in()
    day.step("inzicht", "Inzicht")
    page.get_by_role("link", name=re.compile("hele gemeente")).first.click()
    day.step("gemeente")
    day.goto("/inzicht/")
    page.get_by_role("region", name="Wijken").get_by_role("link").first.click()
    day.step("wijk")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Excel|xlsx", re.I)).first.click()
    assert download.value.suggested_filename.endswith(".xlsx")


def test_functional_administrator_manages_a_team(page, live_server):
    day = Day(page, live_server, "functional_admin")
    day.log_in()
    day.step("toegangslog", "Toegangslog")
    page.get_by_label(re.compile("^Gebruiker")).fill("walker-pro")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_load_state()
    day.step("toegangslog-gefilterd", "Toegangslog")
    day.menu("Beheer")
    day.step("beheer")
    page.get_by_role("link", name="Teams", exact=True).first.click()
    day.step("teams")
    page.get_by_role("link", name=day.town.team.name).first.click()
    day.step("team-wijzigen")
    page.get_by_role("button", name=re.compile("^Opslaan$")).first.click()
    page.wait_for_load_state()
    day.step("team-opgeslagen")
