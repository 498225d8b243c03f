from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from eenplan.access import policy
from eenplan.access.audit import log_access
from eenplan.access.decorators import roles_required
from eenplan.access.models import Action
from eenplan.cases.models import PhaseTransition

from . import services
from .forms import HouseholdForm, PersonForm, SearchForm
from .models import Household
from .selectors import PersonQuery, search_people


@roles_required(*policy.SEARCH_ROLES)
def search(request):
    form = SearchForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        query = PersonQuery(**form.cleaned_data)
        if query.is_empty():
            form.add_error(None, _("Fill in at least one field to search."))
        else:
            results = list(search_people(query))
            log_access(
                user=request.user,
                action=Action.SEARCH,
                record_type="people.Person",
                acting_role=",".join(sorted(request.user.role_codes())),
                detail="; ".join(f"{k}={v}" for k, v in form.cleaned_data.items() if v)[:300],
                request=request,
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
            "known_only": policy.sees_only_known_status(request.user),
        },
    )


@roles_required(*policy.CASE_WORKER_ROLES)
def household_detail(request, pk):
    household = get_object_or_404(Household.objects.select_related("wijk"), pk=pk)
    policy.require_household(request, household)
    members = household.members.select_related("person")
    cases = household.cases.select_related("team", "regisseur").prefetch_related(
        Prefetch("transitions", queryset=PhaseTransition.objects.select_related("by"))
    )
    return render(request, "people/household_detail.html", {"household": household, "members": members, "cases": cases})


@roles_required(*policy.CASE_WORKER_ROLES)
def household_create(request):
    """New household with its first member; the person opening it becomes involved."""
    household_form = HouseholdForm(request.POST or None, prefix="hh")
    person_form = PersonForm(request.POST or None, prefix="p")
    if request.method == "POST" and household_form.is_valid() and person_form.is_valid():
        from eenplan.cases.services import case_open

        team = household_form.cleaned_data["wijk"].teams.first()
        if team is None:
            household_form.add_error("wijk", _("No team works in this wijk yet. Ask the functional administrator."))
        else:
            try:
                with transaction.atomic():
                    person_data = {k: v for k, v in person_form.cleaned_data.items() if k != "role"}
                    address = {k: household_form.cleaned_data[k] for k in ["street", "house_number", "house_number_addition", "postcode", "city"]}
                    person = services.person_create(by=request.user, **person_data, **address)
                    household = services.household_create(
                        by=request.user,
                        name=household_form.cleaned_data["name"],
                        wijk=household_form.cleaned_data["wijk"],
                        members=[(person, person_form.cleaned_data["role"])],
                        **address,
                    )
                    case_open(household=household, team=team, by=request.user)
            except ValidationError as exc:
                person_form.add_error(None, exc)
            else:
                messages.success(request, _("Household registered and case opened."))
                return redirect("people:household", pk=household.pk)
    return render(request, "people/household_form.html", {"household_form": household_form, "person_form": person_form})


@roles_required(*policy.CASE_WORKER_ROLES)
def member_add(request, pk):
    household = get_object_or_404(Household, pk=pk)
    policy.require_household(request, household, action=Action.UPDATE)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "role"}
        address = {k: getattr(household, k) for k in ["street", "house_number", "house_number_addition", "postcode", "city"]}
        try:
            with transaction.atomic():
                person = services.person_create(by=request.user, **data, **address)
                services.household_add_member(household=household, person=person, role=form.cleaned_data["role"], by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("%(name)s has been added to the household.") % {"name": person.full_name})
            return redirect("people:household", pk=household.pk)
    return render(request, "people/member_form.html", {"household": household, "form": form})


@roles_required(*policy.CASE_WORKER_ROLES)
def case_open_for_household(request, pk):
    """Open a new case; a second open case is refused with a link to the open one."""
    from eenplan.cases.services import CaseAlreadyOpen, case_open

    # Any case worker may open a case (e.g. on a new question); opening reads no content.
    household = get_object_or_404(Household.objects.select_related("wijk"), pk=pk)
    if request.method != "POST":
        return redirect("people:household", pk=pk)
    team = household.wijk.teams.first()
    try:
        case = case_open(household=household, team=team, by=request.user, question=request.POST.get("question", ""))
    except CaseAlreadyOpen as exc:
        return render(request, "people/case_already_open.html", {"household": household, "existing": exc.existing}, status=409)
    messages.success(request, _("Case opened."))
    return redirect("cases:detail", pk=case.pk)


