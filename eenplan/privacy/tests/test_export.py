"""Right of access (art. 15): the export's contents, what is left out, and that it is logged."""

import io
import json

import pytest
from pypdf import PdfReader

from eenplan.access.audit import log_access
from eenplan.access.models import AccessLogEntry, Action, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Phase
from eenplan.plans.models import Plan, PlanVersion
from eenplan.testing.factories import CaseFactory, TeamFactory, UserFactory

from .data import household_with, officer, running_meldcode, sharing_basis, signal, zrm

pytestmark = pytest.mark.django_db


@pytest.fixture
def family():
    team = TeamFactory()
    pro = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team, username="anna", first_name="Anna", last_name="de Boer")
    household, (mother, father) = household_with(adults=2, name="Gezin Veldman")
    mother.given_names, mother.surname, mother.bsn = "Sandra", "Veldman", "111222333"
    mother.save()
    father.given_names = "Karel"
    father.save()
    case = CaseFactory(household=household, team=team, regisseur=pro, phase=Phase.ONDERSTEUNING,
                       question="Sandra wil overzicht over haar schulden.")
    plan = Plan.objects.create(case=case, created_by=pro, created_at=case.opened_at, current_number=1)
    PlanVersion.objects.create(plan=plan, number=1, created_by=pro, created_at=case.opened_at, reason="Eerste plan met Sandra.")
    zrm(case, mother, pro)
    zrm(case, father, pro)
    sharing_basis(case, legal_task="wmo", by=pro)
    signal(household=household, case=case, reporter_name="Buurvrouw Truus", description="Post stapelt zich op bij Sandra.")
    snoop = UserFactory(roles=[RoleCode.PROFESSIONAL], team=team, username="bram")
    log_access(user=snoop, action=Action.READ, record=case, outcome=Outcome.REFUSED)
    return dict(team=team, pro=pro, household=household, mother=mother, father=father, case=case, plan=plan)


def test_json_export_holds_everything_about_the_person_and_nothing_about_others(family, verified_client):
    client = verified_client(officer())
    response = client.get(f"/privacy/inzage/{family['mother'].pk}/json/")
    assert response["Content-Disposition"] == f'attachment; filename="inzage-{family["mother"].pk}.json"'
    data = json.loads(response.content)
    assert set(data) == {"format", "made_at", "person", "households", "cases", "signals", "access_log", "left_out"}
    assert data["person"]["fields"]["bsn"] == "111222333"
    assert data["person"]["fields"]["given_names"] == "Sandra"
    assert [h["fields"]["name"] for h in data["households"]] == ["Gezin Veldman"]
    assert sorted(m["name"].split()[0] for m in data["households"][0]["members"]) == ["Karel", "Sandra"]
    [case] = data["cases"]
    assert case["fields"]["question"] == "Sandra wil overzicht over haar schulden."
    assert case["fields"]["regisseur"]["text"] == "Anna de Boer"
    groups = {g["type"]: g["records"] for g in case["groups"]}
    # her own measurement, not her husband's
    assert [r["fields"]["note"] for r in groups["assessment.ZrmMeasurement"]] == ["Meting van Sandra"]
    assert [r["fields"]["reason"] for r in groups["plans.PlanVersion"]] == ["Eerste plan met Sandra."]
    assert [r["fields"]["legal_task"] for r in groups["socialmap.SharingBasis"]] == ["wmo"]
    [sig] = data["signals"]
    assert sig["fields"]["description"] == "Post stapelt zich op bij Sandra."
    assert "reporter_name" not in sig["fields"]
    assert "Buurvrouw Truus" not in response.content.decode()
    refused = [e for e in data["access_log"] if e["outcome"] == "refused"]
    assert [(e["username"], e["case_id"]) for e in refused] == [("bram", family["case"].pk)]


def test_running_meldcode_stays_out_and_the_export_says_so(family, verified_client):
    running_meldcode(family["case"], family["pro"])
    data = json.loads(verified_client(officer()).get(f"/privacy/inzage/{family['mother'].pk}/json/").content)
    types = {g["type"] for g in data["cases"][0]["groups"]}
    assert not any(t.startswith("safety.") for t in types)
    assert any("meldcodetraject" in note for note in data["left_out"])


def test_finished_safety_records_are_in(family, verified_client):
    trajectory = running_meldcode(family["case"], family["pro"])
    trajectory.status = "afgerond"
    trajectory.save()
    data = json.loads(verified_client(officer()).get(f"/privacy/inzage/{family['mother'].pk}/json/").content)
    groups = {g["type"]: g["records"] for g in data["cases"][0]["groups"]}
    assert [r["fields"]["concern"] for r in groups["safety.MeldcodeTrajectory"]] == ["Blauwe plekken gezien."]


def test_pdf_export_is_readable_and_holds_the_same(family, verified_client):
    fg = officer()
    response = verified_client(fg).get(f"/privacy/inzage/{family['mother'].pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    for expected in ["Uw gegevens in eenplan", "Sandra", "111222333", "Gezin Veldman", "Sandra wil overzicht over haar schulden.",
                     "Anna de Boer", "Meting van Sandra", "Eerste plan met Sandra.", "Post stapelt zich op bij Sandra.", "Wie uw gegevens heeft bekeken", "bram"]:
        assert expected in text, expected
    assert "Meting van Karel" not in text and "Buurvrouw Truus" not in text


def test_each_export_is_logged_with_the_person(family, verified_client):
    fg = officer()
    client = verified_client(fg)
    person = family["mother"]
    client.get(f"/privacy/inzage/{person.pk}/json/")
    client.get(f"/privacy/inzage/{person.pk}/pdf/")
    exports = AccessLogEntry.objects.filter(user=fg, action=Action.EXPORT, person_id=person.pk).order_by("pk")
    assert [e.detail for e in exports] == ["AVG art. 15 export (JSON)", "AVG art. 15 export (PDF)"]
