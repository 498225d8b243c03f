from django.urls import path

from . import views

app_name = "ops"
urlpatterns = [
    path("beheer/werking/", views.status, name="status"),
]
