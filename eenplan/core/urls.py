from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("meldingen/", views.notifications, name="notifications"),
    path("meldingen/<int:pk>/gelezen/", views.notification_read, name="notification_read"),
]
