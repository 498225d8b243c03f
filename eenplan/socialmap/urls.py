from django.urls import path

from . import views

app_name = "socialmap"
urlpatterns = [
    path("sociale-kaart/", views.search, name="search"),
    path("sociale-kaart/resultaten/", views.search_results, name="search_results"),
    path("sociale-kaart/import/", views.provisions_import, name="import"),
    path("casusoverleg/", views.discussions, name="discussions"),
    path("casusoverleg/anoniem/", views.discussion_anonymous, name="discussion_anonymous"),
    path("casussen/<int:pk>/partners/", views.case, name="case"),
    path("casussen/<int:pk>/partners/toevoegen/", views.partner_add, name="partner_add"),
    path("casussen/<int:pk>/partners/<int:partner_pk>/beeindigen/", views.partner_end, name="partner_end"),
    path("casussen/<int:pk>/partners/delen/", views.sharing_add, name="sharing_add"),
    path("casussen/<int:pk>/partners/delen/<int:basis_pk>/stoppen/", views.sharing_end, name="sharing_end"),
    path("casussen/<int:pk>/partners/afspraken/", views.agreement_add, name="agreement_add"),
    path("casussen/<int:pk>/partners/afspraken/<int:agreement_pk>/gedaan/", views.agreement_done, name="agreement_done"),
    path("casussen/<int:pk>/partners/maatwerk/", views.request_add, name="request_add"),
    path("casussen/<int:pk>/partners/maatwerk/<int:request_pk>/status/", views.request_status, name="request_status"),
    path("casussen/<int:pk>/partners/overzicht/<int:org_pk>/", views.partner_overview, name="partner_overview"),
    path("casussen/<int:pk>/partners/casusoverleg/", views.discussion_new, name="discussion_new"),
    path("casussen/<int:pk>/partners/casusoverleg/acties/<int:action_pk>/naar-plan/", views.discussion_action_copy, name="discussion_action_copy"),
]
