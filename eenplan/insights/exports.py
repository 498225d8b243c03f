"""Every table as CSV and Excel, hidden cells hidden exactly as on the page.

CSV: semicolon-separated, UTF-8 with a byte-order mark (Dutch Excel opens it directly), every figure written as
on the page (decimal comma, "<5", "verborgen", "—"), the explanation of the hidden cells below the table. Excel:
one sheet per table with the title, scope, period, definition and the explanation of hidden cells above the table.
An empty period gives the table with its headers (and zero counts), never an error.
"""

import csv
import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .formatting import raw, shown


def table_rows(table, write=raw) -> list[list]:
    header = [str(_("Figure"))] + [c.label for c in table.columns]
    rows = [header]
    for row in table.rows:
        rows.append([row.label] + [write(cell, col.kind) for cell, col in zip(row.cells, table.columns, strict=True)])
    return rows


def to_csv(table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in table_rows(table, write=shown):
        writer.writerow(row)
    notes = table.footnotes
    if notes:
        writer.writerow([])
        for note in notes:
            writer.writerow([note])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _sheet_title(text: str, used: set) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "", text)[:28] or "Tabel"
    title, n = base, 2
    while title in used:
        title, n = f"{base[:25]} {n}", n + 1
    used.add(title)
    return title


def to_xlsx(tables, *, scope_label: str, period_label: str) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    used = set()
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(str(table.indicator.title), used))
        sheet.append([str(table.indicator.title)])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([_("Scope"), scope_label])
        sheet.append([_("Period"), period_label])
        sheet.append([_("Definition"), str(table.indicator.definition)])
        if not table.available:
            sheet.append([_("Not available yet: the records this figure needs are not kept in eenplan yet.")])
            continue
        for note in table.footnotes:
            sheet.append([note])
        sheet.append([])
        first = sheet.max_row + 1
        for row in table_rows(table):
            sheet.append(row)
        for cell in sheet[first]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 34
    if not workbook.sheetnames:
        workbook.create_sheet("Leeg")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
