"""Read API for cases (NL API Design Rules: plural nouns, no trailing slash, major version in the URI)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView, RetrieveAPIView

from eenplan.access import policy
from eenplan.access.audit import log_access
from eenplan.access.models import Action

from .models import Case, PhaseTransition
from .selectors import with_list_columns

# Django REST framework's own refusal, which its Dutch catalogue writes with "je". eenplan's catalogues come before
# DRF's (settings: INSTALLED_APPS), so this app's translation ("u", as everywhere in eenplan) is the one used.
DRF_MESSAGES = [gettext_lazy("You do not have permission to perform this action.")]


class TransitionSerializer(serializers.ModelSerializer):
    by = serializers.StringRelatedField()

    class Meta:
        model = PhaseTransition
        fields = ["from_phase", "to_phase", "at", "by", "note"]


class CaseSerializer(serializers.ModelSerializer):
    household = serializers.CharField(source="household.name")
    wijk = serializers.CharField(source="household.wijk.name")
    team = serializers.CharField(source="team.name")
    regisseur = serializers.StringRelatedField()
    next_planned = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = Case
        fields = ["id", "household", "wijk", "team", "phase", "phase_since", "safety_status", "regisseur", "regie_kind",
                  "opened_at", "closed_at", "next_planned"]


class CaseDetailSerializer(CaseSerializer):
    transitions = TransitionSerializer(many=True, read_only=True)

    class Meta(CaseSerializer.Meta):
        fields = CaseSerializer.Meta.fields + ["question", "transitions"]


class VersionHeaderMixin:
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["API-Version"] = "1.0.0"
        return response


@extend_schema(summary="Cases the user may open", tags=["cases"])
class CaseList(VersionHeaderMixin, ListAPIView):
    serializer_class = CaseSerializer

    def get_queryset(self):
        return with_list_columns(policy.cases_visible_to(self.request.user)).order_by("-opened_at", "pk")

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        rows = response.data.get("results", response.data) if isinstance(response.data, dict) else response.data
        log_access(user=request.user, action=Action.SEARCH, record_type="cases.Case", detail="api case list", request=request,
                   shown_ids=[row["id"] for row in rows])
        return response


@extend_schema(summary="One case with its route", tags=["cases"])
class CaseDetail(VersionHeaderMixin, RetrieveAPIView):
    serializer_class = CaseDetailSerializer

    def get_object(self):
        case = get_object_or_404(Case.objects.select_related("household__wijk", "team", "regisseur"), pk=self.kwargs["pk"])
        policy.require_case(self.request, case, detail="api")
        return case
