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


# --- "Voor u te doen" holds everything that is mine today --------------------------------------


def _todo(body):
    start = body.index("Voor u te doen")
    return body[start:body.index("</section>", start)]


def _assigned_signal(w, **kw):
    from eenplan.intake.models import Signal
    from eenplan.intake.tests.factories import make_signal

    signal = make_signal(by=w.pro, team=w.team, subject_name=kw.pop("subject_name", "Mevrouw Jansen"), **kw)
    Signal.objects.filter(pk=signal.pk).update(assigned_to=w.pro)
    return signal


def test_the_todo_list_holds_signals_meldcode_checkins_evaluations_and_plan_actions(verified_client):
    from eenplan.plans import services as plan_services
    from eenplan.plans.services import ActionData, AddAction
    from eenplan.safety import services as safety_services

    from .factories import with_plan

    w = make_world()
    _assigned_signal(w, subject_name="Mevrouw Jansen")
    safety_services.meldcode_start(case=w.case, concern="Blauwe plek gezien", by=w.pro)
    PlannedItem.objects.create(case=w.case, kind="check_in", label="Contactmoment: telefoongesprek", due_on=in_days(0), owner=w.pro)
    services.evaluation_moment_plan(case=w.case, due_on=in_days(10), by=w.pro)
    key = with_plan(w)[0]
    plan = plan_services.plan_ensure(case=w.case, by=w.pro)
    plan_services.plan_version_create(plan=plan, by=w.pro, reason="", based_on=1, changes=[AddAction(
        goal_key=__import__("uuid").UUID(key),
        data=ActionData(what="Aanvraag bijzondere bijstand", owner_kind="professional", owner_user_id=w.pro.pk, due_on=in_days(6)))])
    section = _todo(verified_client(w.pro).get("/caseload/").content.decode())
    assert "Signaal" in section and "Mevrouw Jansen" in section
    assert "Meldcode: stap 1 is de volgende" in section
    assert "Contactmoment: telefoongesprek" in section
    assert "Evaluatie" in section
    assert "Aanvraag bijzondere bijstand" in section and "/uitkomst/" in section  # with its Done button


def test_signals_assigned_to_someone_else_or_of_another_team_are_not_listed(verified_client):
    from eenplan.intake.models import Signal
    from eenplan.testing.factories import TeamFactory

    w = make_world()
    other = _assigned_signal(w, subject_name="Meneer Elders")
    Signal.objects.filter(pk=other.pk).update(team=TeamFactory())
    mine_not = _assigned_signal(w, subject_name="Mevrouw Ander")
    Signal.objects.filter(pk=mine_not.pk).update(assigned_to=w.other_pro)
    section = _todo(verified_client(w.pro).get("/caseload/").content.decode())
    assert "Meneer Elders" not in section and "Mevrouw Ander" not in section


def test_the_todo_list_query_count_stays_flat_as_every_source_grows(verified_client, django_assert_num_queries):
    from eenplan.safety import services as safety_services

    w = make_world()
    client = verified_client(w.pro)

    def add(n):
        for i in range(n):
            case = CaseFactory(team=w.team, regisseur=w.pro)
            _evaluation(case, -2, w.pro)
            PlannedItem.objects.create(case=case, kind="plan_actie", label=f"Actie {i}", due_on=in_days(3), owner=w.pro,
                                       source=f"plans.PlanAction:{__import__('uuid').uuid4()}")
            safety_services.meldcode_start(case=case, concern="Zorgen", by=w.pro)
            _assigned_signal(w, subject_name=f"Bewoner {i}")

    add(2)
    client.get("/caseload/")
    small = count_queries(lambda: client.get("/caseload/"))
    add(8)
    with django_assert_num_queries(small):
        client.get("/caseload/")


def test_the_front_office_lands_on_the_intake_board(verified_client):
    w = make_world()
    response = verified_client(w.front).get("/")
    assert response.status_code == 302 and response.url == "/intake/"
    assert verified_client(w.pro).get("/").url == "/caseload/"


def test_the_meldcode_line_names_the_step_after_the_ones_recorded(verified_client):
    from eenplan.safety import services as safety_services

    w = make_world()
    trajectory = safety_services.meldcode_start(case=w.case, concern="Blauwe plek gezien", by=w.pro)
    safety_services.meldcode_step_record(trajectory=trajectory, step=1, performed_on=in_days(0), by=w.pro,
                                         considered="Signalen in kaart", kindcheck="nee")
    section = _todo(verified_client(w.pro).get("/caseload/").content.decode())
    assert "Meldcode: stap 2 is de volgende" in section
    assert w.case.household.name in section
