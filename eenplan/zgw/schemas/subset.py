"""Make the minimal parts of the published ZGW OpenAPI documents that the stand-in validates against.

    python -m eenplan.zgw.schemas.subset ZAKEN_OPENAPI_YAML DOCUMENTEN_OPENAPI_YAML

Sources (the VNG's published specifications, EUPL-1.2):
- Zaken API 1.5.1: github.com/VNG-Realisatie/zaken-api, src/openapi.yaml (commit 9be7e14, "bumpversion to 1.5.1")
- Documenten API 1.5.0: github.com/VNG-Realisatie/documenten-api, src/openapi.yaml (commit 6b763bd)
Kept: the operations eenplan calls (their parameters, request body and success response) and the component
schemas they refer to, transitively (a discriminator's mapping included) — unchanged. Everything else is left out.
"""

import json
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
OPERATIONS = {
    "zaken": [("/zaken", "post"), ("/zaken/{uuid}", "get"), ("/zaakinformatieobjecten", "post"), ("/statussen/{uuid}", "get"),
               ("/rollen", "post")],
    "documenten": [("/enkelvoudiginformatieobjecten", "post")],
}


def _refs(obj, found):
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/components/schemas/"):
                found.add(value.rsplit("/", 1)[1])
            elif key == "discriminator" and isinstance(value, dict):  # a polymorphic body (Rol): its concrete types
                found.update(ref.rsplit("/", 1)[1] for ref in value.get("mapping", {}).values())
            else:
                _refs(value, found)
    elif isinstance(obj, list):
        for item in obj:
            _refs(item, found)


def subset(spec: dict, operations) -> dict:
    paths = {}
    for path, method in operations:
        op = spec["paths"][path][method]
        responses = {code: r for code, r in op["responses"].items() if code in ("200", "201")}
        paths.setdefault(path, {})[method] = {
            "operationId": op.get("operationId"),
            "parameters": [p for p in op.get("parameters", []) if "$ref" not in p],
            **({"requestBody": op["requestBody"]} if "requestBody" in op else {}),
            "responses": responses,
        }
    schemas = spec["components"]["schemas"]
    todo, keep = set(), set()
    _refs(paths, todo)
    while todo:
        name = todo.pop()
        if name not in keep:
            keep.add(name)
            found = set()
            _refs(schemas[name], found)
            todo |= found - keep
    return {"openapi": spec["openapi"], "info": {"title": spec["info"]["title"], "version": spec["info"]["version"]},
            "paths": paths, "components": {"schemas": {name: schemas[name] for name in sorted(keep)}}}


def main(zaken: str, documenten: str):
    for name, source in (("zaken", zaken), ("documenten", documenten)):
        spec = yaml.safe_load(Path(source).read_text(encoding="utf-8"))
        out = subset(spec, OPERATIONS[name])
        target = HERE / f"{name}-api-{spec['info']['version']}.subset.json"
        target.write_text(json.dumps(out, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        print(target, len(out["components"]["schemas"]), "schemas")


if __name__ == "__main__":
    main(*sys.argv[1:3])
