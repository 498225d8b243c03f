import pytest
from django.core.exceptions import ValidationError

from eenplan.people.forms import HouseholdForm, PersonForm
from eenplan.people.validators import normalise_postcode, validate_bsn, validate_postcode


@pytest.mark.parametrize("bsn", ["123456782", "111222333", "012345672"])
def test_valid_bsn_passes_elfproef(bsn):
    validate_bsn(bsn)


@pytest.mark.parametrize("bsn", ["123456789", "111222334", "000000000", "12345678", "abcdefghi"])
def test_invalid_bsn_is_refused(bsn):
    with pytest.raises(ValidationError) as exc:
        validate_bsn(bsn)
    assert exc.value.code == "invalid_bsn"


@pytest.mark.parametrize("raw,expected", [("3511ab", "3511 AB"), ("3511 AB", "3511 AB"), (" 3511  ab ", "3511 AB")])
def test_postcode_is_normalised(raw, expected):
    assert normalise_postcode(raw) == expected
    validate_postcode(raw)


@pytest.mark.parametrize("postcode", ["0511 AB", "351 AB", "3511 SA", "ABCD 12"])
def test_invalid_postcode_is_refused(postcode):
    with pytest.raises(ValidationError):
        validate_postcode(postcode)


def _person_data(**overrides):
    data = {"given_names": "Sanne", "surname": "Jansen", "birth_date": "1984-03-12", "bsn": "", "role": "ouder"}
    data.update(overrides)
    return data


def test_person_form_reports_bad_bsn_on_the_field_in_dutch():
    form = PersonForm(data=_person_data(bsn="123456789"))
    assert not form.is_valid()
    assert "elfproef" in form.errors["bsn"][0]
    assert 'value="123456789"' in str(form["bsn"])  # what the user typed is kept


def test_person_form_refuses_birth_date_in_future():
    form = PersonForm(data=_person_data(birth_date="2999-01-01"))
    assert not form.is_valid()
    assert "toekomst" in form.errors["birth_date"][0]


@pytest.mark.django_db
def test_household_form_reports_bad_postcode():
    from eenplan.testing.factories import WijkFactory

    form = HouseholdForm(data={"name": "Gezin X", "wijk": WijkFactory().pk, "postcode": "12AB", "house_number": "3"})
    assert not form.is_valid()
    assert "postcode" in form.errors["postcode"][0].lower()
