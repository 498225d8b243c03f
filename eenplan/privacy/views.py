"""The privacy officer's pages and the public informatieprotocol."""

import csv
import io

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eenplan.access import policy
from eenplan.access.audit import log_access
from eenplan.access.decorators import public, roles_required
from eenplan.access.models import Action
from eenplan.accounts.models import Role, RoleCode
from eenplan.core.forms import apply_errors
from eenplan.core.paging import page_query, paged
from eenplan.people.models import HouseholdMember, Person

from . import exports, selectors, services
from .forms import ErasureForm, PeriodForm, PersonSearchForm, ReviewForm
from .models import RemovalRecord

PAGE_SIZE = 50
REPORT_ROWS = 25
UNUSUAL_DEFAULT_DAYS = 30


def _log_read_of_log(request, *, detail, action=Action.SEARCH, household_id=None, person_id=None, case_id=None):
    # Reading the log is itself logged, with the client looked for: the review shows the reviews.
    log_access(user=request.user, action=action, record_type="access log", acting_role=RoleCode.PRIVACY_OFFICER,
               household_id=household_id, person_id=person_id, case_id=case_id, detail=detail, request=request)


def _csv_response(rows, filename: str) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow(row)
    response = HttpResponse(("\ufeff" + out.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _entry_cells(e) -> list:
    return [timezone.localtime(e.at).strftime("%d-%m-%Y %H:%M:%S"), e.username, e.acting_role_display, e.get_action_display(),
            e.get_outcome_display(), e.record_type_display, e.record_id, e.person_id or "", e.household_id or "", e.case_id or "",
            e.reason, e.detail, e.path, e.ip_address or ""]


def _entry_header() -> list:
    return [_("When"), _("User"), _("Acting as"), _("Action"), _("Outcome"), _("Kind of record"), _("Record"), _("Person"),
            _("Household"), _("Case"), _("Reason"), _("Detail"), _("Page"), _("IP address")]


@roles_required(*policy.PRIVACY_ROLES)
def home(request):
    return render(request, "privacy/home.html", {"records": RemovalRecord.objects.select_related("by")[:10]})


@roles_required(*policy.PRIVACY_ROLES)
def review(request):
    """Who looked at (or was refused) a household, a person or a case, in a period."""
    form = ReviewForm(request.GET or None)
    context = {"form": form, "searched": False}
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        household = person = None
        if d["household"]:
            found = selectors.find_households(d["household"])
            if len(found) == 1:
                household = found[0]
            else:
                context["household_choices"] = found
                form.add_error("household", _("No household found.") if not found else _("More than one household found: choose one below."))
        if d["person"]:
            found = selectors.find_people(d["person"])
            if len(found) == 1:
                person = found[0]
            else:
                context["person_choices"] = found
                form.add_error("person", _("No person found.") if not found else _("More than one person found: choose one below."))
        if not form.errors:
            date_from, date_until = form.period()
            entries = selectors.review_entries(
                household_id=household.pk if household else None, person_id=person.pk if person else None,
                case_id=d["case_id"], username=d["username"], outcome=d["outcome"], action=d["action"],
                date_from=date_from, date_until=date_until,
            )
            ids = {"household_id": household.pk if household else None, "person_id": person.pk if person else None,
                   "case_id": d["case_id"]}
            # The lines are read before this look is logged, so the answer does not show the question.
            if request.GET.get("format") == "csv":
                rows = [_entry_header()] + [_entry_cells(e) for e in entries.iterator()]
                _log_read_of_log(request, action=Action.EXPORT, detail="access review CSV " + request.GET.urlencode(), **ids)
                return _csv_response(rows, "toegang.csv")
            page = paged(request, entries, PAGE_SIZE)
            page.object_list = list(page.object_list)
            _log_read_of_log(request, detail="access review " + request.GET.urlencode(), **ids)
            context.update(searched=True, household=household, person=person, query=page_query(request), page=page)
    return render(request, "privacy/review.html", context)


@roles_required(*policy.PRIVACY_ROLES)
def unusual(request):
    """Reads outside one's caseload, reason grants per lead, bulk reads, access outside working hours."""
    form = PeriodForm(request.GET or None)
    date_from, date_until = form.period(default_days=UNUSUAL_DEFAULT_DAYS)
    if not form.is_bound:
        form = PeriodForm(initial={"date_from": date_from, "date_until": date_until})
    outside_caseload = selectors.reads_outside_caseload(date_from, date_until)
    off_hours = selectors.outside_working_hours(date_from, date_until)
    bulk = selectors.bulk_reads(date_from, date_until)
    grants = selectors.grants_per_lead(date_from, date_until)
    refused = list(selectors.refusals(date_from, date_until)[:REPORT_ROWS])
    if request.GET.get("format") == "csv":
        _log_read_of_log(request, action=Action.EXPORT, detail="unusual access CSV " + request.GET.urlencode())
        rows = [[_("Section")] + _entry_header()]
        rows += [[_("Read outside caseload")] + _entry_cells(e) for e in outside_caseload.iterator()]
        rows += [[_("Outside working hours")] + _entry_cells(e) for e in off_hours.iterator()]
        rows += [[_("Reason grant"), timezone.localtime(g.granted_at).strftime("%d-%m-%Y %H:%M:%S"), row["user"].username,
                  RoleCode.TEAM_LEAD.label, Action.BREAK_GLASS.label, "", "cases.Case", g.case_id, "", g.case.household_id,
                  g.case_id, g.reason, "", "", ""] for row in grants for g in row["grants"]]
        rows += [[_("Bulk read"), timezone.localtime(b.hour).strftime("%d-%m-%Y %H:00"), b.username, "", Action.READ.label, "", "",
                  _("%(clients)s clients, %(reads)s reads") % {"clients": b.clients, "reads": b.reads}, "", "", "", "", "", "", ""]
                 for b in bulk]
        return _csv_response(rows, "ongebruikelijke-toegang.csv")
    _log_read_of_log(request, detail="unusual access " + request.GET.urlencode())
    start, end = settings.PRIVACY_WORKING_HOURS
    return render(request, "privacy/unusual.html", {
        "form": form, "date_from": date_from, "date_until": date_until,
        "outside_caseload": outside_caseload[:REPORT_ROWS], "outside_caseload_count": outside_caseload.count(),
        "off_hours": off_hours[:REPORT_ROWS], "off_hours_count": off_hours.count(), "hours": f"{start:02d}:00–{end:02d}:00",
        "bulk": bulk, "bulk_threshold": settings.PRIVACY_BULK_READ_THRESHOLD, "grants": grants, "refused": refused,
        "query": request.GET.urlencode(), "report_rows": REPORT_ROWS,
    })


# --- the resident's rights --------------------------------------------------------------------


@roles_required(*policy.PRIVACY_ROLES)
def people(request):
    form = PersonSearchForm(request.GET or None)
    found = None
    if form.is_bound and form.is_valid():
        found = selectors.find_people(form.cleaned_data["q"])
        log_access(user=request.user, action=Action.SEARCH, record_type="people.Person", acting_role=RoleCode.PRIVACY_OFFICER,
                   detail=f"AVG request lookup: {len(found)} found", shown_ids=[p.pk for p in found], request=request)
    return render(request, "privacy/people.html", {"form": form, "found": found})


def _person_for_rights(request, pk, *, action, detail):
    person = get_object_or_404(Person, pk=pk)
    log_access(user=request.user, action=action, record=person, acting_role=RoleCode.PRIVACY_OFFICER, detail=detail, request=request)
    return person


@roles_required(*policy.PRIVACY_ROLES)
def person(request, pk):
    person = _person_for_rights(request, pk, action=Action.READ, detail="AVG request: person overview")
    return _person_page(request, person, ErasureForm())


def _person_page(request, person, form, *, preview=None):
    memberships = HouseholdMember.objects.filter(person=person).select_related("household")
    households = [m.household for m in memberships]
    cases = [
        {"case": c, "until": services.retention_until(c)}
        for c in person_cases(households)
    ]
    return render(request, "privacy/person.html", {
        "person": person, "households": households, "cases": cases, "form": form, "preview": preview,
        "blockers": services.erasure_blockers(person, today=timezone.localdate()),
    })


def person_cases(households):
    from eenplan.cases.models import Case

    return Case.objects.filter(household__in=households).select_related("team", "household").order_by("opened_at")


@roles_required(*policy.PRIVACY_ROLES)
def export_pdf(request, pk):
    person = _person_for_rights(request, pk, action=Action.EXPORT, detail="AVG art. 15 export (PDF)")
    data = exports.person_export(person)
    response = HttpResponse(exports.export_pdf(data, request=request), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="inzage-{person.pk}.pdf"'
    return response


@roles_required(*policy.PRIVACY_ROLES)
def export_json(request, pk):
    person = _person_for_rights(request, pk, action=Action.EXPORT, detail="AVG art. 15 export (JSON)")
    response = HttpResponse(exports.export_json(exports.person_export(person)), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inzage-{person.pk}.json"'
    return response


@require_POST
@roles_required(*policy.PRIVACY_ROLES)
def erase(request, pk):
    """Erasure on request (art. 17): first a preview of what goes, then the confirmed removal — or the refusal."""
    person = get_object_or_404(Person, pk=pk)
    form = ErasureForm(request.POST)
    if not form.is_valid():
        return _person_page(request, person, form)
    confirm = request.POST.get("confirm") == "1"
    try:
        result = services.erasure_request(person=person, by=request.user, reason=form.cleaned_data["reason"],
                                          today=timezone.localdate(), confirm=confirm, request=request)
    except ValidationError as exc:
        apply_errors(form, exc)
        return _person_page(request, person, form)
    if result.erased:
        messages.success(request, _("The records about this person are removed. The removal is recorded (number %(n)s).")
                         % {"n": result.record.pk})
        return redirect("privacy:people")
    if result.blockers and confirm:
        messages.error(request, _("Erasure refused: a legal duty keeps these records. The refusal is recorded."))
        return redirect("privacy:person", pk=person.pk)
    return _person_page(request, person, form, preview=result)


@roles_required(*policy.PRIVACY_ROLES)
def retention(request):
    """What the retention job would remove today (a dry run), and the periods it uses."""
    report = services.retention_run(today=timezone.localdate(), dry_run=True)
    log_access(user=request.user, action=Action.READ, record_type="retention report", acting_role=RoleCode.PRIVACY_OFFICER,
               detail=f"dry run: {len(report.cases)} cases", request=request)
    return render(request, "privacy/retention.html", {
        "report": report, "years": settings.RETENTION_YEARS, "signal_years": settings.RETENTION_YEARS_SIGNAL,
        "log_years": settings.RETENTION_YEARS_ACCESS_LOG, "records": RemovalRecord.objects.select_related("by")[:20],
    })


# --- public ------------------------------------------------------------------------------------


@public
def protocol(request):
    """The informatieprotocol: who may see what, made from the access policy and the roles configured here."""
    codes = [code for code in RoleCode.values if code in set(Role.objects.values_list("code", flat=True))]
    return render(request, "privacy/protocol.html", {
        "rows": policy.protocol_rows(codes), "grant_hours": policy.GRANT_HOURS,
        "years": settings.RETENTION_YEARS, "signal_years": settings.RETENTION_YEARS_SIGNAL,
        "log_years": settings.RETENTION_YEARS_ACCESS_LOG, "contact": settings.PRIVACY_OFFICER_CONTACT,
        "session_minutes": settings.SESSION_COOKIE_AGE // 60,
    })

