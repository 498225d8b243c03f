"""The BRP lookup on the registration and correction forms: a proposal taken over per field, never silently;
every lookup logged with its purpose and fields; errors in Dutch with nothing typed lost; hidden unconfigured."""

from datetime import date

import pytest
from django.test import Client

from eenplan.access.models import AccessLogEntry, Action
from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Case
from eenplan.people.models import Household, HouseholdMember, Person
from eenplan.testing.auth import login_verified
from eenplan.testing.factories import CaseFactory, HouseholdMemberFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory()


@pytest.fixture
def pro(team):
    return UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)


def _client(user):
    return login_verified(Client(), user)


def _form(team, **extra):
    data = {"hh-name": "", "hh-wijk": team.wijken.first().pk, "hh-street": "", "hh-house_number": "", "hh-house_number_addition": "",
            "hh-postcode": "", "hh-city": "", "p-given_names": "", "p-preferred_name": "Jan", "p-surname_prefix": "", "p-surname": "",
            "p-birth_date": "", "p-bsn": "", "p-phone": "0612345678", "p-email": "", "p-role": "ouder"}
    return data | extra


def _lookup(team, **criteria):
    return _form(team, **{"brp_action": "lookup", "brp-purpose": "aanmelding"} | {f"brp-{k}": v for k, v in criteria.items()})


def test_without_a_brp_configured_the_lookup_is_hidden_and_ignored(pro, team, settings):
    settings.BRP_API_URL = ""
    client = _client(pro)
    assert "Opzoeken in de BRP" not in client.get("/huishoudens/nieuw/").content.decode()
    response = client.post("/huishoudens/nieuw/", _lookup(team, bsn="999991000"))
    assert response.status_code == 400  # the ordinary form, with its errors: no lookup happened
    assert not AccessLogEntry.objects.filter(record_type="brp.Persoon").exists()


def test_a_lookup_by_bsn_proposes_names_birth_date_address_and_residents_keeping_what_was_typed(pro, team, brp_standin):
    client = _client(pro)
    assert "Opzoeken in de BRP" in client.get("/huishoudens/nieuw/").content.decode()
    response = client.post("/huishoudens/nieuw/", _lookup(team, bsn="999991000"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Voorstel uit de BRP: Jan Willem Bakker" in body
    assert 'value="0612345678"' in body and 'value="Jan"' in body  # typed, not lost
    assert 'name="p-given_names" value="Jan Willem"' not in body  # not taken over before the professional says so
    for value in ["Jan Willem", "03-02-1980", "Kerkstraat", "7413 AB"]:
        assert value in body
    assert "Ook Sanne de Vries als lid registreren" in body and "Ook Noor Bakker als lid registreren" in body
    assert Person.objects.count() == 0
    lines = AccessLogEntry.objects.filter(user=pro, record_type="brp.Persoon", action=Action.SEARCH).order_by("pk")
    assert [line.detail.split(" by ")[0] for line in lines] == ["BRP RaadpleegMetBurgerservicenummer", "BRP ZoekMetPostcodeEnHuisnummer"]
    first = lines[0]
    assert first.reason.startswith("aanmelding:") and first.record_id == "999991000"
    assert "fields burgerservicenummer, naam.voornamen" in first.detail and "verblijfplaats" in first.detail
    assert "verblijfplaats" not in lines[1].detail  # residents: who, not where


def test_a_partial_take_over_changes_only_the_ticked_fields_and_saving_registers_the_chosen_residents(pro, team, brp_standin):
    client = _client(pro)
    client.post("/huishoudens/nieuw/", _lookup(team, bsn="999991000"))
    typed = _form(team, **{"p-surname": "Bakker-typed", "hh-city": "Eendijk-typed"})
    response = client.post("/huishoudens/nieuw/", typed | {
        "brp_action": "apply", "brp_take": ["given_names", "birth_date", "bsn", "street", "house_number", "postcode"],
        "brp_member": ["999991036", "999991073"], "brp_role_999991036": "partner", "brp_role_999991073": "kind"})
    body = response.content.decode()
    assert 'name="p-given_names" value="Jan Willem"' in body.replace('\n', ' ') or 'value="Jan Willem"' in body
    assert 'value="Bakker-typed"' in body and 'value="Eendijk-typed"' in body  # not ticked: what was typed stays
    assert "Overgenomen uit de BRP: Voornamen, Geboortedatum, BSN, Straat, Huisnummer, Postcode" in body
    assert Person.objects.count() == 0  # taken over into the form, not saved
    line = AccessLogEntry.objects.filter(user=pro, record_type="brp.Persoon", action=Action.READ).latest("pk")
    assert "taken over given_names, birth_date, bsn, street, house_number, postcode" in line.detail
    assert "2 resident(s) to register" in line.detail

    final = _form(team, **{"hh-name": "Gezin Bakker", "hh-street": "Kerkstraat", "hh-house_number": "8", "hh-postcode": "7413 AB",
                           "hh-city": "Eendijk", "p-given_names": "Jan Willem", "p-surname": "Bakker", "p-birth_date": "03-02-1980",
                           "p-bsn": "999991000", "brp_member": ["999991036"]})  # Lotte unticked again
    response = client.post("/huishoudens/nieuw/", final)
    assert response.status_code == 302, response.content.decode()[:3000]
    household = Household.objects.get()
    members = {m.person.given_names: m.role for m in HouseholdMember.objects.filter(household=household).select_related("person")}
    assert members == {"Jan Willem": "ouder", "Sanne": "partner"}
    assert Person.objects.get(bsn="999991036").surname_prefix == "de"
    assert Case.objects.filter(household=household).count() == 1
    assert "brp_proposal" not in client.session


def test_taking_over_nothing_is_logged_and_leaves_the_form_as_typed(pro, team, brp_standin):
    client = _client(pro)
    client.post("/huishoudens/nieuw/", _lookup(team, bsn="999991000"))
    body = client.post("/huishoudens/nieuw/", _form(team, **{"p-surname": "Bakkr", "brp_action": "discard"})).content.decode()
    assert 'value="Bakkr"' in body and "Voorstel uit de BRP" not in body
    assert AccessLogEntry.objects.filter(user=pro, detail="BRP proposal: nothing taken over", record_id="999991000").exists()
    assert "brp_proposal" not in client.session


def test_several_found_by_name_and_birth_date_then_one_picked(pro, team, brp_standin):
    client = _client(pro)
    body = client.post("/huishoudens/nieuw/", _lookup(team, surname="Bakker", birth_date="09-05-2015")).content.decode()
    assert "De BRP vond 2 personen" in body and "Lotte Bakker gebruiken" in body
    body = client.post("/huishoudens/nieuw/", _form(team, brp_pick="999991103")).content.decode()
    assert "Voorstel uit de BRP: Noor Bakker" in body
    kinds = list(AccessLogEntry.objects.filter(record_type="brp.Persoon", action=Action.SEARCH).values_list("detail", flat=True))
    assert any(d.startswith("BRP ZoekMetGeslachtsnaamEnGeboortedatum") and "2 found" in d for d in kinds)
    assert all(line.reason.startswith("aanmelding") for line in AccessLogEntry.objects.filter(record_type="brp.Persoon"))


def test_the_proposal_shows_the_household_already_registered(pro, team, brp_standin):
    member = HouseholdMemberFactory(household__wijk=team.wijken.first(), household__name="Gezin Bakker", household__street="Kerkstraat",
                                    household__house_number=8, household__postcode="7413 AB", person__given_names="Lotte",
                                    person__surname="Bakker", person__bsn="999991073", person__birth_date=date(2015, 5, 9))
    CaseFactory(household=member.household, team=team, regisseur=pro)
    body = _client(pro).post("/huishoudens/nieuw/", _lookup(team, bsn="999991000")).content.decode()
    assert "Al in eenplan" in body and f'href="/huishoudens/{member.household.pk}/"' in body
    assert "Een huishouden op dit adres, niet dezelfde persoon" in body
    assert "Lotte Bakker (09-05-2015) — al geregistreerd in eenplan" in body
    assert 'value="999991073"' not in body  # a resident already registered is not offered to register again


@pytest.mark.parametrize("fault, message", [
    ("down", "De BRP is nu niet bereikbaar. Er is niets verloren gegaan"),
    ("key", "De BRP weigerde de vraag"),
    ("unknown", "De BRP kent niemand met deze gegevens"),
])
def test_errors_are_dutch_and_lose_nothing_typed(pro, team, brp_standin, settings, fault, message):
    if fault == "down":
        brp_standin.fail_with = 503
    elif fault == "key":
        settings.BRP_API_KEY = "expired"
    bsn = "999991279" if fault == "unknown" else "999991000"
    response = _client(pro).post("/huishoudens/nieuw/", _lookup(team, bsn=bsn) | {"p-surname": "Typed"})
    body = response.content.decode()
    assert message in body and 'value="Typed"' in body and 'value="0612345678"' in body
    line = AccessLogEntry.objects.get(record_type="brp.Persoon")
    assert ("no answer" in line.detail) == (fault != "unknown")


def test_a_lookup_needs_a_purpose_and_a_complete_criterion(pro, team, brp_standin):
    client = _client(pro)
    body = client.post("/huishoudens/nieuw/", _lookup(team, surname="Bakker") | {"brp-purpose": ""}).content.decode()
    assert 'id="id_brp-purpose_error" role="alert"><p>Dit veld is vereist.' in body
    body = client.post("/huishoudens/nieuw/", _lookup(team, surname="Bakker")).content.decode()
    assert "Geef een BSN, of een achternaam met een geboortedatum, of een postcode met een huisnummer." in body
    assert not AccessLogEntry.objects.filter(record_type="brp.Persoon").exists()
    assert not brp_standin.requests


def test_correcting_a_member_offers_the_brp_names_not_the_address(pro, team, brp_standin):
    member = HouseholdMemberFactory(household__wijk=team.wijken.first(), person__given_names="Sane", person__surname="Vries",
                                    person__bsn="999991036", person__birth_date=date(1982, 7, 21))
    CaseFactory(household=member.household, team=team, regisseur=pro)
    client = _client(pro)
    url = f"/huishoudens/{member.household.pk}/leden/{member.pk}/"
    page = client.get(url).content.decode()
    assert 'value="correctie" required id="id_brp-purpose_1" checked' in page
    data = {"given_names": "Sane", "preferred_name": "", "surname_prefix": "", "surname": "Vries", "birth_date": "21-07-1982",
            "bsn": "999991036", "phone": "", "email": "", "role": "ouder"}
    body = client.post(url, data | {"brp_action": "lookup", "brp-purpose": "correctie", "brp-bsn": "999991036"}).content.decode()
    assert "Voorstel uit de BRP: Sanne de Vries" in body and "Adres in de BRP: Kerkstraat 8, 7413 AB Eendijk" in body
    assert 'name="brp_take" value="street"' not in body and "als lid registreren" not in body
    client.post(url, data | {"brp_action": "apply", "brp_take": ["given_names", "surname_prefix"]})
    response = client.post(url, data | {"given_names": "Sanne", "surname_prefix": "de"})
    assert response.status_code == 302
    member.person.refresh_from_db()
    assert (member.person.given_names, member.person.surname_prefix) == ("Sanne", "de")
    assert AccessLogEntry.objects.filter(record_type="brp.Persoon", reason__startswith="correctie", person_id=member.person_id).exists()


def test_joining_is_only_into_a_household_offered_to_this_user(pro, team):
    """`join_household` adds to a household at the address the user may open; any other id is ignored."""
    wijk = team.wijken.first()
    mine = HouseholdMemberFactory(household__wijk=wijk, household__name="Gezin Bakker", household__street="Kerkstraat",
                                  household__house_number=8, household__postcode="7413 AB", person__given_names="Lotte",
                                  person__surname="Bakker", person__birth_date=date(2015, 5, 9)).household
    CaseFactory(household=mine, team=team, regisseur=pro)
    elsewhere = HouseholdMemberFactory(household__wijk=wijk).household
    data = _form(team, **{"hh-name": "Gezin Bakker", "hh-street": "Kerkstraat", "hh-house_number": "8", "hh-postcode": "7413 AB",
                          "p-given_names": "Noor", "p-surname": "Bakker", "p-birth_date": "09-05-2015", "p-role": "kind"})
    client = _client(pro)
    assert client.post("/huishoudens/nieuw/", data | {"join_household": str(elsewhere.pk)}).status_code == 409
    assert not Person.objects.filter(given_names="Noor").exists()
    response = client.post("/huishoudens/nieuw/", data | {"join_household": str(mine.pk)})
    assert response.status_code == 302 and response["Location"] == f"/huishoudens/{mine.pk}/"
    assert mine.members.filter(person__given_names="Noor", role="kind").exists()
    assert Household.objects.count() == 2 and Case.objects.count() == 1


def test_enter_in_a_field_without_lookup_criteria_saves_the_form(pro, team, brp_standin):
    """Enter sends the form's first button (the lookup's); with no criteria typed it is the ordinary save."""
    data = _form(team, **{"hh-name": "Gezin Kaya", "hh-street": "Dorpsstraat", "hh-house_number": "5", "hh-postcode": "7414 BC",
                          "p-given_names": "Ayse", "p-surname": "Kaya", "brp_action": "lookup", "brp-purpose": "aanmelding"})
    response = _client(pro).post("/huishoudens/nieuw/", data)
    assert response.status_code == 302 and Household.objects.filter(name="Gezin Kaya").exists()
    assert not brp_standin.requests
