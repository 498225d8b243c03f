"""The client against the stand-in BRP: the Haal Centraal v2 request format, parsing, and every error."""

from datetime import date

import pytest
import requests

from eenplan.brp.client import RESIDENT_FIELDS, BrpBadRequest, BrpClient, BrpRefused, BrpUnavailable
from eenplan.testing.servers import free_port


def test_raadpleeg_by_bsn_sends_the_published_request_and_parses_the_answer(brp_standin):
    [person] = BrpClient().raadpleeg_bsn(["999991036"])
    assert (person.bsn, person.given_names, person.surname_prefix, person.surname) == ("999991036", "Sanne", "de", "Vries")
    assert person.birth_date == date(1982, 7, 21)
    assert person.address.display == "Kerkstraat 8, 7413 AB Eendijk"
    sent = brp_standin.requests[-1]
    assert sent["path"] == "/haalcentraal/api/brp/personen"
    assert sent["headers"]["X-API-KEY"] == "test-key"
    assert sent["body"]["type"] == "RaadpleegMetBurgerservicenummer" and sent["body"]["burgerservicenummer"] == ["999991036"]
    assert "verblijfplaats" in sent["body"]["fields"]


def test_only_the_fields_asked_for_come_back(brp_standin):
    people = BrpClient().zoek_postcode_huisnummer("7413 AB", 8, fields=RESIDENT_FIELDS)
    assert sorted(p.given_names for p in people) == ["Jan Willem", "Lotte", "Noor", "Sanne"]
    assert all(p.address is None and "geslacht" not in p.raw and "verblijfplaats" not in p.raw for p in people)


def test_search_by_surname_and_birth_date_finds_the_twins_apart_from_others(brp_standin):
    people = BrpClient().zoek_geslachtsnaam_geboortedatum("bakker", date(2015, 5, 9))
    assert sorted(p.given_names for p in people) == ["Lotte", "Noor"]
    assert BrpClient().zoek_geslachtsnaam_geboortedatum("Bakker", date(2015, 5, 10)) == []


def test_a_house_letter_is_part_of_the_addition(brp_standin):
    [fatima, youssef] = BrpClient().zoek_postcode_huisnummer("7413WD", 14, huisletter="A")
    assert fatima.address.house_number_addition == "A" and fatima.address.house_number == 14


def test_a_wrong_key_is_refused(brp_standin):
    with pytest.raises(BrpRefused):
        BrpClient(api_key="wrong").raadpleeg_bsn(["999991036"])


def test_a_brp_that_is_down_or_unreachable_is_unavailable(brp_standin):
    brp_standin.fail_with = 503
    with pytest.raises(BrpUnavailable):
        BrpClient().raadpleeg_bsn(["999991036"])
    with pytest.raises(BrpUnavailable):
        BrpClient(url=f"http://127.0.0.1:{free_port()}/brp", timeout=1).raadpleeg_bsn(["999991036"])


def test_the_standin_answers_a_bad_request_as_the_brp_does(brp_standin):
    response = requests.post(f"{brp_standin.url}/personen", json={"type": "ZoekMetPostcodeEnHuisnummer", "postcode": "7413AB"},
                             headers={"X-API-KEY": "test-key"}, timeout=3)
    assert response.status_code == 400 and response.headers["Content-Type"] == "application/problem+json"
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {"huisnummer", "fields"}
    with pytest.raises(BrpBadRequest):
        BrpClient()._post({"type": "Onbekend", "fields": ["naam"]})


@pytest.mark.parametrize("url, warned", [("", False), ("https://brp.example.nl/api", False),
                                         ("http://127.0.0.1:8091/brp", False), ("http://brp.example.nl/api", True)])
def test_check_deploy_warns_on_a_brp_url_without_https(settings, url, warned):
    from eenplan.brp.checks import brp_over_https

    settings.BRP_API_URL = url
    assert [w.id for w in brp_over_https(None)] == (["eenplan.brp.W001"] if warned else [])
