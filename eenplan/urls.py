from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView

from eenplan.access.api import VerifiedUser
from eenplan.core import views as core_views
from eenplan.portal.admin_site import trim_library_admin

trim_library_admin()

# A database that cannot be reached answers 503 "try again", not 500 (eenplan.core.errors).
handler500 = "eenplan.core.errors.server_error"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("", include("eenplan.accounts.urls")),
    path("sso/", include("eenplan.accounts.oidc_urls")),
    path("", include("eenplan.core.urls")),
    path("", include("eenplan.people.urls")),
    path("", include("eenplan.cases.urls")),
    path("", include("eenplan.access.urls")),
    path("", include("eenplan.intake.urls")),
    path("", include("eenplan.assessment.urls")),
    path("", include("eenplan.socialmap.urls")),
    path("", include("eenplan.plans.urls")),
    path("", include("eenplan.safety.urls")),
    path("", include("eenplan.followup.urls")),
    path("", include("eenplan.insights.urls")),
    path("", include("eenplan.privacy.urls")),
    path("", include("eenplan.ops.urls")),
    path("", include("eenplan.partners.urls")),
    path("", include("eenplan.zgw.urls")),
    # The schema needs a login with both factors like the API itself (no map of the API for strangers).
    path("api/v1/openapi.json", SpectacularJSONAPIView.as_view(permission_classes=[VerifiedUser]), name="openapi"),
    path("beheer/", admin.site.urls),
    # Mijn plan: the resident portal with DigiD (docs/portal.md)
    path("mijn-plan/", include("eenplan.portal.urls")),
    path("mijn-plan/digid/", include("eenplan.portal.digid_urls")),
    path("", include("eenplan.portal.staff_urls")),  # the case's Mijn plan page for staff (invite, pause)
]
if settings.EENPLAN_DIGID_MOCK:
    urlpatterns += [path("mijn-plan/digid-mock/", include("eenplan.portal.digid_mock_urls"))]
