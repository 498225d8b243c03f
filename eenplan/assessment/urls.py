from django.urls import path

from . import views

app_name = "assessment"
base = "casussen/<int:pk>/vraagverheldering/"
urlpatterns = [
    path(base, views.case, name="case"),
    path(base + "zrm/<int:person_pk>/", views.measure, name="measure"),
    path(base + "mijn-zrm/<int:person_pk>/", views.mijn_zrm, name="mijn_zrm"),
    path(base + "participatieladder/<int:person_pk>/", views.participation, name="participation"),
    path(base + "wat-telt/", views.wat_telt, name="wat_telt"),
    path(base + "big5/<slug:domain>/", views.big5, name="big5"),
    path(base + "big5/<slug:domain>/acties/", views.big5_action, name="big5_action"),
    path(base + "big5-acties/<int:action_pk>/gedaan/", views.big5_action_done, name="big5_action_done"),
    path(base + "krachten/", views.strength, name="strength"),
    path(base + "netwerk/", views.network, name="network"),
    path(base + "netwerk/<int:member_pk>/beeindigen/", views.network_end, name="network_end"),
    path(base + "vragen/", views.question, name="question"),
]
