"""Staff single sign-on over OpenID Connect (mozilla-django-oidc), for a municipality's own identity
provider (Entra ID, ADFS, Keycloak). docs/operations.md "Single sign-on"; docs/adr/0082-...

- Who someone is comes from the IdP; what they may do stays eenplan's: roles and teams are kept in
  eenplan. Only when OIDC_ROLE_MAP is configured are roles set from the IdP's claim (OIDC_ROLE_CLAIM).
- The second factor: when the IdP asserts one (`amr` contains one of OIDC_MFA_AMR, or `acr` is one of
  OIDC_MFA_ACR) the session counts as verified through an `IdPDevice`; otherwise eenplan's own TOTP step
  follows, exactly as after a password login.
- Accounts are matched on the username claim (OIDC_USERNAME_CLAIM, default preferred_username); new
  accounts are created only with OIDC_CREATE_USER=1.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from eenplan.access.audit import log_access
from eenplan.access.decorators import ACCESS_ATTR, PUBLIC
from eenplan.access.models import Action

from .models import IdPDevice, Role, RoleCode

logger = logging.getLogger("eenplan.oidc")
SESSION_MFA = "eenplan_oidc_mfa"


def oidc_enabled() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


def idp_asserted_second_factor(payload: dict) -> bool:
    amr = payload.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    if set(amr) & set(settings.OIDC_MFA_AMR):
        return True
    return bool(settings.OIDC_MFA_ACR) and payload.get("acr") in settings.OIDC_MFA_ACR


def mapped_roles(claims: dict) -> set[str] | None:
    """Role codes from the IdP's claim through OIDC_ROLE_MAP; None when no map is configured."""
    if not settings.OIDC_ROLE_MAP:
        return None
    values = claims.get(settings.OIDC_ROLE_CLAIM) or []
    if isinstance(values, str):
        values = [values]
    return {settings.OIDC_ROLE_MAP[v] for v in values if v in settings.OIDC_ROLE_MAP}


class EenplanOIDCBackend(OIDCAuthenticationBackend):
    def get_or_create_user(self, access_token, id_token, payload):
        self._payload = payload
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is not None:
            self.request.session[SESSION_MFA] = idp_asserted_second_factor(payload)
        return user

    def _claims(self, userinfo):
        # The id token's claims (groups, amr) with the userinfo endpoint's on top.
        return {**getattr(self, "_payload", {}), **userinfo}

    def filter_users_by_claims(self, claims):
        username = self._claims(claims).get(settings.OIDC_USERNAME_CLAIM)
        if not username:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(username=username, is_active=True)

    def verify_claims(self, claims):
        return bool(self._claims(claims).get(settings.OIDC_USERNAME_CLAIM))

    def create_user(self, claims):
        claims = self._claims(claims)
        user = self.UserModel.objects.create_user(
            username=claims[settings.OIDC_USERNAME_CLAIM], email=claims.get("email", ""),
            first_name=claims.get("given_name", ""), last_name=claims.get("family_name", ""),
        )
        user.set_unusable_password()  # logs in through the IdP only
        user.save(update_fields=["password"])
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        roles = mapped_roles(self._claims(claims))
        if roles is not None:
            user.roles.set([Role.objects.get_or_create(code=code)[0] for code in roles if code in RoleCode.values])
            user.forget_cached_access()
        return user


class LoginStart(OIDCAuthenticationRequestView):
    def get(self, request):
        if not oidc_enabled():
            raise Http404
        return super().get(request)


class LoginCallback(OIDCAuthenticationCallbackView):
    def get(self, request):
        if not oidc_enabled():
            raise Http404
        return super().get(request)

    def login_failure(self):
        messages.error(self.request, _("Logging in with your organisation's account did not succeed. Try again or log in with your eenplan password."))
        return redirect("accounts:login")

    def login_success(self):
        response = super().login_success()  # Django login; the id token stays in the session for logout
        user, request = self.user, self.request
        if request.session.pop(SESSION_MFA, False):
            device, _created = IdPDevice.objects.get_or_create(user=user, defaults={"name": "identity provider", "confirmed": True})
            otp_login(request, device)
            log_access(user=user, action=Action.LOGIN, record_type="session", detail="single sign-on, second factor by the identity provider", request=request)
            return response
        log_access(user=user, action=Action.LOGIN, record_type="session", detail="single sign-on, second factor in eenplan", request=request)
        return redirect(f"{_reverse('accounts:verify')}?next={response.url}")


def _reverse(name):
    from django.urls import reverse

    return reverse(name)


def end_session_url(request) -> str | None:
    """Where to send the browser after eenplan's logout so the IdP ends its session too (RP-initiated logout)."""
    from urllib.parse import urlencode

    id_token = request.session.get("oidc_id_token")
    endpoint = getattr(settings, "OIDC_OP_LOGOUT_ENDPOINT", "")
    if not (oidc_enabled() and endpoint and id_token):
        return None
    back = request.build_absolute_uri(_reverse("accounts:login"))
    return f"{endpoint}?{urlencode({'id_token_hint': id_token, 'post_logout_redirect_uri': back})}"


for _view in (LoginStart, LoginCallback):
    setattr(_view, ACCESS_ATTR, PUBLIC)  # no login yet: these pages are how one logs in
