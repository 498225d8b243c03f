"""Bulk import of the sociale kaart's provisions from a CSV file (docs/import.md, ADR 0114).

A provision's stable key is its organisation's name and its own name (case, accents and spaces folded) — the
model's unique pair. A row whose key exists *updates* that provision with the file's non-empty cells (an empty
cell leaves the value as it is) or leaves it *unchanged*; otherwise the provision is *created*, and its
organisation too when no organisation has that name. Each row is validated by the model's own validation, as
the admin's forms do. One transaction; a dry run is rolled back; one refused row and nothing is written
unless `valid_only`. The sociale kaart is configuration, not personal data: no access-log lines.
"""

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _

from eenplan.assessment.models import Domain
from eenplan.core.csvimport import CREATED, REFUSED, UNCHANGED, UPDATED, CsvRow, ImportReport, RowResult, column_errors, read_csv
from eenplan.organisation.models import Wijk
from eenplan.people.matching import fold

from .models import Organisation, Provision, ProvisionType

REQUIRED_COLUMNS = ("naam", "organisatie", "type")
OPTIONAL_COLUMNS = ("beschrijving", "domeinen", "wijken", "contact", "aanmelden", "beschikking", "actief", "organisatie_adres",
                    "organisatie_telefoon", "organisatie_email", "organisatie_website")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
PAGE_MAX_ROWS = 2000
LIST_SEPARATOR = "|"

_PROVISION_FIELDS = {"name": "naam", "type": "type", "description": "beschrijving", "contact": "contact",
                     "how_to_refer": "aanmelden", "needs_decision": "beschikking", "active": "actief"}
_ORGANISATION_FIELDS = {"name": "organisatie", "address": "organisatie_adres", "phone": "organisatie_telefoon",
                        "email": "organisatie_email", "website": "organisatie_website"}
_YES, _NO = {"ja", "j", "yes", "y", "1", "waar", "true", "x"}, {"nee", "n", "no", "0", "onwaar", "false"}


class ProvisionRowForm(forms.ModelForm):
    class Meta:
        model = Provision
        fields = ["name", "type", "description", "contact", "how_to_refer", "needs_decision", "active"]


class OrganisationRowForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "address", "phone", "email", "website"]

    def validate_unique(self):
        pass  # an organisation of the same name is matched before this form runs


def _type(value: str) -> str:
    folded = fold(value)
    return next((code for code, label in ProvisionType.choices if folded in (fold(code), fold(str(label)))), value)


def _bool(value: str, errors: dict, column: str):
    folded = fold(value)
    if not folded:
        return None
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    errors.setdefault(column, []).append(_("Write ja or nee."))
    return None


def _pick(value: str, options: dict, errors: dict, column: str, unknown_message: str) -> list | None:
    if not value.strip():
        return None
    chosen = []
    for part in (p.strip() for p in value.split(LIST_SEPARATOR)):
        if not part:
            continue
        found = options.get(fold(part))
        if found is None:
            errors.setdefault(column, []).append(unknown_message % {"value": part})
        elif found not in chosen:
            chosen.append(found)
    return chosen


class _Run:
    def __init__(self):
        domains = list(Domain.objects.filter(instrument__code="zrm-2017"))
        self.domains = {fold(d.code): d for d in domains} | {fold(d.name): d for d in domains}
        wijken = list(Wijk.objects.all())
        self.wijken = {fold(w.code): w for w in wijken} | {fold(w.name): w for w in wijken}
        self.keys: dict[tuple, int] = {}

    def row(self, row: CsvRow) -> RowResult:
        result = RowResult(line=row.line, status=REFUSED, name=row.get("naam") or "–", where=row.get("organisatie"))
        errors: dict[str, list] = {}
        key = (fold(row.get("organisatie")), fold(row.get("naam")))
        if all(key) and key in self.keys:
            result.messages.append(_("This organisation and provision name are on line %(line)s of this file as well.")
                                   % {"line": self.keys[key]})
            return result
        self.keys[key] = row.line
        needs_decision = _bool(row.get("beschikking"), errors, "beschikking")
        active = _bool(row.get("actief"), errors, "actief")
        domains = _pick(row.get("domeinen"), self.domains, errors, "domeinen",
                        _("%(value)s is not a ZRM life domain (give its code or name)."))
        wijken = _pick(row.get("wijken"), self.wijken, errors, "wijken", _("%(value)s is not a wijk (give its code or name)."))
        organisation = Organisation.objects.filter(name__iexact=row.get("organisatie")).first() if row.get("organisatie") else None
        org_data = {f: row.get(c) for f, c in _ORGANISATION_FIELDS.items()}
        org_form = OrganisationRowForm(data=org_data)
        if organisation is None and not org_form.is_valid():
            errors.update({_ORGANISATION_FIELDS[k]: v for k, v in org_form.errors.items()})
        provision = (Provision.objects.filter(organisation=organisation, name__iexact=row.get("naam")).first()
                     if organisation is not None and row.get("naam") else None)
        values = {f: row.get(c) for f, c in _PROVISION_FIELDS.items() if f not in ("needs_decision", "active")}
        values["type"] = _type(values["type"])
        if provision is not None:  # an empty cell leaves the value as it is
            values = {f: v for f, v in values.items() if v} | {"name": provision.name}
            data = {f: getattr(provision, f) for f in ProvisionRowForm.Meta.fields} | values
        else:
            data = dict(values)
            data["active"] = True
        if needs_decision is not None:
            data["needs_decision"] = needs_decision
        if active is not None:
            data["active"] = active
        form = ProvisionRowForm(data={k: v for k, v in data.items() if v is not False}, instance=provision)
        if not form.is_valid():
            errors.update({_PROVISION_FIELDS.get(k, k): v for k, v in form.errors.items() if k != "__all__"})
        result.messages = column_errors(errors, {})
        if result.messages:
            return result
        if organisation is None:
            organisation = org_form.save()
            result.messages.append(_("New organisation."))
        if provision is None:
            provision = form.save(commit=False)
            provision.organisation = organisation
            provision.save()
            result.status = CREATED
            changed = []
        else:
            changed = [str(Provision._meta.get_field(f).verbose_name) for f in form.changed_data]
            form.save()
        for relation, chosen in (("domains", domains), ("wijken", wijken)):
            if chosen is None:
                continue
            current = set(getattr(provision, relation).values_list("pk", flat=True))
            if current != {x.pk for x in chosen}:
                getattr(provision, relation).set(chosen)
                changed.append(str(Provision._meta.get_field(relation).verbose_name))
        if result.status != CREATED:
            result.status = UPDATED if changed else UNCHANGED
            if changed:
                result.messages.append(_("Changed: %(fields)s.") % {"fields": ", ".join(changed)})
        return result


def provisions_import(*, data: bytes, by=None, filename: str = "", dry_run: bool = True, valid_only: bool = False,
                      max_rows: int | None = None, progress=None) -> ImportReport:
    """Import (or, with `dry_run`, try) a file of provisions. Raises `ImportFileError` for an unreadable file."""
    table = read_csv(data, required=REQUIRED_COLUMNS, known=COLUMNS, max_rows=max_rows)
    run = _Run()
    report = ImportReport(rows=[], dry_run=dry_run, valid_only=valid_only, statuses=(CREATED, UPDATED, UNCHANGED, REFUSED))
    with transaction.atomic():
        for done, row in enumerate(table.rows, start=1):
            report.rows.append(run.row(row))
            if progress is not None:
                progress(done, len(table.rows))
        report.written = not dry_run and (valid_only or report.refused == 0)
        if not report.written:
            transaction.set_rollback(True)
    return report
