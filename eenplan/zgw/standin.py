"""A local stand-in for the municipality's zaaksysteem (Zaken API 1.5.1 and Documenten API 1.5.0 as Open Zaak
serves them), for the tests and the demo: a real HTTP server on the loopback interface.

Every request is checked against the published OpenAPI documents (the minimal parts in `schemas/`, see
`schemas/subset.py` for their source): the required headers of the operation (e.g. `Accept-Crs`/`Content-Crs`
for zaken) and the body against the operation's request schema, in write mode (readOnly fields are the
server's). A ZGW JWT (HS256, the configured client id and secret) is required. An invalid request gets a 400
in the ZGW error format (`invalidParams`), as Open Zaak answers. The municipality's decision is simulated with
`StandInZaaksysteem.set_status`.
"""

import json
import re
import threading
import uuid
from datetime import date, datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jwt
from jsonschema.exceptions import best_match
from openapi_schema_validator import OAS30WriteValidator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SCHEMAS = Path(__file__).resolve().parent / "schemas"
SPECS = {"zaken": "zaken-api-1.5.1.subset.json", "documenten": "documenten-api-1.5.0.subset.json"}


class Spec:
    def __init__(self, name: str):
        self.name = name
        self.doc = json.loads((SCHEMAS / SPECS[name]).read_text(encoding="utf-8"))
        self.uri = f"urn:eenplan:{name}-api"
        self.registry = Registry().with_resource(self.uri, Resource.from_contents(self.doc, default_specification=DRAFT4))

    def operation(self, path: str, method: str) -> dict:
        return self.doc["paths"][path][method]

    def problems(self, path: str, method: str, headers, body) -> list[dict]:
        """What is wrong with the request by the published interface: [{"name", "code", "reason"}]."""
        op = self.operation(path, method)
        problems = []
        for parameter in op.get("parameters", []):
            if parameter.get("in") != "header" or not parameter.get("required"):
                continue
            value = headers.get(parameter["name"])
            allowed = parameter.get("schema", {}).get("enum")
            if value is None:
                problems.append({"name": parameter["name"], "code": "missing-header", "reason": f"header {parameter['name']} is required"})
            elif allowed and value not in allowed:
                problems.append({"name": parameter["name"], "code": "unknown-value", "reason": f"{value} not in {allowed}"})
        if "requestBody" in op:
            ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            # A polymorphic body (Rol, by betrokkeneType): the validator does not apply OpenAPI's discriminator,
            # so the body is checked against the concrete type it names (an unknown type fails Rol's enum).
            discriminator = self.doc["components"]["schemas"][ref.rsplit("/", 1)[1]].get("discriminator")
            if discriminator and isinstance(body, dict):
                ref = discriminator["mapping"].get(body.get(discriminator["propertyName"]), ref)
            validator = OAS30WriteValidator({"$ref": self.uri + ref}, registry=self.registry)
            for error in sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path)):
                name = ".".join(str(p) for p in error.absolute_path) or "nonFieldErrors"
                if error.validator == "required":
                    missing = re.match(r"'([^']+)'", error.message)
                    name = ".".join(filter(None, [name if error.absolute_path else "", missing.group(1) if missing else ""]))
                problems.append({"name": name, "code": str(error.validator), "reason": best_match([error]).message[:200]})
        return problems


class StandInZaaksysteem:
    """Zaken and Documenten API on http://127.0.0.1:<port>/zaken/api/v1/ and /documenten/api/v1/."""

    def __init__(self, *, client_id="eenplan", secret="stand-in-secret"):
        self.client_id, self.secret = client_id, secret
        self.specs = {name: Spec(name) for name in SPECS}
        self.zaken, self.documenten, self.links, self.statussen, self.rollen = {}, {}, {}, {}, {}
        self.requests: list[dict] = []  # every request: method, path, outcome
        self.lock = threading.Lock()
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                standin.handle(self, "get")

            def do_POST(self):
                standin.handle(self, "post")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.root = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # --- lifecycle ---

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    @property
    def zaken_api_root(self):
        return f"{self.root}/zaken/api/v1/"

    @property
    def documenten_api_root(self):
        return f"{self.root}/documenten/api/v1/"

    def catalogus_url(self, kind: str, name: str) -> str:
        """A URL in the (not served) Catalogi API, for zaaktypen, statustypen, informatieobjecttypen."""
        return f"{self.root}/catalogi/api/v1/{kind}/{uuid.uuid5(uuid.NAMESPACE_URL, name)}"

    # --- the municipality's side ---

    def set_status(self, zaak_url: str, statustype: str, toelichting: str = "", on: datetime | None = None) -> dict:
        zaak = self.zaken[zaak_url.rstrip("/").rsplit("/", 1)[1]]
        key = str(uuid.uuid4())
        status = {"url": f"{self.zaken_api_root}statussen/{key}", "uuid": key, "zaak": zaak["url"], "statustype": statustype,
                  "datumStatusGezet": (on or datetime.now(timezone.utc)).isoformat(), "statustoelichting": toelichting,
                  "indicatieLaatstGezetteStatus": True, "gezetdoor": None, "zaakinformatieobjecten": []}
        with self.lock:
            self.statussen[key] = status
            zaak["status"] = status["url"]
        return status

    # --- serving ---

    def _answer(self, handler, status: int, body: dict | None = None):
        data = json.dumps(body).encode() if body is not None else b""
        handler.send_response(status)
        handler.send_header("Content-Type", "application/problem+json" if status >= 400 else "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def _problem(self, handler, status, title, params=()):
        self._answer(handler, status, {"type": f"{self.root}/ref/fouten/{status}", "code": "invalid" if status == 400 else str(status),
                                       "title": title, "status": status, "detail": title, "instance": f"urn:uuid:{uuid.uuid4()}",
                                       "invalidParams": list(params)})

    def _authorised(self, handler) -> bool:
        header = handler.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return False
        try:
            claims = jwt.decode(header[7:], self.secret, algorithms=["HS256"])
        except jwt.PyJWTError:
            return False
        return claims.get("client_id") == self.client_id

    def handle(self, handler, method):
        path = handler.path.split("?", 1)[0]
        match = re.match(r"^/(zaken|documenten)/api/v1(/.*)$", path)
        outcome = {"method": method.upper(), "path": path}
        self.requests.append(outcome)
        if not match:
            outcome["status"] = 404
            return self._problem(handler, 404, "Niet gevonden.")
        api, rest = match.groups()
        template = re.sub(r"/[0-9a-f-]{36}$", "/{uuid}", rest)
        spec = self.specs[api]
        if template not in spec.doc["paths"] or method not in spec.doc["paths"][template]:
            outcome["status"] = 405
            return self._problem(handler, 405, "Deze methode is niet toegestaan.")
        if not self._authorised(handler):
            outcome["status"] = 403
            return self._problem(handler, 403, "Authenticatiegegevens zijn niet geldig.")
        body = None
        if method == "post":
            if not handler.headers.get("Content-Type", "").startswith("application/json"):
                outcome["status"] = 415
                return self._problem(handler, 415, "Content-Type wordt niet ondersteund.")
            try:
                body = json.loads(handler.rfile.read(int(handler.headers.get("Content-Length", 0))) or b"null")
            except ValueError:
                outcome["status"] = 400
                return self._problem(handler, 400, "Geen geldige JSON.")
        problems = spec.problems(template, method, handler.headers, body)
        if problems:
            outcome["status"], outcome["problems"] = 400, problems
            return self._problem(handler, 400, "Invalid input.", problems)
        status, answer = getattr(self, f"_{method}_{api}_{template.strip('/').replace('/', '_').replace('{uuid}', 'one')}")(rest, body)
        outcome["status"] = status
        self._answer(handler, status, answer)

    def _post_zaken_zaken(self, rest, body):
        key = str(uuid.uuid4())
        with self.lock:
            number = len(self.zaken) + 1
            zaak = {**body, "url": f"{self.zaken_api_root}zaken/{key}", "uuid": key,
                    "identificatie": body.get("identificatie") or f"ZAAK-{date.today().year}-{number:010d}",
                    "status": None, "resultaat": None, "einddatum": None, "deelzaken": [], "eigenschappen": [], "rollen": [],
                    "zaakobjecten": [], "zaakinformatieobjecten": []}
            self.zaken[key] = zaak
        return 201, zaak

    def _get_zaken_zaken_one(self, rest, body):
        zaak = self.zaken.get(rest.rsplit("/", 1)[1])
        return (200, zaak) if zaak else (404, {"title": "Niet gevonden.", "status": 404})

    def _get_zaken_statussen_one(self, rest, body):
        status = self.statussen.get(rest.rsplit("/", 1)[1])
        return (200, status) if status else (404, {"title": "Niet gevonden.", "status": 404})

    def _post_zaken_zaakinformatieobjecten(self, rest, body):
        zaak = self.zaken.get(body["zaak"].rstrip("/").rsplit("/", 1)[1])
        if zaak is None or body["informatieobject"] not in {d["url"] for d in self.documenten.values()}:
            return 400, {"title": "Invalid input.", "status": 400, "invalidParams": [
                {"name": "zaak" if zaak is None else "informatieobject", "code": "does_not_exist", "reason": "Onbekende resource."}]}
        key = str(uuid.uuid4())
        link = {**body, "url": f"{self.zaken_api_root}zaakinformatieobjecten/{key}", "uuid": key,
                "registratiedatum": datetime.now(timezone.utc).isoformat(), "aardRelatieWeergave": "Hoort bij, omgekeerd: kent"}
        with self.lock:
            self.links[key] = link
            zaak["zaakinformatieobjecten"].append(link["url"])
        return 201, link

    def _post_zaken_rollen(self, rest, body):
        zaak = self.zaken.get(body["zaak"].rstrip("/").rsplit("/", 1)[1])
        if zaak is None:
            return 400, {"title": "Invalid input.", "status": 400, "invalidParams": [
                {"name": "zaak", "code": "does_not_exist", "reason": "Onbekende resource."}]}
        key = str(uuid.uuid4())
        rol = {**body, "url": f"{self.zaken_api_root}rollen/{key}", "uuid": key, "omschrijving": "Aanvrager",
               "omschrijvingGeneriek": "initiator", "registratiedatum": datetime.now(timezone.utc).isoformat(), "statussen": []}
        with self.lock:
            self.rollen[key] = rol
            zaak["rollen"].append(rol["url"])
        return 201, rol

    def _post_documenten_enkelvoudiginformatieobjecten(self, rest, body):
        key = str(uuid.uuid4())
        document = {**body, "url": f"{self.documenten_api_root}enkelvoudiginformatieobjecten/{key}", "versie": 1, "locked": False}
        with self.lock:
            self.documenten[key] = document
        return 201, document
