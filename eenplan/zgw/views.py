"""Registering a tailored-provision request in the zaaksysteem, and fetching its status now (ADR 0117).
Both are buttons on the case's partner page; with no zaaksysteem configured they do not exist (404)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eenplan.access import policy
from eenplan.access.decorators import roles_required
from eenplan.cases.selectors import case_for_page
from eenplan.socialmap.models import RequestStatus, TailoredProvisionRequest

from . import services
from .config import zgw_config
from .models import ZaakRegistration


def _request_of(request, pk, request_pk, detail):
    configured = zgw_config() is not None
    case = case_for_page(pk)
    policy.require_zaak_registration(request, case, detail=detail, available=configured)
    if not configured:
        raise Http404
    return case, get_object_or_404(TailoredProvisionRequest.objects.select_related("provision__organisation", "person"),
                                   pk=request_pk, case=case)


@roles_required(*policy.CASE_WORKER_ROLES)
@require_POST
def register(request, pk, request_pk):
    case, req = _request_of(request, pk, request_pk, "register tailored provision request as zaak")
    try:
        registration = services.zaak_register(request=req, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Registered in the zaaksysteem as zaak %(zaak)s.") % {"zaak": registration})
    return redirect("socialmap:case", pk=case.pk)


@roles_required(*policy.CASE_WORKER_ROLES)
@require_POST
def sync(request, pk, request_pk):
    case, req = _request_of(request, pk, request_pk, "status of zaak")
    registration = get_object_or_404(ZaakRegistration, request=req)
    recorded = services.zaak_status_sync(registration)
    registration.refresh_from_db()
    if recorded:
        messages.success(request, _("The zaaksysteem's decision is recorded: %(status)s.") % {"status": RequestStatus(recorded).label})
    elif registration.last_error:
        messages.error(request, _("The status could not be taken over: %(error)s") % {"error": registration.last_error})
    else:
        messages.info(request, _("No new status in the zaaksysteem."))
    return redirect("socialmap:case", pk=case.pk)
