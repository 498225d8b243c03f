from django.urls import path
from oauth2_provider.views import TokenView

from eenplan.access.decorators import public

from . import api

app_name = "partners"

urlpatterns = [
    # The OAuth2 token endpoint (client credentials). Public: the client authenticates with its id and secret.
    path("api/v1/partners/token", public(TokenView.as_view()), name="token"),
    path("api/v1/partners/agreements", api.AgreementList.as_view(), name="agreements"),
    path("api/v1/partners/agreements/<int:pk>", api.AgreementDetail.as_view(), name="agreement"),
    path("api/v1/partners/provision-requests", api.ProvisionRequestList.as_view(), name="provision_requests"),
    path("api/v1/partners/provision-requests/<int:pk>", api.ProvisionRequestDetail.as_view(), name="provision_request"),
    path("api/v1/partners/cases/<int:pk>/contact-person", api.CaseContactPerson.as_view(), name="case_contact_person"),
    path("api/v1/partners/signals", api.SignalCreate.as_view(), name="signals"),
    # Notifications to subscribers (Common Ground Notificaties): the system's abonnementen.
    path("api/v1/partners/abonnementen", api.SubscriptionList.as_view(), name="subscriptions"),
    path("api/v1/partners/abonnementen/<int:pk>", api.SubscriptionDetail.as_view(), name="subscription"),
]
