from django.urls import path

from . import views

app_name = "safety"
urlpatterns = [
    path("veiligheid/", views.overview, name="overview"),
    path("casussen/<int:pk>/veiligheid/", views.case, name="case"),
    path("casussen/<int:pk>/veiligheid/status/", views.set_status, name="set_status"),
    path("casussen/<int:pk>/veiligheid/meldcode/", views.meldcode, name="meldcode"),
    path("casussen/<int:pk>/veiligheid/meldcode/starten/", views.meldcode_start, name="meldcode_start"),
    path("casussen/<int:pk>/veiligheid/veiligheidsplan/", views.plan, name="plan"),
    path("casussen/<int:pk>/veiligheid/veiligheidsplan/voorwaarden/<int:cid>/controle/", views.condition_check, name="condition_check"),
    path("casussen/<int:pk>/veiligheid/veiligheidsplan/voorwaarden/<int:cid>/beeindigen/", views.condition_end, name="condition_end"),
    path("casussen/<int:pk>/veiligheid/stut-en-steun/", views.stut_en_steun_start, name="stut_en_steun_start"),
    path("casussen/<int:pk>/veiligheid/stut-en-steun/controle/", views.stut_en_steun_check, name="stut_en_steun_check"),
    path("casussen/<int:pk>/veiligheid/stut-en-steun/beeindigen/", views.stut_en_steun_end, name="stut_en_steun_end"),
    path("casussen/<int:pk>/veiligheid/veilig-thuis/uitkomst/", views.veilig_thuis_outcome, name="veilig_thuis_outcome"),
    path("casussen/<int:pk>/veiligheid/afsluiten-toestemming/", views.closing_consent, name="closing_consent"),
    path("casussen/<int:pk>/veiligheid/regie/", views.regie_takeover, name="regie_takeover"),
    path("casussen/<int:pk>/veiligheid/regie/evaluatie/", views.regie_review, name="regie_review"),
]
