from django.urls import path

from . import views

app_name = "access"
urlpatterns = [path("beheer/toegangslog/", views.log, name="log")]
