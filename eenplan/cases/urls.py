from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("team/", views.team, name="team"),
    path("casussen/<int:pk>/", views.detail, name="detail"),
    path("casussen/<int:pk>/fase/", views.transition, name="transition"),
    path("casussen/<int:pk>/regisseur/", views.set_regisseur, name="set_regisseur"),
    path("casussen/<int:pk>/betrokkenen/", views.involve, name="involve"),
    path("casussen/<int:pk>/veiligheidsstatus/", views.set_safety, name="set_safety"),
    path("casussen/<int:pk>/openen-met-reden/", views.open_with_reason, name="open_with_reason"),
]

from . import api  # noqa: E402

urlpatterns += [
    path("api/v1/cases", api.CaseList.as_view(), name="api_cases"),
    path("api/v1/cases/<int:pk>", api.CaseDetail.as_view(), name="api_case"),
]
