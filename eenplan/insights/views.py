"""Insight pages: figures for a team, a wijk and the whole municipality, exports, and vertelpunten.

Only aggregates are shown; no page here links to or shows a personal record. Who sees which scope
is decided in `selectors.may_see` (ADR 0060). Reads and exports are written to the access log.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from eenplan.access.audit import log_access
from eenplan.access.decorators import roles_required
from eenplan.access.models import Action, Outcome
from eenplan.access.policy import CASE_WORKER_ROLES
from eenplan.accounts.models import RoleCode
from eenplan.organisation.models import Team, Wijk

from . import selectors, services, snapshots
from .exports import to_csv, to_xlsx
from .formatting import shown
from .forms import PeriodForm, VertelpuntForm
from .framework import MUNICIPALITY, REGISTRY, TEAM, WIJK, Scope
from .models import Vertelpunt
from .periods import default_period
from .suppression import threshold

INSIGHT_ROLES = (RoleCode.POLICY, *CASE_WORKER_ROLES)
SMALL_MULTIPLES = snapshots.SMALL_MULTIPLES


def _scope(kind, ident):
    """The scope, or None with a clear message when the team or wijk does not exist."""
    if kind == TEAM:
        obj = Team.objects.filter(pk=ident).first()
    elif kind == WIJK:
        obj = Wijk.objects.filter(code=ident).first()
    else:
        return Scope(MUNICIPALITY)
    return Scope(kind, obj) if obj is not None else None


def _unknown(request, kind, ident):
    message = (_("There is no wijk with the code “%(code)s”.") % {"code": ident}) if kind == WIJK else _("This team does not exist.")
    return render(request, "insights/unknown.html", {"message": message, "scopes": selectors.scopes_for(request.user)}, status=404)


def _allowed(request, scope) -> bool:
    allowed = selectors.may_see(request.user, scope)
    if not allowed:
        log_access(user=request.user, action=Action.READ, outcome=Outcome.REFUSED, record_type="insights", record_id=f"{scope.kind}:{scope.unit or ''}",
                   acting_role=",".join(sorted(request.user.role_codes())), detail="scope not allowed", request=request)
    return allowed


def _visible_scope(request, kind, ident):
    """(scope, None) for a scope the user may see; (None, the 404 page) for one that does not exist. A scope the
    user may not see: the refusal is logged and PermissionDenied raised."""
    scope = _scope(kind, ident)
    if scope is None:
        return None, _unknown(request, kind, ident)
    if not _allowed(request, scope):
        raise PermissionDenied(_("Your role does not give access to the figures of %(scope)s.") % {"scope": scope})
    return scope, None


def _period(request):
    if "van" not in request.GET and "tot" not in request.GET:
        period = default_period()
        return PeriodForm(initial={"van": period.start, "tot": period.end}), period
    form = PeriodForm(request.GET)
    return form, (form.period() if form.is_valid() else None)


def _period_label(period) -> str:
    return f"{formats.date_format(period.start, 'j F Y')} – {formats.date_format(period.end, 'j F Y')}"


def _page_url(scope) -> str:
    from django.urls import reverse

    if scope.kind == TEAM:
        return reverse("insights:team", args=[scope.obj.pk])
    if scope.kind == WIJK:
        return reverse("insights:wijk", args=[scope.obj.code])
    return reverse("insights:municipality")


def _display(table):
    """Formatted rows for the template (the chart is drawn with the figures, `snapshots.compute`)."""
    table.display_rows = [
        (row, [shown(cell, col.kind) for cell, col in zip(row.cells, table.columns, strict=True)]) for row in table.rows
    ]
    return table


@roles_required(*INSIGHT_ROLES)
@require_safe
def home(request):
    scopes = selectors.scopes_for(request.user)
    if not (scopes["teams"] or scopes["wijken"] or scopes["municipality"]):
        raise PermissionDenied(_("You do not belong to a team, so there are no figures for you here."))
    return render(request, "insights/home.html", {**scopes, "may_write": selectors.may_write_vertelpunt(request.user)})


@roles_required(*INSIGHT_ROLES)
@require_safe  # a POST is a fast 405, not a whole page computed; inside roles_required, so refusals are still logged
def scope_page(request, kind, ident=None):
    scope, unknown = _visible_scope(request, kind, ident)
    if unknown is not None:
        return unknown
    form, period = _period(request)
    context = {"scope": scope, "form": form, "page_url": _page_url(scope), "threshold": threshold(), "kind": kind,
               "may_write": selectors.may_write_vertelpunt(request.user)}
    if period is None:
        return render(request, "insights/scope.html", context, status=400)
    figures = snapshots.page_figures(scope, period)
    for _code, _label, tables in figures.sections:
        for table in tables:
            _display(table)
    context.update(
        period=period, previous=figures.previous, period_label=_period_label(period),
        previous_label=_period_label(figures.previous), sections=figures.sections, query=request.GET.urlencode(),
        computed_at=figures.computed_at, stored=figures.stored, refresh_url=_page_url(scope) + "vernieuwen/",
    )
    if kind in (TEAM, WIJK):
        context["themes"] = selectors.vertelpunten_by_theme(scope, period)
    if kind == MUNICIPALITY and figures.multiples:
        context["multiples_title"] = REGISTRY[SMALL_MULTIPLES].title
        context["multiples"] = figures.multiples
        context["multiples_categories"] = figures.multiples_categories
        context["multiples_notes"] = figures.multiples_notes
    log_access(user=request.user, action=Action.READ, record_type="insights", record_id=f"{scope.kind}:{scope.unit or ''}",
               acting_role=",".join(sorted(request.user.role_codes())), detail=f"aggregates {period.start}–{period.end}", request=request)
    return render(request, "insights/scope.html", context)


@roles_required(*INSIGHT_ROLES)
@require_POST
def scope_refresh(request, kind, ident=None):
    """"Cijfers vernieuwen": compute the page's default-period figures now (ADR 0134), back to the page."""
    scope, unknown = _visible_scope(request, kind, ident)
    if unknown is not None:
        return unknown
    snapshot = snapshots.snapshot_refresh(scope)
    log_access(user=request.user, action=Action.READ, record_type="insights", record_id=f"{scope.kind}:{scope.unit or ''}",
               acting_role=",".join(sorted(request.user.role_codes())),
               detail=f"aggregates recomputed {snapshot.period_start}–{snapshot.period_end}", request=request)
    messages.success(request, _("The figures are computed again."))
    return redirect(_page_url(scope))


def _export_tables(request, kind, ident, key=None):
    scope, unknown = _visible_scope(request, kind, ident)
    if unknown is not None:
        return None, None, unknown
    form, period = _period(request)
    if period is None:
        return None, None, HttpResponse("; ".join(str(e) for errors in form.errors.values() for e in errors), status=400,
                                        content_type="text/plain; charset=utf-8")
    if key is not None and key not in REGISTRY:
        return None, None, HttpResponse(_("Unknown figure."), status=404, content_type="text/plain; charset=utf-8")
    tables = snapshots.download_tables(scope, period, key)
    log_access(user=request.user, action=Action.EXPORT, record_type="insights", record_id=f"{scope.kind}:{scope.unit or ''}",
               acting_role=",".join(sorted(request.user.role_codes())), detail=f"{key or 'all'} {period.start}–{period.end}", request=request)
    return scope, period, tables


def _filename(scope, period, key, ext):
    name = scope.obj.code if scope.kind == WIJK else (f"team-{scope.obj.pk}" if scope.kind == TEAM else "gemeente")
    return f"eenplan-{name}-{key or 'alle-cijfers'}-{period.start}-{period.end}.{ext}"


@roles_required(*INSIGHT_ROLES)
@require_safe
def export(request, kind, ident=None, key=None, fmt="xlsx"):
    scope, period, tables = _export_tables(request, kind, ident, key)
    if scope is None:
        return tables
    if fmt == "csv":
        response = HttpResponse(to_csv(tables[0]), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            to_xlsx(tables, scope_label=str(scope), period_label=_period_label(period)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{_filename(scope, period, key, fmt)}"'
    return response


# --- vertelpunten --------------------------------------------------------------------------


@roles_required(*CASE_WORKER_ROLES)
def vertelpunt_new(request):
    teams = Team.objects.filter(memberships__user=request.user).distinct()
    if not teams:
        raise PermissionDenied(_("You can only write a vertelpunt for a team you belong to."))
    form = VertelpuntForm(request.POST or None, teams=teams)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.vertelpunt_create(team=data["team"], theme=data["theme"], tone=data["tone"], text=data["text"], wijk=data["wijk"],
                                       by=request.user)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Thank you. Your vertelpunt is on the team page, without your name."))
            return redirect("insights:team", ident=data["team"].pk)
    mine = Vertelpunt.objects.filter(written_by=request.user, withdrawn_at__isnull=True).select_related("theme", "team")[:20]
    return render(request, "insights/vertelpunt_form.html", {"form": form, "mine": mine}, status=400 if form.errors else 200)


@roles_required(*CASE_WORKER_ROLES)
@require_POST
def vertelpunt_withdraw(request, pk):
    note = get_object_or_404(Vertelpunt, pk=pk)
    services.vertelpunt_withdraw(note=note, by=request.user)
    messages.success(request, _("Your vertelpunt was withdrawn."))
    return redirect("insights:vertelpunt_new")
