"""Mijn ZRM / Wat Telt (the resident's own view, beside the professional's, never overwriting it) and
their documents (the plan PDF of each version agreed to or given; own household only; logged)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from eenplan.access.models import AccessLogEntry
from eenplan.assessment.models import ZrmMeasurement, ZrmScore
from eenplan.plans.services import ActionData
from eenplan.plans.tests.factories import add_goal, in_days, make_world
from eenplan.portal.models import SelfAssessment
from eenplan.testing.factories import zrm_domain
from eenplan.testing.walker import login_resident

pytestmark = pytest.mark.django_db


def world_with_plan():
    world = make_world()
    version, _key = add_goal(world, actions=[ActionData(what="Post samen sorteren", owner_kind="inwoner", owner_name="Sandra", due_on=in_days(14))])
    world.version = version
    return world


def professional_zrm(world, code="financien", score=2):
    m = ZrmMeasurement.objects.create(case=world.case, person=world.member.person, instrument=zrm_domain(code).instrument,
                                      measured_on=timezone.localdate(), by=world.pro)
    ZrmScore.objects.create(measurement=m, domain=zrm_domain(code), score=score)
    return m


def test_resident_scores_own_domains_beside_the_professionals_zrm(client, verified_client):
    world = world_with_plan()
    measurement = professional_zrm(world, score=2)
    resident = login_resident(client, world.member.person)
    page = resident.get(reverse("portal:my_zrm"))
    domain = zrm_domain("financien")
    assert page.status_code == 200 and (domain.resident_name or domain.name) in page.content.decode()
    response = resident.post(reverse("portal:my_zrm"), {"score_financien": "4", "important_financien": "on",
                                                         "what_matters": "Ik wil praten over de schulden"})
    assert response.status_code == 302
    own = SelfAssessment.objects.get()
    score = own.scores.get()
    assert (own.person, own.what_matters, score.domain.code, score.score, score.important) == (
        world.member.person, "Ik wil praten over de schulden", "financien", 4, True)
    # The professional's measurement is untouched: two views side by side.
    assert ZrmScore.objects.get(measurement=measurement).score == 2 and ZrmMeasurement.objects.count() == 1
    log = AccessLogEntry.objects.get(record_type="portal.SelfAssessment")
    assert (log.action, log.username, log.case_id) == ("create", f"inwoner:{world.member.person.pk}", world.case.pk)
    # A second answer is a new row (the first is kept) and the form starts from the last answer.
    assert re.search(r'name="score_financien" value="4"[^>]*checked', resident.get(reverse("portal:my_zrm")).content.decode())
    resident.post(reverse("portal:my_zrm"), {"score_financien": "3"})
    assert SelfAssessment.objects.count() == 2

    # The professional sees the resident's own view on the assessment page, beside their own score.
    staff = verified_client(world.pro)
    body = staff.get(reverse("assessment:case", args=[world.case.pk])).content.decode()
    assert "In Mijn plan zegt de inwoner" in body
    cells = body.split('id="mijn-plan-zrm"')[1]
    assert 'data-view="inwoner">3' in cells and 'data-view="professional">2' in cells


def test_an_empty_own_view_is_a_clear_message_and_saves_nothing(client):
    world = world_with_plan()
    resident = login_resident(client, world.member.person)
    response = resident.post(reverse("portal:my_zrm"), {"score_financien": "9"})
    assert response.status_code == 422 and not SelfAssessment.objects.exists()
    response = resident.post(reverse("portal:my_zrm"), {})
    assert response.status_code == 422 and "Vul minstens één ding in" in response.content.decode()
    assert not SelfAssessment.objects.exists()


def test_documents_are_the_agreed_or_given_versions_of_the_own_household(client):
    world = world_with_plan()  # add_goal gives the version to the household (shared)
    resident = login_resident(client, world.member.person)
    body = resident.get(reverse("portal:documents")).content.decode()
    assert f'href="{reverse("portal:document", args=[world.version.number])}"' in body
    response = resident.get(reverse("portal:document", args=[world.version.number]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf" and response.content[:4] == b"%PDF"
    printed = AccessLogEntry.objects.get(action="print", username=f"inwoner:{world.member.person.pk}")
    assert printed.case_id == world.case.pk and printed.outcome == "allowed"
    assert resident.get(reverse("portal:document", args=[99])).status_code == 404


def test_another_households_resident_gets_no_documents_or_own_view(client):
    world = world_with_plan()
    other = make_world()
    add_goal(other)
    resident = login_resident(client, other.member.person)
    # Only their own household's plan: the other household's case is never the one shown.
    resident.get(reverse("portal:documents"))
    shown = AccessLogEntry.objects.filter(username=f"inwoner:{other.member.person.pk}", detail="Mijn plan: documents").get()
    assert shown.case_id == other.case.pk != world.case.pk
    # Without a case of their own (no household with an open case) every document is refused and logged.
    from eenplan.testing.factories import PersonFactory

    stranger = login_resident(client.__class__(), PersonFactory())
    response = stranger.get(reverse("portal:document", args=[world.version.number]))
    assert response.status_code == 403
    assert AccessLogEntry.objects.filter(action="print", outcome="refused").exists()
    assert stranger.post(reverse("portal:my_zrm"), {"score_financien": "4"}).status_code == 302
    assert not SelfAssessment.objects.exists()
