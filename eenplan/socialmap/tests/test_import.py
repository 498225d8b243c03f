"""Bulk import of the sociale kaart's provisions (socialmap.importing): created, updated by the stable key
(organisation + name), unchanged, refused per column; dry run writes nothing; all-or-nothing."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from eenplan.core.csvimport import CREATED, REFUSED, UNCHANGED, UPDATED
from eenplan.socialmap.importing import provisions_import
from eenplan.socialmap.models import Organisation, Provision
from eenplan.testing.factories import WijkFactory

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "voorzieningen.csv"
HEADER = "naam,organisatie,type,domeinen,wijken,contact,beschikking"


def data(*rows, header=HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


@pytest.fixture
def kaart():
    WijkFactory(name="Oosterpark", code="oosterpark")
    org = Organisation.objects.create(name="Buurthuis De Molen")
    inloop = Provision.objects.create(organisation=org, name="Koffie-inloop Oosterpark", type="algemeen", contact="oud")
    return {"org": org, "inloop": inloop}


def test_the_example_file_creates_updates_and_matches_by_organisation_and_name(kaart):
    report = provisions_import(data=EXAMPLE.read_bytes(), dry_run=False)
    assert [(r.line, r.status) for r in report.rows] == [(2, CREATED), (3, CREATED), (4, UPDATED)], [r.messages for r in report.rows]
    assert report.written
    geldzorg = Organisation.objects.get(name="Stichting Geldzorg Eendijk")
    assert geldzorg.email == "info@geldzorg.example" and Organisation.objects.count() == 2
    schuld = Provision.objects.get(name="Schuldhulpverlening")
    assert schuld.needs_decision and schuld.type == "maatwerk"
    assert {d.code for d in schuld.domains.all()} == {"financien", "tijdsbesteding"}
    kaart["inloop"].refresh_from_db()
    assert kaart["inloop"].contact == "0570 654 321" and [w.code for w in kaart["inloop"].wijken.all()] == ["oosterpark"]
    assert Provision.objects.filter(name="Koffie-inloop Oosterpark").count() == 1
    assert "Gewijzigd:" in report.rows[2].messages[-1]
    again = provisions_import(data=EXAMPLE.read_bytes(), dry_run=False)
    assert [r.status for r in again.rows] == [UNCHANGED] * 3


def test_refused_rows_say_which_column_and_nothing_is_written(kaart):
    before = (Organisation.objects.count(), Provision.objects.count())
    rows = ["Nieuw,Nieuwe organisatie,algemeen,,,,", "Fout,Buurthuis De Molen,zwaar,geldzaken,Nergens,,misschien",
            "Koffie-inloop oosterpark,buurthuis de molen,,,,,"]
    dry = provisions_import(data=data(*rows), dry_run=True)
    real = provisions_import(data=data(*rows), dry_run=False)
    assert dry.comparable() == real.comparable()
    assert [r.status for r in real.rows] == [CREATED, REFUSED, UNCHANGED] and not real.written
    messages = " ".join(real.rows[1].messages)
    for expected in ("kolom type", "kolom domeinen: geldzaken is geen leefgebied", "kolom wijken: Nergens is geen wijk",
                     "kolom beschikking: Vul ja of nee in."):
        assert expected in messages
    assert (Organisation.objects.count(), Provision.objects.count()) == before
    assert provisions_import(data=data(*rows), dry_run=False, valid_only=True).written
    assert Provision.objects.filter(name="Nieuw", organisation__name="Nieuwe organisatie").exists()


def test_the_same_provision_twice_in_a_file_is_refused(kaart):
    report = provisions_import(data=data("A,Org,algemeen,,,,", "a,ORG,collectief,,,,"))
    assert [r.status for r in report.rows] == [CREATED, REFUSED] and "regel 2" in report.rows[1].messages[0]


def test_the_command_dry_run(kaart):
    out, err = StringIO(), StringIO()
    call_command("import_provisions", str(EXAMPLE), "--dry-run", stdout=out, stderr=err)
    assert "3/3" in err.getvalue() and "regel 4: bijgewerkt: Koffie-inloop Oosterpark" in out.getvalue()
    assert not Provision.objects.filter(name="Budgetcursus").exists()
