"""DigiD through Maykin's django-digid-eherkenning (ADR 0100).

The library's own views do the SAML (or, in development, the mock) flow. Only the assertion consumer
service is ours: where the library would log a Django user in, a resident session is started for the
person with that BSN (eenplan.portal.session) — residents are not staff users.
"""

from digid_eherkenning.mock.views.digid import DigiDAssertionConsumerServiceMockView
from digid_eherkenning.views.digid import DigiDAssertionConsumerServiceView
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.translation import gettext_lazy

from eenplan.access.decorators import ACCESS_ATTR, PUBLIC

from . import services
from .session import start_resident_session

NOT_KNOWN = gettext_lazy("We cannot find you in Mijn plan. Do you have a plan with the wijkteam? Then call your regisseur or the wijkteam.")


def _finish_login(request, bsn: str, success_url: str):
    person = services.resident_for_bsn(request, bsn)
    if person is None:
        messages.error(request, NOT_KNOWN)
        return HttpResponseRedirect(resolve_url("portal:login"))
    start_resident_session(request, person)
    services.record_login(request, person)
    return HttpResponseRedirect(success_url)


class MockACSView(DigiDAssertionConsumerServiceMockView):
    """The mock IdP sends the BSN typed on its page (development, demo and tests only)."""

    def get(self, request):
        return _finish_login(request, request.GET.get("bsn", ""), self.get_success_url())


class ACSView(DigiDAssertionConsumerServiceView):
    """DigiD's artifact, resolved by the library's SAML client; the BSN from its NameID (s00000000:<bsn>)."""

    def get(self, request):
        from digid_eherkenning.choices import SectorType
        from digid_eherkenning.saml2.digid import DigiDClient
        from onelogin.saml2.utils import OneLogin_Saml2_ValidationError

        client = DigiDClient()
        try:
            response = client.artifact_resolve(request, request.GET.get("SAMLart"))
            sector, _sep, bsn = response.get_nameid().partition(":")
        except OneLogin_Saml2_ValidationError as error:
            cancelled = error.code == OneLogin_Saml2_ValidationError.STATUS_CODE_AUTHNFAILED
            messages.error(request, self.error_messages["cancelled" if cancelled else "default"])
            return HttpResponseRedirect(resolve_url("portal:login"))
        if sector != SectorType.bsn:
            messages.error(request, self.error_messages["default"])
            return HttpResponseRedirect(resolve_url("portal:login"))
        session_age = client.conf.get("session_age", None)
        if session_age is not None:
            request.session.set_expiry(session_age)
        return _finish_login(request, bsn, self.get_success_url())


def public_view(view_class, **initkwargs):
    view = view_class.as_view(**initkwargs)
    setattr(view, ACCESS_ATTR, PUBLIC)
    return view
