"""Find personal data in a free text, so a vertelpunt stays about the work and not about a person.

What is refused (each check returns what it found, for a clear message):
- a BSN: nine digits (also written 123.456.782 or 123 456 782) that pass the elfproef
  (python-stdnum `nl.bsn`); an eight-digit number with a leading zero is checked the same way;
- an address: a postcode written as 1234 AB (capitals, so "in 2024 is" is not one) or a street name with a house number (Kerkstraat 12);
- an e-mail address;
- a Dutch phone number: 06-12345678, 020 123 4567, +31 6 1234 5678.
Names cannot be recognised reliably; the form asks people to leave them out.
"""

import re

from django.utils.translation import gettext as _
from stdnum.nl import bsn

_NINE_DIGITS = re.compile(r"(?<![\d.])(\d{3}[ .]?\d{3}[ .]?\d{3}|\d{8})(?![\d])")
_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b")
_STREET_NUMBER = re.compile(
    r"\b[A-Z][a-zà-ÿ]+(?:straat|laan|weg|plein|kade|gracht|singel|hof|dreef|pad|steeg|dijk|park|erf|ring|baan)\s+\d+\b"
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(r"(?<!\d)(?:\+31|0031|0)[\s-]?(?:6[\s-]?\d(?:[\s-]?\d){7}|[1-9]\d(?:[\s-]?\d){7})(?!\d)")


def find_personal_data(text: str) -> list[str]:
    """What looks like personal data in `text`, as short Dutch-translatable descriptions."""
    found = []
    for match in _NINE_DIGITS.finditer(text or ""):
        if bsn.is_valid(re.sub(r"[ .]", "", match.group(1))):
            found.append(_("a BSN (%(value)s)") % {"value": match.group(1)})
    if _POSTCODE.search(text or ""):
        found.append(_("a postcode (%(value)s)") % {"value": _POSTCODE.search(text).group(0)})
    if _STREET_NUMBER.search(text or ""):
        found.append(_("a street and house number (%(value)s)") % {"value": _STREET_NUMBER.search(text).group(0)})
    if _EMAIL.search(text or ""):
        found.append(_("an e-mail address (%(value)s)") % {"value": _EMAIL.search(text).group(0)})
    if _PHONE.search(text or ""):
        found.append(_("a phone number (%(value)s)") % {"value": _PHONE.search(text).group(0).strip()})
    return found
