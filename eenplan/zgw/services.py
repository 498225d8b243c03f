"""Registering a tailored-provision request as a zaak, with its document, and taking its status back (ADR 0117).

`zaak_register`: POST the zaak (Zaken API), the resident as its betrokkene (rol, natuurlijk persoon, when a roltype
is configured), the request as a document (Documenten API, enkelvoudiginformatieobject, base64 content) and the
link between them (zaakinformatieobject). The zaak's
URL is kept as soon as the zaak exists, so a failure after it is finished by trying again, never a second zaak.
`zaak_status_sync`: GET the zaak; when its status changed, GET the status and, if its statustype means a request
status (settings.ZGW_STATUSTYPEN) that may follow the current one, record it through the socialmap service.
The job `zaken_status_sync` does this for every open registration (polling; Open Zaak's notifications could call
the same function).
"""

import base64
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from eenplan.access.audit import log_access
from eenplan.access.models import Action
from eenplan.socialmap import services as socialmap_services
from eenplan.socialmap.models import REQUEST_TRANSITIONS, RequestStatus, TailoredProvisionRequest

from . import client as zgw
from .config import zgw_config
from .models import ZaakRegistration

SYSTEM_USERNAME = "zaaksysteem"
FINAL = {RequestStatus.REFUSED, RequestStatus.ENDED}


def _document_text(request: TailoredProvisionRequest) -> str:
    lines = [
        _("Request for a tailored provision"),
        _("Law: %(law)s") % {"law": request.get_law_display()},
        _("Provision: %(name)s (%(organisation)s)") % {"name": request.provision.name, "organisation": request.provision.organisation.name},
        _("Requested on: %(date)s") % {"date": request.requested_on.strftime("%d-%m-%Y")},
    ]
    if request.person_id:
        lines.append(_("For: %(name)s") % {"name": request.person.full_name})
    lines += ["", _("Why it is needed:"), request.motivation]
    return "\n".join(lines) + "\n"


def _rol(request: TailoredProvisionRequest, zaak_url: str, config) -> dict:
    """The resident the request is for, as the zaak's betrokkene (natuurlijk persoon): BSN when known, and the
    name and birth date the BRP would give (Zaken API RolNatuurlijkPersoon)."""
    person = request.person
    identification = {"geslachtsnaam": person.surname[:200], "voorvoegselGeslachtsnaam": person.surname_prefix[:80],
                      "voornamen": person.given_names[:200]}
    if person.bsn:
        identification["inpBsn"] = person.bsn
    if person.birth_date:
        identification["geboortedatum"] = person.birth_date.isoformat()
    return {"zaak": zaak_url, "betrokkeneType": "natuurlijk_persoon", "roltype": config.roltype_aanvrager,
            "roltoelichting": _("The resident the request is for"), "betrokkeneIdentificatie": identification}


def zaak_register(*, request: TailoredProvisionRequest, by) -> ZaakRegistration:
    """Register `request` in the zaaksysteem (or finish a registration that stopped halfway)."""
    config = zgw_config()
    if config is None:
        raise ValidationError(_("No zaaksysteem is configured."))
    zaaktype = config.zaaktypen.get(request.law)
    if not zaaktype:
        raise ValidationError(_("No zaaktype is configured for %(law)s.") % {"law": request.get_law_display()})
    registration = ZaakRegistration.objects.filter(request=request).first()
    if registration is not None and registration.complete:
        raise ValidationError(_("This request is already registered as zaak %(zaak)s.") % {"zaak": registration})
    today = timezone.localdate()
    zaken, documenten = zgw.zaken_client(config), zgw.documenten_client(config)
    try:
        if registration is None:
            zaak = zgw.call(zaken, "POST", "zaken", headers=zgw.CRS, expect=(201,), json={
                "bronorganisatie": config.bronorganisatie, "verantwoordelijkeOrganisatie": config.bronorganisatie,
                "zaaktype": zaaktype, "startdatum": request.requested_on.isoformat(), "registratiedatum": today.isoformat(),
                "omschrijving": f"{request.get_law_display()}: {request.provision.name}"[:80],
                "toelichting": request.motivation[:1000], "vertrouwelijkheidaanduiding": "vertrouwelijk",
                "kenmerken": [{"kenmerk": f"maatwerk-{request.pk}", "bron": "eenplan"}],
            })
            with transaction.atomic():
                registration = ZaakRegistration.objects.create(
                    request=request, zaak_url=zaak["url"], identificatie=zaak.get("identificatie", "")[:40],
                    status_url=zaak.get("status") or "", registered_at=timezone.now(), registered_by=by)
                log_access(user=by, action=Action.EXPORT, record=request,
                           detail=f"registered as zaak {registration} in the zaaksysteem"[:300])
        if config.roltype_aanvrager and request.person_id and not registration.rol_url:
            rol = zgw.call(zaken, "POST", "rollen", expect=(201,), json=_rol(request, registration.zaak_url, config))
            registration.rol_url = rol["url"]
            registration.save(update_fields=["rol_url"])
            log_access(user=by, action=Action.EXPORT, record=request.person,
                       detail=f"named as betrokkene (rol) of zaak {registration} in the zaaksysteem"[:300])
        if not registration.document_url:
            document = zgw.call(documenten, "POST", "enkelvoudiginformatieobjecten", expect=(201,), json={
                "bronorganisatie": config.bronorganisatie, "creatiedatum": today.isoformat(),
                "titel": f"Aanvraag {request.provision.name}"[:200], "auteur": (by.get_full_name() or by.username)[:200],
                "taal": "dut", "formaat": "text/plain", "bestandsnaam": f"aanvraag-maatwerk-{request.pk}.txt",
                "inhoud": base64.b64encode(_document_text(request).encode()).decode(),
                "informatieobjecttype": config.informatieobjecttype, "vertrouwelijkheidaanduiding": "vertrouwelijk",
            })
            registration.document_url = document["url"]
            registration.save(update_fields=["document_url"])
        link = zgw.call(zaken, "POST", "zaakinformatieobjecten", expect=(201,), json={
            "zaak": registration.zaak_url, "informatieobject": registration.document_url, "titel": "Aanvraag"})
    except zgw.ZgwError as exc:
        if registration is not None:
            registration.last_error = str(exc)[:300]
            registration.save(update_fields=["last_error"])
        raise ValidationError(_("Registering in the zaaksysteem did not succeed: %(error)s Try again later.") % {"error": exc}) from exc
    registration.zaakinformatieobject_url, registration.last_error = link["url"], ""
    registration.save(update_fields=["zaakinformatieobject_url", "last_error"])
    log_access(user=by, action=Action.EXPORT, record=request, detail=f"document added to zaak {registration}"[:300])
    return registration


def _system_user():
    user, created = get_user_model().objects.get_or_create(username=SYSTEM_USERNAME, defaults={
        "first_name": "Zaaksysteem", "is_active": False})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def zaak_status_sync(registration: ZaakRegistration) -> str | None:
    """Take the zaak's status back into the request. Returns the request status recorded, or None."""
    config = zgw_config()
    if config is None:
        return None
    zaken = zgw.zaken_client(config)
    now = timezone.now()
    try:
        zaak = zgw.call(zaken, "GET", registration.zaak_url, headers=zgw.CRS)  # the published schema requires both here too
        status_url = zaak.get("status") or ""
        if not status_url or status_url == registration.status_url:
            registration.checked_at = now
            registration.save(update_fields=["checked_at"])
            return None
        status = zgw.call(zaken, "GET", status_url)
    except zgw.ZgwError as exc:
        registration.checked_at, registration.last_error = now, str(exc)[:300]
        registration.save(update_fields=["checked_at", "last_error"])
        return None
    wanted = config.statustypen.get(status.get("statustype", ""))
    request = registration.request
    recorded = None
    with transaction.atomic():
        registration.status_url, registration.checked_at, registration.last_error = status_url, now, ""
        if wanted and wanted in REQUEST_TRANSITIONS.get(RequestStatus(request.status), set()):
            set_on = parse_datetime(status.get("datumStatusGezet") or "")
            on = timezone.localdate(set_on) if set_on else timezone.localdate()
            on = max(min(on, timezone.localdate()), request.status_on)
            note = (status.get("statustoelichting") or "").strip() or _("Decision in the zaaksysteem (zaak %(zaak)s).") % {"zaak": registration}
            try:
                with transaction.atomic():
                    socialmap_services.tailored_request_set_status(request=request, status=wanted, on=on, by=_system_user(),
                                                                   note=note[:500])
                recorded = wanted
            except ValidationError as exc:  # e.g. the case was closed meanwhile
                registration.last_error = " ".join(exc.messages)[:300]
        elif wanted and wanted != request.status:
            registration.last_error = f"status {wanted} cannot follow {request.status}"
        registration.save(update_fields=["status_url", "checked_at", "last_error"])
    return recorded


def zaken_status_sync_all(on: date | None = None) -> dict[str, int]:
    """Every registration whose request is not final (the job `zaken_status_sync`)."""
    counts = {"checked": 0, "changed": 0}
    if zgw_config() is None:
        return counts
    for registration in (ZaakRegistration.objects.select_related("request").exclude(request__status__in=FINAL)
                         .exclude(zaakinformatieobject_url="")):
        counts["checked"] += 1
        counts["changed"] += zaak_status_sync(registration) is not None
    return counts
