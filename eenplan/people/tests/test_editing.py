"""Correcting people and households: details, role, leaving, moving — and the BSN rules
(an empty BSN is no BSN; a BSN already registered says who has it to those who may know)."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from eenplan.access.models import AccessLogEntry, Action, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Case
from eenplan.people import services
from eenplan.people.forms import PersonForm
from eenplan.people.models import AddressChange, Household, HouseholdAddress, HouseholdMember, MemberRole, Person
from eenplan.people.validators import normalise_bsn
from eenplan.testing.auth import login_verified
from eenplan.testing.factories import CaseFactory, HouseholdMemberFactory, PersonFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@dataclass
class World:
    pro: object
    other_pro: object
    member: HouseholdMember
    household: Household
    case: Case


@pytest.fixture
def world():
    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    other_pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    member = HouseholdMemberFactory(household__wijk=team.wijken.first(), household__name="Gezin Bakker",
                                    person__given_names="Sanne", person__surname="Bakker", person__bsn="123456782",
                                    person__birth_date=date(1984, 3, 12), since=date(2020, 1, 1))
    person = member.person
    household = member.household
    Person.objects.filter(pk=person.pk).update(street=household.street, house_number=household.house_number,
                                               postcode=household.postcode, city=household.city)
    case = CaseFactory(household=household, team=team, regisseur=pro)
    return World(pro=pro, other_pro=other_pro, member=member, household=household, case=case)


def _client(user):
    return login_verified(Client(), user)


def _person_post(**overrides):
    data = {"given_names": "Noah", "preferred_name": "", "surname_prefix": "", "surname": "Bakker", "birth_date": "2026-01-05",
            "bsn": "", "phone": "", "email": "", "role": "kind"}
    data.update(overrides)
    return data


# --- defect 2: an empty BSN ----------------------------------------------------------------


@pytest.mark.parametrize("raw", ["", "   ", None])
def test_an_empty_bsn_stays_empty(raw):
    assert normalise_bsn(raw) == ""


def test_normalise_bsn_still_compacts_a_given_bsn():
    assert normalise_bsn("1234.56.782") == "123456782"


def test_person_form_accepts_a_person_without_bsn():
    form = PersonForm(data=_person_post(birth_date="2024-05-01"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["bsn"] == ""


def test_a_baby_without_bsn_is_added_over_http(world):
    response = _client(world.pro).post(f"/huishoudens/{world.household.pk}/personen/nieuw/", _person_post(birth_date="2024-05-01"))
    assert response.status_code == 302, response.content.decode()[:2000]
    baby = Person.objects.get(given_names="Noah")
    assert baby.bsn == ""
    assert world.household.members.get(person=baby).role == MemberRole.CHILD


def test_two_people_without_bsn_can_both_be_added(world):
    client = _client(world.pro)
    for name in ["Noah", "Mila"]:
        response = client.post(f"/huishoudens/{world.household.pk}/personen/nieuw/", _person_post(given_names=name, birth_date="2024-05-01"))
        assert response.status_code == 302
    assert Person.objects.filter(bsn="").count() == 2


# --- defect 4: a BSN already registered ----------------------------------------------------


def test_duplicate_bsn_names_the_holder_with_a_link_for_an_involved_professional(world):
    response = _client(world.pro).post(f"/huishoudens/{world.household.pk}/personen/nieuw/", _person_post(bsn="123456782"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "unique_bsn_when_given" not in body
    assert "Dit BSN is al geregistreerd voor Sanne Bakker, in" in body
    assert f'href="/huishoudens/{world.household.pk}/"' in body
    assert not Person.objects.filter(given_names="Noah").exists()
    assert AccessLogEntry.objects.filter(user=world.pro, action=Action.READ, person_id=world.member.person_id,
                                         detail__contains="BSN").exists()


def test_duplicate_bsn_does_not_name_the_holder_to_someone_not_involved(world):
    own = CaseFactory(team=world.case.team, regisseur=world.other_pro)
    response = _client(world.other_pro).post(f"/huishoudens/{own.household.pk}/personen/nieuw/", _person_post(bsn="123456782"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Dit BSN is al geregistreerd." in body
    assert "Sanne" not in body
    assert f'href="/huishoudens/{world.household.pk}/"' not in body
    assert not AccessLogEntry.objects.filter(user=world.other_pro, action=Action.READ, person_id=world.member.person_id).exists()


def test_service_refuses_a_taken_bsn_with_the_holder(world):
    with pytest.raises(services.BsnTaken) as exc:
        services.person_create(by=world.pro, given_names="X", surname="Y", bsn="123 456 782")
    assert exc.value.existing == world.member.person
    assert exc.value.message_dict == {"bsn": ["Dit BSN is al geregistreerd."]}


# --- defect 6: correcting a person, a role, leaving, moving ---------------------------------


def test_person_update_logs_before_and_after_of_the_changed_fields_only(world):
    person = world.member.person
    services.person_update(person=person, by=world.pro, surname="Bakkers", phone="0612345678", given_names="Sanne")
    person.refresh_from_db()
    assert (person.surname, person.phone) == ("Bakkers", "0612345678")
    entry = AccessLogEntry.objects.filter(action=Action.UPDATE, person_id=person.pk).latest("pk")
    assert entry.before == {"surname": "Bakker", "phone": ""}
    assert entry.after == {"surname": "Bakkers", "phone": "0612345678"}
    assert entry.detail == "changed: surname, phone"


def test_an_update_without_changes_writes_nothing(world):
    before = AccessLogEntry.objects.count()
    services.person_update(person=world.member.person, by=world.pro, surname="Bakker")
    assert AccessLogEntry.objects.count() == before


def test_member_edit_page_corrects_details_and_role(world):
    client = _client(world.pro)
    url = f"/huishoudens/{world.household.pk}/leden/{world.member.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, _person_post(given_names="Sanne", surname="Bakker-de Wit", birth_date="1984-03-12",
                                             bsn="123456782", phone="0611111111", role="partner"))
    assert response.status_code == 302
    world.member.refresh_from_db()
    assert world.member.role == MemberRole.PARTNER
    assert world.member.person.surname == "Bakker-de Wit"
    entries = AccessLogEntry.objects.filter(user=world.pro, action=Action.UPDATE, person_id=world.member.person_id)
    assert entries.filter(before={"role": "ouder"}, after={"role": "partner"}).exists()
    person_entry = entries.get(record_type="people.Person", detail__startswith="changed")
    assert person_entry.before == {"surname": "Bakker", "phone": ""}
    assert person_entry.after == {"surname": "Bakker-de Wit", "phone": "0611111111"}


def test_member_edit_with_bad_input_keeps_what_was_typed_and_saves_nothing(world):
    url = f"/huishoudens/{world.household.pk}/leden/{world.member.pk}/"
    response = _client(world.pro).post(url, _person_post(given_names="Sanne", surname="Bakkertje", bsn="123456789", role="partner"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "elfproef" in body and 'value="Bakkertje"' in body
    world.member.refresh_from_db()
    assert (world.member.role, world.member.person.surname) == (MemberRole.PARENT, "Bakker")


def test_member_leaves_and_stays_in_the_history(world):
    child = HouseholdMemberFactory(household=world.household, role=MemberRole.CHILD, person__given_names="Lotte", since=date(2020, 1, 1))
    left_on = timezone.localdate() - timedelta(days=3)
    response = _client(world.pro).post(f"/huishoudens/{world.household.pk}/leden/{child.pk}/vertrek/",
                                       {"leave-until": left_on.isoformat(), "leave-reason": "Eigen woning"})
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.until == left_on
    assert list(services.current_members(world.household)) == [world.member]
    page = _client(world.pro).get(f"/huishoudens/{world.household.pk}/").content.decode()
    assert "Vroegere gezinsleden" in page and "Lotte" in page
    entry = AccessLogEntry.objects.get(action=Action.UPDATE, person_id=child.person_id, detail="member left the household")
    assert entry.after == {"until": left_on.isoformat()} and entry.reason == "Eigen woning"


def test_member_leave_refuses_a_date_before_joining_or_in_the_future(world):
    with pytest.raises(ValidationError) as exc:
        services.member_leave(member=world.member, until=date(2019, 12, 31), by=world.pro)
    assert "until" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.member_leave(member=world.member, until=timezone.localdate() + timedelta(days=1), by=world.pro)
    assert "until" in exc.value.message_dict
    world.member.refresh_from_db()
    assert world.member.until is None


def test_household_move_keeps_the_earlier_address_with_dates(world):
    moved_on = timezone.localdate() - timedelta(days=10)
    old_street, old_number = world.household.street, world.household.house_number
    services.household_move(household=world.household, by=world.pro, moved_on=moved_on, street="Nieuwe Gracht",
                            house_number=4, postcode="3512ab", city="Voorbeeldstad")
    world.household.refresh_from_db()
    assert (world.household.street, world.household.postcode) == ("Nieuwe Gracht", "3512 AB")
    rows = list(HouseholdAddress.objects.filter(household=world.household).order_by("recorded_at", "pk"))
    assert [(r.street, r.house_number, r.until) for r in rows] == [(old_street, old_number, moved_on), ("Nieuwe Gracht", 4, None)]
    assert rows[1].since == moved_on and rows[1].change == AddressChange.MOVED
    person = Person.objects.get(pk=world.member.person_id)
    assert person.street == "Nieuwe Gracht"  # the member who lived there moved along
    entry = AccessLogEntry.objects.filter(action=Action.UPDATE, household_id=world.household.pk, record_type="people.Household").latest("pk")
    assert entry.before["street"] == "Voorbeeldstraat" and entry.after["street"] == "Nieuwe Gracht"
    assert entry.after["postcode"] == "3512 AB"


def test_address_history_rows_cannot_be_overwritten(world):
    services.household_move(household=world.household, by=world.pro, street="Dorpsstraat", house_number=1, postcode="3512 AB")
    row = HouseholdAddress.objects.filter(household=world.household).first()
    row.street = "Anders"
    with pytest.raises(ValidationError, match="append-only"):
        row.save()
    with pytest.raises(ValidationError, match="append-only"):
        row.delete()


def test_household_move_over_http_and_its_errors(world):
    client = _client(world.pro)
    url = f"/huishoudens/{world.household.pk}/adres/"
    assert client.get(url).status_code == 200
    bad = client.post(url, {"change": "verhuizing", "moved_on": "2999-01-01", "street": "Dorpsstraat", "house_number": "", "postcode": "12",
                            "wijk": world.household.wijk_id})
    assert bad.status_code == 400
    assert 'value="Dorpsstraat"' in bad.content.decode()
    ok = client.post(url, {"change": "verhuizing", "moved_on": "", "street": "Dorpsstraat", "house_number": "8", "postcode": "3512 AB",
                           "city": "Voorbeeldstad", "wijk": world.household.wijk_id})
    assert ok.status_code == 302
    page = client.get(f"/huishoudens/{world.household.pk}/").content.decode()
    assert "Eerdere adressen" in page and "Voorbeeldstraat" in page and "Dorpsstraat 8" in page


def test_household_edit_changes_the_name(world):
    response = _client(world.pro).post(f"/huishoudens/{world.household.pk}/wijzigen/", {"name": "Gezin Bakker-de Wit",
                                                                                        "wijk": world.household.wijk_id})
    assert response.status_code == 302
    world.household.refresh_from_db()
    assert world.household.name == "Gezin Bakker-de Wit"


@pytest.mark.parametrize("method,path,data", [
    ("get", "/huishoudens/{h}/leden/{m}/", None),
    ("post", "/huishoudens/{h}/leden/{m}/", _person_post(given_names="Hacked", role="kind")),
    ("post", "/huishoudens/{h}/leden/{m}/vertrek/", {"leave-until": "2024-01-01"}),
    ("get", "/huishoudens/{h}/adres/", None),
    ("post", "/huishoudens/{h}/adres/", {"change": "verhuizing", "street": "X", "house_number": "1", "postcode": "3512 AB"}),
    ("post", "/huishoudens/{h}/wijzigen/", {"name": "Hacked"}),
])
def test_an_uninvolved_professional_is_refused_and_logged(world, method, path, data):
    client = _client(world.other_pro)
    url = path.format(h=world.household.pk, m=world.member.pk)
    response = getattr(client, method)(url, data) if data is not None else client.get(url)
    assert response.status_code == 403
    assert AccessLogEntry.objects.filter(user=world.other_pro, outcome=Outcome.REFUSED, household_id=world.household.pk).exists()
    world.member.refresh_from_db()
    world.household.refresh_from_db()
    assert world.member.until is None and world.member.person.given_names == "Sanne" and world.household.name == "Gezin Bakker"


def test_a_member_of_another_household_is_not_found_through_this_one(world):
    other = HouseholdMemberFactory()
    response = _client(world.pro).get(f"/huishoudens/{world.household.pk}/leden/{other.pk}/")
    assert response.status_code == 404


# --- duplicate check at registration -------------------------------------------------------


def _registration(world, **person):
    h = world.household
    data = {"hh-name": "Gezin Bakker", "hh-wijk": h.wijk_id, "hh-street": h.street, "hh-house_number": h.house_number,
            "hh-house_number_addition": "", "hh-postcode": h.postcode, "hh-city": h.city,
            "p-given_names": "Sanne", "p-surname": "bakker", "p-birth_date": "1984-03-12", "p-bsn": "", "p-role": "ouder"}
    data.update({f"p-{k}": v for k, v in person.items()})
    return data


def test_registering_the_same_household_again_offers_the_existing_one(world):
    response = _client(world.pro).post("/huishoudens/nieuw/", _registration(world))
    assert response.status_code == 409
    body = response.content.decode()
    assert "Dit huishouden lijkt al geregistreerd" in body
    assert f'href="/huishoudens/{world.household.pk}/"' in body
    assert "achternaam, voornaam, geboortedatum, adres" in body
    assert 'name="confirm_new_household"' not in body  # the same person: never registered twice
    assert Household.objects.count() == 1 and Case.objects.count() == 1
    assert 'value="Sanne"' in body  # the typed details are kept


def test_the_same_bsn_at_another_address_is_a_match_too(world):
    data = _registration(world, bsn="123456782", surname="Jansen", birth_date="1990-01-01")
    data["hh-postcode"], data["hh-house_number"] = "3512 AB", "99"
    body = _client(world.pro).post("/huishoudens/nieuw/", data).content.decode()
    assert "Overeenkomst op: BSN" in body
    assert Household.objects.count() == 1


def test_a_duplicate_household_is_not_shown_to_someone_who_may_not_see_it(world):
    response = _client(world.other_pro).post("/huishoudens/nieuw/", _registration(world))
    assert response.status_code == 409
    body = response.content.decode()
    assert "Er is al een huishouden met deze gegevens geregistreerd." in body
    assert "voorpost" in body
    assert f'href="/huishoudens/{world.household.pk}/"' not in body
    assert "Gezin Bakker</a>" not in body
    assert Household.objects.count() == 1
    assert AccessLogEntry.objects.filter(user=world.other_pro, action=Action.SEARCH, detail__contains="duplicate check").exists()


def test_a_different_birth_date_at_the_same_address_is_a_new_household(world):
    """Someone else at a registered address: the household there is offered first (people.matching), and a
    second household is registered only when the professional confirms it is another one."""
    data = _registration(world, birth_date="1986-01-01", given_names="Kim")
    response = _client(world.pro).post("/huishoudens/nieuw/", data)
    assert response.status_code == 409
    assert "Een huishouden op dit adres, niet dezelfde persoon" in response.content.decode()
    assert Household.objects.count() == 1
    response = _client(world.pro).post("/huishoudens/nieuw/", data | {"confirm_new_household": "1"})
    assert response.status_code == 302
    assert Household.objects.count() == 2
    new = Household.objects.latest("pk")
    assert new.addresses.count() == 1  # the first address row of the history


def test_a_new_person_without_bsn_does_not_match_everyone_without_bsn(world):
    PersonFactory(bsn="")
    response = _client(world.pro).post("/huishoudens/nieuw/", _registration(world, surname="Yilmaz", bsn="")
                                       | {"confirm_new_household": "1"})  # another household at the same address
    assert response.status_code == 302
