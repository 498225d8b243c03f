"""Who reaches which insight page, and that the policy role cannot reach any personal record."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from eenplan.access.decorators import ACCESS_ATTR, PUBLIC
from eenplan.access.models import AccessLogEntry, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.people.models import HouseholdMember
from eenplan.testing.factories import PersonFactory, UserFactory

from .data import make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = make_world()
    w.lead = UserFactory(roles=[RoleCode.TEAM_LEAD], team=w.team_a)
    w.policy = UserFactory(roles=[RoleCode.POLICY])
    w.officer = UserFactory(roles=[RoleCode.MUNICIPAL_OFFICER])
    w.admin = UserFactory(roles=[RoleCode.FUNCTIONAL_ADMIN])
    w.front = UserFactory(roles=[RoleCode.FRONT_OFFICE], team=w.team_b)
    person = PersonFactory(given_names="Wilhelmina", surname="Zwanenburg", bsn="111222333")
    HouseholdMember.objects.create(household=w.cases["c1"].household, person=person, role="ouder")
    return w


PAGES = {
    "home": lambda w: "/inzicht/",
    "team_a": lambda w: f"/inzicht/teams/{w.team_a.pk}/",
    "team_b": lambda w: f"/inzicht/teams/{w.team_b.pk}/",
    "wijk_noord": lambda w: "/inzicht/wijken/noord/",
    "municipality": lambda w: "/inzicht/gemeente/",
    "export_a": lambda w: f"/inzicht/teams/{w.team_a.pk}/export.xlsx",
    "csv_noord": lambda w: "/inzicht/wijken/noord/cases_per_phase.csv",
    "vertelpunt": lambda w: "/inzicht/vertelpunten/nieuw/",
}
ALLOWED = {
    "policy": {"home", "team_a", "team_b", "wijk_noord", "municipality", "export_a", "csv_noord"},
    "lead": {"home", "team_a", "wijk_noord", "municipality", "export_a", "csv_noord", "vertelpunt"},
    "u1": {"home", "team_a", "wijk_noord", "export_a", "csv_noord", "vertelpunt"},  # professional of team A
    "front": {"home", "team_b", "vertelpunt"},  # front office of team B
    "officer": set(),
    "admin": set(),
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("who", ALLOWED)
def test_role_against_insight_page(world, verified_client, page, who):
    user = getattr(world, who)
    response = verified_client(user).get(PAGES[page](world))
    if page in ALLOWED[who]:
        assert response.status_code == 200, f"{who} should reach {page}"
    else:
        assert response.status_code == 403, f"{who} must not reach {page} (got {response.status_code})"
        assert AccessLogEntry.objects.filter(user=user, outcome=Outcome.REFUSED).exists()


def test_reading_and_exporting_figures_is_logged(world, verified_client):
    client = verified_client(world.policy)
    client.get("/inzicht/gemeente/")
    client.get("/inzicht/wijken/noord/cases_per_phase.csv")
    actions = set(AccessLogEntry.objects.filter(user=world.policy, record_type="insights").values_list("action", flat=True))
    assert actions == {"read", "export"}


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.callback


def _fill(route, world):
    case, household = world.cases["c1"], world.cases["c1"].household
    route = route.lstrip("^").rstrip("$")
    if "huishoudens/" in route:
        route = re.sub(r"<int:[a-z_]+>", str(household.pk), route, count=1)
    route = re.sub(r"<int:[a-z_]+>", str(case.pk), route)
    route = re.sub(r"<(slug|str|path):[a-z_]+>", "x", route)
    return "/" + route


def test_policy_role_reaches_no_personal_record(world, verified_client):
    """Every page of every app (except the insight pages and public pages), filled with a real case and
    household: the policy role gets no page that shows the household, its members or their BSN."""
    client = verified_client(world.policy)
    checked = 0
    for route, view in _walk(get_resolver().url_patterns):
        if getattr(view, ACCESS_ATTR, None) == PUBLIC or route.startswith(("inzicht/", "beheer/", "static/")) or "(?P" in route:
            continue
        url = _fill(route, world)
        response = client.get(url)
        checked += 1
        body = response.content.decode(errors="ignore") if response.status_code == 200 else ""
        for secret in ("Zwanenburg", "Wilhelmina", "111222333", "Huishouden c1"):
            assert secret not in body, f"{url} shows {secret} to the policy role"
        if any(part in route for part in ("casussen/", "huishoudens/", "zoeken", "caseload", "api/v1/cases")):
            assert response.status_code in (302, 403, 404, 405), f"{url} gave {response.status_code} to the policy role"
    assert checked > 10


def test_insight_pages_show_no_names(world, verified_client, settings):
    settings.INSIGHTS_SMALL_CELL_THRESHOLD = 1
    client = verified_client(world.policy)
    for url in ("/inzicht/gemeente/", f"/inzicht/teams/{world.team_a.pk}/", "/inzicht/wijken/noord/"):
        body = client.get(url).content.decode()
        assert "Zwanenburg" not in body and "Huishouden c1" not in body and "/casussen/" not in body


def test_policy_role_is_not_offered_a_vertelpunt_link_it_may_not_use(verified_client):
    """Issue 11, friction: the policy role saw "Deel een vertelpunt", which answered 403."""
    from eenplan.testing.factories import TeamFactory, UserFactory

    team = TeamFactory()
    policy = verified_client(UserFactory(roles=["policy"]))
    body = policy.get(f"/inzicht/teams/{team.pk}/").content.decode()
    assert "/inzicht/vertelpunten/nieuw/" not in body and policy.get("/inzicht/vertelpunten/nieuw/").status_code == 403
    pro = UserFactory(roles=["professional"], team=team)
    assert "/inzicht/vertelpunten/nieuw/" in verified_client(pro).get(f"/inzicht/teams/{team.pk}/").content.decode()


@pytest.mark.parametrize("page", ["team_a", "municipality", "export_a", "csv_noord"])
def test_a_post_is_refused_without_computing_the_page(world, verified_client, page):
    """The pages only answer GET (and HEAD): a POST by someone who may see them is a 405 without a single figure
    computed; a POST by a role that may not is still the logged 403 of roles_required."""
    from eenplan.testing.queries import count_queries

    client = verified_client(world.policy)
    responses = []
    queries = count_queries(lambda: responses.append(client.post(PAGES[page](world))))
    assert responses[0].status_code == 405
    assert queries < 10  # the session and the user, no figures
    assert client.head(PAGES[page](world)).status_code == 200
    before = AccessLogEntry.objects.filter(outcome=Outcome.REFUSED, user=world.officer).count()
    assert verified_client(world.officer).post(PAGES[page](world)).status_code == 403
    assert AccessLogEntry.objects.filter(outcome=Outcome.REFUSED, user=world.officer).count() == before + 1
