"""The functional administrator rewords level descriptions and names; no one can add or
remove instrument versions or domains (that would change what old measurements mean)."""

import pytest

from eenplan.assessment.models import Domain, LevelDescription

from .factories import make_world

pytestmark = pytest.mark.django_db


def test_functional_admin_rewords_a_level_description(verified_client):
    world = make_world()
    domain = Domain.objects.get(instrument__code="zrm-2017", code="financien")
    levels = list(domain.levels.order_by("score"))
    data = {"name": domain.name, "resident_name": "Geld", "levels-TOTAL_FORMS": "5", "levels-INITIAL_FORMS": "5",
            "levels-MIN_NUM_FORMS": "0", "levels-MAX_NUM_FORMS": "1000"}
    for i, level in enumerate(levels):
        data[f"levels-{i}-id"] = level.pk
        data[f"levels-{i}-domain"] = domain.pk
        data[f"levels-{i}-text"] = "Eigen tekst van de gemeente" if level.score == 3 else level.text
    response = verified_client(world.admin).post(f"/beheer/assessment/domain/{domain.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert LevelDescription.objects.get(domain=domain, score=3).text == "Eigen tekst van de gemeente"
    assert Domain.objects.get(pk=domain.pk).resident_name == "Geld"


def test_no_adding_or_deleting_domains_and_others_are_refused(verified_client):
    world = make_world()
    admin = verified_client(world.admin)
    assert admin.get("/beheer/assessment/domain/add/").status_code == 403
    domain = Domain.objects.first()
    assert admin.get(f"/beheer/assessment/domain/{domain.pk}/delete/").status_code == 403
    assert admin.get("/beheer/assessment/instrument/add/").status_code == 403
    assert verified_client(world.pro).get("/beheer/assessment/domain/", follow=True).status_code == 403
