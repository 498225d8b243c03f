"""The zaaksysteem's endpoints and credentials, from settings (ZGW_*). Without them the feature is hidden."""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class ZgwConfig:
    zaken_api_root: str
    documenten_api_root: str
    client_id: str
    secret: str
    bronorganisatie: str  # the municipality's RSIN
    zaaktypen: dict  # law ("wmo", "jeugdwet") -> zaaktype URL in the Catalogi API
    informatieobjecttype: str
    statustypen: dict  # statustype URL -> the request status it means ("toegekend", "afgewezen", …)
    roltype_aanvrager: str = ""  # roltype URL for the resident as a betrokkene (natuurlijk persoon); "" = no rol
    timeout: int = 10


def zgw_config() -> ZgwConfig | None:
    zaken = getattr(settings, "ZGW_ZAKEN_API_ROOT", "")
    zaaktypen = {law: url for law, url in (("wmo", getattr(settings, "ZGW_ZAAKTYPE_WMO", "")),
                                          ("jeugdwet", getattr(settings, "ZGW_ZAAKTYPE_JEUGDWET", ""))) if url}
    if not (zaken and settings.ZGW_DOCUMENTEN_API_ROOT and settings.ZGW_BRONORGANISATIE and zaaktypen
            and settings.ZGW_INFORMATIEOBJECTTYPE):
        return None
    return ZgwConfig(
        zaken_api_root=zaken.rstrip("/") + "/", documenten_api_root=settings.ZGW_DOCUMENTEN_API_ROOT.rstrip("/") + "/",
        client_id=settings.ZGW_CLIENT_ID, secret=settings.ZGW_SECRET, bronorganisatie=settings.ZGW_BRONORGANISATIE,
        zaaktypen=zaaktypen, informatieobjecttype=settings.ZGW_INFORMATIEOBJECTTYPE, statustypen=dict(settings.ZGW_STATUSTYPEN),
        roltype_aanvrager=getattr(settings, "ZGW_ROLTYPE_AANVRAGER", ""),
    )
