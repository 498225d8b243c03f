from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.password_login, name="login"),
    path("inloggen/code/", views.verify, name="verify"),
    path("inloggen/app-koppelen/", views.enrol, name="enrol"),
    path("inloggen/sessie/", views.session_state, name="session"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("mijn-account/", views.account, name="account"),
]
