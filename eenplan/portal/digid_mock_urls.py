"""The library's mock DigiD login page (type a BSN), namespace "digid-mock". Only with EENPLAN_DIGID_MOCK."""

from digid_eherkenning.mock.idp.views.digid import DigiDMockIDPBSNLoginView, DigiDMockIDPLoginView
from django.urls import path

from .digid import public_view

app_name = "digid-mock"

urlpatterns = [
    path("inloggen/", public_view(DigiDMockIDPLoginView), name="login"),
    path("inloggen_bsn/", public_view(DigiDMockIDPBSNLoginView), name="bsn"),
]
