"""Sociale kaart and partner pages.

The sociale kaart is not personal data: every case-worker role may search it (and the
functional administrator, who manages it in the admin). Case pages pass
`policy.require_case` (allowed or refused, always logged); state changes go through `services`.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eenplan.access import policy
from eenplan.access.audit import log_access
from eenplan.access.decorators import roles_required
from eenplan.access.models import Action
from eenplan.accounts.models import RoleCode
from eenplan.cases.selectors import case_for_page
from eenplan.core.forms import post_case_form
from eenplan.core.forms import submit_form as _submit
from eenplan.core.paging import page_query, paged
from eenplan.organisation.models import Team

from . import selectors, services
from .forms import (
    AgreementForm,
    CopyActionForm,
    DiscussionForm,
    PartnerForm,
    PartnerOverviewForm,
    RequestStatusForm,
    SearchForm,
    SharingBasisForm,
    SharingEndForm,
    TailoredRequestForm,
)
from .models import (
    Agreement,
    CasePartner,
    DataCategory,
    DiscussionAction,
    Organisation,
    SharingBasis,
    SharingPurpose,
    TailoredProvisionRequest,
)

CASE_ROLES = policy.CASE_WORKER_ROLES
MAP_ROLES = CASE_ROLES + (RoleCode.FUNCTIONAL_ADMIN,)
RESULT_LIMIT = 100

# --- the sociale kaart ---------------------------------------------------------------------


def _search(request):
    form = SearchForm(request.GET or None)
    results, total = [], 0
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        qs = selectors.provisions_search(q=d["q"], domain=d["domain"], wijk=d["wijk"], type=d["type"] or None)
    else:
        qs = selectors.provisions_search()
    results = list(qs[:RESULT_LIMIT])
    total = len(results)
    select = request.GET.get("select", "")
    return form, {"results": results, "total": total, "limit": RESULT_LIMIT, "select": select if select.isidentifier() else ""}


@roles_required(*MAP_ROLES)
def search(request):
    """Search the sociale kaart by text, life domain, wijk and type."""
    form, data = _search(request)
    template = "socialmap/_results.html" if request.htmx else "socialmap/search.html"
    return render(request, template, {"form": form, "municipality": settings.MUNICIPALITY_NAME, **data})


@roles_required(*MAP_ROLES)
def search_results(request):
    """The results list alone, for htmx (the plan's provision picker embeds it; `?select=<field>`
    renders a radio button per provision with that name)."""
    form, data = _search(request)
    return render(request, "socialmap/_results.html", {"form": form, **data})


# --- the case's partners page --------------------------------------------------------------


def _case(pk):
    return case_for_page(pk)


def _case_page(request, case, status=200, status_bound=None, copy_bound=None, **bound):
    data = selectors.case_partners(case)
    copy_available = services.plan_action_service() is not None
    goals = services.plan_goals(case) if copy_available else []
    for d in data["discussions"]:
        for a in d.actions.all():
            if copy_bound and copy_bound[0] == a.pk:
                a.copy_form = copy_bound[1]
            elif not a.copied_at:
                a.copy_form = CopyActionForm(goals=goals, action=a)
    for r in data["requests"]:
        if status_bound and status_bound[0] == r.pk:
            r.status_form = status_bound[1]
        else:
            r.status_form = RequestStatusForm(prefix=f"status-{r.pk}")
    forms = {
        "partner_form": PartnerForm(case=case),
        "sharing_form": SharingBasisForm(case=case, initial={"kind": "toestemming"}),
        "agreement_form": AgreementForm(case=case),
        "request_form": TailoredRequestForm(case=case),
        "end_form": SharingEndForm(),
        "copy_available": copy_available,
        "plan_goals": goals,
    }
    forms.update(bound)
    return render(request, "socialmap/case.html", {"case": case, "purposes": SharingPurpose.choices, **data, **forms}, status=status)


@roles_required(*CASE_ROLES)
def case(request, pk):
    case = _case(pk)
    policy.require_case(request, case, detail="partners and provisions")
    return _case_page(request, case)




def _case_post(request, pk, form_key, make_form, apply, success, detail):
    case = _case(pk)
    policy.require_case(request, case, action=Action.UPDATE, detail=detail)
    return post_case_form(
        request, make_form(case), lambda d: apply(case, d), success=success,
        then=reverse("socialmap:case", args=[case.pk]),
        page=lambda form: _case_page(request, case, status=400, **{form_key: form}),
    )


def _case_item_done(request, pk, model, item_pk, detail, apply, done_message):
    """A one-click change to one of the case's records (no form): check, apply, report, back to the tab."""
    case = _case(pk)
    policy.require_case(request, case, action=Action.UPDATE, detail=detail)
    item = get_object_or_404(model, pk=item_pk, case=case)
    try:
        apply(item)
        messages.success(request, done_message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("socialmap:case", pk=case.pk)


@roles_required(*CASE_ROLES)
@require_POST
def partner_add(request, pk):
    return _case_post(
        request, pk, "partner_form", lambda case: PartnerForm(request.POST),
        lambda case, d: services.case_partner_add(case=case, organisation=d["organisation"], role=d["role"], contact_name=d["contact_name"],
                                                  contact_details=d["contact_details"], by=request.user),
        _("Partner added."), "add partner",
    )


@roles_required(*CASE_ROLES)
@require_POST
def partner_end(request, pk, partner_pk):
    return _case_item_done(
        request, pk, CasePartner, partner_pk, "partner no longer involved",
        lambda partner: services.case_partner_end(partner=partner, by=request.user),
        _("The partner is no longer involved."),
    )


@roles_required(*CASE_ROLES)
@require_POST
def sharing_add(request, pk):
    return _case_post(
        request, pk, "sharing_form", lambda case: SharingBasisForm(request.POST, case=case),
        lambda case, d: services.sharing_basis_record(
            case=case, organisation=d["organisation"], kind=d["kind"], purpose=d["purpose"], necessity=d["necessity"],
            categories=d["categories"], legal_task=d["legal_task"], valid_from=d["valid_from"], valid_until=d["valid_until"],
            consent_by=d["consent_by"], consent_form=d["consent_form"], reason=d["reason"], by=request.user,
        ),
        _("The basis for sharing is recorded."), "record sharing basis",
    )


@roles_required(*CASE_ROLES)
@require_POST
def sharing_end(request, pk, basis_pk):
    case = _case(pk)
    policy.require_case(request, case, action=Action.UPDATE, detail="end sharing basis")
    basis = get_object_or_404(SharingBasis, pk=basis_pk, case=case)
    form = SharingEndForm(request.POST)
    if _submit(form, lambda d: services.sharing_basis_end(basis=basis, ended_on=d["ended_on"], note=d["note"], by=request.user)):
        messages.success(request, _("Recorded: from this date nothing is shared on this basis."))
        return redirect("socialmap:case", pk=case.pk)
    for errors in form.errors.values():
        for e in errors:
            messages.error(request, e)
    return redirect("socialmap:case", pk=case.pk)


@roles_required(*CASE_ROLES)
@require_POST
def agreement_add(request, pk):
    return _case_post(
        request, pk, "agreement_form", lambda case: AgreementForm(request.POST, case=case),
        lambda case, d: services.agreement_add(case=case, partner=d["partner"], description=d["description"], owner=d["owner"],
                                               due_on=d["due_on"], by=request.user),
        _("Agreement recorded."), "add agreement",
    )


@roles_required(*CASE_ROLES)
@require_POST
def agreement_done(request, pk, agreement_pk):
    return _case_item_done(
        request, pk, Agreement, agreement_pk, "agreement done",
        lambda agreement: services.agreement_done(agreement=agreement, by=request.user),
        _("Agreement marked as done."),
    )


@roles_required(*CASE_ROLES)
@require_POST
def request_add(request, pk):
    return _case_post(
        request, pk, "request_form", lambda case: TailoredRequestForm(request.POST, case=case),
        lambda case, d: services.tailored_request_add(case=case, provision=d["provision"], law=d["law"], person=d["person"],
                                                      motivation=d["motivation"], requested_on=d["requested_on"], by=request.user),
        _("Request for a tailored provision recorded."), "request tailored provision",
    )


@roles_required(*CASE_ROLES)
@require_POST
def request_status(request, pk, request_pk):
    case = _case(pk)
    policy.require_case(request, case, action=Action.UPDATE, detail="tailored provision status")
    req = get_object_or_404(TailoredProvisionRequest, pk=request_pk, case=case)
    form = RequestStatusForm(request.POST, prefix=f"status-{req.pk}")
    if _submit(form, lambda d: services.tailored_request_set_status(request=req, status=d["status"], on=d["on"], note=d["note"], by=request.user)):
        messages.success(request, _("Status recorded."))
        return redirect("socialmap:case", pk=case.pk)
    return _case_page(request, case, status=400, status_bound=(req.pk, form))


# --- partner overview (what a partner contact may be shown) -------------------------------


@roles_required(*CASE_ROLES)
def partner_overview(request, pk, org_pk):
    """A printable page for one partner: only the categories a valid basis covers on the date."""
    case = _case(pk)
    organisation = get_object_or_404(Organisation, pk=org_pk)
    form = PartnerOverviewForm(request.GET or None)
    purpose, on = None, timezone.localdate()
    if form.is_bound and form.is_valid():
        purpose = form.cleaned_data["purpose"] or None
        on = form.cleaned_data["on"] or on
    # Checked and logged before anything of the case is read for the overview.
    decision = policy.require_case(request, case, detail=f"partner overview for {organisation.name}"[:300])
    data = selectors.partner_overview(case, organisation, purpose=purpose, on=on)
    log_access(
        user=request.user, action=Action.PRINT, record=case, detail=(
            f"partner overview for {organisation.name}: " + (",".join(sorted(data["decision"].categories)) or "nothing (no valid basis)")
        )[:300], request=request, acting_role=decision.basis, reason=str(SharingPurpose(purpose).label) if purpose else "",
    )
    return render(request, "socialmap/partner_overview.html", {
        "case": case, "organisation": organisation, "form": form, "on": on, "purpose": purpose, "categories": DataCategory, **data,
    })


# --- case discussions ----------------------------------------------------------------------


@roles_required(*CASE_ROLES)
def discussion_new(request, pk):
    """Record a discussion about this case (not anonymous: the case is linked)."""
    case = _case(pk)
    action = Action.UPDATE if request.method == "POST" else Action.READ
    policy.require_case(request, case, action=action, detail="case discussion")
    form = DiscussionForm(request.POST or None, team=case.team, anonymous=False)
    if request.method == "POST":
        ok = _submit(form, lambda d: services.discussion_record(
            team=case.team, case=case, kind=d["kind"], held_on=d["held_on"], question=d["question"], advice=d["advice"],
            decisions=d["decisions"], household_present=d["household_present"], colleagues=d["colleagues"],
            partners=form.partners(), actions=form.actions(), by=request.user,
        ))
        if ok:
            messages.success(request, _("Case discussion recorded."))
            return redirect("socialmap:case", pk=case.pk)
    return render(request, "socialmap/discussion_form.html", {"case": case, "form": form, "anonymous": False},
                  status=400 if request.method == "POST" else 200)


@roles_required(*CASE_ROLES)
@require_POST
def discussion_action_copy(request, pk, action_pk):
    case = _case(pk)
    policy.require_case(request, case, action=Action.UPDATE, detail="copy discussion action into the plan")
    action = get_object_or_404(DiscussionAction, pk=action_pk, discussion__case=case)
    goals = services.plan_goals(case)
    form = CopyActionForm(request.POST, goals=goals, action=action)
    keys = {str(k): k for k, _t in goals}
    if _submit(form, lambda d: services.discussion_action_copy_to_plan(
        action=action, goal_key=keys.get(d["goal"]), owner_kind=d["owner_kind"], due_on=d["due_on"], by=request.user,
    )):
        messages.success(request, _("The action is now in the plan."))
        return redirect("socialmap:case", pk=case.pk)
    return _case_page(request, case, status=400, copy_bound=(action.pk, form))


def _teams(user):
    return list(Team.objects.filter(pk__in=policy.member_team_ids(user)).order_by("name"))


DISCUSSIONS_PAGE_SIZE = 20


@roles_required(*policy.CASE_DISCUSSION_ROLES)
def discussions(request):
    """The team's discussions: anonymous ones in full, case-bound ones only for cases the user may open."""
    teams = _teams(request.user)
    page = paged(request, selectors.team_discussions([t.pk for t in teams], request.user), DISCUSSIONS_PAGE_SIZE)
    items = list(page.object_list)
    log_access(user=request.user, action=Action.READ, record_type="case discussions", detail=f"{len(items)} discussions",
               acting_role=",".join(sorted(request.user.role_codes())), request=request,
               shown_ids=[d.pk for d in items])
    return render(request, "socialmap/discussions.html",
                  {"discussions": items, "teams": teams, "page": page, "page_query": page_query(request)})


@roles_required(*policy.CASE_DISCUSSION_ROLES)
def discussion_anonymous(request):
    """Record an anonymous discussion: no case, no names."""
    teams = _teams(request.user)
    if not teams:
        raise PermissionDenied(_("You are not in a team; an anonymous discussion is recorded for a team."))
    team = teams[0]
    form = DiscussionForm(request.POST or None, team=team, anonymous=True)
    if request.method == "POST":
        ok = _submit(form, lambda d: services.discussion_record(
            team=team, anonymous=True, kind=d["kind"], held_on=d["held_on"], question=d["question"], advice=d["advice"],
            decisions=d["decisions"], colleagues=d["colleagues"], partners=form.partners(), actions=form.actions(), by=request.user,
        ))
        if ok:
            messages.success(request, _("Anonymous case discussion recorded."))
            return redirect("socialmap:discussions")
    return render(request, "socialmap/discussion_form.html", {"case": None, "form": form, "anonymous": True, "team": team},
                  status=400 if request.method == "POST" else 200)


@roles_required(*policy.PROVISION_IMPORT_ROLES)
def provisions_import(request):
    """Upload a CSV of provisions for the sociale kaart: dry run, report, then "Importeren" (docs/import.md)."""
    from eenplan.core.importview import import_page

    from .importing import COLUMNS, PAGE_MAX_ROWS
    from .importing import provisions_import as service

    return import_page(
        request, service=service, template="core/import.html", salt="socialmap.import", max_rows=PAGE_MAX_ROWS,
        service_kwargs={},
        context={"title": _("Import provisions for the sociale kaart"), "columns": COLUMNS, "where_label": _("Organisation"),
                 "intro": _("Add or update provisions from a file. A provision is recognised by its organisation and its "
                            "name: a known one is updated with the file's filled-in cells, a new one is added.")},
    )
