"""Safety records are open to involved professionals and the team's safety specialist only;
every attempt, allowed or refused, is in the access log with its purpose."""

import pytest

from eenplan.access.models import AccessLogEntry, Outcome
from eenplan.safety import services

from .factories import make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = make_world()
    services.meldcode_start(case=w.case, concern="Zorgen over de kinderen", by=w.pro)
    return w


SAFETY_URLS = ["/casussen/{pk}/veiligheid/", "/casussen/{pk}/veiligheid/meldcode/", "/casussen/{pk}/veiligheid/veiligheidsplan/"]


@pytest.mark.parametrize("url", SAFETY_URLS)
@pytest.mark.parametrize("who", ["officer", "policy", "other_pro", "lead", "front", "admin"])
def test_others_cannot_read_safety_records_and_the_attempt_is_logged(world, verified_client, url, who):
    user = getattr(world, who)
    response = verified_client(user).get(url.format(pk=world.case.pk))
    assert response.status_code == 403
    body = response.content.decode()
    assert "Zorgen over de kinderen" not in body
    assert AccessLogEntry.objects.filter(user=user, outcome=Outcome.REFUSED).exists()


def test_uninvolved_professional_refusal_names_the_case(world, verified_client):
    verified_client(world.other_pro).get(f"/casussen/{world.case.pk}/veiligheid/meldcode/")
    entry = AccessLogEntry.objects.get(user=world.other_pro, outcome=Outcome.REFUSED)
    assert entry.case_id == world.case.pk and entry.reason == "meldcode trajectory"


@pytest.mark.parametrize("who", ["pro", "specialist"])
def test_involved_professional_and_team_specialist_read_with_reason_logged(world, verified_client, who):
    user = getattr(world, who)
    response = verified_client(user).get(f"/casussen/{world.case.pk}/veiligheid/meldcode/")
    assert response.status_code == 200
    assert "Zorgen over de kinderen" in response.content.decode()
    entry = AccessLogEntry.objects.filter(user=user, outcome=Outcome.ALLOWED, case_id=world.case.pk).latest("pk")
    assert entry.reason == "meldcode trajectory" and entry.detail == "safety record"


def test_specialist_of_another_team_is_refused(world, verified_client):
    from eenplan.accounts.models import RoleCode
    from eenplan.testing.factories import TeamFactory, UserFactory

    stranger = UserFactory(roles=[RoleCode.SAFETY_SPECIALIST], team=TeamFactory())
    assert verified_client(stranger).get(f"/casussen/{world.case.pk}/veiligheid/").status_code == 403
    assert AccessLogEntry.objects.filter(user=stranger, outcome=Outcome.REFUSED, case_id=world.case.pk).exists()


@pytest.mark.parametrize("who", ["officer", "policy", "other_pro"])
def test_refused_writes_change_nothing(world, verified_client, who):
    user = getattr(world, who)
    response = verified_client(user).post(f"/casussen/{world.case.pk}/veiligheid/veiligheidsplan/",
                                          {"plan-agreed_with": "Moeder", "plan-agreed_on": "2026-01-05"})
    assert response.status_code == 403
    from eenplan.safety.models import SafetyPlan

    assert not SafetyPlan.objects.exists()
    assert AccessLogEntry.objects.filter(user=user, outcome=Outcome.REFUSED).exists()
