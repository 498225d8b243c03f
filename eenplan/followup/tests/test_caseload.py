"""Due items on the caseload and the team's evaluations on the team lead's page (flat query counts)."""

import pytest
from django.utils import timezone

from eenplan.cases.models import PlannedItem
from eenplan.followup import services
from eenplan.followup.models import PLANNED_EVALUATION
from eenplan.testing.factories import CaseFactory, HouseholdFactory
from eenplan.testing.queries import count_queries

from .factories import in_days, make_world

pytestmark = pytest.mark.django_db


def _evaluation(case, days, owner):
    return PlannedItem.objects.create(case=case, kind=PLANNED_EVALUATION, label="Evaluatie met het huishouden",
                                      due_on=in_days(days), owner=owner)


def test_caseload_shows_overdue_today_and_coming_evaluations(verified_client):
    w = make_world()
    services.evaluation_moment_plan(case=w.case, due_on=in_days(10), by=w.pro)
    other = CaseFactory(team=w.team, regisseur=w.pro, household=HouseholdFactory(name="Huishouden Overdue"))
    _evaluation(other, -4, w.pro)
    PlannedItem.objects.create(case=other, kind="afspraak", label="Huisbezoek vandaag", due_on=in_days(0), owner=w.pro)
    PlannedItem.objects.create(case=other, kind="afspraak", label="Gesprek later", due_on=in_days(5), owner=w.pro)
    body = verified_client(w.pro).get("/caseload/").content.decode()
    section = body[body.index("Voor u te doen"):body.index("</section>", body.index("Voor u te doen"))]
    assert "Huisbezoek vandaag" in section and "Gesprek later" not in section
    assert section.count("Evaluatie met het huishouden") == 2 and "te laat" in section
    assert "Huishouden Veldkamp" in section and "Huishouden Overdue" in section


def test_caseload_does_not_name_households_of_cases_the_user_does_not_work_on(verified_client):
    w = make_world()
    stranger_case = CaseFactory(team=w.team, regisseur=w.other_pro, household=HouseholdFactory(name="Huishouden Geheim"))
    PlannedItem.objects.create(case=stranger_case, kind="plan_actie", label="Actie", due_on=in_days(0), owner=w.pro)
    body = verified_client(w.pro).get("/caseload/").content.decode()
    assert "Huishouden Geheim" not in body


def test_caseload_query_count_stays_flat_with_due_items(verified_client, django_assert_num_queries):
    w = make_world()
    client = verified_client(w.pro)

    def add(n):
        for _ in range(n):
            case = CaseFactory(team=w.team, regisseur=w.pro)
            _evaluation(case, -2, w.pro)

    add(2)
    client.get("/caseload/")
    small = count_queries(lambda: client.get("/caseload/"))
    add(12)
    with django_assert_num_queries(small):
        client.get("/caseload/")


def test_team_lead_sees_overdue_and_coming_evaluations_without_content(verified_client, django_assert_num_queries):
    w = make_world()
    client = verified_client(w.lead)

    def add(n, days):
        for _ in range(n):
            _evaluation(CaseFactory(team=w.team, regisseur=w.pro), days, w.pro)

    add(1, -3)
    add(1, 7)
    add(1, 40)  # too far ahead
    client.get("/team/")
    small = count_queries(lambda: client.get("/team/"))
    body = client.get("/team/").content.decode()
    assert "1 evaluatie is te laat." in body
    assert body.count("Evaluatie met het huishouden") == 0  # only household, date and who
    add(10, -1)
    with django_assert_num_queries(small):
        body = client.get("/team/").content.decode()
    assert "11 evaluaties zijn te laat." in body
    assert timezone.localdate() is not None
