"""The case's safety page: stut en steun and regie tenzij through the forms; the admin's texts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from eenplan.accounts.models import RoleCode
from eenplan.cases.models import PlannedItem
from eenplan.safety.models import MeldcodeText, RegieTakeover, StutEnSteun
from eenplan.testing.factories import UserFactory

from .factories import make_world

pytestmark = pytest.mark.django_db


def test_stut_en_steun_via_the_page(verified_client):
    world = make_world()
    client = verified_client(world.pro)
    base = f"/casussen/{world.case.pk}/veiligheid/"
    today = timezone.localdate()
    response = client.post(base + "stut-en-steun/", {"ss-reason": "Vader blijft risico", "ss-every_days": "42", "ss-first_check_on": ""})
    assert response.status_code == 400 and "Vader blijft risico" in response.content.decode()
    response = client.post(base + "stut-en-steun/", {"ss-reason": "Vader blijft risico", "ss-every_days": "42", "ss-first_check_on": today.isoformat()})
    assert response.status_code == 302
    page = client.get(base).content.decode()
    assert "Vader blijft risico" in page and "Controle vastleggen" in page
    assert client.post(base + "stut-en-steun/controle/", {"ssc-checked_on": today.isoformat(), "ssc-how": "Huisbezoek",
                                                           "ssc-note": "Rustig"}).status_code == 302
    watch = StutEnSteun.objects.get()
    assert watch.next_check_on == today + timedelta(days=42)
    assert "Huisbezoek" in client.get(base).content.decode()
    # The caseload shows the next check as the case's next planned date.
    assert PlannedItem.objects.filter(case=world.case, done_at__isnull=True, kind="stut_en_steun").get().due_on == watch.next_check_on
    assert client.post(base + "stut-en-steun/beeindigen/", {"sse-end_reason": "Risico weg: vader verhuisd"}).status_code == 302
    watch.refresh_from_db()
    assert not watch.is_active


def test_overdue_stut_en_steun_is_flagged_on_the_page(verified_client):
    world = make_world()
    today = timezone.localdate()
    StutEnSteun.objects.create(case=world.case, reason="Blijvend risico", every_days=30, next_check_on=today - timedelta(days=3),
                               started_at=timezone.now(), started_by=world.pro)
    body = verified_client(world.pro).get(f"/casussen/{world.case.pk}/veiligheid/").content.decode()
    assert "badge--overdue" in body
    overview = verified_client(world.specialist).get("/veiligheid/").content.decode()
    assert "3 dagen te laat" in overview


def test_regie_tenzij_via_the_page(verified_client):
    world = make_world()
    client = verified_client(world.pro)
    base = f"/casussen/{world.case.pk}/veiligheid/"
    today = timezone.localdate()
    data = {"rt-ground": "gevaar", "rt-reason": "Psychose, gevaar voor zichzelf", "rt-starts_on": today.isoformat(),
            "rt-ends_on": (today + timedelta(days=30)).isoformat(), "rt-review_on": (today + timedelta(days=60)).isoformat()}
    response = client.post(base + "regie/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "De evaluatiedatum moet binnen de periode vallen." in body and "Psychose, gevaar voor zichzelf" in body
    data["rt-review_on"] = (today + timedelta(days=14)).isoformat()
    assert client.post(base + "regie/", data).status_code == 302
    assert "Psychose, gevaar voor zichzelf" in client.get(base).content.decode()
    assert client.post(base + "regie/evaluatie/", {"rr-reviewed_on": today.isoformat(), "rr-note": "Stabiel", "rr-give_back": "on"}).status_code == 302
    assert not RegieTakeover.objects.get().is_active


def test_meldcode_texts_are_managed_by_the_functional_admin_only(verified_client):
    admin = UserFactory(roles=[RoleCode.FUNCTIONAL_ADMIN], is_staff=True)
    response = verified_client(admin).post("/beheer/safety/meldcodetext/add/", {"key": "question_1", "title": "Vermoeden na stap 1 t/m 3?", "guidance": ""})
    assert response.status_code == 302
    assert MeldcodeText.objects.get(key="question_1").title == "Vermoeden na stap 1 t/m 3?"
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL, RoleCode.SAFETY_SPECIALIST])
    assert verified_client(pro).get("/beheer/safety/meldcodetext/", follow=True).status_code == 403


def test_summary_shows_where_the_meldcode_stands(verified_client):
    from eenplan.safety import services

    world = make_world()
    trajectory = services.meldcode_start(case=world.case, concern="Signalen", by=world.pro)
    services.meldcode_step_record(trajectory=trajectory, step=1, performed_on=timezone.localdate(), by=world.pro, considered="Feiten", kindcheck="ja")
    body = verified_client(world.pro).get(f"/casussen/{world.case.pk}/veiligheid/").content.decode()
    assert "Volgende: stap 2 — Collegiale consultatie en/of advies van Veilig Thuis" in body


def test_specialist_sets_the_status_and_children_make_it_mandatory(verified_client):
    from eenplan.people.models import MemberRole
    from eenplan.testing.factories import HouseholdMemberFactory

    world = make_world()
    HouseholdMemberFactory(household=world.case.household, role=MemberRole.CHILD)
    client = verified_client(world.specialist)
    url = f"/casussen/{world.case.pk}/veiligheid/status/"
    response = client.post(url, {"st-status": "onbekend", "st-reason": "Nog niet besproken met moeder"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Er zijn kinderen in dit huishouden: beantwoord de veiligheidsvraag" in body and "Nog niet besproken met moeder" in body
    assert client.post(url, {"st-status": "zorgen", "st-reason": "School meldt blauwe plekken"}).status_code == 302
    world.case.refresh_from_db()
    assert world.case.safety_status == "zorgen"
    assert world.case.safety_changes.get().by == world.specialist
