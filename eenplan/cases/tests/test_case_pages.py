from datetime import timedelta

import pytest
from django.utils import timezone

from eenplan.accounts.models import RoleCode
from eenplan.cases.models import PlannedItem
from eenplan.testing.factories import CaseFactory, HouseholdMemberFactory, TeamFactory, UserFactory
from eenplan.testing.queries import count_queries

pytestmark = pytest.mark.django_db


def test_second_open_case_via_http_links_to_the_open_one(verified_client):
    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    member = HouseholdMemberFactory(household__wijk=team.wijken.first())
    existing = CaseFactory(household=member.household, team=team, regisseur=pro)
    response = verified_client(pro).post(f"/huishoudens/{member.household_id}/casus-openen/", {"question": "Nieuwe vraag"})
    assert response.status_code == 409
    assert f'href="/casussen/{existing.pk}/"' in response.content.decode()


def test_household_registration_keeps_input_on_error(verified_client):
    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    data = {"hh-name": "Gezin Test", "hh-wijk": team.wijken.first().pk, "hh-postcode": "7411 AB", "hh-house_number": "4",
            "p-given_names": "Sanne", "p-surname": "Testerman", "p-bsn": "123456789", "p-role": "ouder"}
    response = verified_client(pro).post("/huishoudens/nieuw/", data)
    assert response.status_code == 400  # refused input answers 400, as on every other form
    body = response.content.decode()
    assert 'value="Testerman"' in body and 'value="123456789"' in body
    assert 'aria-invalid="true"' in body
    data["p-bsn"] = "123456782"
    response = verified_client(pro).post("/huishoudens/nieuw/", data)
    assert response.status_code == 302
    page = verified_client(pro).get(response["Location"])
    assert "Sanne Testerman" in page.content.decode()


def test_phase_change_via_http(verified_client):
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL])
    case = CaseFactory(regisseur=pro)
    response = verified_client(pro).post(f"/casussen/{case.pk}/fase/", {"to_phase": "plan", "note": "Plan maken"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.phase == "plan"


@pytest.mark.parametrize("phase", ["monitoring", "afgesloten"])
def test_manual_phase_change_cannot_skip_the_closing_questions(verified_client, phase):
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL])
    case = CaseFactory(regisseur=pro, phase="ondersteuning")
    response = verified_client(pro).post(f"/casussen/{case.pk}/fase/", {"to_phase": phase, "note": "klaar"}, follow=True)
    case.refresh_from_db()
    assert case.phase == "ondersteuning"
    page = response.content.decode()
    assert "is geen beschikbare keuze" in page
    assert f'href="/casussen/{case.pk}/afsluiten/"' in page


def test_caseload_query_count_is_flat(verified_client, django_assert_num_queries):
    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    client = verified_client(pro)

    def add(n):
        for _ in range(n):
            case = CaseFactory(team=team, regisseur=pro)
            PlannedItem.objects.create(case=case, kind="afspraak", label="Huisbezoek", due_on=timezone.localdate() + timedelta(days=3))

    add(2)
    client.get("/caseload/")
    small = count_queries(lambda: client.get("/caseload/"))
    add(15)
    with django_assert_num_queries(small):
        response = client.get("/caseload/")
    assert response.content.decode().count("Huisbezoek") == 17


def test_caseload_sorts(verified_client):
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL])
    CaseFactory(regisseur=pro, household__name="Huishouden Zeeman")
    CaseFactory(regisseur=pro, household__name="Huishouden Aalders")
    body = verified_client(pro).get("/caseload/", {"sort": "household"}).content.decode()
    assert body.index("Aalders") < body.index("Zeeman")


def test_the_refusal_offers_the_team_lead_to_open_the_case_with_a_reason(verified_client):
    """Issue 11, friction: the team lead's 403 on a case of her team offered no way to open it with a reason."""
    team = TeamFactory()
    lead = UserFactory(roles=[RoleCode.TEAM_LEAD], team=team)
    case = CaseFactory(team=team)
    for url in (f"/casussen/{case.pk}/", f"/casussen/{case.pk}/vraagverheldering/"):
        response = verified_client(lead).get(url)
        assert response.status_code == 403
        assert f'href="/casussen/{case.pk}/openen-met-reden/"' in response.content.decode()
    other = CaseFactory()  # another team's case: nothing to ask for
    body = verified_client(lead).get(f"/casussen/{other.pk}/").content.decode()
    assert "openen-met-reden" not in body
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    assert "openen-met-reden" not in verified_client(pro).get(f"/casussen/{case.pk}/").content.decode()
