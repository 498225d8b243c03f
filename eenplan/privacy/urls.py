from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("privacy/", views.home, name="home"),
    path("privacy/toegang/", views.review, name="review"),
    path("privacy/ongebruikelijk/", views.unusual, name="unusual"),
    path("privacy/inzage/", views.people, name="people"),
    path("privacy/inzage/<int:pk>/", views.person, name="person"),
    path("privacy/inzage/<int:pk>/pdf/", views.export_pdf, name="export_pdf"),
    path("privacy/inzage/<int:pk>/json/", views.export_json, name="export_json"),
    path("privacy/inzage/<int:pk>/verwijderen/", views.erase, name="erase"),
    path("privacy/bewaartermijnen/", views.retention, name="retention"),
    path("privacy/informatieprotocol/", views.protocol, name="protocol"),
]
