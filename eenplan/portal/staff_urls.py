"""Staff pages of Mijn plan, under the case (namespace "portal-staff")."""

from django.urls import path

from . import staff_views

app_name = "portal-staff"

urlpatterns = [
    path("casussen/<int:pk>/mijn-plan/", staff_views.case_page, name="case"),
    path("casussen/<int:pk>/mijn-plan/uitnodigen/", staff_views.invite, name="invite"),
    path("casussen/<int:pk>/mijn-plan/pauzeren/", staff_views.pause, name="pause"),
    path("casussen/<int:pk>/mijn-plan/hervatten/", staff_views.resume, name="resume"),
    path("casussen/<int:pk>/mijn-plan/kind-delen/", staff_views.child_share, name="child_share"),
    path("casussen/<int:pk>/mijn-plan/kind-delen-stoppen/", staff_views.child_stop, name="child_stop"),
]
