"""The client's IP address — one function for the access log, django-axes and the public form's rate limit.

Behind a reverse proxy `REMOTE_ADDR` is the proxy. `EENPLAN_TRUSTED_PROXIES` (settings, from the
environment: comma-separated addresses or networks, e.g. `10.0.0.0/8,127.0.0.1`) lists the proxies
we trust. Only when the direct peer is one of them is `X-Forwarded-For` read, from the right: the
first address that is not itself a trusted proxy is the client. A header sent by anyone else is
ignored, so a client cannot pick its own address.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]):
    nets = []
    for entry in entries:
        entry = entry.strip()
        if entry:
            nets.append(ipaddress.ip_network(entry, strict=False))
    return tuple(nets)


def _parse(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    return any(address in net for net in networks)


def client_ip(request) -> str | None:
    if request is None:
        return None
    peer = _parse(request.META.get("REMOTE_ADDR", "") or "")
    if peer is None:
        return None
    networks = _networks(tuple(getattr(settings, "EENPLAN_TRUSTED_PROXIES", ()) or ()))
    if not networks or not _trusted(peer, networks):
        return str(peer)
    forwarded = [_parse(part) for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed(forwarded):
        if address is None:
            return str(peer)  # a malformed hop: do not trust anything to its left
        if not _trusted(address, networks):
            return str(address)
    return str(peer)


def axes_client_ip(request) -> str | None:
    """django-axes' AXES_CLIENT_IP_CALLABLE."""
    return client_ip(request)
