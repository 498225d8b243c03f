"""A BRP lookup for a purpose, logged; and the proposal built from its answer.

Every request to the BRP writes one access-log line (who, the doelbinding purpose as the reason, the query
type, which fields were asked for, how many persons came back — or the error), whether it succeeded or not.
Nothing from the BRP is saved here: the professional takes fields over into the form and saves that form.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from eenplan.access.audit import log_access
from eenplan.access.models import Action

from .client import PERSON_FIELDS, RESIDENT_FIELDS, BrpAddress, BrpClient, BrpError, BrpPerson

RECORD_TYPE = "brp.Persoon"


class Purpose(TextChoices):
    """Doelbinding: why the BRP is consulted. The BRP's authorisation allows these purposes only."""

    REGISTRATION = "aanmelding", _("Registering a resident who asked for help or was referred")
    CORRECTION = "correctie", _("Correcting the details of a registered resident")
    HOUSEHOLD = "huishouden", _("Checking who belongs to the household we support")


@dataclass
class Lookup:
    people: list[BrpPerson]
    residents: list[BrpPerson] = field(default_factory=list)  # others registered at the found person's address
    error: BrpError | None = None


def _local_person_id(bsn: str):
    from eenplan.people.models import Person

    return Person.objects.filter(bsn=bsn).values_list("pk", flat=True).first() if bsn else None


def _log(*, user, purpose: str, kind: str, asked: list[str], fields: list[str], people=None, error=None, request=None):
    single = people[0].bsn if people and len(people) == 1 else ""
    outcome = f"{len(people)} found" if error is None else f"no answer: {type(error).__name__}"
    log_access(
        user=user, action=Action.SEARCH, record_type=RECORD_TYPE, record_id=single, person_id=_local_person_id(single),
        reason=f"{purpose}: {Purpose(purpose).label}",
        detail=f"BRP {kind} by {', '.join(asked)}; fields {', '.join(fields)}; {outcome}",
        shown_ids=[p.bsn for p in people] if people else None, request=request,
    )


def lookup(*, user, purpose: str, bsn: str = "", surname: str = "", surname_prefix: str = "", birth_date: date | None = None,
           postcode: str = "", house_number: int | None = None, with_residents: bool = True, client: BrpClient | None = None,
           request=None) -> Lookup:
    """BSN if given; else surname + birth date; else postcode + house number. `with_residents`: when one person
    is found with an address, also who else is registered there (a second request, logged too)."""
    if purpose not in Purpose.values:
        raise ValueError(f"unknown purpose {purpose!r}")
    client = client or BrpClient()
    if bsn:
        kind, asked, call = "RaadpleegMetBurgerservicenummer", ["bsn"], lambda: client.raadpleeg_bsn([bsn])
    elif surname and birth_date:
        kind, asked = "ZoekMetGeslachtsnaamEnGeboortedatum", ["geslachtsnaam", "geboortedatum"]
        call = lambda: client.zoek_geslachtsnaam_geboortedatum(surname, birth_date, voorvoegsel=surname_prefix)  # noqa: E731
    elif postcode and house_number:
        kind, asked = "ZoekMetPostcodeEnHuisnummer", ["postcode", "huisnummer"]
        call = lambda: client.zoek_postcode_huisnummer(postcode, house_number)  # noqa: E731
    else:
        raise ValueError("lookup needs a BSN, a surname and birth date, or a postcode and house number")
    try:
        people = call()
    except BrpError as exc:
        _log(user=user, purpose=purpose, kind=kind, asked=asked, fields=PERSON_FIELDS, error=exc, request=request)
        return Lookup(people=[], error=exc)
    _log(user=user, purpose=purpose, kind=kind, asked=asked, fields=PERSON_FIELDS, people=people, request=request)
    result = Lookup(people=people)
    if with_residents and len(people) == 1 and people[0].address and people[0].address.postcode:
        address = people[0].address
        try:
            others = client.zoek_postcode_huisnummer(address.postcode, address.house_number, fields=RESIDENT_FIELDS)
        except BrpError as exc:
            _log(user=user, purpose=purpose, kind="ZoekMetPostcodeEnHuisnummer", asked=["postcode", "huisnummer"],
                 fields=RESIDENT_FIELDS, error=exc, request=request)
            result.error = exc
        else:
            _log(user=user, purpose=purpose, kind="ZoekMetPostcodeEnHuisnummer", asked=["postcode", "huisnummer"],
                 fields=RESIDENT_FIELDS, people=others, request=request)
            result.residents = [p for p in others if p.bsn != people[0].bsn]
    return result


# --- the proposal: BRP values next to what the form holds -------------------------------------------

PERSON_MAP = {
    "given_names": (_("Given names"), lambda p: p.given_names),
    "surname_prefix": (_("Tussenvoegsel"), lambda p: p.surname_prefix),
    "surname": (_("Surname"), lambda p: p.surname),
    "birth_date": (_("Birth date"), lambda p: p.birth_date),
    "bsn": (_("BSN"), lambda p: p.bsn),
}
ADDRESS_MAP = {
    "street": (_("Street"), lambda a: a.street),
    "house_number": (_("House number"), lambda a: a.house_number),
    "house_number_addition": (_("Addition"), lambda a: a.house_number_addition),
    "postcode": (_("Postcode"), lambda a: a.postcode),
    "city": (_("City"), lambda a: a.city),
}


@dataclass
class ProposedField:
    name: str
    label: str
    current: object
    proposed: object

    @staticmethod
    def _show(value):
        if isinstance(value, date):
            return value.strftime("%d-%m-%Y")
        return "" if value in (None, "") else str(value)

    @property
    def current_display(self) -> str:
        return self._show(self.current)

    @property
    def proposed_display(self) -> str:
        return self._show(self.proposed)

    @property
    def differs(self) -> bool:
        return self.current_display.strip().casefold() != self.proposed_display.strip().casefold()


def proposed_fields(person: BrpPerson, current: dict, *, with_address: bool) -> list[ProposedField]:
    rows = [ProposedField(name, str(label), current.get(name), get(person)) for name, (label, get) in PERSON_MAP.items()]
    if with_address and person.address:
        rows += [ProposedField(name, str(label), current.get(name), get(person.address)) for name, (label, get) in ADDRESS_MAP.items()]
    return rows


# Session storage of a proposal (what the BRP answered, to take fields over from without asking again).

def to_session(person: BrpPerson) -> dict:
    return {"bsn": person.bsn, "given_names": person.given_names, "surname_prefix": person.surname_prefix,
            "surname": person.surname, "birth_date": person.birth_date.isoformat() if person.birth_date else "",
            "address": person.address.__dict__.copy() if person.address else None}


def from_session(data: dict) -> BrpPerson:
    return BrpPerson(bsn=data["bsn"], given_names=data["given_names"], surname_prefix=data["surname_prefix"],
                     surname=data["surname"], birth_date=date.fromisoformat(data["birth_date"]) if data["birth_date"] else None,
                     address=BrpAddress(**data["address"]) if data.get("address") else None)
