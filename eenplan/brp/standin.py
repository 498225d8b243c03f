"""A local stand-in for Haal Centraal BRP Personen Bevragen v2, for the tests and the demo (ADR 0111).

It speaks the published interface — `POST …/personen` with a JSON body whose `type` is one of the three
query types eenplan uses, the `X-API-KEY` header, `fields` required and honoured (only the fields asked
for are returned), problem+json errors (400 with `invalidParams`, 401) — and answers from synthetic
fixtures in the Haal Centraal response format (`fixtures/personen.json`). It is a real HTTP server on a
loopback port (the standard library's ThreadingHTTPServer), so the client's real network code is tested.
Not a BRP: no wildcards, no history, no geheimhouding.
"""

import copy
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).with_name("fixtures") / "personen.json"
DEFAULT_KEY = "standin-key"
QUERY_TYPES = {
    "RaadpleegMetBurgerservicenummer": ("burgerservicenummer",),
    "ZoekMetGeslachtsnaamEnGeboortedatum": ("geslachtsnaam", "geboortedatum"),
    "ZoekMetPostcodeEnHuisnummer": ("postcode", "huisnummer"),
}


def load_people(path: Path = FIXTURES) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["personen"]


def select_fields(person: dict, fields: list[str]) -> dict:
    """Only the asked-for field paths ('naam.voornamen', 'verblijfplaats', …), as the BRP does."""
    out: dict = {}
    for path in fields:
        parts = path.split(".")
        source, target = person, out
        for i, part in enumerate(parts):
            if not isinstance(source, dict) or part not in source:
                break
            if i == len(parts) - 1:
                target[part] = copy.deepcopy(source[part])
            else:
                target = target.setdefault(part, {})
                source = source[part]
    return out


def _compact(postcode: str) -> str:
    return (postcode or "").replace(" ", "").upper()


def search(people: list[dict], body: dict) -> list[dict]:
    kind = body["type"]
    if kind == "RaadpleegMetBurgerservicenummer":
        wanted = body["burgerservicenummer"]
        return [p for p in people if p["burgerservicenummer"] in wanted]
    if kind == "ZoekMetGeslachtsnaamEnGeboortedatum":
        found = [p for p in people if p["naam"]["geslachtsnaam"].lower() == body["geslachtsnaam"].strip().lower()
                 and p["geboorte"]["datum"].get("datum") == body["geboortedatum"]]
        if body.get("voorvoegsel"):
            found = [p for p in found if p["naam"].get("voorvoegsel", "").lower() == body["voorvoegsel"].lower()]
        if body.get("voornamen"):
            found = [p for p in found if p["naam"]["voornamen"].lower().startswith(body["voornamen"].lower())]
        return found
    adres = [(p, p.get("verblijfplaats", {}).get("verblijfadres", {})) for p in people]
    found = [p for p, a in adres if _compact(a.get("postcode", "")) == _compact(body["postcode"])
             and a.get("huisnummer") == body["huisnummer"]]
    if body.get("huisletter"):
        found = [p for p in found if p["verblijfplaats"]["verblijfadres"].get("huisletter", "").lower() == body["huisletter"].lower()]
    return found


def _invalid(body) -> list[dict]:
    if not isinstance(body, dict):
        return [{"name": "body", "code": "object", "reason": "Het request moet een JSON object zijn."}]
    kind = body.get("type")
    if kind not in QUERY_TYPES:
        return [{"name": "type", "code": "value", "reason": "Waarde is geen geldig zoek type."}]
    problems = []
    for name in QUERY_TYPES[kind]:
        if body.get(name) in (None, "", []):
            problems.append({"name": name, "code": "required", "reason": "Parameter is verplicht."})
    fields = body.get("fields")
    if not isinstance(fields, list) or not fields:
        problems.append({"name": "fields", "code": "required", "reason": "Parameter is verplicht."})
    if kind == "ZoekMetPostcodeEnHuisnummer" and body.get("huisnummer") is not None and not isinstance(body["huisnummer"], int):
        problems.append({"name": "huisnummer", "code": "integer", "reason": "Waarde is geen geldig getal."})
    if kind == "RaadpleegMetBurgerservicenummer" and not isinstance(body.get("burgerservicenummer"), list):
        problems.append({"name": "burgerservicenummer", "code": "array", "reason": "Parameter is geen array."})
    return problems


class _Handler(BaseHTTPRequestHandler):
    server: "StandinServer"

    def log_message(self, *args):  # quiet: the tests' output stays readable
        pass

    def _send(self, status: int, payload: dict, problem: bool = False):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/problem+json" if problem else "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _problem(self, status: int, title: str, **extra):
        self._send(status, {"type": f"https://datatracker.ietf.org/doc/html/rfc9110#section-15.{5 if status < 500 else 6}",
                            "title": title, "status": status, "instance": self.path, **extra}, problem=True)

    def do_POST(self):
        self.server.requests.append({"path": self.path, "headers": dict(self.headers)})
        if self.server.fail_with:
            return self._problem(self.server.fail_with, "Service niet beschikbaar.")
        if not self.path.rstrip("/").endswith("/personen"):
            return self._problem(404, "Opgevraagde resource bestaat niet.", code="notFound")
        if self.headers.get("X-API-KEY") != self.server.api_key:
            return self._problem(401, "Niet correct geauthenticeerd.", code="authentication")
        try:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"null")
        except ValueError:
            body = None
        self.server.requests[-1]["body"] = body
        problems = _invalid(body)
        if problems:
            return self._problem(400, "Een of meerdere parameters zijn niet correct.", code="paramsValidation",
                                 invalidParams=problems)
        found = [select_fields(p, body["fields"]) for p in search(self.server.people, body)]
        self._send(200, {"type": body["type"], "personen": found})

    def do_GET(self):
        self._problem(405, "Gebruik POST.", code="methodNotAllowed")


class StandinServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int = 0, api_key: str = DEFAULT_KEY, people: list[dict] | None = None):
        super().__init__(("127.0.0.1", port), _Handler)
        self.api_key = api_key
        self.people = people if people is not None else load_people()
        self.fail_with = 0  # set to e.g. 503 to play a BRP that is down
        self.requests: list[dict] = []
        self._thread = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/haalcentraal/api/brp"

    def start(self) -> "StandinServer":
        self._thread = threading.Thread(target=self.serve_forever, name="brp-standin", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self.shutdown()
        self.server_close()
