"""The ZGW client: zgw-consumers' `build_client` (an ape-pie session with ZGW JWT auth and a timeout) for a
`Service` made from settings, not stored (ADR 0117). Errors become `ZgwError` with a short, loggable text."""

from ape_pie.exceptions import InvalidURLError
from django.utils.translation import gettext as _
from requests import RequestException
from zgw_consumers.client import build_client
from zgw_consumers.constants import APITypes, AuthTypes
from zgw_consumers.models import Service

from .config import ZgwConfig

CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}  # required by the Zaken API for zaken (geometry)


class ZgwError(Exception):
    """The zaaksysteem did not do what was asked; `str()` is fit for the log and for the professional."""


def _service(config: ZgwConfig, api_root: str, api_type: str) -> Service:
    return Service(label=f"eenplan {api_type}", api_type=api_type, api_root=api_root, auth_type=AuthTypes.zgw,
                   client_id=config.client_id, secret=config.secret, user_id="eenplan", user_representation="eenplan",
                   timeout=config.timeout)


def zaken_client(config: ZgwConfig):
    return build_client(_service(config, config.zaken_api_root, APITypes.zrc))


def documenten_client(config: ZgwConfig):
    return build_client(_service(config, config.documenten_api_root, APITypes.drc))


def call(client, method: str, url: str, *, json=None, headers=None, expect=(200, 201)) -> dict:
    """One call; the JSON answer, or ZgwError (unreachable, refused, invalid)."""
    try:
        response = client.request(method, url, json=json, headers=headers or {})
    except InvalidURLError as exc:  # a URL outside the configured API root
        raise ZgwError(_("The zaaksysteem gave an address outside its API.")) from exc
    except RequestException as exc:
        raise ZgwError(_("The zaaksysteem cannot be reached (%(error)s).") % {"error": type(exc).__name__}) from exc
    if response.status_code not in expect:
        detail = ""
        try:
            body = response.json()
            detail = body.get("detail") or body.get("title") or ""
            params = body.get("invalidParams") or []
            if params:
                detail += " " + "; ".join(f"{p.get('name')}: {p.get('reason')}" for p in params[:3])
        except ValueError:
            pass
        raise ZgwError((_("The zaaksysteem answered %(status)s.") % {"status": response.status_code} + " " + detail).strip()[:300])
    try:
        return response.json()
    except ValueError as exc:
        raise ZgwError(_("The zaaksysteem's answer is not JSON.")) from exc
