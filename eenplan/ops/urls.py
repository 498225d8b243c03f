from django.urls import path

from . import views

app_name = "ops"
urlpatterns = [
    path("health/", views.health, name="health"),
    path("ready/", views.ready, name="ready"),
    path("beheer/werking/", views.status, name="status"),
    path("beheer/werking/accounts/", views.accounts, name="accounts"),
    path("beheer/werking/accounts/<int:pk>/ontgrendelen/", views.unlock, name="unlock"),
]
