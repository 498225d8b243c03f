"""Every safety page against every role: allowed roles get it, others a 403 (never a 500), logged."""

import pytest

from eenplan.access.models import AccessLogEntry, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.safety import services
from eenplan.testing.factories import CaseFactory, HouseholdMemberFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

ALL_ROLES = [r.value for r in RoleCode]
WORKERS = {RoleCode.PROFESSIONAL, RoleCode.TEAM_LEAD, RoleCode.SAFETY_SPECIALIST, RoleCode.FRONT_OFFICE}


@pytest.fixture
def world():
    team = TeamFactory()
    users = {code: UserFactory(roles=[code], team=team, username=f"u-{code}") for code in ALL_ROLES}
    member = HouseholdMemberFactory(household__wijk=team.wijken.first())
    case = CaseFactory(household=member.household, team=team, involved=[users[c] for c in WORKERS])
    services.meldcode_start(case=case, concern="Signalen", by=users[RoleCode.PROFESSIONAL])
    return users, case


PAGES = {
    "overview": (lambda case: "/veiligheid/", {RoleCode.SAFETY_SPECIALIST, RoleCode.TEAM_LEAD}),
    "case": (lambda case: f"/casussen/{case.pk}/veiligheid/", WORKERS),
    "meldcode": (lambda case: f"/casussen/{case.pk}/veiligheid/meldcode/", WORKERS),
    "plan": (lambda case: f"/casussen/{case.pk}/veiligheid/veiligheidsplan/", WORKERS),
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_role_against_page(world, verified_client, page, role):
    users, case = world
    url_for, allowed = PAGES[page]
    response = verified_client(users[role]).get(url_for(case))
    if role in allowed:
        assert response.status_code == 200, f"{role} should reach {page}"
        assert AccessLogEntry.objects.filter(username=users[role].username, outcome=Outcome.ALLOWED).exists()
    else:
        assert response.status_code == 403, f"{role} must not reach {page} (got {response.status_code})"
        assert AccessLogEntry.objects.filter(username=users[role].username, outcome=Outcome.REFUSED).exists()


POSTS = [
    "/casussen/{pk}/veiligheid/status/",
    "/casussen/{pk}/veiligheid/meldcode/starten/",
    "/casussen/{pk}/veiligheid/meldcode/",
    "/casussen/{pk}/veiligheid/veiligheidsplan/",
    "/casussen/{pk}/veiligheid/stut-en-steun/",
    "/casussen/{pk}/veiligheid/stut-en-steun/controle/",
    "/casussen/{pk}/veiligheid/stut-en-steun/beeindigen/",
    "/casussen/{pk}/veiligheid/regie/",
    "/casussen/{pk}/veiligheid/regie/evaluatie/",
]


@pytest.mark.parametrize("url", POSTS)
@pytest.mark.parametrize("role", [RoleCode.MUNICIPAL_OFFICER, RoleCode.POLICY, RoleCode.FUNCTIONAL_ADMIN])
def test_posts_refused_for_non_case_roles(world, verified_client, url, role):
    users, case = world
    response = verified_client(users[role]).post(url.format(pk=case.pk), {})
    assert response.status_code == 403
    assert AccessLogEntry.objects.filter(username=users[role].username, outcome=Outcome.REFUSED).exists()


@pytest.mark.parametrize("url", POSTS)
def test_posts_refused_for_uninvolved_professional(world, verified_client, url):
    _, case = world
    stranger = UserFactory(roles=[RoleCode.PROFESSIONAL], team=case.team)
    response = verified_client(stranger).post(url.format(pk=case.pk), {})
    assert response.status_code == 403
    assert AccessLogEntry.objects.filter(user=stranger, outcome=Outcome.REFUSED, case_id=case.pk).exists()


def test_empty_posts_by_involved_professional_are_400_not_500(world, verified_client):
    users, case = world
    client = verified_client(users[RoleCode.PROFESSIONAL])
    for url in POSTS:
        response = client.post(url.format(pk=case.pk), {})
        assert response.status_code in (302, 400), f"{url}: {response.status_code}"


def test_condition_posts_refused_for_uninvolved_professional(world, verified_client):
    from django.utils import timezone

    users, case = world
    plan = services.safety_plan_create(case=case, agreed_with="Moeder", agreed_on=timezone.localdate(), by=users[RoleCode.PROFESSIONAL])
    condition = services.safety_condition_add(plan=plan, description="Voorwaarde", checker="School", every_days=7,
                                              first_check_on=timezone.localdate(), by=users[RoleCode.PROFESSIONAL])
    stranger = UserFactory(roles=[RoleCode.PROFESSIONAL], team=case.team)
    client = verified_client(stranger)
    for suffix in ("controle", "beeindigen"):
        url = f"/casussen/{case.pk}/veiligheid/veiligheidsplan/voorwaarden/{condition.pk}/{suffix}/"
        assert client.post(url, {}).status_code == 403
    condition.refresh_from_db()
    assert condition.ended_at is None and not condition.checks.exists()
    assert AccessLogEntry.objects.filter(user=stranger, outcome=Outcome.REFUSED, case_id=case.pk).count() == 2
