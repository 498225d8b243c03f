"""The plan pages over HTTP: who may use them, bad input, conflicts, the PDF."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from eenplan.access.models import AccessLogEntry, Action, Outcome
from eenplan.plans import selectors
from eenplan.plans.models import PlanAgreement, RegieReason
from eenplan.socialmap.models import Organisation, Provision

from .factories import add_goal, domain, in_days, make_world

pytestmark = pytest.mark.django_db


def _goal_post(world, **extra):
    data = {
        "goal-based_on": "0", "goal-reason": "Aan de keukentafel afgesproken",
        "goal-title": "Sandra opent haar post elke week", "goal-result": "Geen nieuwe aanmaningen",
        "goal-term": "kort", "goal-target_date": in_days(60).isoformat(), "goal-domains": [str(domain().pk)],
        "goal-members": [str(world.member.person.pk)],
        "act-0-what": "Post samen openen", "act-0-owner_kind": "netwerk", "act-0-owner_name": "Zus Petra",
        "act-0-due_on": in_days(7).isoformat(),
    }
    data.update(extra)
    return data


def test_involved_professional_builds_a_goal_with_actions_and_a_provision(verified_client):
    world = make_world()
    org = Organisation.objects.create(name="Schuldhulp Eendijk")
    provision = Provision.objects.create(organisation=org, name="Thuisadministratie", type="voorliggend", contact="0800-1234")
    provision.domains.add(domain())
    client = verified_client(world.pro)
    url = reverse("plans:goal_add", args=[world.case.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _goal_post(world, **{"pick-provision": str(provision.pk), "pick-provision_note": "Vrijwilliger helpt"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    goal = selectors.current_goals(world.case).get()
    assert goal.title == "Sandra opent haar post elke week"
    assert [a.owner_name for a in goal.actions.all()] == ["Zus Petra"]
    assert [(s.provision, s.frame) for s in goal.solutions.all()] == [(provision, "voorliggend")]
    assert client.get(reverse("plans:case", args=[world.case.pk])).status_code == 200


def test_goal_without_date_or_domain_and_action_without_owner_show_dutch_errors_and_keep_input(verified_client):
    world = make_world()
    client = verified_client(world.pro)
    response = client.post(reverse("plans:goal_add", args=[world.case.pk]), _goal_post(world, **{
        "goal-target_date": "", "goal-domains": [], "act-0-owner_kind": "", "act-0-owner_name": "",
    }))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Geef een streefdatum" in html
    assert "Kies minstens één leefgebied" in html
    assert "Kies wie dit doet" in html
    assert "Sandra opent haar post elke week" in html and "Post samen openen" in html  # input kept
    assert selectors.plan_of(world.case) is None or selectors.plan_of(world.case).current_number == 0


def test_a_stale_edit_is_refused_with_a_message_and_the_input_kept(verified_client):
    world = make_world()
    add_goal(world)  # version 1, made meanwhile by someone else
    client = verified_client(world.pro)
    response = client.post(reverse("plans:goal_add", args=[world.case.pk]), _goal_post(world, **{"goal-based_on": "0"}))
    assert response.status_code == 400
    html = response.content.decode()
    assert "versie 0" in html and "versie 1" in html
    assert "Sandra opent haar post elke week" in html
    assert selectors.plan_of(world.case).current_number == 1


def test_agreement_and_disagreement_are_recorded(verified_client):
    world = make_world()
    add_goal(world)
    client = verified_client(world.pro)
    url = reverse("plans:agreement", args=[world.case.pk])
    base = {"agree-version": "1", "agree-on": in_days(0).isoformat(), "agree-how": "mondeling", "agree-person": str(world.member.person.pk)}
    response = client.post(url, {**base, "agree-agrees": "nee"})
    assert response.status_code == 400
    assert "eigen woorden" in response.content.decode()
    assert client.post(url, {**base, "agree-agrees": "nee", "agree-words": "Ik wil geen bewindvoering"}).status_code == 302
    assert client.post(url, {**base, "agree-agrees": "ja"}).status_code == 302
    assert list(PlanAgreement.objects.values_list("agrees", "words")) == [(True, ""), (False, "Ik wil geen bewindvoering")]


def test_regie_reason_is_required_when_the_household_does_not_hold_regie(verified_client):
    world = make_world()
    client = verified_client(world.pro)
    url = reverse("plans:regie", args=[world.case.pk])
    assert client.post(url, {"regie-holder": "regisseur"}).status_code == 400
    assert client.post(url, {"regie-holder": "regisseur", "regie-reason": "Te veel stress om overzicht te houden"}).status_code == 302
    assert RegieReason.objects.get().reason == "Te veel stress om overzicht te houden"


def test_pdf_has_the_goals_and_the_regisseur_and_printing_is_logged(verified_client):
    world = make_world()
    world.pro.phone = "06-12345678"
    world.pro.save()
    add_goal(world, "Sandra heeft overzicht over haar geld")
    client = verified_client(world.pro)
    response = client.get(reverse("plans:pdf", args=[world.case.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Sandra heeft overzicht over haar geld" in text
    assert "Anna de Vries" in text and "06-12345678" in text
    assert "Ons plan" in text
    entry = AccessLogEntry.objects.filter(action=Action.PRINT, case_id=world.case.pk).get()
    assert entry.outcome == Outcome.ALLOWED and entry.record_type == "plans.PlanVersion"


PAGES = ["plans:case", "plans:goal_add", "plans:versions", "plans:pdf", "plans:provision_search"]


@pytest.mark.parametrize("name", PAGES)
def test_only_involved_professionals_reach_the_plan_pages(verified_client, name):
    world = make_world()
    add_goal(world)
    url = reverse(name, args=[world.case.pk])
    for user in (world.other_pro, world.lead, world.officer, world.policy, world.admin, world.front):
        client = verified_client(user)
        assert client.get(url).status_code == 403, (name, user.role_codes())
    refused = AccessLogEntry.objects.filter(outcome=Outcome.REFUSED)
    assert refused.count() == 6
    assert refused.filter(case_id=world.case.pk).count() == 6  # every refusal names the case, also a refusal by role
    assert verified_client(world.pro).get(url).status_code == 200
    assert AccessLogEntry.objects.filter(outcome=Outcome.ALLOWED, user=world.pro, case_id=world.case.pk, path=url).exists()


def test_version_page_and_goal_page_are_logged_reads(verified_client):
    world = make_world()
    _, key = add_goal(world)
    client = verified_client(world.pro)
    for url in (reverse("plans:version", args=[world.case.pk, 1]), reverse("plans:goal", args=[world.case.pk, key])):
        assert client.get(url).status_code == 200
        assert AccessLogEntry.objects.filter(action=Action.READ, case_id=world.case.pk, path=url).exists()
    assert verified_client(world.other_pro).get(reverse("plans:version", args=[world.case.pk, 1])).status_code == 403


def test_provision_search_filters_by_domain_and_wijk(verified_client):
    world = make_world()
    org = Organisation.objects.create(name="Vrijwilligerscentrale")
    money = Provision.objects.create(organisation=org, name="Geldmaatje", type="voorliggend")
    money.domains.add(domain("financien"))
    network = Provision.objects.create(organisation=org, name="Maatjesproject", type="collectief")
    network.domains.add(domain("sociaal-netwerk"))
    wijk = world.case.household.wijk
    url = reverse("plans:provision_search", args=[world.case.pk])
    html = verified_client(world.pro).get(url, {"ps-domain": domain("financien").pk, "ps-wijk": wijk.pk, "pick": "pick"}).content.decode()
    assert "Geldmaatje" in html and "Maatjesproject" not in html
    assert 'name="pick-provision"' in html
    assert AccessLogEntry.objects.filter(action=Action.SEARCH, case_id=world.case.pk).exists()
