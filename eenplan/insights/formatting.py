"""How a figure is written: on the page (Dutch number format), in CSV and in Excel.

A hidden count shows as "<5" (the threshold), a hidden derived figure (share, median, change) as "—";
the page explains both next to the table.
"""

from django.utils.formats import number_format

from .suppression import threshold

HIDDEN_DERIVED = "—"


def hidden_text(kind: str) -> str:
    return f"<{threshold()}" if kind == "count" else HIDDEN_DERIVED


def raw(cell, kind: str):
    """The value for an export: a number, or the hidden text."""
    if cell.suppressed:
        return hidden_text(kind)
    if cell.value is None:
        return ""
    if kind in ("percent", "days", "number"):
        return round(float(cell.value), 1)
    return cell.value


def shown(cell, kind: str) -> str:
    """The value for the page."""
    value = raw(cell, kind)
    if isinstance(value, str):
        return value
    if kind == "percent":
        return f"{number_format(value, 1)}%"
    if kind in ("days", "number"):
        return number_format(value, 1)
    if kind == "change":
        return f"+{value}" if value > 0 else str(value)
    return str(value)
