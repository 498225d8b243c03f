"""The zaaksysteem tells eenplan that a zaak changed (Open Notificaties, kanaal `zaken`; ADR 0117).

The municipality's Notificaties API (NRC) POSTs a notification to the callback of the abonnement that its
administrator made for eenplan, with the `Authorization` header given in that abonnement. A notification about a
zaak eenplan registered (`hoofdObject`) takes its status back at once through `services.zaak_status_sync` — the
same function as the 15-minute polling job, which stays as the safety net for a missed notification. Any other
zaak is none of eenplan's business and is answered 204 too (the NRC retries a non-2xx answer).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from eenplan.access import policy

from . import services
from .config import zgw_config
from .models import ZaakRegistration


class Notificatie(serializers.Serializer):
    """The fields the Notificaties API 1.0 requires of a notification (`Notificatie`)."""

    kanaal = serializers.CharField(max_length=50)
    hoofdObject = serializers.URLField(max_length=1000)  # noqa: N815 (the published field name)
    resource = serializers.CharField(max_length=100)
    resourceUrl = serializers.URLField(max_length=1000)  # noqa: N815
    actie = serializers.CharField(max_length=100)
    aanmaakdatum = serializers.DateTimeField()
    kenmerken = serializers.DictField(required=False)


class FromTheZaaksysteem(BasePermission):
    message = "Authenticatiegegevens zijn niet geldig."

    def has_permission(self, request, view):
        return policy.zaaksysteem_notification_allowed(request, configured=zgw_config() is not None)


@extend_schema(exclude=True)  # the Notificaties API's callback, not part of the partner API
class NotificationCallback(APIView):
    authentication_classes = []  # the NRC sends the abonnement's Authorization header, no user
    permission_classes = [FromTheZaaksysteem]
    parser_classes = [JSONParser]

    def post(self, request):
        notification = Notificatie(data=request.data)
        notification.is_valid(raise_exception=True)
        data = notification.validated_data
        if data["kanaal"] == "zaken" and data["resource"] in ("zaak", "status"):
            registration = ZaakRegistration.objects.select_related("request").filter(zaak_url=data["hoofdObject"]).first()
            if registration is not None and registration.complete:
                services.zaak_status_sync(registration)
        return Response(status=status.HTTP_204_NO_CONTENT)
