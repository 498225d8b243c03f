from django.urls import path

from . import notifications, views

app_name = "zgw"
urlpatterns = [
    path("casussen/<int:pk>/partners/maatwerk/<int:request_pk>/zaak/", views.register, name="register"),
    path("casussen/<int:pk>/partners/maatwerk/<int:request_pk>/zaak/status/", views.sync, name="sync"),
    # The callback of eenplan's abonnement at the municipality's Notificaties API (kanaal zaken).
    path("api/zgw/notificaties", notifications.NotificationCallback.as_view(), name="notifications"),
]
