import uuid

from django.contrib import messages
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from eenplan.access.decorators import public, roles_required
from eenplan.accounts.models import RoleCode

from . import services
from .forms import AuthenticatorResetForm
from .jobs import job_statuses


@roles_required(RoleCode.FUNCTIONAL_ADMIN)
def status(request):
    """The functional administrator's view of the scheduled jobs: last run, last success, failures."""
    return render(request, "ops/status.html", {"statuses": job_statuses()})


@roles_required(RoleCode.FUNCTIONAL_ADMIN)
def accounts(request):
    """Locked accounts (django-axes) and resetting a colleague's authenticator app."""
    form = AuthenticatorResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.cleaned_data["user"]
        services.authenticator_reset(user=user, by=request.user, request=request)
        messages.success(request, _("The authenticator app of %(name)s is reset. At the next login they link a new one.") % {"name": user.get_full_name() or user.username})
        return redirect("ops:accounts")
    return render(request, "ops/accounts.html", {"lockouts": services.current_lockouts(), "form": form})


@roles_required(RoleCode.FUNCTIONAL_ADMIN)
@require_POST
def unlock(request, pk: int):
    lockout = get_object_or_404(services.current_lockouts(), pk=pk)
    services.account_unlock(lockout=lockout, by=request.user, request=request)
    messages.success(request, _("%(username)s can log in again.") % {"username": lockout.username})
    return redirect("ops:accounts")


# --- liveness and readiness (monitoring, load balancer; no login, no personal data) ---

_migrations_applied = False


@public
@never_cache
def health(request):
    """Liveness: the process answers. Nothing else is checked (so a database outage does not restart it)."""
    return JsonResponse({"status": "ok"})


@public
@never_cache
def ready(request):
    """Readiness: database reachable, cache working, every migration applied. 503 with the failing checks."""
    checks = {"database": _check(_database), "cache": _check(_cache), "migrations": _check(_migrations)}
    ok = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if ok else "unavailable", "checks": checks}, status=200 if ok else 503)


def _check(probe) -> str:
    try:
        return probe() or "ok"
    except Exception as exc:  # a probe reports, never raises
        return f"error: {type(exc).__name__}"


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache():
    key = f"ready-probe-{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    value = cache.get(key)
    cache.delete(key)
    return None if value == "1" else "error: value not read back"


def _migrations():
    global _migrations_applied
    if _migrations_applied:
        return None
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        return f"error: {len(pending)} not applied"
    _migrations_applied = True
    return None
