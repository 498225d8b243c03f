"""Reading an uploaded CSV file the way Excel and BRP extracts write them (docs/import.md, ADR 0114).

UTF-8 with or without a byte order mark (Excel's "CSV UTF-8"), or Windows-1252 (Excel's plain "CSV" on a
Dutch Windows); `;` (Excel with Dutch regional settings) or `,` as the delimiter, whichever the header line
uses. Column names are compared in lower case without spaces around them. Nothing is written anywhere: the
file is read from memory.
"""

import csv
import io
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

CREATED, MATCHED, PROPOSED, UPDATED, UNCHANGED, REFUSED = "created", "matched", "proposed", "updated", "unchanged", "refused"
STATUS_LABELS = {
    CREATED: gettext_lazy("created"),
    MATCHED: gettext_lazy("already registered"),
    PROPOSED: gettext_lazy("possible duplicate, not created"),
    UPDATED: gettext_lazy("updated"),
    UNCHANGED: gettext_lazy("unchanged"),
    REFUSED: gettext_lazy("refused"),
}
COMMAND_ROLE = "import-commando"  # the access log's acting role for an import run with manage.py


class ImportFileError(ValueError):
    """The file as a whole cannot be read (not a CSV, a required column missing, too many rows). Its message
    is Dutch text for the user."""


@dataclass
class CsvRow:
    line: int  # the line in the file, the header being line 1 — what a spreadsheet shows as the row number
    values: dict[str, str]

    def get(self, column: str) -> str:
        return (self.values.get(column) or "").strip()


@dataclass
class CsvTable:
    columns: list[str]
    rows: list[CsvRow]
    delimiter: str


@dataclass
class RowResult:
    """One row of the file in the report: what happened (or, in a dry run, would happen) and why."""

    line: int
    status: str
    name: str
    where: str = ""  # persons: the household; provisions: the organisation
    messages: list[str] = field(default_factory=list)
    person_id: int | None = None
    household_id: int | None = None

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    def comparable(self) -> tuple:
        """What a dry run and the real run must agree on (ids differ: the dry run's were rolled back)."""
        return (self.line, self.status, self.name, self.where, tuple(self.messages))


@dataclass
class ImportReport:
    rows: list[RowResult]
    dry_run: bool
    valid_only: bool
    statuses: tuple[str, ...]
    written: bool = False
    extra: dict = field(default_factory=dict)

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        return [(s, str(STATUS_LABELS[s]), self.count(s)) for s in self.statuses]

    @property
    def refused(self) -> int:
        return self.count(REFUSED)

    def comparable(self) -> list[tuple]:
        return [r.comparable() for r in self.rows]


def command_user(name: str):
    """Who the access log names for an import run from the command line (no staff account)."""
    return SimpleNamespace(pk=None, username=name, is_authenticated=False, role_codes=lambda: set())


def print_report(stdout, report: ImportReport) -> None:
    """The report as the commands print it: one line per row, then the totals and what was written."""
    for row in report.rows:
        where = f" — {row.where}" if row.where else ""
        stdout.write(f"regel {row.line}: {row.status_label}: {row.name}{where}")
        for message in row.messages:
            stdout.write(f"    {message}")
    stdout.write(", ".join(f"{label}: {n}" for _s, label, n in report.counts))
    if report.dry_run:
        stdout.write(_("Dry run: nothing was written."))
    elif report.written:
        stdout.write(_("Imported.") if not report.refused else _("Imported without the refused rows."))
    else:
        stdout.write(_("Nothing was imported: %(n)s rows were refused. Correct them, or import the valid rows only.")
                     % {"n": report.refused})


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_csv(data: bytes, *, required: tuple[str, ...] = (), known: tuple[str, ...] = (), max_rows: int | None = None) -> CsvTable:
    text = decode(data or b"")
    if not text.strip():
        raise ImportFileError(_("The file is empty."))
    first = text.lstrip("\ufeff").splitlines()[0]
    delimiter = ";" if first.count(";") >= first.count(",") and ";" in first else ","
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error:
        raise ImportFileError(_("This file cannot be read as CSV."))
    missing = [c for c in required if c not in header]
    if missing:
        raise ImportFileError(_("Columns missing from the first line: %(columns)s. See the format in docs/import.md.")
                              % {"columns": ", ".join(missing)})
    unknown = [c for c in header if c and known and c not in known]
    if unknown:
        raise ImportFileError(_("Unknown columns in the first line: %(columns)s. Known columns: %(known)s.")
                              % {"columns": ", ".join(unknown), "known": ", ".join(known)})
    if len(set(header)) != len(header):
        raise ImportFileError(_("A column name appears twice in the first line."))
    rows = []
    try:
        for values in reader:
            if not any(v.strip() for v in values):
                continue  # an empty line (Excel writes them at the end)
            line = reader.line_num
            rows.append(CsvRow(line=line, values={header[i]: v for i, v in enumerate(values) if i < len(header)}))
            if max_rows is not None and len(rows) > max_rows:
                raise ImportFileError(_("The file has more than %(max)s rows. Split it, or import it with the command "
                                        "(docs/import.md).") % {"max": max_rows})
    except csv.Error:
        raise ImportFileError(_("This file cannot be read as CSV."))
    if not rows:
        raise ImportFileError(_("The file has a header line but no rows."))
    return CsvTable(columns=header, rows=rows, delimiter=delimiter)


def column_errors(errors: dict, columns: dict[str, str]) -> list[str]:
    """A form's errors as 'kolom bsn: …' lines, the form's field names put back as the file's column names."""
    lines = []
    for name, messages in errors.items():
        column = columns.get(name, name)
        for message in messages:
            lines.append(_("column %(column)s: %(message)s") % {"column": column, "message": message} if column != "__all__"
                         else str(message))
    return lines


def run_import_command(command, service, *, path: str, dry_run: bool, valid_only: bool, by: str, name: str):
    """`manage.py import_persons` / `import_provisions`: read the file, run the service with progress on stderr
    (rows done / total), print the report. Exit status 1 when rows were refused and nothing was written."""
    from pathlib import Path

    from django.core.management.base import CommandError

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror}") from exc
    if by:
        from eenplan.accounts.models import User

        user = User.objects.filter(username=by).first()
        if user is None:
            raise CommandError(f"--by: no user {by!r}")
    else:
        user = command_user(f"manage.py {name}")
    step = 1

    def progress(done: int, total: int):
        nonlocal step
        step = max(1, total // 20)
        if done == total or done % step == 0:
            command.stderr.write(f"{done}/{total}", ending="\r" if done < total else "\n")

    try:
        report = service(data=data, by=user, filename=Path(path).name, dry_run=dry_run, valid_only=valid_only, progress=progress)
    except ImportFileError as exc:
        raise CommandError(str(exc)) from exc
    print_report(command.stdout, report)
    if report.refused and not report.written and not dry_run:
        raise CommandError(_("Nothing was imported."), returncode=1)
    return report


def add_import_arguments(parser):
    parser.add_argument("file", help="The CSV file (UTF-8, with or without BOM, or Windows-1252; ; or , as delimiter).")
    parser.add_argument("--dry-run", action="store_true", help="Show what would be created, matched and refused; write nothing.")
    parser.add_argument("--valid-only", action="store_true",
                        help="Import the valid rows and leave out the refused ones (default: one refused row, nothing written).")
    parser.add_argument("--by", default="", help="The username the access log names (default: the command).")
