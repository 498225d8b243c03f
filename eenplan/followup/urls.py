from django.urls import path

from . import views

app_name = "followup"
urlpatterns = [
    path("casussen/<int:pk>/evaluatie/", views.case, name="case"),
    path("casussen/<int:pk>/evaluatie/nieuw/", views.evaluate, name="evaluate"),
    path("casussen/<int:pk>/evaluatie/moment/", views.moment_plan, name="moment_plan"),
    path("casussen/<int:pk>/evaluatie/moment/<int:mid>/vervalt/", views.moment_cancel, name="moment_cancel"),
    path("casussen/<int:pk>/afsluiten/", views.close, name="close"),
    path("casussen/<int:pk>/waakvlam/check-in/", views.checkin, name="checkin"),
    path("casussen/<int:pk>/waakvlam/afsluiten/", views.monitoring_close, name="monitoring_close"),
    path("casussen/<int:pk>/heropenen/", views.reopen, name="reopen"),
]
