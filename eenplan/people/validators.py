"""Dutch identifiers: BSN (elfproef via python-stdnum) and postcode."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import bsn as stdnum_bsn

POSTCODE_RE = re.compile(r"^[1-9][0-9]{3}\s?(?!SA|SD|SS)[A-Z]{2}$")


def normalise_bsn(value: str) -> str:
    """Spaces, dots and dashes removed; an empty BSN stays empty (it is optional).

    python-stdnum's `compact` pads to nine digits, so on its own it turns '' into '000000000'
    — which then fails the elfproef and made every person without a BSN impossible to add."""
    value = (value or "").strip()
    if not re.sub(r"[\s.\-]", "", value):
        return ""
    return stdnum_bsn.compact(value)


def validate_bsn(value: str) -> None:
    """The elfproef for a given BSN. Empty is not checked here: the field is optional
    (`blank=True`), and Django does not run validators on an empty value."""
    if not (value or "").strip():
        return
    try:
        stdnum_bsn.validate(value)
    except StdnumError:
        raise ValidationError(
            _("This is not a valid BSN: it must have 9 digits and pass the elevens test (elfproef)."),
            code="invalid_bsn",
        )


def normalise_postcode(value: str) -> str:
    compact = re.sub(r"\s+", "", (value or "").upper())
    return f"{compact[:4]} {compact[4:]}" if len(compact) == 6 else compact


def validate_postcode(value: str) -> None:
    if not POSTCODE_RE.match(normalise_postcode(value)):
        raise ValidationError(
            _("Enter a Dutch postcode: four digits and two letters, for example 3511 AB."),
            code="invalid_postcode",
        )
