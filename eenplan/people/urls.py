from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("zoeken/", views.search, name="search"),
    path("huishoudens/nieuw/", views.household_create, name="household_create"),
    path("huishoudens/<int:pk>/", views.household_detail, name="household"),
    path("huishoudens/<int:pk>/personen/nieuw/", views.member_add, name="member_add"),
    path("huishoudens/<int:pk>/casus-openen/", views.case_open_for_household, name="case_open"),
]
