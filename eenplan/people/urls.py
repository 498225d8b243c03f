from django.urls import path

from . import merge_views, views

app_name = "people"
urlpatterns = [
    path("zoeken/", views.search, name="search"),
    path("huishoudens/nieuw/", views.household_create, name="household_create"),
    path("huishoudens/import/", views.persons_import, name="import"),
    path("huishoudens/<int:pk>/", views.household_detail, name="household"),
    path("huishoudens/<int:pk>/personen/nieuw/", views.member_add, name="member_add"),
    path("huishoudens/<int:pk>/wijzigen/", views.household_edit, name="household_edit"),
    path("huishoudens/<int:pk>/adres/", views.household_move, name="household_move"),
    path("huishoudens/<int:pk>/leden/<int:member_pk>/", views.member_edit, name="member_edit"),
    path("huishoudens/<int:pk>/leden/<int:member_pk>/vertrek/", views.member_leave, name="member_leave"),
    path("huishoudens/<int:pk>/casus-openen/", views.case_open_for_household, name="case_open"),
    path("huishoudens/<int:pk>/samenvoegen/", merge_views.household_merge, name="household_merge"),
    path("huishoudens/<int:pk>/samenvoegen/ongedaan-maken/", merge_views.merge_undo, name="merge_undo"),
    path("huishoudens/<int:pk>/personen/<int:person_pk>/samenvoegen/", merge_views.person_merge, name="person_merge"),
]
