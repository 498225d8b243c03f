import pytest

from eenplan.access.models import AccessLogEntry, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.testing.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_api_lists_only_involved_cases(verified_client):
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL])
    mine, _other = CaseFactory(regisseur=pro), CaseFactory()
    response = verified_client(pro).get("/api/v1/cases")
    assert response.status_code == 200 and response["API-Version"] == "1.0.0"
    assert [c["id"] for c in response.json()["results"]] == [mine.pk]


def test_api_detail_refuses_uninvolved_and_logs(verified_client):
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL])
    case = CaseFactory()
    assert verified_client(pro).get(f"/api/v1/cases/{case.pk}").status_code == 403
    assert AccessLogEntry.objects.filter(username=pro.username, case_id=case.pk, outcome=Outcome.REFUSED).exists()


@pytest.mark.parametrize("role", [RoleCode.POLICY, RoleCode.MUNICIPAL_OFFICER, RoleCode.FUNCTIONAL_ADMIN])
def test_api_refuses_roles_without_case_work_and_logs_the_client(verified_client, role):
    user = UserFactory(roles=[role])
    case = CaseFactory()
    client = verified_client(user)
    assert client.get("/api/v1/cases").status_code == 403
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 403
    refusals = AccessLogEntry.objects.filter(username=user.username, outcome=Outcome.REFUSED)
    assert refusals.count() == 2
    on_case = refusals.get(path=f"/api/v1/cases/{case.pk}")
    assert on_case.case_id == case.pk and on_case.household_id == case.household_id and on_case.acting_role == role


def test_api_list_logs_the_ids_it_returned(verified_client):
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL])
    mine = [CaseFactory(regisseur=pro), CaseFactory(regisseur=pro)]
    CaseFactory()
    verified_client(pro).get("/api/v1/cases")
    line = AccessLogEntry.objects.get(username=pro.username, detail="api case list")
    assert line.shown_ids == sorted(c.pk for c in mine)


def test_api_refusal_says_u_as_the_pages_do(verified_client):
    """Issue 11, defect 14: the API wrote "Je hebt geen toestemming" where the pages say "u"."""
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL])
    body = verified_client(pro).get(f"/api/v1/cases/{CaseFactory().pk}", HTTP_ACCEPT_LANGUAGE="nl").json()
    assert body["detail"] == "U bent niet betrokken bij deze casus."
    body = verified_client(UserFactory(roles=[RoleCode.POLICY])).get("/api/v1/cases", HTTP_ACCEPT_LANGUAGE="nl").json()
    assert body["detail"] == "U hebt geen toestemming om deze actie uit te voeren."


def test_api_needs_second_factor(client):
    user = UserFactory(roles=[RoleCode.PROFESSIONAL])
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/api/v1/cases").status_code == 403


def test_openapi_schema_needs_login(client):
    from eenplan.access.models import AccessLogEntry

    assert client.get("/api/v1/openapi.json").status_code == 403
    assert AccessLogEntry.objects.filter(outcome="refused", path="/api/v1/openapi.json").count() == 1


def test_openapi_schema_describes_cases(verified_client):
    response = verified_client(UserFactory(roles=[RoleCode.POLICY])).get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/cases/{id}" in response.content.decode()
