"""The case's contact person through the partner API: who to contact about a case (the regisseur's name, the team's
general phone and e-mail) for an organisation involved in it, with a valid basis covering `regie`; nothing
else of the case, and every read and refusal in the access log with the client."""

import pytest

from eenplan.access.models import AccessLogEntry, Action, Outcome
from eenplan.partners import services
from eenplan.partners.models import Scope
from eenplan.partners.tests.test_partner_api import TODAY, Partner, bearer, refusals
from eenplan.socialmap import services as socialmap_services
from eenplan.socialmap.models import DataCategory
from eenplan.socialmap.tests.factories import OrganisationFactory, ProvisionFactory, make_world
from eenplan.testing.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = make_world()
    world.team.phone, world.team.email = "030 123 45 67", "wijkteam-noord@example.nl"
    world.team.save()
    world.pro.phone, world.pro.email = "06 98765432", "anna.deboer@example.nl"
    world.pro.save()
    return world


def url(case) -> str:
    return f"/api/v1/partners/cases/{case.pk}/contact-person"


def test_a_partner_with_a_basis_gets_the_regisseur_and_the_team_and_nothing_else(client, world):
    partner = Partner(world)
    partner.basis([DataCategory.REGIE])
    response = client.get(url(world.case), **bearer(client, partner, scope=Scope.CONTACT_READ))
    assert response.status_code == 200, response.content
    assert response.json() == {
        "case": world.case.pk, "regisseur": {"name": "Anna de Boer"}, "regie_kind": world.case.get_regie_kind_display(),
        "team": {"name": world.team.name, "phone": "030 123 45 67", "email": "wijkteam-noord@example.nl"}}
    body = response.content.decode()
    assert "06 98765432" not in body and "anna.deboer@" not in body and "Veldkamp" not in body  # no private data
    line = AccessLogEntry.objects.get(username=partner.client.service_user.username, record_type="cases.Case")
    assert (line.outcome, line.action, line.case_id, line.household_id) == (Outcome.ALLOWED, Action.READ, world.case.pk,
                                                                             world.case.household_id)
    assert line.acting_role == "ketenpartner:toestemming"


def test_without_a_regisseur_the_team_is_the_contact(client, world):
    world.case.regisseur = None
    world.case.save(update_fields=["regisseur"])
    partner = Partner(world)
    partner.basis([DataCategory.REGIE])
    body = client.get(url(world.case), **bearer(client, partner)).json()
    assert body["regisseur"] is None and body["team"]["phone"] == "030 123 45 67"


def test_a_basis_for_other_information_does_not_cover_the_contact_person(client, world):
    partner = Partner(world)
    partner.basis([DataCategory.AGREEMENTS, DataCategory.PROVISIONS])
    response = client.get(url(world.case), **bearer(client, partner))
    assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"
    assert "Anna" not in response.content.decode()
    assert refusals(partner, record_type="cases.Case", case_id=world.case.pk, acting_role="ketenpartner:geen-grondslag").count() == 1


def test_an_ended_basis_covers_nothing(client, world):
    partner = Partner(world)
    basis = partner.basis([DataCategory.REGIE])
    socialmap_services.sharing_basis_end(basis=basis, ended_on=TODAY, note="Toestemming ingetrokken.", by=world.pro)
    assert client.get(url(world.case), **bearer(client, partner)).status_code == 403
    assert refusals(partner, record_type="cases.Case", case_id=world.case.pk).exists()


def test_an_organisation_not_involved_in_the_case_is_refused_even_with_a_basis(client, world):
    partner = Partner(world)
    other_case = CaseFactory(team=world.team, regisseur=world.pro)
    socialmap_services.sharing_basis_record(
        case=other_case, organisation=partner.org, kind="wettelijke_taak", purpose="afstemming", legal_task="wmo",
        necessity="Afstemming.", categories=[DataCategory.REGIE], valid_from=TODAY, valid_until=None, by=world.pro)
    response = client.get(url(other_case), **bearer(client, partner))
    assert response.status_code == 403
    assert refusals(partner, case_id=other_case.pk, acting_role="ketenpartner:andere-organisatie").count() == 1


def test_the_scope_is_the_ceiling(client, world):
    partner = Partner(world, scopes=[Scope.AGREEMENTS_READ])
    partner.basis([DataCategory.REGIE])
    response = client.get(url(world.case), **bearer(client, partner))
    assert response.status_code == 403 and "regie:lezen" in response.json()["detail"]
    assert refusals(partner, record_type="cases.Case", case_id=world.case.pk).count() == 1


def test_without_a_token_401_and_logged(client, world):
    response = client.get(url(world.case))
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")
    assert AccessLogEntry.objects.filter(outcome=Outcome.REFUSED, record_type="cases.Case", case_id=world.case.pk).exists()


def test_an_unknown_case_is_a_logged_404(client, world):
    partner = Partner(world)
    response = client.get("/api/v1/partners/cases/999999/contact-person", **bearer(client, partner))
    assert response.status_code == 404 and response.json()["status"] == 404
    assert refusals(partner, record_type="cases.Case", record_id="999999").exists()


def test_a_provider_of_a_requested_provision_counts_as_involved(client, world):
    provider = OrganisationFactory(name="Thuiszorg Midden")
    partner = Partner(world, org_name="Woonstad")  # involved as a partner in the case
    system, secret = services.partner_client_create(organisation=provider, name="Zorgplanning", scopes=[Scope.CONTACT_READ],
                                                     by=world.admin)
    socialmap_services.tailored_request_add(case=world.case, provision=ProvisionFactory(organisation=provider), law="wmo",
                                            motivation="Hulp bij het huishouden.", by=world.pro)
    socialmap_services.sharing_basis_record(
        case=world.case, organisation=provider, kind="wettelijke_taak", purpose="afstemming", legal_task="wmo",
        necessity="Afstemming over de zorg.", categories=[DataCategory.REGIE], valid_from=TODAY, valid_until=None, by=world.pro)
    partner.client, partner.secret = system, secret
    assert client.get(url(world.case), **bearer(client, partner)).json()["regisseur"] == {"name": "Anna de Boer"}
