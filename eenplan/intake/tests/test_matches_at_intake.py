"""A signal about an address where a household is already registered shows it as a match (people.matching), with
its evidence, so it is linked instead of triage registering the household a second time; merged records stay out."""

import pytest
from django.test import Client

from eenplan.accounts.models import RoleCode
from eenplan.people import merging
from eenplan.testing.auth import login_verified
from eenplan.testing.factories import CaseFactory, HouseholdFactory, TeamFactory, UserFactory, WijkFactory

from .factories import make_signal

pytestmark = pytest.mark.django_db

KERK = {"street": "Kerkstraat", "house_number": 8, "postcode": "3511 AB", "city": "Eendijk"}


@pytest.fixture
def world():
    wijk = WijkFactory(postcode_areas="3511")
    team = TeamFactory(wijken=[wijk])
    front = UserFactory(roles=[RoleCode.FRONT_OFFICE], team=team)
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    h1 = HouseholdFactory(name="Gezin Bakker", wijk=wijk, **KERK)
    h2 = HouseholdFactory(name="Huishouden Bakker", wijk=wijk, **KERK)
    CaseFactory(household=h1, team=team, regisseur=pro)
    signal = make_signal(team=team, by=front, postcode="3511 AB", house_number=8, subject_name="Jan Bakker")
    return dict(front=front, pro=pro, h1=h1, h2=h2, signal=signal)


def test_the_signal_page_shows_the_households_at_the_address_with_the_evidence(world):
    client = login_verified(Client(), world["front"])
    page = client.get(f"/intake/signalen/{world['signal'].pk}/")
    assert [m.level for m in page.context["matches"]] == ["address", "address"]
    html = page.content.decode()
    assert "Gezin Bakker" in html and "Huishouden Bakker" in html
    assert all(m.evidence for m in page.context["matches"])
    triage = client.get(f"/intake/signalen/{world['signal'].pk}/triage/")
    assert triage.context["known_households"] == 2


def test_a_merged_household_is_not_offered_nor_linked(world):
    merging.household_merge(kept=world["h1"], merged=world["h2"], by=world["pro"], reason="Twee keer geregistreerd, zelfde gezin.")
    client = login_verified(Client(), world["front"])
    page = client.get(f"/intake/signalen/{world['signal'].pk}/")
    assert [m.household for m in page.context["matches"]] == [world["h1"]]
    client.post(f"/intake/signalen/{world['signal'].pk}/koppelen/", {"household": world["h2"].pk})
    world["signal"].refresh_from_db()
    assert world["signal"].household_id is None
