"""The team lead divides work (issue 11): /team/ shows the caseload per professional (open cases,
overdue items) and the case discussions are reachable from the menu for those who may use them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Involvement, Phase, PlannedItem
from eenplan.testing.factories import CaseFactory, TeamFactory, UserFactory
from eenplan.testing.queries import count_queries

pytestmark = pytest.mark.django_db


def _case(team, regisseur, overdue=0, **kw):
    case = CaseFactory(team=team, regisseur=regisseur, **kw)
    for n in range(overdue):
        PlannedItem.objects.create(case=case, kind="afspraak", label=f"Huisbezoek {n}", owner=regisseur,
                                   due_on=timezone.localdate() - timedelta(days=n + 1))
    return case


def test_team_page_shows_caseload_per_professional(verified_client):
    team = TeamFactory()
    lead = UserFactory(roles=[RoleCode.TEAM_LEAD], team=team, first_name="Lotte", last_name="Leider")
    busy = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team, first_name="Bas", last_name="Bezig")
    calm = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team, first_name="Carla", last_name="Kalm")
    UserFactory(roles=[RoleCode.FRONT_OFFICE], team=team, first_name="Frans", last_name="Balie")
    _case(team, busy, overdue=2)
    _case(team, busy)
    case = _case(team, calm)
    Involvement.objects.create(case=case, user=busy, since=timezone.now())
    _case(team, calm, phase=Phase.AFGESLOTEN)  # closed: not counted
    html = verified_client(lead).get("/team/").content.decode()
    section = html.split('id="h-caseload"')[1].split("</section>")[0]
    assert "Bas Bezig" in section and "Carla Kalm" in section and "Frans Balie" not in section
    assert section.index("Bas Bezig") < section.index("Carla Kalm")  # most overdue first
    bas = section.split("Bas Bezig")[1].split("</tr>")[0]
    assert [c.split(">")[-1] for c in bas.split("</td>")[:2]] == ["3", "2"]  # open cases, as regisseur
    assert 'badge--overdue">2<' in bas
    carla = section.split("Carla Kalm")[1].split("</tr>")[0]
    assert [c.split(">")[-1] for c in carla.split("</td>")[:3]] == ["1", "1", "0"]
    assert 'href="/casusoverleg/"' in section


def test_team_caseload_query_count_is_flat(verified_client):
    team = TeamFactory()
    lead = UserFactory(roles=[RoleCode.TEAM_LEAD], team=team)
    client = verified_client(lead)
    _case(team, UserFactory(roles=[RoleCode.PROFESSIONAL], team=team), overdue=1)
    client.get("/team/")
    small = count_queries(lambda: client.get("/team/"))
    for _ in range(6):
        _case(team, UserFactory(roles=[RoleCode.PROFESSIONAL], team=team), overdue=2)
    assert count_queries(lambda: client.get("/team/")) == small


@pytest.mark.parametrize("role, sees", [
    (RoleCode.TEAM_LEAD, True), (RoleCode.PROFESSIONAL, True), (RoleCode.SAFETY_SPECIALIST, True),
    (RoleCode.MUNICIPAL_OFFICER, False), (RoleCode.POLICY, False),
])
def test_case_discussions_are_in_the_menu_for_who_may_use_them(verified_client, role, sees):
    user = UserFactory(roles=[role], team=TeamFactory())
    client = verified_client(user)
    html = client.get("/").content.decode() if role in (RoleCode.MUNICIPAL_OFFICER, RoleCode.POLICY) else client.get("/caseload/").content.decode()
    header = html.split("<main")[0]
    assert ('href="/casusoverleg/"' in header) is sees
    if sees:
        assert client.get("/casusoverleg/").status_code == 200


def test_the_team_page_reads_the_leads_teams_once_and_a_new_team_counts_from_the_next_request(verified_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from eenplan.accounts.models import TeamMembership

    team, other = TeamFactory(), TeamFactory()
    lead = UserFactory(roles=[RoleCode.TEAM_LEAD], team=team)
    _case(team, UserFactory(roles=[RoleCode.PROFESSIONAL], team=team))
    later = _case(other, UserFactory(roles=[RoleCode.PROFESSIONAL], team=other))
    client = verified_client(lead)
    client.get("/team/")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/team/")
    membership_reads = [q["sql"] for q in queries if 'FROM "accounts_teammembership"' in q["sql"]]
    assert len(membership_reads) == 1, membership_reads
    assert later.pk not in [c.pk for c in page.context["cases"]]
    TeamMembership.objects.create(user=lead, team=other, is_lead=True)
    assert later.pk in [c.pk for c in client.get("/team/").context["cases"]]
