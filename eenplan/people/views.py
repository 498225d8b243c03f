from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eenplan.access import policy
from eenplan.access.audit import log_access
from eenplan.access.decorators import roles_required
from eenplan.access.models import Action, Outcome
from eenplan.accounts.models import RoleCode
from eenplan.cases.models import Phase, PhaseTransition
from eenplan.core.forms import apply_errors, submit_form
from eenplan.core.paging import LimitPage, page_number, page_query

from . import services
from .forms import HouseholdEditForm, HouseholdForm, HouseholdMoveForm, MemberLeaveForm, PersonDetailsForm, PersonForm, SearchForm
from .models import Household, HouseholdMember, Person
from .selectors import MAX_RESULTS, PersonQuery, search_people


@roles_required(*policy.SEARCH_ROLES)
def search(request):
    if policy.sees_only_known_status(request.user):
        return _known_check(request)
    form = SearchForm(request.GET or None)
    results = page = None
    if form.is_bound and form.is_valid():
        query = PersonQuery(**form.cleaned_data)
        if query.is_empty():
            form.add_error(None, _("Fill in at least one field to search."))
        else:
            page = LimitPage(search_people(query, page_number(request)), page_number(request), MAX_RESULTS)
            results = page.object_list
            log_access(
                user=request.user,
                action=Action.SEARCH,
                record_type="people.Person",
                acting_role=",".join(sorted(request.user.role_codes())),
                detail="; ".join(f"{k}={v}" for k, v in form.cleaned_data.items() if v)[:300],
                request=request,
                shown_ids=[p.pk for p in results],
            )
    openable = set()
    if results:
        case_ids = {p.open_case_id for p in results if p.open_case_id}
        openable = set(policy.cases_visible_to(request.user).filter(pk__in=case_ids).values_list("pk", flat=True))
    return render(
        request,
        "people/search.html",
        {
            "form": form,
            "results": results,
            "openable": openable,
            "known_only": False,
            "page": page,
            "page_query": page_query(request),
        },
    )


ADDRESS = ["street", "house_number", "house_number_addition", "postcode", "city"]


def bsn_taken_message(request, person):
    """What a user is told when the BSN they typed belongs to someone already registered:
    the name, with a link to the household, only when they may see that household
    (`policy.household_decision`); otherwise only that the BSN is registered."""
    households = [m.household for m in person.household_memberships.select_related("household")]
    visible = [h for h in households if policy.household_decision(request.user, h)]
    if not visible:
        log_access(user=request.user, action=Action.SEARCH, record_type="people.Person", acting_role=_roles(request.user),
                   detail="BSN typed is already registered; holder not shown", request=request)
        return _("This BSN is already registered.")
    log_access(user=request.user, action=Action.READ, record=person, household_id=visible[0].pk, acting_role="betrokken",
               detail="named as the holder of a BSN typed again", request=request)
    links = format_html_join(", ", '<a class="utrecht-link" href="{}">{}</a>',
                             ((reverse("people:household", args=[h.pk]), h.name) for h in visible))
    return format_html(_("This BSN is already registered for {name}, in {households}."), name=person.full_name,
                       households=links)


def _roles(user) -> str:
    return ",".join(sorted(user.role_codes()))


def _person_errors(request, form, exc):
    if isinstance(exc, services.BsnTaken):
        form.add_error("bsn", bsn_taken_message(request, exc.existing))
    else:
        apply_errors(form, exc)
def _known_check(request):
    """The municipal officer: is this one person known, and which help runs (team, phase)? Nothing else."""
    from .selectors import known_status_matches, parse_full_date
    from .validators import normalise_bsn

    form = SearchForm(request.GET or None)
    answer = None
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        asked = "; ".join(f"{k}={v}" for k, v in d.items() if v)  # before add_error drops a field
        bsn = normalise_bsn(d["bsn"]) if d["bsn"].strip() else ""
        birth_date = parse_full_date(d["birth_date"])
        error = policy.known_check_error(bsn=bsn, name=d["name"], birth_date=birth_date)
        if error:
            form.add_error("bsn" if d["bsn"].strip() else None, error)
        else:
            matches = known_status_matches(bsn=bsn, name=d["name"], birth_date=birth_date)
            answer = {"count": len(matches), "person": matches[0] if len(matches) == 1 else None}
            if answer["person"] is not None and answer["person"].open_case_phase:
                answer["phase"] = Phase(answer["person"].open_case_phase).label
        log_access(
            user=request.user,
            action=Action.SEARCH,
            record_type="people.Person",
            record_id=answer["person"].pk if answer and answer["person"] else "",
            person_id=answer["person"].pk if answer and answer["person"] else None,
            acting_role=RoleCode.MUNICIPAL_OFFICER,
            detail=("known check: " + asked)[:280] + ("" if answer else " (refused: not specific)"),
            outcome=Outcome.ALLOWED if answer else Outcome.REFUSED,
            request=request,
            shown_ids=[answer["person"].pk] if answer and answer["person"] else [],
        )
    return render(request, "people/known_check.html", {"form": form, "answer": answer})


@roles_required(*policy.CASE_WORKER_ROLES)
def household_detail(request, pk):
    household = get_object_or_404(Household.objects.select_related("wijk"), pk=pk)
    if household.merged_into_id:  # merged into another household (people.merging): its records are there now
        kept = household.merged_into
        while kept.merged_into_id:
            kept = kept.merged_into
        policy.require_household(request, kept, detail=f"merged household {household.pk}")
        messages.info(request, _("%(name)s has been merged into this household.") % {"name": household.name})
        return redirect("people:household", pk=kept.pk)
    policy.require_household(request, household)
    from .merge_views import household_duplicates, merges_of_household

    cases = household.cases.select_related("team", "regisseur").prefetch_related(
        Prefetch("transitions", queryset=PhaseTransition.objects.select_related("by"))
    )
    members = services.current_members(household)
    return render(request, "people/household_detail.html", {
        "household": household, "members": members,
        "former_members": services.former_members(household), "addresses": services.address_history(household), "cases": cases,
        "merges": merges_of_household(household, members=members), "may_merge": bool(policy.merge_record_decision(request.user, household)),
        "possible_duplicates": len(household_duplicates(household)),
        "merged_records": list(household.merged_records.prefetch_related("addresses")),
    })


def _registration_matches(request, person_form, household_form):
    from .matching import find_matches, show_matches

    d, h = person_form.cleaned_data, household_form.cleaned_data
    return show_matches(request, find_matches(
        bsn=d.get("bsn") or "", given_names=d.get("given_names") or "", surname_prefix=d.get("surname_prefix") or "",
        surname=d.get("surname") or "", birth_date=d.get("birth_date"), postcode=h.get("postcode") or "",
        house_number=h.get("house_number"), house_number_addition=h.get("house_number_addition") or "",
    ))


def _brp_panel(request, **kwargs):
    from eenplan.brp.panel import BrpPanel

    return BrpPanel(request, **kwargs)


def _join_household(request, matches, person_form, brp):
    """Instead of a second household: add the person (and the residents chosen from the BRP) to the household
    already registered at this address, as offered by the match (people.matching, address level)."""
    wanted = request.POST.get("join_household")
    household = next((m.household for m in matches if m.visible and not m.same_person and str(m.household.pk) == wanted), None)
    if household is None:
        return None
    policy.require_household(request, household, action=Action.UPDATE, detail="join a registered household at registration")
    address = {k: getattr(household, k) for k in ADDRESS}
    try:
        with transaction.atomic():
            data = {k: v for k, v in person_form.cleaned_data.items() if k != "role"}
            person = services.person_create(by=request.user, **data, **address)
            services.household_add_member(household=household, person=person, role=person_form.cleaned_data["role"], by=request.user)
            for extra, role in brp.members_to_register():
                services.household_add_member(household=household, role=role, by=request.user,
                                              person=services.person_create(by=request.user, **extra, **address))
    except ValidationError as exc:
        _person_errors(request, person_form, exc)
        return None
    brp.saved()
    messages.success(request, _("%(name)s has been added to the household.") % {"name": person.full_name})
    return redirect("people:household", pk=household.pk)


@roles_required(*policy.CASE_WORKER_ROLES)
def household_create(request):
    """New household with its first member; the person opening it becomes involved. A household
    that is already registered (same BSN, or same address, surname and birth date) is offered
    instead of making a second one with a second open case."""
    brp = _brp_panel(request, person_prefix="p", household_prefix="hh", with_residents=True)
    if brp.action:  # a BRP lookup or proposal: the page again, with everything typed (eenplan.brp.panel)
        from eenplan.brp.panel import initial_from_post

        p_initial, h_initial, status = brp.run(person_initial=initial_from_post(PersonForm, request.POST, "p"),
                                               household_initial=initial_from_post(HouseholdForm, request.POST, "hh"))
        return render(request, "people/household_form.html", {
            "household_form": HouseholdForm(prefix="hh", initial=h_initial), "person_form": PersonForm(prefix="p", initial=p_initial),
            "brp": brp}, status=status)
    household_form = HouseholdForm(request.POST or None, prefix="hh")
    person_form = PersonForm(request.POST or None, prefix="p")
    if request.method == "POST" and household_form.is_valid() and person_form.is_valid():
        from eenplan.cases.services import case_open

        matches = _registration_matches(request, person_form, household_form)
        team = household_form.cleaned_data["wijk"].teams.first()
        if request.POST.get("join_household") and (joined := _join_household(request, matches, person_form, brp)):
            return joined
        # The same person (BSN, or name and birth date) is never registered twice; a household at the same
        # address only when the professional confirms it is another household.
        if matches and (any(m.same_person for m in matches) or not request.POST.get("confirm_new_household")):
            return render(request, "people/household_form.html", {
                "household_form": household_form, "person_form": person_form, "matches": matches, "brp": brp,
                "may_confirm_new": not any(m.same_person for m in matches)}, status=409)
        if team is None:
            household_form.add_error("wijk", _("No team works in this wijk yet. Ask the functional administrator."))
        else:
            try:
                with transaction.atomic():
                    person_data = {k: v for k, v in person_form.cleaned_data.items() if k != "role"}
                    address = {k: household_form.cleaned_data[k] for k in ADDRESS}
                    person = services.person_create(by=request.user, **person_data, **address)
                    household = services.household_create(
                        by=request.user,
                        name=household_form.cleaned_data["name"],
                        wijk=household_form.cleaned_data["wijk"],
                        members=[(person, person_form.cleaned_data["role"])],
                        **address,
                    )
                    for data, role in brp.members_to_register():  # residents taken over from the BRP proposal
                        services.household_add_member(household=household, role=role, by=request.user,
                                                      person=services.person_create(by=request.user, **data, **address))
                    case_open(household=household, team=team, by=request.user)
            except ValidationError as exc:
                _person_errors(request, person_form, exc)
            else:
                brp.saved()
                messages.success(request, _("Household registered and case opened."))
                return redirect("people:household", pk=household.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "people/household_form.html", {"household_form": household_form, "person_form": person_form,
                                                          "brp": brp}, status=status)


@roles_required(*policy.CASE_WORKER_ROLES)
def member_add(request, pk):
    household = get_object_or_404(Household, pk=pk)
    policy.require_household(request, household, action=Action.UPDATE if request.method == "POST" else Action.READ)
    brp = _brp_panel(request)
    if brp.action:
        from eenplan.brp.panel import initial_from_post

        initial, _h, status = brp.run(person_initial=initial_from_post(PersonForm, request.POST))
        return render(request, "people/member_form.html", {"household": household, "form": PersonForm(initial=initial), "brp": brp},
                      status=status)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "role"}
        address = {k: getattr(household, k) for k in ADDRESS}
        try:
            with transaction.atomic():
                person = services.person_create(by=request.user, **data, **address)
                services.household_add_member(household=household, person=person, role=form.cleaned_data["role"], by=request.user)
        except ValidationError as exc:
            _person_errors(request, form, exc)
        else:
            brp.saved()
            messages.success(request, _("%(name)s has been added to the household.") % {"name": person.full_name})
            return redirect("people:household", pk=household.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "people/member_form.html", {"household": household, "form": form, "brp": brp}, status=status)


def _member(request, pk, member_pk, action):
    household = get_object_or_404(Household.objects.select_related("wijk"), pk=pk)
    member = get_object_or_404(HouseholdMember.objects.select_related("person"), pk=member_pk, household=household)
    policy.require_household(request, household, action=action, record=member.person)
    return household, member


def _member_page(request, household, member, form=None, leave_form=None, status=200, brp=None):
    from eenplan.brp.services import Purpose

    from .matching import show_matches
    from .merge_views import merges_of_household, person_duplicates, person_merge_url

    person = member.person
    form = form or PersonDetailsForm(instance=person, initial={"role": member.role})
    leave_form = leave_form or MemberLeaveForm(initial={"until": timezone.localdate()})
    brp = brp or _brp_panel(request, purpose=Purpose.CORRECTION)
    duplicates = []
    if policy.merge_record_decision(request.user, person):  # "this is the same person — merge" (ADR 0113)
        matches = show_matches(request, person_duplicates(person), context="possible duplicates of a person")
        duplicates = [(m, person_merge_url(person, m.person)) for m in matches if m.visible or m.household is None]
    return render(request, "people/member_edit.html",
                  {"household": household, "member": member, "form": form, "leave_form": leave_form, "brp": brp,
                   "candidates": duplicates, "merges": merges_of_household(household, person=person)}, status=status)


@roles_required(*policy.CASE_WORKER_ROLES)
def member_edit(request, pk, member_pk):
    """Correct a member's details (names, birth date, BSN, phone, e-mail) and role."""
    household, member = _member(request, pk, member_pk, Action.UPDATE if request.method == "POST" else Action.READ)
    if request.method != "POST":
        return _member_page(request, household, member)
    person = member.person
    brp = _brp_panel(request)
    if brp.action:
        from eenplan.brp.panel import initial_from_post

        initial, _h, status = brp.run(person_initial=initial_from_post(PersonDetailsForm, request.POST))
        form = PersonDetailsForm(instance=Person.objects.get(pk=person.pk), initial=initial)
        return _member_page(request, household, member, form=form, status=status, brp=brp)
    form = PersonDetailsForm(request.POST, instance=Person.objects.get(pk=person.pk), initial={"role": member.role})
    if form.is_valid():
        data = {k: form.cleaned_data[k] for k in services.PERSON_FIELDS}
        try:
            with transaction.atomic():
                services.person_update(person=person, by=request.user, household=household, **data)
                services.member_set_role(member=member, role=form.cleaned_data["role"], by=request.user)
        except ValidationError as exc:
            _person_errors(request, form, exc)
        else:
            brp.saved()
            messages.success(request, _("The details of %(name)s are saved.") % {"name": Person.objects.get(pk=person.pk).full_name})
            return redirect("people:household", pk=household.pk)
    return _member_page(request, household, member, form=form, status=400)


@roles_required(*policy.CASE_WORKER_ROLES)
@require_POST
def member_leave(request, pk, member_pk):
    household, member = _member(request, pk, member_pk, Action.UPDATE)
    form = MemberLeaveForm(request.POST)
    ok = submit_form(form, lambda d: services.member_leave(member=member, until=d["until"], reason=d["reason"], by=request.user))
    if ok:
        messages.success(request, _("%(name)s has left the household; the membership stays in the history.")
                         % {"name": member.person.full_name})
        return redirect("people:household", pk=household.pk)
    return _member_page(request, household, member, leave_form=form, status=400)


@roles_required(*policy.CASE_WORKER_ROLES)
def household_edit(request, pk):
    """The household's name and wijk."""
    household = get_object_or_404(Household.objects.select_related("wijk"), pk=pk)
    policy.require_household(request, household, action=Action.UPDATE if request.method == "POST" else Action.READ)
    form = HouseholdEditForm(request.POST or None, instance=Household.objects.get(pk=household.pk))
    if request.method == "POST":
        if submit_form(form, lambda d: services.household_update(household=household, by=request.user, name=d["name"], wijk=d["wijk"])):
            messages.success(request, _("Household saved."))
            return redirect("people:household", pk=household.pk)
        return render(request, "people/household_edit.html", {"household": household, "form": form}, status=400)
    return render(request, "people/household_edit.html", {"household": household, "form": form})


@roles_required(*policy.CASE_WORKER_ROLES)
def household_move(request, pk):
    """A new address: a move (the earlier address is kept with its dates) or a correction."""
    household = get_object_or_404(Household.objects.select_related("wijk"), pk=pk)
    policy.require_household(request, household, action=Action.UPDATE if request.method == "POST" else Action.READ)
    form = HouseholdMoveForm(request.POST or None, initial={"wijk": household.wijk_id, "city": household.city})
    if request.method == "POST":
        if submit_form(form, lambda d: services.household_move(
            household=household, by=request.user, moved_on=d["moved_on"], change=d["change"], wijk=d["wijk"],
            **{k: d[k] for k in ADDRESS},
        )):
            messages.success(request, _("New address saved; the earlier address is kept in the history."))
            return redirect("people:household", pk=household.pk)
        status = 400
    else:
        status = 200
    return render(request, "people/household_move.html", {
        "household": household, "form": form, "addresses": services.address_history(household),
    }, status=status)


@roles_required(*policy.CASE_WORKER_ROLES)
def case_open_for_household(request, pk):
    """Open a new case; a second open case is refused with a link to the open one."""
    from eenplan.cases.services import CaseAlreadyOpen, case_open

    household = get_object_or_404(Household.objects.select_related("wijk"), pk=pk)
    if request.method != "POST":
        return redirect("people:household", pk=pk)
    # Opening makes the opener involved: the policy asks for involvement, a routed signal or a reason.
    policy.require_case_open(request, household, reason=request.POST.get("reason", ""))
    team = household.wijk.teams.first()
    try:
        case = case_open(household=household, team=team, by=request.user, question=request.POST.get("question", ""))
    except CaseAlreadyOpen as exc:
        return render(request, "people/case_already_open.html", {"household": household, "existing": exc.existing}, status=409)
    messages.success(request, _("Case opened."))
    return redirect("cases:detail", pk=case.pk)




@roles_required(*policy.PERSON_IMPORT_ROLES)
def persons_import(request):
    """Upload a CSV of persons (a BRP extract's columns): dry run, report, then "Importeren" (docs/import.md)."""
    from eenplan.core.importview import import_page

    from .importing import COLUMNS, PAGE_MAX_ROWS
    from .importing import persons_import as service

    return import_page(
        request, service=service, template="core/import.html", salt="people.import", max_rows=PAGE_MAX_ROWS,
        service_kwargs={"allowed_wijk_ids": policy.person_import_wijk_ids(request.user)},
        context={"title": _("Import persons and households"), "columns": COLUMNS, "where_label": _("Household"),
                 "intro": _("Register persons and households from a file in the columns of a BRP extract, in the wijken of "
                            "the teams you lead. A person already registered (same BSN) is not added again; a probable "
                            "duplicate (same name and birth date) is reported, not created. No case is opened.")},
    )
