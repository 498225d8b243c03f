"""The pages: who may open them (logged either way), the flows, and bad input kept on the form."""

import re

import pytest

from eenplan.access.models import AccessLogEntry, Outcome
from eenplan.cases.models import Phase
from eenplan.followup import services
from eenplan.followup.models import CheckIn, Closing, Evaluation, GoalProgress

from .factories import answers, in_days, make_world, measure, with_plan

pytestmark = pytest.mark.django_db

PAGES = ["/casussen/{pk}/evaluatie/", "/casussen/{pk}/evaluatie/nieuw/", "/casussen/{pk}/afsluiten/"]


@pytest.fixture
def world():
    w = make_world()
    w.keys = with_plan(w)
    return w


@pytest.mark.parametrize("url", PAGES)
def test_involved_professional_opens_the_pages_and_the_read_is_logged(world, verified_client, url):
    response = verified_client(world.pro).get(url.format(pk=world.case.pk))
    assert response.status_code == 200
    assert "Sandra heeft overzicht over haar geld" in response.content.decode()
    assert AccessLogEntry.objects.filter(user=world.pro, case_id=world.case.pk, outcome=Outcome.ALLOWED).exists()


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("who", ["other_pro", "lead", "front", "officer", "policy", "admin"])
def test_others_are_refused_and_the_attempt_is_logged(world, verified_client, url, who):
    user = getattr(world, who)
    response = verified_client(user).get(url.format(pk=world.case.pk))
    assert response.status_code == 403
    assert "Sandra heeft overzicht" not in response.content.decode()
    assert AccessLogEntry.objects.filter(user=user, outcome=Outcome.REFUSED).exists()


@pytest.mark.parametrize("who", ["other_pro", "officer"])
def test_refused_writes_change_nothing(world, verified_client, who):
    user = getattr(world, who)
    client = verified_client(user)
    assert client.post(f"/casussen/{world.case.pk}/afsluiten/", {"cl-outcome": "afsluiten"}).status_code == 403
    assert client.post(f"/casussen/{world.case.pk}/evaluatie/moment/", {"em-due_on": in_days(5).isoformat()}).status_code == 403
    assert not Closing.objects.exists() and not world.case.planned_items.exists()


def test_plan_an_evaluation_via_the_page(world, verified_client):
    client = verified_client(world.pro)
    response = client.post(f"/casussen/{world.case.pk}/evaluatie/moment/", {"em-due_on": in_days(30).isoformat(), "em-note": "Geldzaken"})
    assert response.status_code == 302
    assert world.case.planned_items.get().due_on == in_days(30)
    response = client.post(f"/casussen/{world.case.pk}/evaluatie/moment/", {"em-due_on": in_days(-3).isoformat(), "em-note": "Te laat"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "De evaluatiedatum ligt in het verleden" in body and 'value="Te laat"' in body


def _evaluation_post(world, **extra):
    data = {"ev-held_on": in_days(0).isoformat(), "ev-with_resident": "on", "ev-next_step": "doorgaan", "ev-summary": "Goed gesprek",
            "goal0-status": "bezig", "goal0-resident_status": "behaald", "goal0-resident_view": "Ik heb overzicht", "goal0-professional_view": "Bijna"}
    data.update(extra)
    return data


def test_evaluate_via_the_page(world, verified_client):
    response = verified_client(world.pro).post(f"/casussen/{world.case.pk}/evaluatie/nieuw/", _evaluation_post(world))
    assert response.status_code == 302
    progress = GoalProgress.objects.get()
    assert (progress.goal_key, progress.status, progress.resident_status) == (world.keys[0], "bezig", "behaald")
    page = verified_client(world.pro).get(f"/casussen/{world.case.pk}/evaluatie/").content.decode()
    assert "Ik heb overzicht" in page and "Bijna" in page


def test_evaluation_without_a_goal_assessed_keeps_the_input(world, verified_client):
    data = _evaluation_post(world, **{"goal0-status": "", "goal0-resident_status": "", "goal0-resident_view": "", "goal0-professional_view": ""})
    data["ev-summary"] = "Mijn samenvatting"
    response = verified_client(world.pro).post(f"/casussen/{world.case.pk}/evaluatie/nieuw/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Beoordeel ten minste één doel" in body and "Mijn samenvatting" in body
    assert not Evaluation.objects.exists()


def test_goal_views_without_status_are_flagged_on_that_goal(world, verified_client):
    response = verified_client(world.pro).post(f"/casussen/{world.case.pk}/evaluatie/nieuw/", _evaluation_post(world, **{"goal0-status": ""}))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kies een status voor dit doel" in body and "Ik heb overzicht" in body


def test_end_step_leads_to_the_closing_questions(world, verified_client):
    response = verified_client(world.pro).post(f"/casussen/{world.case.pk}/evaluatie/nieuw/", _evaluation_post(world, **{"ev-next_step": "afronden"}))
    assert response["Location"] == f"/casussen/{world.case.pk}/afsluiten/"


def _closing_post(**extra):
    data = {"cl-decided_on": in_days(0).isoformat(), "cl-question_answered": "ja", "cl-process": "Goed samengewerkt", "cl-lessons": "Eerder netwerk",
            "cl-self_reliance": "gestegen", "cl-participation": "gelijk", "cl-resident_satisfaction": "8", "cl-resident_words": "Fijn",
            "cl-outcome": "afsluiten"}
    data.update(extra)
    return data


def test_close_page_prefills_the_measured_change(world, verified_client):
    measure(world, in_days(-30), financien=2)
    measure(world, in_days(-1), financien=3)
    body = verified_client(world.pro).get(f"/casussen/{world.case.pk}/afsluiten/").content.decode()
    assert re.search(r'<input[^>]*value="gestegen"[^>]*id="id_cl-self_reliance_0"[^>]*checked', body)
    assert 'role="img"' in body and "<table" in body


def test_close_without_the_questions_keeps_the_input(world, verified_client):
    response = verified_client(world.pro).post(f"/casussen/{world.case.pk}/afsluiten/", _closing_post(**{"cl-lessons": "", "cl-process": "Mijn procestekst"}))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Schrijf op wat we van deze casus leren." in body and "Mijn procestekst" in body
    world.case.refresh_from_db()
    assert world.case.is_open and not Closing.objects.exists()


def test_close_via_the_page(world, verified_client):
    response = verified_client(world.pro).post(f"/casussen/{world.case.pk}/afsluiten/", _closing_post())
    assert response.status_code == 302
    world.case.refresh_from_db()
    assert world.case.phase == Phase.AFGESLOTEN


def test_checkin_before_the_close_keeps_the_input(world, verified_client):
    services.case_close_with_evaluation(case=world.case, by=world.pro, answers=answers(
        outcome="monitoring", monitoring_until=in_days(60), first_checkin_on=in_days(14)))
    response = verified_client(world.pro).post(f"/casussen/{world.case.pk}/waakvlam/check-in/", {
        "ci-held_on": in_days(-5).isoformat(), "ci-how": "telefoon", "ci-result": "goed", "ci-note": "Gebeld met moeder"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "voor het einde van de ondersteuning" in body and "Gebeld met moeder" in body
    assert not CheckIn.objects.exists()


def test_closed_case_page_offers_reopen_and_reopen_goes_to_the_new_case(world, verified_client):
    services.case_close_with_evaluation(case=world.case, by=world.pro, answers=answers())
    client = verified_client(world.pro)
    assert "Casus heropenen" in client.get(f"/casussen/{world.case.pk}/evaluatie/").content.decode()
    response = client.post(f"/casussen/{world.case.pk}/heropenen/", {"ro-reason": "Nieuwe schulden", "ro-to_phase": "vraagverheldering"})
    assert response.status_code == 302
    new_pk = int(response["Location"].strip("/").split("/")[1])  # the new case's evaluation page shows the earlier route
    page = client.get(f"/casussen/{new_pk}/evaluatie/").content.decode()
    assert f"casus #{world.case.pk}" in page and "Nieuwe schulden" in page
