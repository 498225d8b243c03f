"""Bad input on the insight pages, and vertelpunten: no personal data, shown by theme on the team page."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from eenplan.accounts.models import RoleCode
from eenplan.insights import services
from eenplan.insights.models import ReflectionTheme, Vertelpunt
from eenplan.insights.privacy import find_personal_data
from eenplan.testing.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(settings):
    settings.LANGUAGE_CODE = "nl"
    team = TeamFactory()
    return team, UserFactory(roles=[RoleCode.PROFESSIONAL], team=team), UserFactory(roles=[RoleCode.POLICY])


def test_end_before_start_gives_a_clear_message_and_keeps_the_input(setup, verified_client):
    team, _pro, policy = setup
    response = verified_client(policy).get(f"/inzicht/teams/{team.pk}/?van=2025-03-01&tot=2025-02-01")
    body = response.content.decode()
    assert response.status_code == 400
    assert "Het einde van de periode ligt vóór het begin" in body
    assert 'value="2025-03-01"' in body and 'value="2025-02-01"' in body


def test_unknown_wijk_gives_a_clear_message(setup, verified_client):
    _team, _pro, policy = setup
    response = verified_client(policy).get("/inzicht/wijken/bestaat-niet/")
    assert response.status_code == 404
    assert "Er is geen wijk met de code “bestaat-niet”" in response.content.decode()


def test_export_of_an_empty_period_is_a_table_with_headers(setup, verified_client):
    team, _pro, policy = setup
    client = verified_client(policy)
    response = client.get(f"/inzicht/teams/{team.pk}/cases_per_phase.csv?van=2030-01-01&tot=2030-01-31")
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Cijfer;Huishoudens") and lines[-1].startswith("Totaal;0")
    xlsx = client.get(f"/inzicht/teams/{team.pk}/export.xlsx?van=2030-01-01&tot=2030-01-31")
    assert xlsx.status_code == 200 and len(load_workbook(__import__("io").BytesIO(xlsx.content)).worksheets) > 10


@pytest.mark.parametrize("text,what", [
    ("Moeder (BSN 111222333) belde drie keer zonder antwoord.", "BSN"),
    ("Huisbezoek op 3511 AB 12 liep goed, buren hielpen mee.", "postcode"),
    ("Gesprek op de Kerkstraat 12 was fijn en open van toon.", "straat"),
    ("Mail van jan.jansen@example.nl kwam pas na twee weken.", "e-mailadres"),
    ("Bel haar op 06-12345678 als de school weer belt over hem.", "telefoonnummer"),
])
def test_vertelpunt_with_personal_data_is_refused(setup, text, what):
    team, pro, _policy = setup
    theme = ReflectionTheme.objects.create(name="Samenwerking")
    with pytest.raises(ValidationError) as exc:
        services.vertelpunt_create(team=team, theme=theme, tone="goed", text=text, by=pro)
    assert what in " ".join(exc.value.message_dict["text"])
    assert not Vertelpunt.objects.exists()


def test_ordinary_numbers_are_not_personal_data():
    assert find_personal_data("In 2024 is het aantal meldingen gestegen naar 45; 12 gezinnen kregen schuldhulp.") == []


def test_vertelpunt_form_refuses_personal_data_and_keeps_the_text(setup, verified_client):
    team, pro, _policy = setup
    theme = ReflectionTheme.objects.create(name="Regievoering")
    text = "Mail van jan.jansen@example.nl kwam pas na twee weken."
    response = verified_client(pro).post("/inzicht/vertelpunten/nieuw/", {"team": team.pk, "tone": "beter", "theme": theme.pk, "text": text})
    assert response.status_code == 400
    body = response.content.decode()
    assert "mag geen persoonsgegevens bevatten" in body and "jan.jansen@example.nl kwam pas" in body
    assert not Vertelpunt.objects.exists()


def test_team_page_shows_vertelpunten_by_theme_without_the_author(setup, verified_client):
    team, pro, policy = setup
    regie = ReflectionTheme.objects.create(name="Regievoering", order=1)
    samen = ReflectionTheme.objects.create(name="Samenwerking met partners", order=2)
    services.vertelpunt_create(team=team, theme=regie, tone="beter", text="Bij drie gezinnen was niet duidelijk wie de regie had.", by=pro)
    services.vertelpunt_create(team=team, theme=samen, tone="goed", text="De school belde snel terug; korte lijnen werken.", by=pro)
    body = verified_client(policy).get(f"/inzicht/teams/{team.pk}/").content.decode()
    assert body.index("Regievoering (1)") < body.index("Samenwerking met partners (1)")
    assert "korte lijnen werken" in body and pro.last_name not in body


def test_only_the_author_withdraws(setup):
    team, pro, _policy = setup
    other = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    note = services.vertelpunt_create(team=team, theme=ReflectionTheme.objects.create(name="X"), tone="goed",
                                      text="Een verhaal over goede samenwerking in de wijk.", by=pro)
    with pytest.raises(PermissionDenied):
        services.vertelpunt_withdraw(note=note, by=other)
    services.vertelpunt_withdraw(note=note, by=pro)
    note.refresh_from_db()
    assert note.withdrawn_at is not None


def test_a_refused_withdraw_is_in_the_access_log(setup, verified_client):
    """Found by the route walker: the refusal was raised inside the transaction that rolled its log line back."""
    from eenplan.access.models import AccessLogEntry

    team, pro, _policy = setup
    other = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    note = services.vertelpunt_create(team=team, theme=ReflectionTheme.objects.create(name="X"), tone="goed",
                                      text="Een verhaal over goede samenwerking in de wijk.", by=pro)
    response = verified_client(other).post(f"/inzicht/vertelpunten/{note.pk}/intrekken/")
    assert response.status_code == 403
    assert AccessLogEntry.objects.filter(user=other, outcome="refused", record_id=str(note.pk),
                                         record_type="insights.Vertelpunt").exists()
