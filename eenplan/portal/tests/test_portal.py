"""Mijn plan: a resident logs in with the DigiD mock, sees only their own household's plan, ticks their
actions (the professional sees it on the case), and never reaches a staff page. Everything is logged."""

import pytest
from django.urls import reverse

from eenplan.access.models import AccessLogEntry
from eenplan.plans.models import ActionOutcome, AgreementHow, PlanAgreement
from eenplan.plans.services import ActionData
from eenplan.plans.tests.factories import add_goal, in_days, make_world
from eenplan.portal import services
from eenplan.portal.session import SESSION_KEY, Resident
from eenplan.safety.models import SafetyPlan  # noqa: F401  (the app exists: nothing of it is shown)
from eenplan.testing.factories import HouseholdMemberFactory

pytestmark = pytest.mark.django_db

BSN = "111222333"  # passes the elfproef
OTHER_BSN = "123456782"


def world_with_plan(bsn=BSN):
    world = make_world()
    world.member.person.bsn = bsn
    world.member.person.save(update_fields=["bsn"])
    version, goal_key = add_goal(world, actions=[
        ActionData(what="Post samen sorteren", owner_kind="inwoner", owner_name="Sandra", due_on=in_days(14)),
        ActionData(what="Bellen met schuldhulp", owner_kind="partner", owner_name="Schuldhulp Eendijk", due_on=in_days(7)),
    ])
    return world, version


def digid_login(client, bsn=BSN):
    """The library's mock flow: our login link → mock IdP (type a BSN) → our assertion consumer service."""
    response = client.get(reverse("digid:login"), {"next": "/mijn-plan/"})
    assert response.status_code == 302 and "/mijn-plan/digid-mock/inloggen/" in response["Location"]
    idp = client.get(response["Location"])
    assert idp.status_code == 200
    bsn_page = response["Location"].replace("/inloggen/", "/inloggen_bsn/")
    response = client.post(bsn_page, {"auth_bsn": bsn})
    assert response.status_code == 302 and "/mijn-plan/digid/acs/" in response["Location"]
    return client.get(response["Location"])


def resident_action(version, kind="inwoner"):
    return version.actions.get(owner_kind=kind)


def test_digid_mock_login_shows_the_own_plan_and_logs_it(client):
    world, version = world_with_plan()
    response = digid_login(client)
    assert response.status_code == 302 and response["Location"] == "/mijn-plan/"
    assert client.session[SESSION_KEY] == {"person": world.member.person.pk, "via": "digid"}
    body = client.get("/mijn-plan/").content.decode()
    assert "Post samen sorteren" in body and "Sandra heeft overzicht over haar geld" in body
    assert "Anna de Vries" in body  # the regisseur's name
    person = world.member.person
    assert AccessLogEntry.objects.filter(username=f"inwoner:{person.pk}", action="login", person_id=person.pk).exists()
    read = AccessLogEntry.objects.filter(username=f"inwoner:{person.pk}", action="read", case_id=world.case.pk).get()
    assert read.acting_role == "inwoner" and read.outcome == "allowed" and read.user is None


def test_unknown_bsn_is_refused_and_logged(client):
    world_with_plan()
    response = digid_login(client, bsn=OTHER_BSN)
    assert response.status_code == 302 and response["Location"] == reverse("portal:login")
    assert SESSION_KEY not in client.session
    assert AccessLogEntry.objects.filter(action="login", outcome="refused", record_type="people.Person").exists()
    assert client.get("/mijn-plan/").status_code == 302  # still not logged in


def test_ticking_an_action_done_reaches_the_professionals_case(client, verified_client):
    world, version = world_with_plan()
    digid_login(client)
    action = resident_action(version)
    response = client.post(reverse("portal:action", args=[action.key]), {"answer": "gedaan", "note": "Het ging goed"})
    assert response.status_code == 302
    outcome = ActionOutcome.objects.get(action_key=action.key)
    assert outcome.result == "gedaan" and outcome.household_view == "Het ging goed"
    assert "Via Mijn plan" in outcome.note
    entry = AccessLogEntry.objects.filter(action="create", record_type="plans.ActionOutcome").get()
    assert entry.username == f"inwoner:{world.member.person.pk}" and entry.acting_role == "inwoner"
    case_page = verified_client(world.pro).get(reverse("plans:case", args=[world.case.pk])).content.decode()
    assert "Het ging goed" in case_page


def test_lukt_niet_needs_a_note_and_keeps_what_was_typed(client):
    world, version = world_with_plan()
    digid_login(client)
    action = resident_action(version)
    response = client.post(reverse("portal:action", args=[action.key]), {"answer": "lukt_niet", "note": ""})
    assert response.status_code == 422 and ActionOutcome.objects.count() == 0
    assert "Schrijf op wat niet lukt" in response.content.decode()
    response = client.post(reverse("portal:action", args=[action.key]), {"answer": "lukt_niet", "note": "Ik snap de brief niet"})
    assert response.status_code == 302
    assert ActionOutcome.objects.get().result == "niet_gedaan"


def test_a_professionals_action_is_not_for_the_resident_to_tick(client):
    world, version = world_with_plan()
    digid_login(client)
    pro_action = resident_action(version, "partner")
    response = client.post(reverse("portal:action", args=[pro_action.key]), {"answer": "gedaan"})
    assert response.status_code == 404 and ActionOutcome.objects.count() == 0


def test_another_households_action_is_refused_and_logged(client):
    world, version = world_with_plan()
    other, other_version = world_with_plan(bsn=OTHER_BSN)
    digid_login(client)
    action = resident_action(other_version)
    for method in ("get", "post"):
        response = getattr(client, method)(reverse("portal:action", args=[action.key]), {"answer": "gedaan"} if method == "post" else None)
        assert response.status_code == 403
    assert ActionOutcome.objects.count() == 0
    refused = AccessLogEntry.objects.filter(outcome="refused", username=f"inwoner:{world.member.person.pk}")
    assert refused.count() == 2 and set(refused.values_list("case_id", flat=True)) == {other.case.pk}


def test_a_resident_never_reaches_a_staff_page(client):
    world, version = world_with_plan()
    digid_login(client)
    for url in ["/caseload/", reverse("plans:case", args=[world.case.pk]), f"/casussen/{world.case.pk}/", "/beheer/"]:
        response = client.get(url)
        assert response.status_code == 403, url
    rows = AccessLogEntry.objects.filter(outcome="refused", username=f"inwoner:{world.member.person.pk}")
    assert rows.count() == 4
    assert rows.filter(case_id=world.case.pk).count() == 2  # the case pages' refusals name the client


def test_staff_cannot_use_portal_pages_as_a_resident(verified_client):
    world, version = world_with_plan()
    client = verified_client(world.pro)
    assert client.get("/mijn-plan/").status_code == 403
    assert AccessLogEntry.objects.filter(outcome="refused", user=world.pro, detail="staff session on a resident page").exists()


def test_staff_login_ends_the_resident_session(client):
    world, version = world_with_plan()
    digid_login(client)
    client.force_login(world.pro)
    assert SESSION_KEY not in client.session


def test_agree_online_in_own_words_is_the_households_digital_agreement(client):
    world, version = world_with_plan()
    digid_login(client)
    response = client.post(reverse("portal:agreement"), {"agrees": "nee", "words": ""})
    assert response.status_code == 422 and PlanAgreement.objects.count() == 0
    response = client.post(reverse("portal:agreement"), {"agrees": "nee", "words": "Ik wil eerst met mijn zus praten"})
    assert response.status_code == 302
    agreement = PlanAgreement.objects.get()
    assert (agreement.agrees, agreement.how, agreement.person, agreement.version) == (
        False, AgreementHow.DIGITAL, world.member.person, version)
    assert agreement.words == "Ik wil eerst met mijn zus praten" and agreement.recorded_at is not None


def test_who_looked_shows_role_and_team_not_names_and_not_own_entries(client, verified_client):
    world, version = world_with_plan()
    verified_client(world.pro).get(reverse("plans:case", args=[world.case.pk]))
    digid_login(client)
    client.get("/mijn-plan/")
    body = client.get(reverse("portal:who_looked")).content.decode()
    assert world.team.name in body and "bekeek" in body
    assert world.pro.get_full_name() not in body  # role and team, no staff names
    assert "Betrokken bij de casus" in body or "betrokken" in body.lower()
    rows = services_rows(world)
    assert rows and all(r["role"] for r in rows)


def services_rows(world):
    from eenplan.portal.selectors import who_looked

    rows = who_looked(world.member.person)
    person_pk = world.member.person.pk
    assert not AccessLogEntry.objects.filter(pk__in=[r["pk"] for r in rows], username=f"inwoner:{person_pk}").exists()
    return rows


def test_household_member_of_the_case_sees_it_and_a_stranger_does_not():
    world, version = world_with_plan()
    partner = HouseholdMemberFactory(household=world.case.household, role="partner").person
    stranger = HouseholdMemberFactory().person
    from eenplan.access.policy import resident_case, resident_case_decision

    assert resident_case(partner) == world.case
    assert resident_case_decision(partner, world.case).allowed
    assert not resident_case_decision(stranger, world.case).allowed
    assert resident_case(stranger) is None
    assert services.resident_action(world.case, resident_action(version).key) is not None
    assert Resident(partner).username == f"inwoner:{partner.pk}"


def test_a_resent_agreement_with_the_same_form_token_records_one_answer(client):
    """A double tap on a phone, or a resend after a lost connection: one answer, the same confirmation."""
    from eenplan.core.idempotency import FIELD, new_token

    world_with_plan()
    digid_login(client)
    page = client.get(reverse("portal:agreement")).content.decode()
    assert f'name="{FIELD}"' in page
    data = {"agrees": "ja", "words": "Goed zo", FIELD: new_token()}
    first = client.post(reverse("portal:agreement"), data)
    again = client.post(reverse("portal:agreement"), data)
    assert first.status_code == 302 and again.status_code == 303 and again["Location"] == first["Location"]
    assert PlanAgreement.objects.count() == 1


def test_who_looked_names_the_staff_member_when_the_municipality_chooses_so(client, verified_client, settings):
    settings.EENPLAN_PORTAL_STAFF_NAMES = True
    world, version = world_with_plan()
    verified_client(world.pro).get(reverse("plans:case", args=[world.case.pk]))
    digid_login(client)
    body = client.get(reverse("portal:who_looked")).content.decode()
    assert f"{world.pro.get_full_name()}, " in body and world.team.name in body
    assert "U ziet hun naam, rol en team." in body
