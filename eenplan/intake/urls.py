from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("intake/", views.board, name="board"),
    path("intake/signalen/nieuw/", views.signal_new, name="signal_new"),
    path("intake/signalen/<int:pk>/", views.signal, name="signal"),
    path("intake/signalen/<int:pk>/contactpoging/", views.attempt, name="attempt"),
    path("intake/signalen/<int:pk>/toewijzen/", views.assign, name="assign"),
    path("intake/signalen/<int:pk>/inwoner/", views.subject, name="subject"),
    path("intake/signalen/<int:pk>/koppelen/", views.link, name="link"),
    path("intake/signalen/<int:pk>/vervallen/", views.withdraw, name="withdraw"),
    path("intake/signalen/<int:pk>/triage/", views.triage, name="triage"),
    path("intake/rooster/", views.rota, name="rota"),
    path("casussen/<int:pk>/intake/", views.case_triage, name="case_triage"),
    path("aanmelden/", views.public_form, name="public_form"),
    path("aanmelden/verstuurd/", views.public_thanks, name="public_thanks"),
]
