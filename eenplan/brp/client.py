"""Client for Haal Centraal BRP Personen Bevragen (v2): one endpoint, `POST {BRP_API_URL}/personen`.

The query type is in the JSON body (`RaadpleegMetBurgerservicenummer`, `ZoekMetGeslachtsnaamEnGeboortedatum`,
`ZoekMetPostcodeEnHuisnummer`), together with `fields`: the BRP returns only the fields asked for
(doelbinding). The API key goes in the `X-API-KEY` header. Answers are parsed into `BrpPerson`; errors
(network, 401/403, 400, 5xx, a body that is not the published format) become a `BrpError` subclass with a
Dutch message for the user. Uses `requests` (already a runtime dependency; ADR 0111).
"""

from dataclasses import dataclass, field
from datetime import date

import requests
from django.conf import settings
from django.utils.translation import gettext_lazy as _

# What eenplan asks for (and nothing more): the names, birth date and address of a person.
PERSON_FIELDS = ["burgerservicenummer", "naam.voornamen", "naam.voorvoegsel", "naam.geslachtsnaam", "geboorte.datum",
                 "verblijfplaats"]
# For the others registered at an address: who they are, not where (the address is the one asked about).
RESIDENT_FIELDS = ["burgerservicenummer", "naam.voornamen", "naam.voorvoegsel", "naam.geslachtsnaam", "geboorte.datum"]


class BrpError(Exception):
    message = _("The BRP could not be consulted.")

    def __init__(self, detail: str = ""):
        super().__init__(detail or str(self.message))
        self.detail = detail


class BrpUnavailable(BrpError):
    message = _("The BRP cannot be reached right now. Nothing has been lost: try again later, or fill in the details by hand.")


class BrpRefused(BrpError):
    message = _("The BRP refused the request: eenplan's key for the BRP is not accepted. Ask the functional administrator.")


class BrpBadRequest(BrpError):
    message = _("The BRP did not accept the search. Check the details you searched with.")


@dataclass
class BrpAddress:
    street: str = ""
    house_number: int | None = None
    house_number_addition: str = ""
    postcode: str = ""
    city: str = ""

    @property
    def display(self) -> str:
        number = f"{self.house_number or ''}{('-' + self.house_number_addition) if self.house_number_addition else ''}"
        line = " ".join(p for p in [self.street, number] if p)
        return ", ".join(p for p in [line, f"{self.postcode} {self.city}".strip()] if p)


@dataclass
class BrpPerson:
    bsn: str = ""
    given_names: str = ""
    surname_prefix: str = ""
    surname: str = ""
    birth_date: date | None = None
    address: BrpAddress | None = None
    raw: dict = field(default_factory=dict, repr=False)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in [self.given_names, self.surname_prefix, self.surname] if p)


def _postcode(value: str) -> str:
    compact = (value or "").replace(" ", "").upper()
    return f"{compact[:4]} {compact[4:]}" if len(compact) == 6 else compact


def parse_person(data: dict) -> BrpPerson:
    """One `personen[]` item of a Haal Centraal v2 answer (Persoon or PersoonBeperkt)."""
    naam = data.get("naam") or {}
    datum = ((data.get("geboorte") or {}).get("datum") or {})
    birth = None
    if datum.get("type") == "Datum" and datum.get("datum"):
        try:
            birth = date.fromisoformat(datum["datum"])
        except ValueError:
            birth = None
    address = None
    plaats = data.get("verblijfplaats") or {}
    adres = plaats.get("verblijfadres") or {}
    if plaats.get("type") == "Adres" and adres:
        addition = "".join(p for p in [adres.get("huisletter", ""), adres.get("huisnummertoevoeging", "")] if p)
        address = BrpAddress(
            street=adres.get("officieleStraatnaam") or adres.get("korteStraatnaam") or "",
            house_number=adres.get("huisnummer"),
            house_number_addition=addition,
            postcode=_postcode(adres.get("postcode", "")),
            city=adres.get("woonplaats", ""),
        )
    return BrpPerson(
        bsn=data.get("burgerservicenummer", ""), given_names=naam.get("voornamen", ""),
        surname_prefix=naam.get("voorvoegsel", ""), surname=naam.get("geslachtsnaam", ""),
        birth_date=birth, address=address, raw=data,
    )


class BrpClient:
    def __init__(self, url: str | None = None, api_key: str | None = None, timeout: float | None = None):
        self.url = (url if url is not None else settings.BRP_API_URL).rstrip("/")
        self.api_key = api_key if api_key is not None else settings.BRP_API_KEY
        self.timeout = timeout if timeout is not None else settings.BRP_TIMEOUT_SECONDS

    def _post(self, body: dict) -> list[BrpPerson]:
        try:
            response = requests.post(
                f"{self.url}/personen", json=body, timeout=self.timeout,
                headers={"X-API-KEY": self.api_key, "Accept": "application/json"},
            )
        except requests.RequestException as exc:
            raise BrpUnavailable(f"{type(exc).__name__}: {exc}") from exc
        if response.status_code in (401, 403):
            raise BrpRefused(f"HTTP {response.status_code}")
        if response.status_code == 400:
            raise BrpBadRequest(response.text[:200])
        if response.status_code != 200:
            raise BrpUnavailable(f"HTTP {response.status_code}")
        try:
            data = response.json()
            people = data["personen"]
        except (ValueError, KeyError, TypeError) as exc:
            raise BrpUnavailable(f"unexpected answer: {exc}") from exc
        return [parse_person(p) for p in people]

    def raadpleeg_bsn(self, bsns: list[str], fields=PERSON_FIELDS) -> list[BrpPerson]:
        return self._post({"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": list(bsns), "fields": list(fields)})

    def zoek_geslachtsnaam_geboortedatum(self, geslachtsnaam: str, geboortedatum: date, voorvoegsel: str = "",
                                         fields=PERSON_FIELDS) -> list[BrpPerson]:
        body = {"type": "ZoekMetGeslachtsnaamEnGeboortedatum", "geslachtsnaam": geslachtsnaam,
                "geboortedatum": geboortedatum.isoformat(), "fields": list(fields)}
        if voorvoegsel:
            body["voorvoegsel"] = voorvoegsel
        return self._post(body)

    def zoek_postcode_huisnummer(self, postcode: str, huisnummer: int, huisletter: str = "", huisnummertoevoeging: str = "",
                                 fields=PERSON_FIELDS) -> list[BrpPerson]:
        body = {"type": "ZoekMetPostcodeEnHuisnummer", "postcode": postcode.replace(" ", "").upper(),
                "huisnummer": huisnummer, "fields": list(fields)}
        if huisletter:
            body["huisletter"] = huisletter
        if huisnummertoevoeging:
            body["huisnummertoevoeging"] = huisnummertoevoeging
        return self._post(body)


def is_configured() -> bool:
    """With no BRP_API_URL the lookup is hidden everywhere."""
    return bool(getattr(settings, "BRP_API_URL", ""))
