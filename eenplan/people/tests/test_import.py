"""Bulk import of persons (people.importing): a hand-made file with a known answer per row; dry run and real run
agree and the dry run writes nothing; all-or-nothing; matching as on every other way in; the command."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from eenplan.access.models import AccessLogEntry, Action
from eenplan.accounts.models import RoleCode
from eenplan.core.csvimport import CREATED, MATCHED, PROPOSED, REFUSED, ImportFileError
from eenplan.people import importing
from eenplan.people.importing import persons_import
from eenplan.people.models import Household, HouseholdAddress, HouseholdMember, MemberRole, Person
from eenplan.testing.factories import HouseholdFactory, HouseholdMemberFactory, TeamFactory, UserFactory, WijkFactory

pytestmark = pytest.mark.django_db

HEADER = "bsn;voornamen;voorvoegsel;geslachtsnaam;geboortedatum;straat;huisnummer;huisletter;postcode;woonplaats"
ROWS = [
    "999991644;Fatma;;Yildiz;19900412;Molenweg;12;;7413 WD;Eendijk",        # 2 created, new household
    ";Emre;;Yildiz;2019-05-01;Molenweg;12;;7413WD;Eendijk",                # 3 created, same household (a child)
    "123456789;Piet;;Fout;01-01-1970;Molenweg;14;;7413 WD;Eendijk",         # 4 refused: elfproef
    "999991656;Kees;;Klaassen;1960-03-03;Dorpsstraat;3;;1234 SA;Eendijk",   # 5 refused: postcode
    "999991000;Jan Willem;;Bakker;1980-02-03;Kerkstraat;8;;7413 AB;Eendijk",  # 6 matched by BSN
    ";Sanne;de;Vries;21-07-1982;Kerkstraat;8;;7413 AB;Eendijk",             # 7 proposed: name + birth date
    ";Lotte;;Bakker;2015-05-09;Kerkstraat;8;;7413AB;Eendijk",               # 8 created, joins Gezin Bakker
]
KERK = {"street": "Kerkstraat", "house_number": 8, "postcode": "7413 AB", "city": "Eendijk"}


def csv_bytes(rows=ROWS, header=HEADER, delimiter=";", bom=True) -> bytes:
    text = "\r\n".join([header] + rows).replace(";", delimiter) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


@pytest.fixture
def town():
    wijk = WijkFactory(name="Oosterpark", code="oosterpark", postcode_areas="7413,7414")
    team = TeamFactory(wijken=[wijk])
    lead = UserFactory(roles=[RoleCode.TEAM_LEAD], team=team, username="gerrit")
    bakker = HouseholdFactory(name="Gezin Bakker", wijk=wijk, **KERK)
    jan = HouseholdMemberFactory(household=bakker, person__given_names="Jan Willem", person__surname="Bakker",
                                 person__bsn="999991000", person__birth_date=date(1980, 2, 3)).person
    sanne = HouseholdMemberFactory(household=bakker, person__given_names="Sanne", person__surname_prefix="de",
                                   person__surname="Vries", person__bsn="", person__birth_date=date(1982, 7, 21)).person
    return {"wijk": wijk, "team": team, "lead": lead, "bakker": bakker, "jan": jan, "sanne": sanne}


def table_counts() -> dict[str, int]:
    """Rows in every table the project has: a dry run must leave each one as it was (the access log aside)."""
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()
            if m._meta.managed and not m._meta.proxy and m is not AccessLogEntry}


def statuses(report):
    return [(r.line, r.status) for r in report.rows]


def test_the_hand_made_file_gives_the_known_answer_per_row(town):
    report = persons_import(data=csv_bytes(), by=town["lead"], filename="test.csv", dry_run=True,
                            allowed_wijk_ids={town["wijk"].pk})
    assert statuses(report) == [(2, CREATED), (3, CREATED), (4, REFUSED), (5, REFUSED), (6, MATCHED), (7, PROPOSED),
                                (8, CREATED)]
    rows = {r.line: r for r in report.rows}
    assert any("kolom bsn" in m and "elfproef" in m for m in rows[4].messages), rows[4].messages
    assert any("kolom postcode" in m for m in rows[5].messages), rows[5].messages
    # the team lead is not involved with the Bakkers: the report does not name their household
    assert rows[6].person_id == town["jan"].pk and rows[6].where == "een geregistreerd huishouden (u bent niet betrokken)"
    assert rows[7].person_id == town["sanne"].pk
    assert rows[2].where == rows[3].where == "nieuw huishouden Huishouden Yildiz (regel 2)"
    assert rows[8].where == rows[6].where and rows[8].household_id == town["bakker"].pk
    assert not report.written and report.refused == 2


def test_a_dry_run_writes_nothing_but_the_log_of_what_it_read(town):
    before, log_before = table_counts(), AccessLogEntry.objects.count()
    persons_import(data=csv_bytes(), by=town["lead"], filename="test.csv", dry_run=True)
    assert table_counts() == before
    # read: the matched and the proposed person, and the household row 8 would join
    new = AccessLogEntry.objects.order_by("pk")[log_before:]
    assert [(e.action, e.record_type, e.person_id, e.household_id) for e in new] == [
        (Action.READ, "people.Person", town["jan"].pk, town["bakker"].pk),
        (Action.READ, "people.Person", town["sanne"].pk, town["bakker"].pk),
        (Action.READ, "people.Household", None, town["bakker"].pk),
    ]
    assert all(e.reason == "import van test.csv" and e.detail.endswith("(dry run)") for e in new)


def test_with_a_refused_row_nothing_is_written(town):
    before, log_before = table_counts(), AccessLogEntry.objects.count()
    report = persons_import(data=csv_bytes(), by=town["lead"], filename="test.csv", dry_run=False)
    assert not report.written and report.refused == 2
    assert table_counts() == before
    assert not AccessLogEntry.objects.filter(pk__gt=_last_pk(log_before), action=Action.CREATE).exists()


def _last_pk(count_before):
    entries = AccessLogEntry.objects.order_by("pk")
    return entries[count_before - 1].pk if count_before else 0


def test_dry_run_and_real_run_give_the_same_report(town):
    dry = persons_import(data=csv_bytes(), by=town["lead"], filename="test.csv", dry_run=True, valid_only=True)
    people_before = Person.objects.count()
    real = persons_import(data=csv_bytes(), by=town["lead"], filename="test.csv", dry_run=False, valid_only=True)
    assert dry.comparable() == real.comparable()
    assert real.written
    assert Person.objects.count() == people_before + 3
    fatma, emre, lotte = (Person.objects.get(given_names=n) for n in ("Fatma", "Emre", "Lotte"))
    # two rows at one address: one household; a child by age
    yildiz = Household.objects.get(name="Huishouden Yildiz")
    assert {m.person for m in yildiz.members.all()} == {fatma, emre}
    assert yildiz.members.get(person=emre).role == MemberRole.CHILD and yildiz.members.get(person=fatma).role == MemberRole.PARENT
    assert yildiz.wijk == town["wijk"] and HouseholdAddress.objects.filter(household=yildiz).count() == 1
    assert emre.postcode == "7413 WD" and fatma.bsn == "999991644"
    # the address joins the household registered there; the matched and proposed people are not touched
    assert HouseholdMember.objects.get(person=lotte).household == town["bakker"]
    assert Person.objects.filter(given_names="Sanne").count() == 1 and Person.objects.filter(bsn="999991000").count() == 1


def test_every_created_or_matched_person_is_in_the_log_once(town):
    report = persons_import(data=csv_bytes(), by=town["lead"], filename="test.csv", dry_run=False, valid_only=True)
    created = [r.person_id for r in report.rows if r.status == CREATED]
    for person_id in created + [town["jan"].pk, town["sanne"].pk]:
        entries = AccessLogEntry.objects.filter(person_id=person_id, reason="import van test.csv")
        assert entries.count() == 1, person_id
    assert {e.action for e in AccessLogEntry.objects.filter(person_id__in=created, reason__startswith="import")} == {Action.CREATE}
    household = Household.objects.get(name="Huishouden Yildiz")
    assert AccessLogEntry.objects.filter(record_type="people.Household", record_id=str(household.pk), action=Action.CREATE).count() == 1


def test_a_failure_mid_file_writes_nothing(town, monkeypatch):
    valid = [r for i, r in enumerate(ROWS) if i not in (2, 3)]
    original, calls = importing._Run.create, []

    def failing(self, row, *args, **kwargs):
        calls.append(row.line)
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        return original(self, row, *args, **kwargs)

    monkeypatch.setattr(importing._Run, "create", failing)
    before, log_before = table_counts(), AccessLogEntry.objects.count()
    with pytest.raises(RuntimeError):
        persons_import(data=csv_bytes(valid), by=town["lead"], filename="test.csv", dry_run=False)
    assert table_counts() == before and AccessLogEntry.objects.count() == log_before


def test_comma_delimiter_without_bom_and_windows_1252(town):
    data = csv_bytes(ROWS[:2], delimiter=",", bom=False)
    assert statuses(persons_import(data=data, by=town["lead"])) == [(2, CREATED), (3, CREATED)]
    latin = ("\r\n".join([HEADER, ";Zoë;;Çelik;1990-01-01;Molenweg;20;;7413 WD;Eendijk"])).encode("cp1252")
    report = persons_import(data=latin, by=town["lead"], dry_run=False)
    assert report.written and Person.objects.filter(given_names="Zoë", surname="Çelik").exists()


def test_the_same_bsn_twice_in_one_file_is_refused(town):
    rows = [ROWS[0], "999991644;Fatma;;Yildiz-Kaya;19900412;Molenweg;12;;7413 WD;Eendijk"]
    report = persons_import(data=csv_bytes(rows), by=town["lead"])
    assert statuses(report) == [(2, CREATED), (3, REFUSED)]
    assert "regel 2" in report.rows[1].messages[0]


def test_a_household_key_keeps_two_households_at_one_address_apart(town):
    header = HEADER + ";huishouden;huishouden_naam;rol"
    rows = [";Anna;;Smit;1950-01-01;Molenweg;30;;7413 WD;Eendijk;A;Mevrouw Smit;",
            ";Bram;;Jong;1990-01-01;Molenweg;30;;7413 WD;Eendijk;B;;overig",
            ";Carla;;Smit;1952-01-01;Molenweg;30;;7413 WD;Eendijk;A;;partner"]
    report = persons_import(data=csv_bytes(rows, header=header), by=town["lead"], dry_run=False)
    assert report.written
    smit = Household.objects.get(name="Mevrouw Smit")
    assert {m.person.given_names for m in smit.members.all()} == {"Anna", "Carla"}
    assert HouseholdMember.objects.get(person__given_names="Bram").household.name == "Huishouden Jong"
    assert HouseholdMember.objects.get(person__given_names="Carla").role == MemberRole.PARTNER


def test_a_team_lead_imports_only_into_the_wijken_of_their_teams(town):
    WijkFactory(name="Centrum", code="centrum", postcode_areas="7411")
    rows = [";Dirk;;Mol;1970-01-01;Markt;1;;7411 AA;Eendijk", ";Ella;;Mol;1970-01-01;Molenweg;50;;7413 WD;Eendijk",
            ";Fenna;;Mol;1970-01-01;Nergensweg;1;;9999 ZZ;Eendijk"]
    report = persons_import(data=csv_bytes(rows), by=town["lead"], allowed_wijk_ids={town["wijk"].pk})
    assert statuses(report) == [(2, REFUSED), (3, CREATED), (4, REFUSED)]
    assert "Centrum is geen wijk van een team dat u leidt." in report.rows[0].messages[0]
    assert "Geen wijk gevonden" in report.rows[2].messages[0]


def test_a_file_that_cannot_be_read_is_refused_as_a_whole(town):
    with pytest.raises(ImportFileError, match="Kolommen ontbreken"):
        persons_import(data=b"naam;adres\r\nx;y\r\n", by=town["lead"])
    with pytest.raises(ImportFileError, match="meer dan 1 regels"):
        persons_import(data=csv_bytes(ROWS[:2]), by=town["lead"], max_rows=1)
    with pytest.raises(ImportFileError, match="leeg"):
        persons_import(data=b"", by=town["lead"])


def test_the_command_prints_progress_and_the_report(town, tmp_path):
    path = tmp_path / "personen.csv"
    path.write_bytes(csv_bytes())
    out, err = StringIO(), StringIO()
    call_command("import_persons", str(path), "--dry-run", stdout=out, stderr=err)
    assert "7/7" in err.getvalue()
    assert f"regel 6: bestaat al: Jan Willem Bakker — geregistreerd huishouden Gezin Bakker (nr. {town['bakker'].pk})" in out.getvalue()
    assert "regel 4: geweigerd: Piet Fout" in out.getvalue() and "Proefimport: er is niets opgeslagen." in out.getvalue()
    with pytest.raises(CommandError):
        call_command("import_persons", str(path), stdout=StringIO(), stderr=StringIO())
    assert not Person.objects.filter(given_names="Fatma").exists()
    call_command("import_persons", str(path), "--valid-only", "--by", "gerrit", stdout=StringIO(), stderr=StringIO())
    fatma = Person.objects.get(given_names="Fatma")
    assert AccessLogEntry.objects.get(person_id=fatma.pk).username == "gerrit"


def test_the_example_file_in_the_docs_imports(town):
    WijkFactory(name="Centrum", code="centrum", postcode_areas="7411,7412")
    data = (Path(__file__).resolve().parents[3] / "docs" / "examples" / "personen.csv").read_bytes()
    report = persons_import(data=data, by=town["lead"], filename="personen.csv")
    assert [r.status for r in report.rows] == [CREATED] * 5, [r.messages for r in report.rows]
    assert report.extra["households_created"] == 3
