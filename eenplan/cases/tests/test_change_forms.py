"""The change forms of the case overview: involve a colleague, hand over regie (defect 1 of issue 11:
both answered 500 because the form base validated in `__init__`, before the pickers had querysets)."""

import pytest

from eenplan.accounts.models import RoleCode
from eenplan.cases.forms import InvolveForm, RegisseurForm
from eenplan.cases.models import Involvement, RegieChange
from eenplan.testing.factories import CaseFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team)
    colleague = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team, first_name="Collega", last_name="Uitteam")
    elsewhere = UserFactory(roles=[RoleCode.PROFESSIONAL], team=TeamFactory(), first_name="Ander", last_name="Team")
    case = CaseFactory(team=team, regisseur=pro)
    return {"team": team, "pro": pro, "colleague": colleague, "elsewhere": elsewhere, "case": case}


def test_involving_a_colleague_over_http_saves_it(world, verified_client):
    case, colleague = world["case"], world["colleague"]
    response = verified_client(world["pro"]).post(f"/casussen/{case.pk}/betrokkenen/", {"user": colleague.pk, "role_in_case": "schuldhulp"})
    assert response.status_code == 302
    involvement = Involvement.objects.get(case=case, user=colleague, until__isnull=True)
    assert involvement.role_in_case == "schuldhulp"


def test_handing_over_regie_over_http_saves_it(world, verified_client):
    case, colleague = world["case"], world["colleague"]
    response = verified_client(world["pro"]).post(
        f"/casussen/{case.pk}/regisseur/", {"regisseur": colleague.pk, "regie_kind": "procesregie", "note": "Ik ga met verlof."}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.regisseur == colleague and case.regie_kind == "procesregie"
    assert RegieChange.objects.filter(case=case, regisseur=colleague).exists()


def test_a_refused_handover_keeps_what_was_typed_on_the_page(world, verified_client):
    case = world["case"]
    response = verified_client(world["pro"]).post(
        f"/casussen/{case.pk}/regisseur/", {"regisseur": "", "regie_kind": "procesregie", "note": "Mijn overdrachtsnotitie"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Mijn overdrachtsnotitie" in body and 'aria-invalid="true"' in body
    case.refresh_from_db()
    assert case.regisseur == world["pro"]


def test_the_pickers_offer_the_case_team_and_who_is_already_involved(world):
    case, elsewhere, colleague = world["case"], world["elsewhere"], world["colleague"]
    offered = set(InvolveForm(case=case).fields["user"].queryset)
    assert colleague in offered and elsewhere not in offered
    Involvement.objects.create(case=case, user=elsewhere, since=case.opened_at)
    Involvement.objects.create(case=case, user=colleague, since=case.opened_at)
    assert {elsewhere, colleague} <= set(RegisseurForm(case=case).fields["regisseur"].queryset)
    # Involving someone who already is would change nothing: the involve picker leaves them out.
    assert not {elsewhere, colleague} & set(InvolveForm(case=case).fields["user"].queryset)


def test_a_colleague_of_another_team_cannot_be_posted_into_the_case(world, verified_client):
    case, elsewhere = world["case"], world["elsewhere"]
    response = verified_client(world["pro"]).post(f"/casussen/{case.pk}/betrokkenen/", {"user": elsewhere.pk})
    assert response.status_code == 400
    assert not Involvement.objects.filter(case=case, user=elsewhere).exists()


@pytest.mark.parametrize("value", [str(2**63), str(10**30), "-" + str(2**63)])
@pytest.mark.parametrize("url, field", [("betrokkenen", "user"), ("regisseur", "regisseur")])
def test_a_colleague_id_beyond_any_key_is_a_validation_error(world, verified_client, url, field, value):
    case = world["case"]
    response = verified_client(world["pro"]).post(f"/casussen/{case.pk}/{url}/", {field: value, "regie_kind": "casusregie", "note": "x"})
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_the_case_page_reads_its_colleagues_once_for_both_lists(world, verified_client):
    """The regisseur list offers who is involved, the involve list leaves them out; both from one read."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    case, pro, colleague, elsewhere = world["case"], world["pro"], world["colleague"], world["elsewhere"]
    Involvement.objects.create(case=case, user=pro, since=case.opened_at)
    client = verified_client(pro)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/casussen/{case.pk}/")
    assert page.status_code == 200
    regisseur, involve = page.context["regisseur_form"]["regisseur"], page.context["involve_form"]["user"]
    regisseur_ids = {value for value, _label in regisseur.field.choices if value}
    involve_ids = {value for value, _label in involve.field.choices if value}
    assert regisseur_ids == {pro.pk, colleague.pk} and involve_ids == {colleague.pk}
    assert f'<option value="{pro.pk}" selected>' in page.text  # the regisseur list keeps the current one chosen
    assert elsewhere.pk not in regisseur_ids
    colleague_reads = [q["sql"] for q in queries if '"first_name" AS "first_name"' in q["sql"]]
    assert len(colleague_reads) == 1, colleague_reads
