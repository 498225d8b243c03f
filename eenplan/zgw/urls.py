from django.urls import path

from . import views

app_name = "zgw"
urlpatterns = [
    path("casussen/<int:pk>/partners/maatwerk/<int:request_pk>/zaak/", views.register, name="register"),
    path("casussen/<int:pk>/partners/maatwerk/<int:request_pk>/zaak/status/", views.sync, name="sync"),
]
