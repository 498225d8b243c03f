from django import template

from ..config import zgw_config
from ..models import ZaakRegistration

register = template.Library()


@register.inclusion_tag("zgw/_request_zaak.html")
def zaak_box(case, tailored_request):
    """The zaaksysteem's part of a request's card: nothing when no zaaksysteem is configured."""
    if zgw_config() is None:
        return {"configured": False}
    return {"configured": True, "case": case, "r": tailored_request,
            "registration": ZaakRegistration.objects.filter(request=tailored_request).first()}
