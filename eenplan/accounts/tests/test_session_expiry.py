"""Issue 11, defect 10, on the server side: a form sent after the session ended comes back to its page, and the
page can ask for a fresh CSRF token after a login elsewhere."""

import pytest

from eenplan.accounts.models import RoleCode
from eenplan.testing.factories import CaseFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_form_sent_after_the_session_ended_returns_to_the_form_page_not_to_a_post_only_url(client):
    case = CaseFactory()
    response = client.post(f"/casussen/{case.pk}/veiligheidsstatus/", {"status": "zorgen", "reason": "x"},
                           HTTP_REFERER=f"http://testserver/casussen/{case.pk}/?tab=1")
    assert response.status_code == 302
    assert response["Location"] == f"/inloggen/?next=/casussen/{case.pk}/%3Ftab%3D1"


def test_htmx_save_after_the_session_ended_returns_to_the_page_it_was_on(client):
    case = CaseFactory()
    response = client.post(f"/casussen/{case.pk}/veiligheidsstatus/", {}, HTTP_HX_REQUEST="true",
                           HTTP_HX_CURRENT_URL=f"http://testserver/casussen/{case.pk}/vraagverheldering/")
    assert response["Location"] == f"/inloggen/?next=/casussen/{case.pk}/vraagverheldering/"


def test_another_site_as_referer_is_not_followed(client):
    case = CaseFactory()
    response = client.post(f"/casussen/{case.pk}/veiligheidsstatus/", {}, HTTP_REFERER="https://evil.example/x")
    assert response["Location"] == "/inloggen/?next=/"


def test_a_page_opened_without_session_still_returns_to_itself(client):
    case = CaseFactory()
    assert client.get(f"/casussen/{case.pk}/")["Location"] == f"/inloggen/?next=/casussen/{case.pk}/"


def test_session_state_gives_a_fresh_token_and_the_time_left(client, verified_client):
    anonymous = client.get("/inloggen/sessie/").json()
    assert anonymous["authenticated"] is False and anonymous["expiresIn"] == 0 and anonymous["csrfToken"]
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=TeamFactory())
    state = verified_client(pro).get("/inloggen/sessie/")
    assert state["Cache-Control"] == "no-store"
    body = state.json()
    assert body["authenticated"] is True and body["expiresIn"] == 900 and body["csrfToken"]
