"""Bad input on the partners page: clear Dutch messages, the form re-rendered with what was typed, nothing saved."""

import pytest
from django.utils import timezone

from eenplan.socialmap.models import CaseDiscussion, CasePartner, SharingBasis, TailoredProvisionRequest

from .factories import OrganisationFactory, ProvisionFactory, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def test_consent_without_partner_or_purpose(world, verified_client):
    response = verified_client(world.pro).post(f"/casussen/{world.case.pk}/partners/delen/", {
        "sharing-kind": "toestemming", "sharing-necessity": "Afstemmen met de huisarts over de medicatie.",
        "sharing-valid_from": timezone.localdate().isoformat(),
    })
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kies de partner waarmee u informatie deelt." in body
    assert "Kies het doel van het delen." in body
    assert "Noem de wettelijke taak waarvoor u deelt." in body
    assert "Afstemmen met de huisarts over de medicatie." in body  # what was typed is kept
    assert not SharingBasis.objects.exists()


def test_partner_without_contact_person(world, verified_client):
    org = OrganisationFactory(name="Eendijk Wonen")
    response = verified_client(world.pro).post(f"/casussen/{world.case.pk}/partners/toevoegen/", {
        "partner-organisation": org.pk, "partner-role": "woonconsulent"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vul de contactpersoon van de partner in." in body and 'value="woonconsulent"' in body
    assert not CasePartner.objects.exists()


def test_tailored_request_without_motivation_and_bad_status(world, verified_client):
    provision = ProvisionFactory(name="Begeleiding thuis", type="maatwerk", needs_decision=True)
    client = verified_client(world.pro)
    response = client.post(f"/casussen/{world.case.pk}/partners/maatwerk/", {"request-provision": provision.pk, "request-law": "wmo"})
    assert response.status_code == 400 and "Vul in waarom deze maatwerkvoorziening nodig is." in response.content.decode()
    assert not TailoredProvisionRequest.objects.exists()
    client.post(f"/casussen/{world.case.pk}/partners/maatwerk/", {"request-provision": provision.pk, "request-law": "wmo",
                                                                  "request-motivation": "Structuur nodig."})
    req = TailoredProvisionRequest.objects.get()
    response = client.post(f"/casussen/{world.case.pk}/partners/maatwerk/{req.pk}/status/", {f"status-{req.pk}-status": "gestart",
                                                                                            f"status-{req.pk}-on": timezone.localdate().isoformat()})
    assert response.status_code == 400
    assert "Na &#x27;aangevraagd&#x27; kan de volgende status zijn" in response.content.decode()
    assert req.history.count() == 1


def test_anonymous_discussion_with_a_name_is_refused_and_kept(world, verified_client):
    response = verified_client(world.pro).post("/casusoverleg/anoniem/", {
        "discussion-kind": "expertisetent", "discussion-held_on": timezone.localdate().isoformat(),
        "discussion-question": "Mevrouw Veldkamp heeft schulden en drie kinderen.",
    })
    assert response.status_code == 400
    body = response.content.decode()
    assert "Een anoniem overleg bevat geen persoonsgegevens." in body and "Veldkamp heeft schulden" in body
    assert not CaseDiscussion.objects.exists()


def test_page_renders_every_section(world, verified_client):
    body = verified_client(world.pro).get(f"/casussen/{world.case.pk}/partners/").content.decode()
    for heading in ["Partners in deze casus", "Wat wordt met wie gedeeld", "Afspraken met partners", "Maatwerkvoorzieningen (Wmo, Jeugdwet)",
                    "Casusoverleggen"]:
        assert heading in body


def test_a_current_partner_is_not_offered_again_and_adding_it_twice_is_a_clear_message(world, verified_client):
    partner_org, other_org = OrganisationFactory(name="Eendijk Wonen"), OrganisationFactory(name="Schuldhulp Oost")
    from eenplan.socialmap.services import case_partner_add

    case_partner_add(case=world.case, organisation=partner_org, role="woonconsulent", contact_name="J. Kok",
                     contact_details="", by=world.pro)
    client = verified_client(world.pro)
    page = client.get(f"/casussen/{world.case.pk}/partners/").content.decode()
    select = page[page.index('name="partner-organisation"'):]
    select = select[:select.index("</select>")]
    assert f'value="{other_org.pk}"' in select and f'value="{partner_org.pk}"' not in select
    # A page opened before the partner was added still sends it: the service's message, what was typed kept.
    response = client.post(f"/casussen/{world.case.pk}/partners/toevoegen/", {
        "partner-organisation": partner_org.pk, "partner-role": "budgetcoach", "partner-contact_name": "A. Smit"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Deze organisatie is al partner in deze casus." in body and 'value="budgetcoach"' in body
    assert CasePartner.objects.filter(case=world.case).count() == 1
