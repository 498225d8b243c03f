import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import LoginView
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_otp import login as otp_login

from eenplan.access.audit import log_access
from eenplan.access.decorators import public, roles_required
from eenplan.access.models import Action, Outcome
from eenplan.core.forms import submit_form
from eenplan.core.session import seconds_left

from . import services
from .forms import LoginForm, NotificationPreferenceForm, TokenForm
from .models import RoleCode


class PasswordLoginView(LoginView):
    """Step 1 of 2: password. django-axes counts failures through `authenticate`."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = False

    def get_success_url(self):
        return _verify_url(self.get_redirect_url())

    def get_context_data(self, **kwargs):
        from .oidc import oidc_enabled

        return {**super().get_context_data(**kwargs), "sso_enabled": oidc_enabled()}
    def form_valid(self, form):
        response = super().form_valid(form)
        log_access(user=form.get_user(), action=Action.LOGIN, record_type="session", detail="password accepted", request=self.request)
        return response


password_login = public(PasswordLoginView.as_view())


def _verify_url(next_url: str | None) -> str:
    from django.urls import reverse

    url = reverse("accounts:verify")
    return f"{url}?next={next_url}" if next_url else url


def _safe_next(request) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return next_url
    return "/"


@public
def verify(request):
    """Step 2 of 2: the TOTP code. Accounts without a device enrol first."""
    user = request.user
    if not user.is_authenticated:
        return redirect("accounts:login")
    if user.is_verified():
        return redirect(_safe_next(request))
    device = services.confirmed_device(user)
    if device is None:
        return redirect("accounts:enrol")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        matched = services.verify_token(user=user, token=form.cleaned_data["token"])
        if matched is not None:
            otp_login(request, matched)
            request.session.cycle_key()  # a new session id once fully logged in (no fixation)
            log_access(user=user, action=Action.LOGIN, record_type="session", detail="second factor verified", request=request)
            return redirect(_safe_next(request))
        log_access(user=user, action=Action.LOGIN, outcome=Outcome.REFUSED, record_type="session", detail="wrong second factor", request=request)
        form.add_error("token", _("This code is not correct or has expired. Enter the current code from your app."))
    demo_code = services.current_code(device) if services.demo_hints_enabled() and device.name == services.DEMO_DEVICE_NAME else None
    return render(request, "accounts/verify.html", {"form": form, "next": _safe_next(request), "demo_code": demo_code})


@public
def enrol(request):
    user = request.user
    if not user.is_authenticated:
        return redirect("accounts:login")
    if services.confirmed_device(user) is not None:
        return redirect("accounts:verify")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.totp_device_confirm(user=user, token=form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            request.session.cycle_key()
            messages.success(request, _("Your authenticator app is linked. From now on you log in with a code from it."))
            return redirect("/")
        form.add_error("token", _("This code is not correct. Scan the QR code again and enter the current code."))
        device = services.TOTPDevice.objects.get(user=user, confirmed=False)
    else:
        device = services.totp_device_start_enrolment(user=user)
    svg = io.BytesIO()
    qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage).save(svg)
    return render(
        request,
        "accounts/enrol.html",
        {"form": form, "qr_svg": svg.getvalue().decode(), "secret": services.device_secret_base32(device)},
    )


@public
@require_GET
def session_state(request):
    """For core/session.js: is the session still there, how long until the idle timeout, and the current CSRF
    token (new after a login in another tab). Asking counts as activity, like any request."""
    user = request.user
    verified = bool(user.is_authenticated and user.is_verified())
    response = JsonResponse({
        "authenticated": verified,
        "expiresIn": seconds_left(request.session) if verified else 0,
        "csrfToken": get_token(request),
    })
    response["Cache-Control"] = "no-store"
    return response


@public
@require_POST
def logout_view(request):
    from .oidc import end_session_url

    idp_logout = end_session_url(request)  # read before the session ends
    logout(request)
    if idp_logout:  # single sign-on: the identity provider ends its session too, then sends the browser back
        return redirect(idp_logout)
    messages.info(request, _("You are logged out."))
    return redirect("accounts:login")


@roles_required(*RoleCode.values)
def account(request):
    """My account: who I am, my roles, and whether notifications also come by e-mail."""
    user = request.user
    form = NotificationPreferenceForm(request.POST or None, initial={"email": user.email, "email_notifications": user.email_notifications})
    if request.method == "POST" and submit_form(form, lambda data: services.notification_preference_set(user=user, **data)):
        messages.success(request, _("Your choice is saved."))
        return redirect("accounts:account")
    roles = [label for code, label in RoleCode.choices if code in user.role_codes()]
    return render(request, "accounts/account.html", {"form": form, "roles": roles})
