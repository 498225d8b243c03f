"""`manage.py check --deploy`: a configured BRP is reached over HTTPS (a loopback stand-in excepted)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Warning, register


@register("eenplan", deploy=True)
def brp_over_https(app_configs, **kwargs):
    url = getattr(settings, "BRP_API_URL", "")
    if not url:
        return []
    parts = urlsplit(url)
    if parts.scheme == "https" or parts.hostname in ("127.0.0.1", "localhost", "::1"):
        return []
    return [Warning("BRP_API_URL is not HTTPS: BRP data would cross the network unencrypted.", id="eenplan.brp.W001")]
