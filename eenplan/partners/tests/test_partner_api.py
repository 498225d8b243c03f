"""The partner API as a partner's system uses it: a real token from the token endpoint (client
credentials), then calls with it. Per case, only what a valid sharing basis covers; every call,
refusals included, in the access log with its client."""

import base64
from datetime import timedelta

import pytest
from django.utils import timezone

from eenplan.access.models import AccessLogEntry, Action, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.intake.models import Channel, Signal, SignalType, SourceType
from eenplan.partners import services
from eenplan.partners.models import Scope
from eenplan.socialmap import services as socialmap_services
from eenplan.socialmap.models import DataCategory, RequestStatus
from eenplan.socialmap.tests.factories import OrganisationFactory, ProvisionFactory, make_world
from eenplan.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
D = timedelta(days=1)
ALL_SCOPES = list(Scope.values)


class Partner:
    """A partner organisation with a system, a case it works in, an agreement and a request for its provision."""

    def __init__(self, world, *, scopes=ALL_SCOPES, signal_types=("vhu", "energie"), org_name="Woonstad"):
        self.world = world
        self.org = OrganisationFactory(name=org_name)
        admin = world.admin
        self.client, self.secret = services.partner_client_create(
            organisation=self.org, name="Huurincasso", scopes=scopes, by=admin,
            source_type=SourceType.objects.get(code="woningcorporatie"),
            signal_types=SignalType.objects.filter(code__in=signal_types),
        )
        case_partner = socialmap_services.case_partner_add(case=world.case, organisation=self.org, role="verhuurder",
                                                           contact_name="J. Jansen", by=world.pro)
        self.agreement = socialmap_services.agreement_add(case=world.case, partner=case_partner, description="Betalingsregeling huur",
                                                          owner="Woonstad", due_on=TODAY + 14 * D, by=world.pro)
        self.provision = ProvisionFactory(organisation=self.org, name="Woonbegeleiding")
        self.request = socialmap_services.tailored_request_add(case=world.case, provision=self.provision, law="wmo",
                                                               motivation="Zelfstandig wonen lukt niet zonder hulp.", by=world.pro)

    def basis(self, categories, **kw):
        args = dict(case=self.world.case, organisation=self.org, kind="toestemming", purpose="afstemming", legal_task="wmo",
                    necessity="Afstemming over de huurschuld en de begeleiding.", categories=categories, valid_from=TODAY - D,
                    valid_until=TODAY + 60 * D, consent_by=self.world.member.person, consent_form="schriftelijk", by=self.world.pro)
        args.update(kw)
        return socialmap_services.sharing_basis_record(**args)


def token(client, partner, scope=None):
    """The token endpoint, as the partner's system calls it: HTTP Basic with client id and secret."""
    basic = base64.b64encode(f"{partner.client.client_id}:{partner.secret}".encode()).decode()
    data = {"grant_type": "client_credentials"}
    if scope:
        data["scope"] = scope
    return client.post("/api/v1/partners/token", data, HTTP_AUTHORIZATION=f"Basic {basic}")


def bearer(client, partner, scope=None) -> dict:
    response = token(client, partner, scope)
    assert response.status_code == 200, response.content
    return {"HTTP_AUTHORIZATION": f"Bearer {response.json()['access_token']}"}


@pytest.fixture
def world():
    world = make_world()
    wijk = world.team.wijken.first()
    wijk.postcode_areas = "3511"
    wijk.save()
    return world


@pytest.fixture
def partner(world):
    return Partner(world)


def refusals(partner, **kw):
    return AccessLogEntry.objects.filter(username=partner.client.service_user.username, outcome=Outcome.REFUSED, **kw)


# --- the token --------------------------------------------------------------------------------


def test_client_credentials_give_a_token_with_the_systems_scopes(client, partner):
    response = token(client, partner)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] > 0
    assert set(body["scope"].split()) == set(ALL_SCOPES)


def test_a_wrong_secret_gets_no_token(client, partner):
    partner.secret = "niet-het-geheim"
    response = token(client, partner)
    assert response.status_code == 401 and response.json()["error"] == "invalid_client"


def test_a_system_cannot_ask_for_a_scope_it_was_not_given(client, world):
    partner = Partner(world, scopes=[Scope.AGREEMENTS_READ])
    assert token(client, partner, scope="signalen:melden").json()["error"] == "invalid_scope"
    assert token(client, partner).json()["scope"] == "afspraken:lezen"


def test_a_deactivated_system_is_refused_at_once(client, partner):
    headers = bearer(client, partner)
    partner.basis([DataCategory.AGREEMENTS])
    services.partner_client_deactivate(client=partner.client, by=partner.world.admin)
    response = client.get("/api/v1/partners/agreements", **headers)
    assert response.status_code == 401
    assert token(client, partner).status_code in (400, 401)


# --- without a token -----------------------------------------------------------------------------


def test_no_token_is_a_401_problem_logged_with_the_client(client, partner):
    response = client.get(f"/api/v1/partners/agreements/{partner.agreement.pk}")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["status"] == 401
    line = AccessLogEntry.objects.get(path=f"/api/v1/partners/agreements/{partner.agreement.pk}")
    assert line.outcome == Outcome.REFUSED and line.username == "anonymous"
    assert line.case_id == partner.world.case.pk and line.household_id == partner.world.case.household_id


def test_a_staff_session_is_no_partner_token(verified_client, partner):
    response = verified_client(partner.world.pro).get("/api/v1/partners/agreements")
    assert response.status_code == 401


# --- scopes and sharing bases ----------------------------------------------------------------------


def test_a_partner_without_a_basis_gets_nothing_and_the_refusal_is_logged(client, partner):
    headers = bearer(client, partner)
    listing = client.get("/api/v1/partners/agreements", **headers)
    assert listing.status_code == 200 and listing.json()["results"] == [] and listing.json()["count"] == 0
    withheld = refusals(partner, action=Action.SEARCH, record_type="socialmap.Agreement").get()
    assert withheld.case_id == partner.world.case.pk and withheld.household_id == partner.world.case.household_id
    detail = client.get(f"/api/v1/partners/agreements/{partner.agreement.pk}", **headers)
    assert detail.status_code == 403 and detail["Content-Type"] == "application/problem+json"
    assert "Betalingsregeling" not in detail.content.decode()
    assert detail.json()["detail"] == "Er is geen geldige grondslag om dit met uw organisatie te delen."
    line = refusals(partner, action=Action.READ, record_type="socialmap.Agreement").get()
    assert line.case_id == partner.world.case.pk and line.acting_role == "ketenpartner:geen-grondslag"


def test_a_basis_covers_only_its_categories(client, partner):
    partner.basis([DataCategory.CONTACT, DataCategory.PROVISIONS])
    headers = bearer(client, partner)
    assert client.get("/api/v1/partners/agreements", **headers).json()["count"] == 0
    requests = client.get("/api/v1/partners/provision-requests", **headers).json()["results"]
    assert [r["id"] for r in requests] == [partner.request.pk]
    assert requests[0]["status"] == "aangevraagd" and "motivation" not in requests[0]


def test_with_a_valid_basis_the_agreement_is_shared_and_the_read_logged(client, partner):
    partner.basis([DataCategory.AGREEMENTS])
    headers = bearer(client, partner)
    listing = client.get("/api/v1/partners/agreements", **headers).json()
    assert [a["id"] for a in listing["results"]] == [partner.agreement.pk]
    assert listing["results"][0]["status"] == "open"
    search = AccessLogEntry.objects.get(username=partner.client.service_user.username, action=Action.SEARCH, outcome=Outcome.ALLOWED)
    assert search.shown_ids == [partner.agreement.pk]
    detail = client.get(f"/api/v1/partners/agreements/{partner.agreement.pk}", **headers)
    assert detail.status_code == 200 and detail["API-Version"] == "1.0.0"
    read = AccessLogEntry.objects.get(username=partner.client.service_user.username, action=Action.READ, outcome=Outcome.ALLOWED)
    assert read.case_id == partner.world.case.pk and read.acting_role == "ketenpartner:toestemming"


def test_a_withdrawn_or_expired_basis_shares_nothing(client, partner):
    basis = partner.basis([DataCategory.AGREEMENTS])
    socialmap_services.sharing_basis_end(basis=basis, ended_on=TODAY, by=partner.world.pro, note="Toestemming ingetrokken.")
    headers = bearer(client, partner)
    assert client.get("/api/v1/partners/agreements", **headers).json()["count"] == 0
    assert client.get(f"/api/v1/partners/agreements/{partner.agreement.pk}", **headers).status_code == 403


def test_another_organisations_basis_does_not_open_this_partners_records(client, world, partner):
    other = OrganisationFactory(name="Energie Direct")
    other_client, other_secret = services.partner_client_create(organisation=other, name="Incasso", scopes=ALL_SCOPES, by=world.admin)
    socialmap_services.sharing_basis_record(
        case=world.case, organisation=other, kind="wettelijke_taak", purpose="afstemming", legal_task="wgs",
        necessity="Vroegsignalering schulden.", categories=list(DataCategory.values), valid_from=TODAY, by=world.pro,
    )

    class Other:
        client, secret = other_client, other_secret

    headers = bearer(client, Other)
    assert client.get("/api/v1/partners/agreements", **headers).json()["count"] == 0
    response = client.get(f"/api/v1/partners/agreements/{partner.agreement.pk}", **headers)
    assert response.status_code == 403
    assert AccessLogEntry.objects.get(username=other_client.service_user.username, outcome=Outcome.REFUSED,
                                      record_type="socialmap.Agreement").acting_role == "ketenpartner:andere-organisatie"


def test_a_token_without_the_write_scope_cannot_update(client, world):
    partner = Partner(world, scopes=[Scope.AGREEMENTS_READ])
    partner.basis([DataCategory.AGREEMENTS])
    headers = bearer(client, partner)
    response = client.patch(f"/api/v1/partners/agreements/{partner.agreement.pk}", {"done_on": TODAY.isoformat()},
                            content_type="application/json", **headers)
    assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"
    assert "afspraken:bijwerken" in response.json()["detail"]
    partner.agreement.refresh_from_db()
    assert partner.agreement.done_on is None
    assert refusals(partner, case_id=world.case.pk, acting_role="ketenpartner:scope").exists()


# --- updating status ------------------------------------------------------------------------------


def test_the_partner_marks_an_agreement_done_and_the_write_is_logged(client, partner):
    partner.basis([DataCategory.AGREEMENTS])
    headers = bearer(client, partner)
    response = client.patch(f"/api/v1/partners/agreements/{partner.agreement.pk}", {"done_on": TODAY.isoformat()},
                            content_type="application/json", **headers)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "gedaan"
    partner.agreement.refresh_from_db()
    assert partner.agreement.done_on == TODAY
    line = AccessLogEntry.objects.get(username=partner.client.service_user.username, action=Action.UPDATE,
                                      record_type="socialmap.Agreement")
    assert line.case_id == partner.world.case.pk
    assert line.acting_role == "ketenpartner:toestemming" and line.path.startswith("/api/v1/partners/agreements/")


def test_the_provider_records_the_next_status_of_a_request(client, partner):
    partner.basis([DataCategory.PROVISIONS])
    headers = bearer(client, partner)
    url = f"/api/v1/partners/provision-requests/{partner.request.pk}"
    response = client.patch(url, {"status": "toegekend", "on": TODAY.isoformat(), "note": "Beschikking verzonden."},
                            content_type="application/json", **headers)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "toegekend" and [h["status"] for h in body["history"]] == ["aangevraagd", "toegekend"]
    partner.request.refresh_from_db()
    assert partner.request.status == RequestStatus.GRANTED
    line = AccessLogEntry.objects.get(username=partner.client.service_user.username, action=Action.UPDATE)
    assert line.case_id == partner.world.case.pk and line.record_type == "socialmap.TailoredProvisionRequest"


def test_a_status_that_cannot_follow_is_a_problem_in_dutch_and_changes_nothing(client, partner):
    partner.basis([DataCategory.PROVISIONS])
    headers = bearer(client, partner)
    response = client.patch(f"/api/v1/partners/provision-requests/{partner.request.pk}",
                            {"status": "beeindigd", "on": TODAY.isoformat()}, content_type="application/json", **headers)
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["invalidParams"] == [{"name": "status", "code": "invalid",
                                         "reason": "Na 'aangevraagd' kan de volgende status zijn: afgewezen, toegekend."}]
    assert problem["detail"] == problem["invalidParams"][0]["reason"]
    partner.request.refresh_from_db()
    assert partner.request.status == RequestStatus.REQUESTED and partner.request.history.count() == 1
    not_saved = AccessLogEntry.objects.get(username=partner.client.service_user.username, path__endswith=f"/{partner.request.pk}")
    assert not_saved.action == Action.READ and "(not saved)" in not_saved.detail


def test_bad_input_is_a_problem_with_the_invalid_fields(client, partner):
    partner.basis([DataCategory.AGREEMENTS])
    headers = bearer(client, partner)
    response = client.patch(f"/api/v1/partners/agreements/{partner.agreement.pk}", {"done_on": "morgen"},
                            content_type="application/json", **headers)
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["title"] == "Het verzoek is niet geldig."
    assert problem["invalidParams"][0]["name"] == "done_on"
    assert problem["invalidParams"][0]["reason"] == "Geef een datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-31."
    future = client.patch(f"/api/v1/partners/agreements/{partner.agreement.pk}", {"done_on": (TODAY + D).isoformat()},
                          content_type="application/json", **headers).json()
    assert future["invalidParams"] == [{"name": "done_on", "code": "invalid", "reason": "Deze datum ligt in de toekomst."}]
    partner.agreement.refresh_from_db()
    assert partner.agreement.done_on is None


# --- signals ----------------------------------------------------------------------------------------


def _signal(client, headers, **data):
    body = {"signal_type": "vhu", "description": "Huurachterstand van drie maanden, geen reactie op brieven.",
            "subject_name": "S. Veldkamp", "postcode": "3511 AB", "house_number": 12, **data}
    return client.post("/api/v1/partners/signals", body, content_type="application/json", **headers)


def test_a_signal_from_the_partner_arrives_on_the_intake_board_with_its_deadline(client, verified_client, partner):
    headers = bearer(client, partner)
    response = _signal(client, headers, reported_on=(TODAY - 2 * D).isoformat())
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["deadline"] == (TODAY + 12 * D).isoformat()  # Voorkomen Huisuitzettingen: contact within 14 days of the signal
    signal = Signal.objects.get(pk=body["id"])
    assert signal.channel == Channel.REFERRAL and signal.source.code == "woningcorporatie"
    assert signal.reporter_organisation == "Woonstad" and signal.team == partner.world.team
    assert AccessLogEntry.objects.get(record_type="intake.Signal", record_id=str(signal.pk)).action == Action.CREATE
    front = UserFactory(roles=[RoleCode.FRONT_OFFICE], team=partner.world.team)
    board = verified_client(front).get("/intake/").content.decode()
    assert f"/intake/signalen/{signal.pk}/" in board


def test_the_arrears_rule_decides_the_deadline(client, partner):
    headers = bearer(client, partner)
    one_month = _signal(client, headers, signal_type="energie", arrears_months=1).json()
    three_months = _signal(client, headers, signal_type="energie", arrears_months=3).json()
    assert one_month["deadline"] is None  # energy arrears: the rule applies from two months
    assert three_months["deadline"] == (TODAY + 14 * D).isoformat()


def test_a_bad_signal_is_a_problem_in_dutch_and_nothing_is_registered(client, partner):
    headers = bearer(client, partner)
    missing = _signal(client, headers, signal_type="energie")  # no months of arrears
    assert missing.status_code == 400 and missing["Content-Type"] == "application/problem+json"
    assert missing.json()["invalidParams"] == [{
        "name": "arrears_months", "code": "invalid",
        "reason": "Dit soort signaal gaat over een betalingsachterstand: geef het aantal maanden."}]
    other_kind = _signal(client, headers, signal_type="zorgen").json()
    assert other_kind["invalidParams"][0]["name"] == "signal_type"
    assert other_kind["detail"].startswith("Dit systeem kan dit soort signalen niet melden.")
    nobody = _signal(client, headers, subject_name="", postcode="", house_number=None).json()
    assert nobody["detail"].startswith("Zo kunnen we de inwoner niet vinden.")
    assert not Signal.objects.exists()


def test_a_system_without_the_signal_scope_cannot_report(client, world):
    partner = Partner(world, scopes=[Scope.AGREEMENTS_READ])
    response = _signal(client, bearer(client, partner))
    assert response.status_code == 403 and not Signal.objects.exists()
    assert refusals(partner, record_type="intake.Signal").exists()


def test_the_log_pages_name_the_partner_ground_in_dutch():
    from django.utils import translation

    from eenplan.access.labels import basis_label

    with translation.override("nl"):
        assert basis_label("ketenpartner:geen-grondslag") == "partnersysteem (API): geen geldige grondslag voor delen"
        assert basis_label("ketenpartner:toestemming+wettelijke_taak") == (
            "partnersysteem (API): toestemming van de betrokkene, wettelijke taak of plicht")
