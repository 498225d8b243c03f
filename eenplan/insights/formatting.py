"""How a figure is written: on the page (Dutch number format), in CSV and in Excel.

A hidden count about 1 to 4 households shows as "<5" (the threshold). A count hidden only so that such a cell
cannot be worked out from a total (complementary suppression) may be 7 or 45: writing "<5" there would be false,
so it shows as "verborgen". A hidden derived figure (share, median, change) shows as "—". The page, the CSV and
the Excel sheet explain the three next to the table.
"""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .suppression import is_small, threshold

HIDDEN_DERIVED = "—"
SMALL, PROTECTING, DERIVED = "small", "protecting", "derived"


def why_hidden(cell, kind: str) -> str | None:
    """SMALL, PROTECTING or DERIVED for a hidden cell; None for a shown one (or one that has no value at all)."""
    if not cell.suppressed:
        return None
    if kind != "count":
        # a share of nothing, a median of nobody: no figure, nothing hidden
        return None if cell.value is None and not cell.households else DERIVED
    if cell.value is None:
        return None  # e.g. a category that did not exist in the previous period: nothing to hide
    # "<5" only where it is true: the figure itself is below the threshold (a count of signals can be 7 for 3 households).
    return SMALL if is_small(cell.households) and cell.value < threshold() else PROTECTING


def hidden_text(reason: str | None) -> str:
    if reason == SMALL:
        return f"<{threshold()}"
    if reason == PROTECTING:
        return _("hidden")
    if reason == DERIVED:
        return HIDDEN_DERIVED
    return ""


def raw(cell, kind: str):
    """The value for an Excel sheet: a number, or the hidden text."""
    if cell.suppressed:
        return hidden_text(why_hidden(cell, kind))
    if cell.value is None:
        return ""
    if kind in ("percent", "days", "number"):
        return round(float(cell.value), 1)
    return cell.value


def decimal(value, digits: int = 1) -> str:
    """A number as written on the page and in the CSV: a decimal comma, no thousands separator."""
    return number_format(value, digits, use_l10n=True, force_grouping=False)


def shown(cell, kind: str) -> str:
    """The value for the page and the CSV."""
    value = raw(cell, kind)
    if isinstance(value, str):
        return value
    if kind == "percent":
        return f"{decimal(value)}%"
    if kind in ("days", "number"):
        return decimal(value)
    if kind == "change":
        return f"+{value}" if value > 0 else str(value)
    return str(value)


def footnotes(reasons) -> list[str]:
    """The explanation of each kind of hidden cell that occurs, in a fixed order."""
    k, reasons = threshold(), set(reasons)
    texts = {
        SMALL: _("<%(k)s: about 1 to %(k1)s households, hidden so nobody can be recognised.") % {"k": k, "k1": k - 1},
        PROTECTING: _("hidden: this figure may be %(k)s or more; it is hidden so that a small number of households "
                      "cannot be worked out from it or from a total.") % {"k": k},
        DERIVED: _("—: hidden because it is based on a hidden cell."),
    }
    return [texts[r] for r in (SMALL, PROTECTING, DERIVED) if r in reasons]
