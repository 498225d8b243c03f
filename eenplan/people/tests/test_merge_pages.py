"""The merge pages: from a person's page and a match proposal to the side-by-side confirmation, the merge and its undo."""

from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from eenplan.access.models import AccessLogEntry, Action, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Phase
from eenplan.people.models import HouseholdMember, Merge, Person
from eenplan.testing.auth import login_verified
from eenplan.testing.factories import (
    CaseFactory,
    HouseholdFactory,
    HouseholdMemberFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

KERK = {"street": "Kerkstraat", "house_number": 8, "postcode": "7413 AB", "city": "Eendijk"}
REASON = "Zelfde persoon, bevestigd door de inwoner aan de telefoon."


@pytest.fixture
def town():
    team = TeamFactory()
    wijk = team.wijken.first()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    h1 = HouseholdFactory(name="Gezin Bakker", wijk=wijk, **KERK)
    h2 = HouseholdFactory(name="Huishouden Bakker", wijk=wijk, **KERK)
    m1 = HouseholdMemberFactory(household=h1, person=PersonFactory(given_names="Jan", surname="Bakker", bsn="",
                                                                    birth_date=date(1980, 2, 3), **KERK))
    m2 = HouseholdMemberFactory(household=h2, person=PersonFactory(given_names="Jan", surname="Bakker", bsn="999991000",
                                                                    birth_date=date(1980, 2, 3), **KERK))
    c1 = CaseFactory(household=h1, team=team, regisseur=pro)
    CaseFactory(household=h2, team=team, regisseur=pro, phase=Phase.AFGESLOTEN, closed_at=timezone.now())
    return dict(team=team, pro=pro, h1=h1, h2=h2, m1=m1, m2=m2, jan1=m1.person, jan2=m2.person, c1=c1)


def _client(user):
    return login_verified(Client(), user)


def test_the_person_page_offers_the_duplicate_and_the_confirmation_shows_both_with_the_evidence(town):
    client = _client(town["pro"])
    page = client.get(f"/huishoudens/{town['h1'].pk}/leden/{town['m1'].pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    url = f"/huishoudens/{town['h1'].pk}/personen/{town['jan1'].pk}/samenvoegen/?met={town['jan2'].pk}"
    assert url.replace("?", "?") in html.replace("&amp;", "&")
    confirm = client.get(url)
    assert confirm.status_code == 200
    text = confirm.content.decode()
    assert "999991000" in text and "Huishouden Bakker" in text and "Gezin Bakker" in text
    assert confirm.context["match"].level == "name_birth"
    # the record with the BSN is proposed to stay
    assert confirm.context["form"]["keep"].value() == str(town["jan2"].pk)
    reads = AccessLogEntry.objects.filter(action=Action.READ, detail__startswith="merge page", outcome=Outcome.ALLOWED)
    assert set(reads.values_list("person_id", flat=True)) == {town["jan1"].pk, town["jan2"].pk}


def test_posting_merges_and_the_kept_page_offers_undo_which_works(town):
    client = _client(town["pro"])
    url = f"/huishoudens/{town['h1'].pk}/personen/{town['jan1'].pk}/samenvoegen/"
    short = client.post(url, {"met": town["jan2"].pk, "keep": town["jan2"].pk, "reason": "kort"})
    assert short.status_code == 400 and not Merge.objects.exists()
    assert "kort" in short.content.decode()  # what was typed is kept
    response = client.post(url, {"met": town["jan2"].pk, "keep": town["jan2"].pk, "reason": REASON})
    assert response.status_code == 302
    merge = Merge.objects.get()
    assert merge.kept_person == town["jan2"] and merge.evidence
    kept_member = HouseholdMember.objects.get(household=town["h1"], person=town["jan2"])
    assert response["Location"] == f"/huishoudens/{town['h1'].pk}/leden/{kept_member.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert f'name="merge" value="{merge.pk}"' in page
    undo = client.post(f"/huishoudens/{town['h1'].pk}/samenvoegen/ongedaan-maken/",
                       {"merge": merge.pk, f"undo{merge.pk}-reason": "Toch twee verschillende mensen."})
    assert undo.status_code == 302
    assert Person.objects.get(pk=town["jan1"].pk).merged_into is None
    assert HouseholdMember.objects.filter(household=town["h1"], person=town["jan1"]).exists()


def test_a_merged_household_page_leads_to_the_kept_household(town):
    from eenplan.people import merging

    merging.household_merge(kept=town["h1"], merged=town["h2"], by=town["pro"], reason=REASON)
    response = _client(town["pro"]).get(f"/huishoudens/{town['h2'].pk}/")
    assert response.status_code == 302 and response["Location"] == f"/huishoudens/{town['h1'].pk}/"
    page = _client(town["pro"]).get(f"/huishoudens/{town['h1'].pk}/").content.decode()
    assert "Huishouden Bakker" in page  # the merged household's own history is shown with the kept one


def test_different_bsns_show_the_refusal_and_no_form(town):
    Person.objects.filter(pk=town["jan1"].pk).update(bsn="999991243")
    response = _client(town["pro"]).get(f"/huishoudens/{town['h1'].pk}/personen/{town['jan1'].pk}/samenvoegen/?met={town['jan2'].pk}")
    assert response.status_code == 200
    assert response.context["refusal"] and 'name="reason"' not in response.content.decode()


def test_someone_not_involved_is_refused_and_the_refusal_is_logged_for_both(town):
    other = UserFactory(roles=[RoleCode.PROFESSIONAL], team=town["team"])
    response = _client(other).post(f"/huishoudens/{town['h1'].pk}/personen/{town['jan1'].pk}/samenvoegen/",
                                   {"met": town["jan2"].pk, "keep": town["jan2"].pk, "reason": REASON})
    assert response.status_code == 403 and not Merge.objects.exists()
    refused = AccessLogEntry.objects.filter(user=other, outcome=Outcome.REFUSED, record_type="people.Person")
    assert set(refused.values_list("person_id", flat=True)) == {town["jan1"].pk, town["jan2"].pk}
    front = UserFactory(roles=[RoleCode.FRONT_OFFICE], team=town["team"])
    assert _client(front).get(f"/huishoudens/{town['h1'].pk}/samenvoegen/").status_code == 403


def test_two_open_cases_refuse_the_household_merge_on_the_page(town):
    CaseFactory(household=town["h2"], team=town["team"], regisseur=town["pro"])
    client = _client(town["pro"])
    listing = client.get(f"/huishoudens/{town['h1'].pk}/samenvoegen/")
    assert listing.status_code == 200 and f"?met={town['h2'].pk}" in listing.content.decode()
    response = client.post(f"/huishoudens/{town['h1'].pk}/samenvoegen/", {"met": town["h2"].pk, "keep": town["h1"].pk, "reason": REASON})
    assert response.status_code in (200, 409) and not Merge.objects.exists()
    assert response.context["refusal"]


def test_the_registration_proposal_offers_to_merge_two_records_it_found(town):
    data = {"hh-name": "Gezin Bakker", "hh-wijk": town["h1"].wijk_id, "hh-street": "Kerkstraat", "hh-house_number": "8",
            "hh-postcode": "7413 AB", "hh-city": "Eendijk", "p-given_names": "Jan", "p-surname": "Bakker",
            "p-birth_date": "03-02-1980", "p-role": "ouder", "p-bsn": ""}
    response = _client(town["pro"]).post("/huishoudens/nieuw/", data)
    assert response.status_code == 409
    html = response.content.decode().replace("&amp;", "&")
    assert "samenvoegen/?met=" in html
    merge_links = [m.merge_url for m in response.context["matches"] if getattr(m, "merge_url", None)]
    assert len(merge_links) == 1
