"""The partner API (/api/v1/partners/…): what a ketenpartner's system exchanges with eenplan.

NL API Design Rules: the major version in the URI, plural nouns, no trailing slash, JSON,
errors as problem+json (RFC 9457) with the invalid fields in `invalidParams`, pages of results,
an OpenAPI 3 description (`manage.py spectacular`). Authentication is OAuth2 client credentials
(django-oauth-toolkit); the scope is the ceiling, a valid sharing basis per case decides
(`eenplan.access.policy`). Every call is in the access log with its client, refusals included.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from rest_framework import exceptions, serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import JSONParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import exception_handler

from eenplan.access import policy
from eenplan.access.audit import log_access
from eenplan.access.models import Action, Outcome
from eenplan.cases.models import Case
from eenplan.socialmap import services as socialmap_services
from eenplan.socialmap.models import Agreement, DataCategory, RequestStatus, TailoredProvisionRequest

from . import idempotency, notifications, services
from .models import PartnerClient, Scope, Subscription

API_VERSION = "1.0.0"
PROBLEM_TITLES = {
    400: gettext_lazy("The request is not valid."),
    401: gettext_lazy("A valid access token is needed."),
    403: gettext_lazy("Not allowed."),
    404: gettext_lazy("Not found."),
    405: gettext_lazy("This method is not allowed here."),
    406: gettext_lazy("This representation cannot be given."),
    415: gettext_lazy("This content type is not supported."),
    422: gettext_lazy("This Idempotency-Key was used for another request."),
    429: gettext_lazy("Too many requests."),
}


# --- authentication, permission and errors ---------------------------------------------------


class PartnerAuthentication(OAuth2Authentication):
    """A bearer token of a partner system: the request's user is the system's service account."""

    www_authenticate_realm = "eenplan-partners"

    def authenticate(self, request):
        # The plain Django request: the toolkit reads its form fields, which for a DRF request would mean parsing
        # the body with the view's parsers (JSON only) before anyone knows who is calling.
        result = super().authenticate(getattr(request, "_request", request))
        if result is None:
            return None
        _user, token = result
        client = PartnerClient.objects.filter(application_id=token.application_id).select_related(
            "organisation", "application__user").first()
        if client is None:
            return None  # a token of another application is no partner token
        request.partner_client = client
        return client.service_user, token


class PartnerScope(BasePermission):
    """The token must belong to an active partner system and carry the scope the method needs. A refusal
    is logged (with the client when the address names a record): 401 without a token, 403 otherwise."""

    def has_permission(self, request, view):
        scope = view.scopes.get(request.method)
        decision = policy.partner_token_decision(request.auth, scope) if scope else policy.Decision(False, "anonymous")
        if decision:
            return True
        client = getattr(request, "partner_client", None)
        record = view.refusal_record()
        fields = {"record": record} if record is not None else {"record_type": view.record_type, "record_id": view.kwargs.get("pk", "")}
        log_access(user=client.service_user if client else request.user, action=Action.READ if request.method == "GET" else Action.UPDATE,
                   outcome=Outcome.REFUSED, acting_role=decision.basis, detail=f"partner api: {scope or request.method} refused",
                   request=request, **fields)
        if client is not None:
            self.message = _("Your access token does not allow this (scope %(scope)s).") % {"scope": scope}
        return False


def _invalid_params(detail, prefix="") -> list[dict]:
    params = []
    if isinstance(detail, dict):
        for name, value in detail.items():
            key = "" if name in ("__all__", "non_field_errors") else name
            params += _invalid_params(value, f"{prefix}.{key}" if prefix and key else (key or prefix))
    elif isinstance(detail, list):
        for item in detail:
            params += _invalid_params(item, prefix)
    else:
        params.append({"name": prefix, "code": getattr(detail, "code", "invalid"), "reason": str(detail)})
    return params


def problem_exception_handler(exc, context):
    """Every error as application/problem+json, in Dutch, with the invalid fields listed."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages})
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    problem = {
        "type": f"https://www.rfc-editor.org/rfc/rfc9110#status.{response.status_code}",
        "title": str(PROBLEM_TITLES.get(response.status_code) or _("The request could not be handled.")),
        "status": response.status_code,
        "instance": request.get_full_path() if request is not None else "",
    }
    if isinstance(exc, exceptions.ValidationError):
        problem["detail"] = _("One or more fields are not valid; see invalidParams.")
        problem["invalidParams"] = _invalid_params(exc.detail)
        if len(problem["invalidParams"]) == 1:
            problem["detail"] = problem["invalidParams"][0]["reason"]
    else:
        problem["detail"] = str(exc.detail) if hasattr(exc, "detail") else str(exc)
    headers = {k: v for k, v in response.items() if k in ("WWW-Authenticate", "Retry-After", "Allow")}
    return Response(problem, status=response.status_code, headers=headers, content_type="application/problem+json")


class PartnerView(GenericAPIView):
    parser_classes = [JSONParser]
    authentication_classes = [PartnerAuthentication]
    permission_classes = [PartnerScope]
    scopes: dict[str, str] = {}
    record_type = ""
    model = None
    related: list[str] = []
    category = ""

    def get_exception_handler(self):
        return problem_exception_handler

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["API-Version"] = API_VERSION
        return response

    @property
    def client(self) -> PartnerClient:
        return self.request.partner_client

    def refusal_record(self):
        """The record the address names, for the log of a refusal before access is decided."""
        pk = self.kwargs.get("pk")
        if self.model is None or pk is None:
            return None
        return self.model.objects.filter(pk=pk).first()

    def get_record(self, *, action=Action.READ, detail=""):
        # Any record by its id: one that does not concern the partner is a logged refusal (policy), not a silent 404.
        record = self.get_queryset().model.objects.filter(pk=self.kwargs["pk"]).select_related(*self.related).first()
        if record is None:
            log_access(user=self.client.service_user, action=action, outcome=Outcome.REFUSED, acting_role=policy.PARTNER_BASIS,
                       record_type=self.record_type, record_id=self.kwargs["pk"], detail="partner api: not found", request=self.request)
            raise Http404
        policy.require_partner_record(self.request, self.client, record, category=self.category, action=action, detail=detail)
        return record

    def list_shared(self, request, *, detail):
        """A page of the records that concern the partner and that a valid basis covers. The records it would
        get with a basis are logged as refused, one line per case, with the client."""
        candidates = self.filter_candidates(self.get_queryset())
        covered = policy.partner_case_ids_covered(self.client.organisation, self.category)
        withheld = (candidates.exclude(case_id__in=covered).order_by().values_list("case_id", "case__household_id").distinct())
        for case_id, household_id in withheld:
            log_access(user=self.client.service_user, action=Action.SEARCH, outcome=Outcome.REFUSED,
                       acting_role=f"{policy.PARTNER_BASIS}:geen-grondslag", record_type=self.record_type, case_id=case_id,
                       household_id=household_id, detail=f"partner api: {detail}, withheld (no basis)", request=request)
        page = self.paginate_queryset(candidates.filter(case_id__in=covered))
        log_access(user=self.client.service_user, action=Action.SEARCH, acting_role=policy.PARTNER_BASIS,
                   record_type=self.record_type, detail=f"partner api: {detail}", request=request, shown_ids=[r.pk for r in page])
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def filter_candidates(self, qs):
        return qs

    def create_once(self, request, create):
        """Run `create()` once per Idempotency-Key of this system (when the request carries one): a repeat of the
        same request gets the record made the first time, logged as a read. Returns (record, replayed)."""
        try:
            key = idempotency.parse_key(request.headers.get(idempotency.HEADER))
        except ValueError:
            raise exceptions.ValidationError({idempotency.HEADER: _(
                "Give the Idempotency-Key as text of at most 255 visible characters, e.g. a UUID.")}) from None
        try:
            record, replayed = idempotency.create_once(client=self.client, key=key, path=request.path, body=request.data,
                                                       create=create)
        except idempotency.KeyReused:
            raise IdempotencyKeyReused() from None
        if replayed:
            log_access(user=self.client.service_user, action=Action.READ, record=record, acting_role=policy.PARTNER_BASIS,
                       detail=f"partner api {self.client.organisation.name}: repeated request (Idempotency-Key), "
                              f"answered with the first one's record"[:300], request=request)
        return record, replayed

    def created(self, body, replayed: bool) -> Response:
        response = Response(body, status=status.HTTP_201_CREATED)
        if replayed:
            response["Idempotent-Replayed"] = "true"
        return response


class IdempotencyKeyReused(exceptions.APIException):
    status_code = 422
    default_detail = gettext_lazy("This Idempotency-Key was sent before with another body or to another address. "
                                  "Use a new key for a new request.")
    default_code = "idempotency_key_reused"


PROBLEM = inline_serializer("Problem", fields={
    "type": serializers.CharField(), "title": serializers.CharField(), "status": serializers.IntegerField(),
    "detail": serializers.CharField(), "instance": serializers.CharField(),
})
PROBLEM_422 = ("422", "application/problem+json")

IDEMPOTENCY_KEY = OpenApiParameter(
    idempotency.HEADER, str, OpenApiParameter.HEADER, required=False,
    description="A key of your choice (e.g. a UUID) that makes a retry safe: the same request with the same key within "
                "24 hours creates nothing new and is answered with the record made the first time (header "
                "Idempotent-Replayed: true). The same key with another body: 422.")


DATE_MESSAGE = gettext_lazy("Give a date as YYYY-MM-DD, e.g. 2026-03-31.")


# --- agreements --------------------------------------------------------------------------------


class AgreementSerializer(serializers.ModelSerializer):
    case = serializers.IntegerField(source="case_id", read_only=True, help_text="The case (casus) this agreement belongs to.")
    status = serializers.SerializerMethodField()
    partner_role = serializers.CharField(source="partner.role", read_only=True)

    class Meta:
        model = Agreement
        fields = ["id", "case", "description", "owner", "due_on", "done_on", "status", "partner_role"]

    def get_status(self, obj) -> str:
        return "gedaan" if obj.done_on else "open"


class AgreementUpdateSerializer(serializers.Serializer):
    done_on = serializers.DateField(error_messages={"invalid": DATE_MESSAGE}, help_text="The date the agreement was carried out (not in the future).")


AGREEMENT_STATUS = OpenApiParameter("status", str, enum=["open", "gedaan"], description="Only open or only done agreements.")


class AgreementMixin:
    model = Agreement
    related = ["partner", "case"]
    record_type = "socialmap.Agreement"
    category = DataCategory.AGREEMENTS
    serializer_class = AgreementSerializer

    def get_queryset(self):
        return (Agreement.objects.filter(partner__organisation=self.client.organisation)
                .select_related("partner", "case").order_by("due_on", "pk"))


class AgreementList(AgreementMixin, PartnerView):
    scopes = {"GET": Scope.AGREEMENTS_READ}

    def filter_candidates(self, qs):
        wanted = self.request.query_params.get("status")
        if wanted == "open":
            return qs.filter(done_on__isnull=True)
        if wanted == "gedaan":
            return qs.filter(done_on__isnull=False)
        if wanted:
            raise exceptions.ValidationError({"status": _("Choose 'open' or 'gedaan'.")})
        return qs

    @extend_schema(tags=["partners"], summary="Agreements with your organisation that a sharing basis covers",
                   parameters=[AGREEMENT_STATUS], operation_id="partners_agreements_list", responses=AgreementSerializer(many=True))
    def get(self, request):
        return self.list_shared(request, detail="agreements")


class AgreementDetail(AgreementMixin, PartnerView):
    scopes = {"GET": Scope.AGREEMENTS_READ, "PATCH": Scope.AGREEMENTS_UPDATE}

    @extend_schema(tags=["partners"], summary="One agreement")
    def get(self, request, pk):
        return Response(self.get_serializer(self.get_record(detail="agreement")).data)

    @extend_schema(tags=["partners"], summary="Mark the agreement as done", request=AgreementUpdateSerializer,
                   responses={200: AgreementSerializer})
    def patch(self, request, pk):
        data = AgreementUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with transaction.atomic():
            agreement = self.get_record(action=Action.UPDATE, detail="agreement done")
            agreement = socialmap_services.agreement_done(agreement=agreement, by=self.client.service_user,
                                                          done_on=data.validated_data["done_on"])
        return Response(self.get_serializer(agreement).data)


# --- tailored-provision requests --------------------------------------------------------------


class ProvisionRequestSerializer(serializers.ModelSerializer):
    case = serializers.IntegerField(source="case_id", read_only=True, help_text="The case (casus) this request belongs to.")
    provision = serializers.CharField(source="provision.name", read_only=True)
    history = serializers.SerializerMethodField()

    class Meta:
        model = TailoredProvisionRequest
        fields = ["id", "case", "provision", "law", "status", "status_on", "requested_on", "history"]

    def get_history(self, obj) -> list[dict]:
        return [{"status": h.status, "on": h.on.isoformat(), "note": h.note} for h in obj.history.all()]


class StatusUpdateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=RequestStatus.choices, help_text="The next status (aangevraagd → toegekend/afgewezen → gestart → beeindigd).")
    on = serializers.DateField(error_messages={"invalid": DATE_MESSAGE}, help_text="The date of this status (not in the future, not before the previous one).")
    note = serializers.CharField(required=False, allow_blank=True, default="", help_text="Required when the request is refused.")


REQUEST_STATUS = OpenApiParameter("status", str, enum=RequestStatus.values, description="Only requests with this status.")


class ProvisionRequestMixin:
    model = TailoredProvisionRequest
    related = ["provision", "case"]
    record_type = "socialmap.TailoredProvisionRequest"
    category = DataCategory.PROVISIONS
    serializer_class = ProvisionRequestSerializer

    def get_queryset(self):
        return (TailoredProvisionRequest.objects.filter(provision__organisation=self.client.organisation)
                .select_related("provision", "case").prefetch_related("history").order_by("-requested_on", "-pk"))


class ProvisionRequestList(ProvisionRequestMixin, PartnerView):
    scopes = {"GET": Scope.PROVISIONS_READ}

    def filter_candidates(self, qs):
        wanted = self.request.query_params.get("status")
        if wanted and wanted not in RequestStatus.values:
            raise exceptions.ValidationError({"status": _("Unknown status. Choose from: %(values)s.") % {"values": ", ".join(RequestStatus.values)}})
        return qs.filter(status=wanted) if wanted else qs

    @extend_schema(tags=["partners"], summary="Tailored-provision requests for your provisions that a sharing basis covers",
                   parameters=[REQUEST_STATUS], operation_id="partners_provision_requests_list",
                   responses=ProvisionRequestSerializer(many=True))
    def get(self, request):
        return self.list_shared(request, detail="tailored provision requests")


class ProvisionRequestDetail(ProvisionRequestMixin, PartnerView):
    scopes = {"GET": Scope.PROVISIONS_READ, "PATCH": Scope.PROVISIONS_UPDATE}

    @extend_schema(tags=["partners"], summary="One tailored-provision request with its status history")
    def get(self, request, pk):
        return Response(self.get_serializer(self.get_record(detail="tailored provision request")).data)

    @extend_schema(tags=["partners"], summary="Record the next status of the request", request=StatusUpdateSerializer,
                   responses={200: ProvisionRequestSerializer})
    def patch(self, request, pk):
        data = StatusUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with transaction.atomic():
            record = self.get_record(action=Action.UPDATE, detail="tailored provision status")
            socialmap_services.tailored_request_set_status(request=record, by=self.client.service_user, **data.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=record.pk)).data)


# --- the case's contact person ------------------------------------------------------------------


class TeamContactSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="The sociaal wijkteam that has the case.")
    phone = serializers.CharField(help_text="The team's general phone number (may be empty).")
    email = serializers.CharField(help_text="The team's general e-mail address (may be empty).")


class RegisseurSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="The regisseur's name. No personal phone or e-mail: reach them through the team.")


class ContactPersonSerializer(serializers.Serializer):
    case = serializers.IntegerField(source="pk", help_text="The case (casus).")
    regisseur = serializers.SerializerMethodField(help_text="Null while no regisseur is assigned: contact the team.")
    regie_kind = serializers.CharField(source="get_regie_kind_display", help_text="The kind of regie (may be empty).")
    team = TeamContactSerializer()

    @extend_schema_field(RegisseurSerializer(allow_null=True))
    def get_regisseur(self, case) -> dict | None:
        return {"name": str(case.regisseur)} if case.regisseur_id else None


class CaseContactPerson(PartnerView):
    """Who to contact about a case: its regisseur's name and the team's general phone and e-mail, nothing else.
    Only for an organisation involved in the case, with a valid basis of its own covering `regie`."""

    scopes = {"GET": Scope.CONTACT_READ}
    model = Case
    related = ["team", "regisseur"]
    record_type = "cases.Case"
    category = DataCategory.REGIE
    serializer_class = ContactPersonSerializer

    def get_queryset(self):
        return Case.objects.all()

    @extend_schema(tags=["partners"], summary="The case's contact person (regisseur and team)", operation_id="partners_case_contact_person")
    def get(self, request, pk):
        return Response(self.get_serializer(self.get_record(detail="case contact person")).data)


# --- signals ----------------------------------------------------------------------------------


class SignalInSerializer(serializers.Serializer):
    signal_type = serializers.CharField(help_text="The code of the kind of signal, e.g. 'vhu' (rent arrears) or 'energie'.")
    description = serializers.CharField(help_text="What the partner sees, in a few sentences.")
    reported_on = serializers.DateField(required=False, error_messages={"invalid": DATE_MESSAGE}, help_text="The date the partner signalled; the deadline counts from it. Default: today.")
    arrears_months = serializers.IntegerField(required=False, min_value=0, max_value=120, allow_null=True)
    subject_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    subject_phone = serializers.CharField(required=False, allow_blank=True, default="", max_length=30)
    street = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    house_number = serializers.IntegerField(required=False, min_value=1, allow_null=True)
    house_number_addition = serializers.CharField(required=False, allow_blank=True, default="", max_length=10)
    postcode = serializers.CharField(required=False, allow_blank=True, default="", max_length=7)
    city = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    reporter_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    reporter_phone = serializers.CharField(required=False, allow_blank=True, default="", max_length=30)
    reporter_email = serializers.EmailField(required=False, allow_blank=True, default="")


SignalOutSerializer = inline_serializer("PartnerSignal", fields={
    "id": serializers.IntegerField(),
    "signal_type": serializers.CharField(),
    "received_at": serializers.DateTimeField(),
    "reported_on": serializers.DateField(),
    "deadline": serializers.DateField(allow_null=True, help_text="The date by which the team makes contact (the signal type's rule)."),
    "status": serializers.CharField(),
})


class SignalCreate(PartnerView):
    scopes = {"POST": Scope.SIGNALS_REPORT}
    record_type = "intake.Signal"
    serializer_class = SignalInSerializer

    @extend_schema(tags=["partners"], summary="Report a new signal (e.g. rent or energy arrears)", request=SignalInSerializer,
                   parameters=[IDEMPOTENCY_KEY], responses={201: SignalOutSerializer, PROBLEM_422: PROBLEM})
    def post(self, request):
        data = SignalInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        signal, replayed = self.create_once(request, lambda: services.partner_signal_report(
            client=self.client, signal_type_code=values.pop("signal_type"), **values))
        body = {"id": signal.pk, "signal_type": signal.signal_type.code, "received_at": signal.received_at,
                "reported_on": signal.reported_on, "deadline": signal.deadline, "status": signal.status}
        return self.created(_json(body), replayed)


def _json(body: dict) -> dict:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in body.items()}


# --- subscriptions to notifications (abonnementen; the Common Ground Notificaties pattern, ADR 0116) ----------


class SubscriptionSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="This subscription's own address (DELETE it to end it).")
    callbackUrl = serializers.CharField(source="callback_url", read_only=True,
                                        help_text="Where eenplan POSTs the notifications (https).")
    aangemaakt = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = Subscription
        fields = ["id", "url", "callbackUrl", "kanaal", "filters", "aangemaakt"]

    def get_url(self, obj) -> str:
        return settings.EENPLAN_BASE_URL.rstrip("/") + reverse("partners:subscription", args=[obj.pk])


class SubscriptionCreatedSerializer(SubscriptionSerializer):
    secret = serializers.SerializerMethodField(help_text="The signing secret, shown only in this answer: each notification "
                                               "carries Eenplan-Signature: sha256=HMAC-SHA256(secret, body) in hex.")

    class Meta(SubscriptionSerializer.Meta):
        fields = SubscriptionSerializer.Meta.fields + ["secret"]

    def get_secret(self, obj) -> str:
        return self.context.get("secret", "")


class SubscriptionInSerializer(serializers.Serializer):
    callbackUrl = serializers.CharField(max_length=500, help_text="An https URL of your system that accepts a POST of JSON.")
    kanaal = serializers.CharField(help_text="afspraken or voorzieningen (you need the channel's read scope).")
    filters = serializers.DictField(child=serializers.CharField(), required=False, default=dict,
                                    help_text="Only notifications with these kenmerken, e.g. {\"status\": \"toegekend\", \"wet\": \"wmo\"}.")


class SubscriptionMixin:
    model = Subscription
    record_type = "partners.Subscription"
    serializer_class = SubscriptionSerializer

    def get_queryset(self):
        return self.model.objects.filter(client=self.client, ended_at__isnull=True).order_by("pk")


class SubscriptionList(SubscriptionMixin, PartnerView):
    scopes = {"GET": Scope.SUBSCRIBE, "POST": Scope.SUBSCRIBE}

    @extend_schema(tags=["partners"], summary="Your system's subscriptions to notifications", operation_id="partners_subscriptions_list",
                   responses=SubscriptionSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(tags=["partners"], summary="Subscribe to notifications of a channel", request=SubscriptionInSerializer,
                   parameters=[IDEMPOTENCY_KEY], responses={201: SubscriptionCreatedSerializer, PROBLEM_422: PROBLEM})
    def post(self, request):
        data = SubscriptionInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        subscription, replayed = self.create_once(request, lambda: notifications.subscription_create(
            client=self.client, token_scopes=request.auth.scope.split(), callback_url=values["callbackUrl"],
            kanaal=values["kanaal"], filters=values.get("filters") or {})[0])
        # A repeat gets the secret too: the first answer may never have arrived, and without it the subscription is useless.
        return self.created(SubscriptionCreatedSerializer(subscription, context={"secret": subscription.secret}).data, replayed)


class SubscriptionDetail(SubscriptionMixin, PartnerView):
    scopes = {"GET": Scope.SUBSCRIBE, "DELETE": Scope.SUBSCRIBE}

    def get_subscription(self, action):
        subscription = self.model.objects.filter(pk=self.kwargs["pk"], ended_at__isnull=True).first()
        if subscription is None:
            raise Http404
        policy.require_partner_subscription(self.request, self.client, subscription, action=action)
        return subscription

    @extend_schema(tags=["partners"], summary="One subscription")
    def get(self, request, pk):
        return Response(self.get_serializer(self.get_subscription(Action.READ)).data)

    @extend_schema(tags=["partners"], summary="End the subscription", responses={204: None})
    def delete(self, request, pk):
        notifications.subscription_end(subscription=self.get_subscription(Action.DELETE))
        return Response(status=status.HTTP_204_NO_CONTENT)
