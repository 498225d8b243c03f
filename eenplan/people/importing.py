"""Bulk import of persons and households from a CSV file in a BRP extract's columns (docs/import.md, ADR 0114).

One function, `persons_import`, for the page and the command. Every row is validated by the same forms as the
registration page (`PersonForm`: the BSN's elfproef, birth date; `HouseholdForm`: postcode, house number) and
matched with `people.matching.find_matches`, as on every other way in:

- the same BSN: the person is already registered — *matched*: nothing is created or changed;
- the same name and birth date: *proposed* — very probably the same person; not created, reported, to be
  checked by hand (a probable duplicate is never merged silently, ADR 0112);
- otherwise the person is *created*, in the household of their `huishouden` key (or, without one, their
  address): a household already registered at that address is joined, else one new household is made;
- a row that fails a check is *refused*, with a Dutch message per column.

The whole file runs in one transaction. A dry run is the same code, rolled back at the end, so a dry run and a
real run cannot disagree. A real run is all-or-nothing: one refused row and nothing is written — unless the user
asked for `valid_only`, then the refused rows are left out and the rest is written. The access log gets one line
per person (created: `create`; matched or proposed: `read`), and one per new household, with the import as the
reason; a dry run logs only the existing records it read. The file itself is never stored.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.access.audit import log_access
from eenplan.access.models import Action
from eenplan.core.csvimport import (
    COMMAND_ROLE,
    CREATED,
    MATCHED,
    PROPOSED,
    REFUSED,
    CsvRow,
    ImportReport,
    RowResult,
    column_errors,
    read_csv,
)
from eenplan.organisation.models import Wijk

from .forms import HouseholdForm, PersonForm
from .matching import ADDRESS, BSN, NAME_BIRTH, find_matches, fold
from .models import Household, HouseholdAddress, HouseholdMember, MemberRole, Person

REQUIRED_COLUMNS = ("bsn", "voornamen", "geslachtsnaam", "geboortedatum", "postcode", "huisnummer")
OPTIONAL_COLUMNS = ("voorvoegsel", "roepnaam", "straat", "huisletter", "huisnummertoevoeging", "woonplaats", "huishouden",
                    "huishouden_naam", "rol", "wijk", "telefoon", "email")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
PAGE_MAX_ROWS = 2000  # the page runs the import in the request; larger files go through the command

# Form field -> the file's column, for the messages.
_FIELD_COLUMNS = {
    "given_names": "voornamen", "preferred_name": "roepnaam", "surname_prefix": "voorvoegsel", "surname": "geslachtsnaam",
    "birth_date": "geboortedatum", "bsn": "bsn", "phone": "telefoon", "email": "email", "role": "rol",
    "name": "huishouden_naam", "wijk": "wijk", "street": "straat", "house_number": "huisnummer",
    "house_number_addition": "huisletter/huisnummertoevoeging", "postcode": "postcode", "city": "woonplaats",
}

def _iso_date(value: str) -> str:
    """BRP extracts write dates as 19800203; the form takes 03-02-1980 and 1980-02-03 as well."""
    value = value.strip()
    if len(value) == 8 and value.isdigit():
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return value


def _default_role(birth_date: date | None, today: date) -> str:
    if birth_date is None:
        return MemberRole.OTHER
    age = today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))
    return MemberRole.CHILD if age < 18 else MemberRole.PARENT


def _find_wijk(value: str, postcode: str, wijken: list[Wijk]) -> Wijk | None:
    if value:
        folded = fold(value)
        return next((w for w in wijken if fold(w.code) == folded or fold(w.name) == folded), None)
    area = (postcode or "").replace(" ", "")[:4]
    return next((w for w in wijken if area in w.postcode_area_list()), None) if len(area) == 4 else None


def _display_name(row: CsvRow) -> str:
    return " ".join(p for p in [row.get("voornamen"), row.get("voorvoegsel"), row.get("geslachtsnaam")] if p) or "–"


class _Run:
    def __init__(self, *, by, filename: str, allowed_wijk_ids, dry_run: bool):
        self.by = by
        self.reason = _("import of %(file)s") % {"file": filename or _("a file")}
        self.allowed_wijk_ids = allowed_wijk_ids
        self.dry_run = dry_run
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.wijken = list(Wijk.objects.all())
        self.bsn_lines: dict[str, int] = {}
        self.person_lines: dict[int, int] = {}  # person created here -> its line
        self.groups: dict[str, Household] = {}  # household key -> the household rows with that key go to
        self.group_lines: dict[int, int] = {}  # household created here -> the line that made it
        self.created_households: set[int] = set()
        self.logs: list[dict] = []  # written at the end: all of them (real run) or only reads of existing records

    def household_label(self, household: Household) -> str:
        if household.pk in self.group_lines:
            return _("new household %(name)s (line %(line)s)") % {"name": household.name, "line": self.group_lines[household.pk]}
        return self.existing_label(household)

    def existing_label(self, household: Household | None) -> str:
        if household is None:
            return _("in no household")
        from eenplan.access import policy

        if getattr(self.by, "is_authenticated", False) and not policy.household_decision(self.by, household):
            return _("a registered household (you are not involved)")
        return _("registered household %(name)s (no. %(pk)s)") % {"name": household.name, "pk": household.pk}

    def log(self, *, action, record, existing: bool, household_id=None, detail: str):
        self.logs.append({"action": action, "record": record, "existing": existing, "household_id": household_id,
                          "detail": detail})

    def row(self, row: CsvRow) -> RowResult:
        result = RowResult(line=row.line, status=REFUSED, name=_display_name(row))
        person_form, household_form, wijk = self.validate(row, result)
        if result.messages:
            return result
        p, h = person_form.cleaned_data, household_form.cleaned_data
        if p["bsn"]:
            if p["bsn"] in self.bsn_lines:
                result.messages.append(_("column bsn: this BSN is on line %(line)s of this file as well.")
                                       % {"line": self.bsn_lines[p["bsn"]]})
                return result
            self.bsn_lines[p["bsn"]] = row.line
        key = row.get("huishouden") or f"{h['postcode']}|{h['house_number']}|{fold(h['house_number_addition'])}"
        matches = find_matches(bsn=p["bsn"], given_names=p["given_names"], surname_prefix=p["surname_prefix"],
                               surname=p["surname"], birth_date=p["birth_date"], postcode=h["postcode"],
                               house_number=h["house_number"], house_number_addition=h["house_number_addition"])
        same = [m for m in matches if m.level in (BSN, NAME_BIRTH)]
        if same:
            return self.known(row, result, same, key, h)
        return self.create(row, result, person_form, household_form, wijk, key,
                           [m.household for m in matches if m.level == ADDRESS])

    def validate(self, row: CsvRow, result: RowResult):
        postcode, number = row.get("postcode"), row.get("huisnummer")
        wijk = _find_wijk(row.get("wijk"), postcode, self.wijken)
        person_data = {
            "given_names": row.get("voornamen"), "preferred_name": row.get("roepnaam"), "surname_prefix": row.get("voorvoegsel"),
            "surname": row.get("geslachtsnaam"), "birth_date": _iso_date(row.get("geboortedatum")), "bsn": row.get("bsn"),
            "phone": row.get("telefoon"), "email": row.get("email"), "role": row.get("rol").lower() or MemberRole.OTHER,
        }
        surname = " ".join(p for p in [row.get("voorvoegsel"), row.get("geslachtsnaam")] if p)
        household_data = {
            "name": row.get("huishouden_naam") or (_("Household %(surname)s") % {"surname": surname}),
            "wijk": wijk.pk if wijk else "", "street": row.get("straat"), "house_number": number,
            "house_number_addition": row.get("huisletter") + row.get("huisnummertoevoeging"), "postcode": postcode,
            "city": row.get("woonplaats"),
        }
        person_form, household_form = PersonForm(data=person_data), HouseholdForm(data=household_data)
        errors = {}
        if not person_form.is_valid():
            errors.update(person_form.errors)
        if not household_form.is_valid():
            errors.update({k: v for k, v in household_form.errors.items() if k != "wijk"})
        if not postcode:
            errors.setdefault("postcode", []).append(_("Give the postcode: the import places every person at an address."))
        if not number:
            errors.setdefault("house_number", []).append(_("Give the house number."))
        if wijk is None and "postcode" not in errors:
            errors["wijk"] = [_("No wijk found: give a wijk's code or name, or a postcode in one of the wijken.")
                              if row.get("wijk") or postcode else _("Give the wijk or a postcode.")]
        elif wijk is not None and self.allowed_wijk_ids is not None and wijk.pk not in self.allowed_wijk_ids:
            errors["wijk"] = [_("%(wijk)s is not a wijk of a team you lead.") % {"wijk": wijk.name}]
        result.messages = column_errors(errors, _FIELD_COLUMNS)
        return person_form, household_form, wijk

    def known(self, row, result, same, key, h) -> RowResult:
        """The person is registered already (BSN) or very probably (name and birth date): nothing is created."""
        m = same[0]
        person = m.person
        result.person_id = person.pk
        result.household_id = getattr(m.household, "pk", None)
        result.where = self.household_label(m.household) if m.household else self.existing_label(None)
        here = _("line %(line)s of this file") % {"line": self.person_lines[person.pk]} if person.pk in self.person_lines else ""
        if m.level == BSN:
            result.status = MATCHED
            result.messages.append(_("The BSN is registered already%(here)s: nothing is created or changed.")
                                   % {"here": f" ({here})" if here else ""})
            at_address = m.household is not None and _("address") in m.evidence
            if not at_address:
                result.messages.append(_("The address in the file differs from the registered one: check it by hand."))
            elif key not in self.groups:
                self.groups[key] = m.household  # the others at this address join the person's household
            detail = "import row %s: matched by BSN, not changed" % row.line
        else:
            result.status = PROPOSED
            result.messages.append(_("Same surname, first name and birth date as a registered person%(here)s: probably the "
                                     "same person. Not created; check by hand and register them on the household page if "
                                     "they are someone else.") % {"here": f" ({here})" if here else ""})
            detail = "import row %s: possible duplicate (surname, first name, birth date), not created" % row.line
        if person.pk not in self.person_lines:
            self.log(action=Action.READ, record=person, existing=True, household_id=result.household_id, detail=detail)
        return result

    def create(self, row, result, person_form, household_form, wijk, key, at_address: list[Household]) -> RowResult:
        p, h = person_form.cleaned_data, household_form.cleaned_data
        household = self.groups.get(key)
        if household is None:
            existing = [hh for hh in at_address if hh.pk not in self.created_households]
            if len(existing) > 1:
                result.messages.append(_("%(n)s households are registered at this address already: add this person by hand, "
                                         "on the household page.") % {"n": len(existing)})
                return result
            if existing:
                household = existing[0]
                if self.allowed_wijk_ids is not None and household.wijk_id not in self.allowed_wijk_ids:
                    result.messages.append(_("The household at this address is in a wijk of a team you do not lead."))
                    return result
        address = {f: getattr(household, f) if household else h[f]
                   for f in ("street", "house_number", "house_number_addition", "postcode", "city")}
        person = Person(**{k: v for k, v in p.items() if k != "role"}, **address)
        person.full_clean(validate_constraints=False)
        person.save()
        if household is None:
            household = Household(name=h["name"], wijk=wijk, **address)
            household.full_clean()
            household.save()
            HouseholdAddress.objects.create(household=household, since=None, recorded_at=self.now,
                                            recorded_by=self.by if getattr(self.by, "pk", None) else None, **address)
            self.created_households.add(household.pk)
            self.group_lines[household.pk] = row.line
            self.log(action=Action.CREATE, record=household, existing=False, detail="import row %s: new household" % row.line)
        self.groups.setdefault(key, household)
        role = p["role"] if row.get("rol") else _default_role(p["birth_date"], self.today)
        HouseholdMember.objects.create(household=household, person=person, role=role, since=self.today)
        self.person_lines[person.pk] = row.line
        result.status, result.person_id, result.household_id = CREATED, person.pk, household.pk
        result.where = self.household_label(household)
        result.messages.append(_("Role in the household: %(role)s.") % {"role": MemberRole(role).label})
        joined = household.pk not in self.created_households
        if joined:
            self.log(action=Action.READ, record=household, existing=True,
                     detail="import row %s: the household at this address, which the person would join" % row.line)
        self.log(action=Action.CREATE, record=person, existing=False, household_id=household.pk,
                 detail="import row %s: created, %s household, role %s" % (row.line, "joined a registered" if joined else "in the new", role))
        return result

    def write_logs(self, *, written: bool):
        for entry in self.logs:
            if not written and not entry["existing"]:
                continue  # rolled back: no record to log
            if written and entry["action"] == Action.READ and entry["record"]._meta.model_name == "household":
                continue  # the person's own line names the household it joined
            detail = entry["detail"] + ("" if written else " (dry run)")
            log_access(user=self.by, action=entry["action"], record=entry["record"], household_id=entry["household_id"],
                       reason=self.reason, detail=detail, acting_role="" if getattr(self.by, "pk", None) else COMMAND_ROLE)


def persons_import(*, data: bytes, by, filename: str = "", dry_run: bool = True, valid_only: bool = False,
                   allowed_wijk_ids: set[int] | None = None, max_rows: int | None = None, progress=None) -> ImportReport:
    """Import (or, with `dry_run`, try) the file. `allowed_wijk_ids`: the wijken the user may import into (a team
    lead: those of the teams they lead; None: all, for the command). `progress(done, total)` after every row.
    Raises `ImportFileError` when the file as a whole cannot be read."""
    table = read_csv(data, required=REQUIRED_COLUMNS, known=COLUMNS, max_rows=max_rows)
    run = _Run(by=by, filename=filename, allowed_wijk_ids=allowed_wijk_ids, dry_run=dry_run)
    report = ImportReport(rows=[], dry_run=dry_run, valid_only=valid_only, statuses=(CREATED, MATCHED, PROPOSED, REFUSED))
    total = len(table.rows)
    with transaction.atomic():
        for done, row in enumerate(table.rows, start=1):
            report.rows.append(run.row(row))  # anything unexpected raises: the whole file is rolled back
            if progress is not None:
                progress(done, total)
        report.written = not dry_run and (valid_only or report.refused == 0)
        report.extra["households_created"] = len(run.created_households)
        if report.written:
            run.write_logs(written=True)
        else:
            transaction.set_rollback(True)
    if not report.written:
        run.write_logs(written=False)
    return report
