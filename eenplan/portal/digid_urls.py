"""The DigiD routes under /mijn-plan/digid/ (namespace "digid", as the library's views expect).
With EENPLAN_DIGID_MOCK (development, demo, tests) the library's mock flow; otherwise real SAML."""

from django.conf import settings
from django.urls import path

from .digid import ACSView, MockACSView, public_view

app_name = "digid"

if settings.EENPLAN_DIGID_MOCK:
    from digid_eherkenning.mock.views.digid import DigiDLoginMockView

    urlpatterns = [
        path("login/", public_view(DigiDLoginMockView), name="login"),
        path("acs/", public_view(MockACSView), name="acs"),
    ]
else:
    from digid_eherkenning.views.digid import DigiDLoginView

    urlpatterns = [
        path("login/", public_view(DigiDLoginView), name="login"),
        path("acs/", public_view(ACSView), name="acs"),
    ]
