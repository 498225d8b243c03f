"""Who may use which page. Case content needs involvement (policy.require_case); the sociale
kaart is open to every case-worker role and the functional administrator. Every read and
write, allowed or refused, is in the access log."""

import pytest
from django.utils import timezone

from eenplan.access.models import AccessLogEntry, Action, Outcome
from eenplan.socialmap import services
from eenplan.socialmap.models import CasePartner, DataCategory, SharingBasis

from .factories import OrganisationFactory, ProvisionFactory, make_world

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def world():
    w = make_world()
    w.org = OrganisationFactory(name="Schuldhulp Eendijk")
    services.case_partner_add(case=w.case, organisation=w.org, role="schuldhulp", contact_name="Petra Smit", by=w.pro)
    ProvisionFactory(name="Thuisadministratie", domains=["financien"])
    return w


MAP_URLS = ["/sociale-kaart/", "/sociale-kaart/resultaten/"]


@pytest.mark.parametrize("url", MAP_URLS)
@pytest.mark.parametrize("who", ["pro", "other_pro", "lead", "specialist", "front", "admin"])
def test_sociale_kaart_is_open_to_case_workers_and_the_administrator(world, verified_client, url, who):
    response = verified_client(getattr(world, who)).get(url)
    assert response.status_code == 200
    assert "Thuisadministratie" in response.content.decode()


@pytest.mark.parametrize("url", MAP_URLS)
@pytest.mark.parametrize("who", ["officer", "policy"])
def test_sociale_kaart_refuses_other_roles_and_logs_it(world, verified_client, url, who):
    user = getattr(world, who)
    assert verified_client(user).get(url).status_code == 403
    assert AccessLogEntry.objects.filter(user=user, outcome=Outcome.REFUSED, record_type="page").exists()


def case_urls(w):
    return [f"/casussen/{w.case.pk}/partners/", f"/casussen/{w.case.pk}/partners/overzicht/{w.org.pk}/",
            f"/casussen/{w.case.pk}/partners/casusoverleg/"]


@pytest.mark.parametrize("i", range(3))
@pytest.mark.parametrize("who", ["other_pro", "lead", "specialist", "front", "officer", "policy", "admin"])
def test_case_pages_refuse_the_uninvolved_and_log_it(world, verified_client, i, who):
    user = getattr(world, who)
    response = verified_client(user).get(case_urls(world)[i])
    assert response.status_code == 403
    assert "Petra Smit" not in response.content.decode()
    assert AccessLogEntry.objects.filter(user=user, outcome=Outcome.REFUSED).exists()


@pytest.mark.parametrize("i", range(3))
def test_case_pages_open_for_the_involved_professional_and_log_the_read(world, verified_client, i):
    response = verified_client(world.pro).get(case_urls(world)[i])
    assert response.status_code == 200
    entry = AccessLogEntry.objects.filter(user=world.pro, outcome=Outcome.ALLOWED, case_id=world.case.pk).latest("pk")
    assert entry.household_id == world.case.household_id


def test_team_lead_with_a_reason_may_open_the_partners_page(world, verified_client):
    from eenplan.access.policy import access_grant_with_reason

    access_grant_with_reason(user=world.lead, case=world.case, reason="Overdracht bij ziekte van de regisseur")
    assert verified_client(world.lead).get(f"/casussen/{world.case.pk}/partners/").status_code == 200
    assert AccessLogEntry.objects.filter(user=world.lead, acting_role="team_lead:reden", case_id=world.case.pk).exists()


@pytest.mark.parametrize("who", ["other_pro", "officer", "policy", "admin"])
def test_refused_writes_change_nothing(world, verified_client, who):
    user = getattr(world, who)
    response = verified_client(user).post(f"/casussen/{world.case.pk}/partners/toevoegen/", {
        "partner-organisation": OrganisationFactory().pk, "partner-role": "huisarts", "partner-contact_name": "Dr. Ali"})
    assert response.status_code == 403
    assert CasePartner.objects.count() == 1
    assert AccessLogEntry.objects.filter(user=user, outcome=Outcome.REFUSED).exists()


def test_partner_overview_print_is_logged_with_what_was_shown(world, verified_client):
    services.sharing_basis_record(
        case=world.case, organisation=world.org, kind="toestemming", purpose="afstemming", legal_task="wgs", necessity="Nodig.",
        categories=[DataCategory.QUESTION], valid_from=TODAY, valid_until=TODAY, consent_by=world.member.person,
        consent_form="mondeling", by=world.pro,
    )
    body = verified_client(world.pro).get(f"/casussen/{world.case.pk}/partners/overzicht/{world.org.pk}/").content.decode()
    assert "Schulden en stress over de huur." in body
    assert "Veldkamp" not in body  # names are not covered by this consent
    entry = AccessLogEntry.objects.filter(user=world.pro, action=Action.PRINT).latest("pk")
    assert entry.case_id == world.case.pk and entry.detail.endswith(": hulpvraag")


def test_partner_overview_without_basis_shows_nothing(world, verified_client):
    body = verified_client(world.pro).get(f"/casussen/{world.case.pk}/partners/overzicht/{world.org.pk}/").content.decode()
    assert "Nothing of this case may be shared" in body or "Niets van deze casus mag worden gedeeld" in body
    assert "Schulden en stress" not in body and "Veldkamp" not in body
    assert AccessLogEntry.objects.filter(user=world.pro, action=Action.PRINT, detail__contains="no valid basis").exists()


@pytest.mark.parametrize("who", ["pro", "other_pro", "lead", "specialist", "front"])
def test_discussions_page_for_case_workers(world, verified_client, who):
    assert verified_client(getattr(world, who)).get("/casusoverleg/").status_code == 200


@pytest.mark.parametrize("who", ["officer", "policy", "admin"])
def test_discussions_page_refuses_others(world, verified_client, who):
    user = getattr(world, who)
    assert verified_client(user).get("/casusoverleg/").status_code == 403
    assert verified_client(user).get("/casusoverleg/anoniem/").status_code == 403
    assert AccessLogEntry.objects.filter(user=user, outcome=Outcome.REFUSED).exists()


def test_team_discussions_show_case_bound_ones_only_to_the_involved(world, verified_client):
    services.discussion_record(team=world.team, case=world.case, kind="casusoverleg", held_on=TODAY,
                               question="Geheime casusvraag", by=world.pro)
    services.discussion_record(team=world.team, anonymous=True, kind="maatwerktafel", held_on=TODAY,
                               question="Anonieme vraag over huurschuld", by=world.pro)
    mine = verified_client(world.pro).get("/casusoverleg/").content.decode()
    assert "Geheime casusvraag" in mine and "Anonieme vraag" in mine
    theirs = verified_client(world.other_pro).get("/casusoverleg/").content.decode()
    assert "Geheime casusvraag" not in theirs and "Anonieme vraag" in theirs


def test_sharing_basis_from_the_page_is_logged(world, verified_client):
    verified_client(world.pro).post(f"/casussen/{world.case.pk}/partners/delen/", {
        "sharing-organisation": world.org.pk, "sharing-purpose": "afstemming", "sharing-kind": "wettelijke_taak",
        "sharing-legal_task": "wgs", "sharing-necessity": "Aanmelding schuldhulp.", "sharing-categories": ["contactgegevens"],
        "sharing-valid_from": TODAY.isoformat(),
    })
    basis = SharingBasis.objects.get()
    assert AccessLogEntry.objects.filter(user=world.pro, action=Action.CREATE, record_type="socialmap.SharingBasis",
                                         record_id=str(basis.pk), case_id=world.case.pk).exists()


def test_the_sociale_kaart_names_the_configured_municipality_not_the_demo_town(world, verified_client, settings):
    """Issue 11, defect 14: "Eendijk" (the demo town) was written into the template."""
    settings.MUNICIPALITY_NAME = "Zuiderhaven"
    body = verified_client(world.pro).get("/sociale-kaart/").content.decode()
    assert "in en rond Zuiderhaven" in body and "in en rond Eendijk" not in body
    settings.MUNICIPALITY_NAME = ""
    assert "in en rond de gemeente" in verified_client(world.pro).get("/sociale-kaart/").content.decode()


def test_discussions_page_is_paged(world, verified_client, monkeypatch):
    """Issue 13: one page of discussions, newest first, with a link to the next."""
    from datetime import timedelta

    from eenplan.socialmap import views

    monkeypatch.setattr(views, "DISCUSSIONS_PAGE_SIZE", 2)
    for days in range(3):
        services.discussion_record(team=world.team, anonymous=True, kind="maatwerktafel", held_on=TODAY - timedelta(days=days),
                                   question=f"Anonieme vraag {days}", by=world.pro)
    client = verified_client(world.pro)
    first = client.get("/casusoverleg/")
    body = first.content.decode()
    assert len(first.context["discussions"]) == 2 and "Anonieme vraag 0" in body and "Anonieme vraag 2" not in body
    assert 'rel="next" href="?page=2"' in body and "Pagina 1 van 2" in body
    assert "Anonieme vraag 2" in client.get("/casusoverleg/?page=2").content.decode()
