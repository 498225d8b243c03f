"""The public web form: no login, one signal per double submit, nothing leaked, abuse kept out."""

import re

import pytest

from eenplan.intake.models import Channel, Signal, SourceType
from eenplan.testing.factories import HouseholdMemberFactory, TeamFactory, WijkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    wijk = WijkFactory(postcode_areas="3511")
    return TeamFactory(wijken=[wijk])


def form_data(client, path="/aanmelden/", **overrides):
    page = client.get(path)
    token = re.search(rb'name="token" value="([^"]+)"', page.content).group(1).decode()
    data = {
        "token": token, "source": SourceType.objects.get(code="buren").pk,
        "description": "Mijn buurman is al weken niet buiten geweest en de post stapelt zich op.",
        "subject_name": "Henk Bos", "postcode": "3511 AB", "house_number": "7", "house_number_addition": "",
        "reporter_name": "Marie", "reporter_phone": "0612345678", "reporter_email": "", "urgent": "nee", "website": "",
    }
    data.update(overrides)
    return data


def test_anonymous_resident_can_submit(client, team):
    page = client.get("/aanmelden/")
    assert page.status_code == 200
    response = client.post("/aanmelden/", form_data(client))
    assert response.status_code == 302 and response["Location"] == "/aanmelden/verstuurd/"
    signal = Signal.objects.get()
    assert signal.channel == Channel.WEB_FORM and signal.source.code == "buren" and signal.created_by is None
    assert signal.team == team  # placed by the postcode's wijk
    assert signal.deadline is not None  # the public form's signal type promises contact within days
    thanks = client.get("/aanmelden/verstuurd/")
    assert thanks.status_code == 200 and "3".encode() in thanks.content


def test_double_submit_makes_one_signal(client, team):
    data = form_data(client)
    client.post("/aanmelden/", data)
    again = client.post("/aanmelden/", data)  # double click / resend: same token
    assert again.status_code == 302
    assert Signal.objects.count() == 1


def test_same_content_with_a_fresh_token_within_minutes_makes_one_signal(client, team):
    client.post("/aanmelden/", form_data(client))
    client.post("/aanmelden/", form_data(client, path="/aanmelden/?nieuw=1"))  # a fresh token, same content
    assert Signal.objects.count() == 1
    client.post("/aanmelden/", form_data(client, path="/aanmelden/?nieuw=1", description="Iets anders: de tuin is verwilderd."))
    assert Signal.objects.count() == 2


def _normalise(html: bytes) -> bytes:
    html = re.sub(rb'name="token" value="[^"]+"', b"", html)
    html = re.sub(rb'"X-CSRFToken": "[^"]+"', b"", html)
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", html)


def test_leaks_nothing_about_existing_residents(client, team):
    member = HouseholdMemberFactory(household__wijk=team.wijken.get(), household__postcode="3511 AB", household__house_number=7,
                                    person__postcode="3511 AB", person__house_number=7)
    known = client.post("/aanmelden/", form_data(client, subject_name=member.person.full_name), follow=True)
    unknown = client.post("/aanmelden/", form_data(client, path="/aanmelden/?nieuw=1", subject_name="Niemand Bekend", postcode="3511 ZZ",
                                                   house_number="99"), follow=True)
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    assert _normalise(known.content) == _normalise(unknown.content)
    assert member.person.surname.encode() not in known.content
    assert member.household.name.encode() not in known.content
    # nothing is linked on submission: staff link the signal later, with the access log
    assert not Signal.objects.filter(person__isnull=False).exists() and not Signal.objects.filter(household__isnull=False).exists()


def test_errors_look_the_same_for_known_and_unknown(client, team):
    member = HouseholdMemberFactory(household__wijk=team.wijken.get())
    known = client.post("/aanmelden/", form_data(client, subject_name=member.person.full_name, reporter_phone="", description=""))
    unknown = client.post("/aanmelden/", form_data(client, subject_name="Niemand", reporter_phone="", description=""))
    assert known.status_code == unknown.status_code == 400
    assert _normalise(known.content).replace(member.person.full_name.encode(), b"X") == _normalise(unknown.content).replace(b"Niemand", b"X")


def test_failed_submission_keeps_everything_typed(client, team):
    response = client.post("/aanmelden/", form_data(client, reporter_phone="", reporter_email="", subject_name="Henk Bos"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Mijn buurman is al weken niet buiten geweest" in body
    assert 'value="Henk Bos"' in body and 'value="3511 AB"' in body and 'value="Marie"' in body
    assert 'aria-invalid="true"' in body
    assert not Signal.objects.exists()


def test_no_way_to_find_the_person_is_refused_clearly(client, team):
    response = client.post("/aanmelden/", form_data(client, subject_name="", postcode="", house_number=""))
    assert response.status_code == 400
    assert "subject_name" in response.context["form"].errors  # on the "who is it about?" fieldset
    assert not Signal.objects.exists()


def test_honeypot_stores_nothing_but_answers_the_same(client, team):
    response = client.post("/aanmelden/", form_data(client, website="http://spam.example"))
    assert response.status_code == 302 and response["Location"] == "/aanmelden/verstuurd/"
    assert not Signal.objects.exists()


def test_rate_limit(client, team):
    for i in range(5):
        client.post("/aanmelden/", form_data(client, path="/aanmelden/?nieuw=1", description=f"Vraag nummer {i} over de buurman."))
    assert Signal.objects.count() == 5
    response = client.post("/aanmelden/", form_data(client, path="/aanmelden/?nieuw=1", description="Nog een vraag over de buurman."))
    assert response.status_code == 429
    assert "Nog een vraag over de buurman." in response.content.decode()
    assert Signal.objects.count() == 5


def test_only_sources_with_a_public_label_are_offered(client, team):
    body = client.get("/aanmelden/").content.decode()
    assert SourceType.objects.get(code="buren").public_label in body
    assert "Deurwaarder" not in body


# --- issue 11: street, one round of errors, the rate limit, the back button ----------------


def test_a_street_instead_of_a_postcode_is_enough(client, team):
    response = client.post("/aanmelden/", form_data(client, subject_name="", postcode="", street="Dorpsstraat", house_number="12"))
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert (signal.street, signal.house_number, signal.postcode) == ("Dorpsstraat", 12, "")


def test_all_errors_show_in_one_round(client, team):
    response = client.post("/aanmelden/", form_data(client, description="", reporter_phone="", reporter_email="", postcode="12AB",
                                                    house_number="x"))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"description", "reporter_phone", "postcode", "house_number"} <= set(errors)


def test_invalid_attempts_do_not_count_against_the_rate_limit(client, team):
    for _ in range(8):
        assert client.post("/aanmelden/", form_data(client, reporter_phone="")).status_code == 400
    assert client.post("/aanmelden/", form_data(client)).status_code == 302
    assert Signal.objects.count() == 1


def test_back_then_send_again_makes_one_signal(client, team):
    """A browser that reloads the form on 'back' gets the same token (a cookie), so a resend —
    even with the text changed — returns the first signal; the page says it was received."""
    first = form_data(client)
    assert client.post("/aanmelden/", first).status_code == 302
    back = client.get("/aanmelden/")  # the back button reloads the page
    assert re.search(rb'name="token" value="([^"]+)"', back.content).group(1).decode() == first["token"]
    assert "U hebt dit formulier net verstuurd" in back.content.decode()
    again = form_data(client, description=first["description"] + " En de gordijnen zijn dicht.", subject_name="")
    resent = client.post("/aanmelden/", again)  # even with a field the browser did not put back: no error, no second signal
    assert resent.status_code == 302 and resent["Location"] == "/aanmelden/verstuurd/"
    assert Signal.objects.count() == 1
    fresh = client.get("/aanmelden/?nieuw=1")
    assert re.search(rb'name="token" value="([^"]+)"', fresh.content).group(1).decode() != first["token"]
