"""Dates in every form (issue 11, defect 3). A browser's `<input type="date">` sends an empty value for
an impossible date such as 31-02-2020, and the forms are `novalidate` (the server words the errors), so an
optional date was silently dropped and the record saved without it. The form base now renders a text box
(the browser sends what was typed) and its date field refuses an impossible date in words."""

import pytest
from django import forms

from eenplan.accounts.models import RoleCode
from eenplan.core.forms import Form
from eenplan.intake.models import Signal, SourceType
from eenplan.testing.factories import TeamFactory, UserFactory, WijkFactory


class _Dated(Form):
    on = forms.DateField(required=False)


def test_a_date_field_renders_a_text_box_that_keeps_what_was_typed():
    form = _Dated({"on": "31-02-2020"})
    html = str(form["on"])
    assert 'type="text"' in html and 'type="date"' not in html
    assert 'value="31-02-2020"' in html


@pytest.mark.parametrize("typed, words", [
    ("31-02-2020", "31-02-2020 bestaat niet: februari 2020 heeft 29 dagen."),
    ("29-02-2021", "29-02-2021 bestaat niet: februari 2021 heeft 28 dagen."),
    ("2020-02-30", "2020-02-30 bestaat niet: februari 2020 heeft 29 dagen."),
    ("12-13-2020", "12-13-2020 is geen datum: er is geen maand 13."),
    ("morgen", "Schrijf de datum als dag-maand-jaar, bijvoorbeeld 28-02-2020."),
    ("01-01-99999999999999999999", "Schrijf de datum als dag-maand-jaar"),
])
def test_an_impossible_date_is_refused_in_words(typed, words):
    form = _Dated({"on": typed})
    assert not form.is_valid()
    assert words in form.errors["on"][0]


@pytest.mark.parametrize("typed", ["29-02-2020", "29/02/2020", "2020-02-29", "1-3-2020"])
def test_dutch_and_iso_dates_are_read(typed):
    form = _Dated({"on": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["on"].year == 2020


@pytest.mark.django_db
def test_an_impossible_optional_date_on_a_signal_is_refused_not_dropped(verified_client):
    wijk = WijkFactory(postcode_areas="3511")
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=TeamFactory(wijken=[wijk]))
    data = {"sig-channel": "verwijzing", "sig-source": SourceType.objects.get(code="woningcorporatie").pk,
            "sig-description": "Huurachterstand drie maanden", "sig-postcode": "3511 AB", "sig-house_number": "5",
            "sig-reported_on": "31-02-2020"}
    response = verified_client(pro).post("/intake/signalen/nieuw/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "31-02-2020 bestaat niet" in body and 'value="31-02-2020"' in body
    assert "Huurachterstand drie maanden" in body
    assert not Signal.objects.exists()
