from django.urls import path

from . import views

app_name = "ops"
urlpatterns = [
    path("beheer/werking/", views.status, name="status"),
    path("beheer/werking/accounts/", views.accounts, name="accounts"),
    path("beheer/werking/accounts/<int:pk>/ontgrendelen/", views.unlock, name="unlock"),
]
