from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", views.login, name="login"),
    path("uitloggen/", views.logout, name="logout"),
    path("acties/<uuid:action_key>/", views.action, name="action"),
    path("akkoord/", views.agreement, name="agreement"),
    path("wie-keek/", views.who_looked, name="who_looked"),
    path("uitnodiging/", views.invitation, name="invitation"),
    path("mijn-zrm/", views.my_zrm, name="my_zrm"),
    path("mijn-zrm/delen/", views.my_zrm_sharing, name="my_zrm_sharing"),
    path("documenten/", views.documents, name="documents"),
    path("documenten/<int:number>/", views.document, name="document"),
]
