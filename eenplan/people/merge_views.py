"""Pages to merge two records of one person or household, and to undo a merge (people.merging, ADR 0113).

Reached from a match proposal (registration, the BRP proposal: two existing records match the same details), from a
person's page and from a household's page (possible duplicates, found by `people.matching`). The confirmation page
shows both records side by side with what they were matched on; `access.policy.require_merge` decides and logs.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.access import policy
from eenplan.access.decorators import roles_required
from eenplan.cases.models import Case, Phase
from eenplan.core.forms import apply_errors

from . import merging
from .forms import MergeForm, MergeUndoForm
from .matching import Match, find_matches, show_matches
from .models import Household, HouseholdMember, Merge, MergeKind, Person

# --- finding the other record ----------------------------------------------------------------------------------


def person_duplicates(person: Person) -> list[Match]:
    """Other person records that match this one as the same person (name and birth date; a BSN is unique)."""
    matches = find_matches(given_names=person.given_names, surname_prefix=person.surname_prefix, surname=person.surname,
                           birth_date=person.birth_date, bsn=person.bsn, postcode=person.postcode,
                           house_number=person.house_number, house_number_addition=person.house_number_addition,
                           exclude_person=person)
    seen, found = set(), []
    for m in matches:
        if m.same_person and m.person is not None and m.person.pk not in seen:
            seen.add(m.person.pk)
            found.append(m)
    return found


def household_duplicates(household: Household) -> list[Match]:
    """Other households registered at the same address."""
    if not (household.postcode and household.house_number):
        return []
    return [m for m in find_matches(postcode=household.postcode, house_number=household.house_number,
                                    house_number_addition=household.house_number_addition)
            if m.household is not None and m.person is None and m.household.pk != household.pk]


def _member_household(person: Person) -> Household | None:
    member = (HouseholdMember.objects.filter(person=person, household__merged_into__isnull=True)
              .select_related("household").order_by("until", "-pk").first())
    return member.household if member else None


def person_merge_url(one: Person, other: Person) -> str | None:
    """The merge page for two person records, under a household of one of them (None: neither has one)."""
    for this, that in ((one, other), (other, one)):
        household = _member_household(this)
        if household is not None:
            return reverse("people:person_merge", args=[household.pk, this.pk]) + f"?met={that.pk}"
    return None


def household_merge_url(one: Household, other: Household) -> str:
    return reverse("people:household_merge", args=[one.pk]) + f"?met={other.pk}"


def attach_merge_links(matches: list[Match]) -> list[Match]:
    """On a match proposal: when two of the records found are the same person (or two households at the address),
    the second carries a link to merge it with the first (`m.merge_url`, `m.merge_kind`)."""
    first_person = next((m for m in matches if m.same_person and m.person is not None and m.visible), None)
    first_household = next((m for m in matches if m.household is not None and m.visible), None)
    for m in matches:
        m.merge_url, m.merge_kind = None, ""
        if not m.visible:
            continue
        if first_person and m is not first_person and m.same_person and m.person and m.person.pk != first_person.person.pk:
            m.merge_url, m.merge_kind = person_merge_url(first_person.person, m.person), MergeKind.PERSON
        elif (first_household and m is not first_household and not m.same_person and m.household
              and m.household.pk != first_household.household.pk):
            m.merge_url, m.merge_kind = household_merge_url(first_household.household, m.household), MergeKind.HOUSEHOLD
    return matches


# --- the side-by-side page -------------------------------------------------------------------------------------


def _evidence(kind: str, one, other) -> Match | None:
    found = person_duplicates(one) if kind == MergeKind.PERSON else household_duplicates(one)
    for m in found:
        if (m.person if kind == MergeKind.PERSON else m.household).pk == other.pk:
            return m
    return None


def _history(record) -> list[tuple[str, int]]:
    """What refers to the record, counted per kind (what moves when it is the one merged)."""
    rows = []
    for model, field in merging.references_to(type(record)):
        if merging.label(model, field) not in merging.MOVED_TO_KEPT:
            continue
        n = model._base_manager.filter(**{field.attname: record.pk}).count()
        if n:
            name = model._meta.verbose_name_plural if not model._meta.auto_created else field.related_model._meta.verbose_name_plural
            rows.append((str(name), n))
    return rows


def _open_case(households) -> Case | None:
    return Case.objects.filter(household__in=households).exclude(phase=Phase.AFGESLOTEN).order_by("pk").first()


def _person_card(person: Person) -> dict:
    memberships = list(HouseholdMember.objects.filter(person=person).select_related("household").order_by("until", "pk"))
    households = [m.household for m in memberships]
    return {"record": person, "households": households, "open_case": _open_case(households), "history": _history(person)}


def _household_card(household: Household) -> dict:
    from .services import current_members

    return {"record": household, "members": list(current_members(household)), "open_case": _open_case([household]),
            "history": _history(household)}


def _default_keep(kind, one, other):
    """The record with the BSN, else the one with the longer history, else the older one."""
    if kind == MergeKind.PERSON and bool(one.bsn) != bool(other.bsn):
        return one if one.bsn else other
    size = {r.pk: sum(n for _label, n in _history(r)) for r in (one, other)}
    if size[one.pk] != size[other.pk]:
        return one if size[one.pk] > size[other.pk] else other
    return one if one.pk < other.pk else other


def _choice_label(kind, record) -> str:
    if kind == MergeKind.PERSON:
        born = record.birth_date.strftime("%d-%m-%Y") if record.birth_date else "–"
        return _("%(name)s, born %(date)s (record %(id)s)") % {"name": record.full_name, "date": born, "id": record.pk}
    return _("%(name)s, %(address)s (record %(id)s)") % {"name": record.name, "address": record.address_display, "id": record.pk}


def _other_id(request):
    value = request.POST.get("met") if request.method == "POST" else request.GET.get("met")
    return int(value) if (value or "").isdigit() and len(value) < 18 else None


def _merge_page(request, *, kind, one, other, household):
    policy.require_merge(request, one, other, detail="merge page" if request.method != "POST" else "merge")
    match = _evidence(kind, one, other)
    choices = [(str(r.pk), _choice_label(kind, r)) for r in (one, other)]
    form = MergeForm(request.POST or None, choices=choices, initial={"keep": str(_default_keep(kind, one, other).pk)})
    refusal = merging.merge_refusal(kind=kind, kept=one, merged=other)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            kept = one if form.cleaned_data["keep"] == str(one.pk) else other
            merged = other if kept is one else one
            evidence = [str(e) for e in match.evidence] if match else []
            try:
                merge = merging.records_merge(kind=kind, kept=kept, merged=merged, by=request.user,
                                              reason=form.cleaned_data["reason"], evidence=evidence, request=request)
            except merging.MergeRefused as exc:
                form.add_error(None, exc.messages[0])
                status = 409
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The records are merged. You can undo this for %(days)s days, on this page.")
                                 % {"days": merging.undo_days()})
                return redirect(_kept_page(merge, household))
    cards = [(_person_card if kind == MergeKind.PERSON else _household_card)(r) for r in (one, other)]
    return render(request, "people/merge_confirm.html", {
        "kind": kind, "one": one, "other": other, "household": household, "cards": cards, "match": match,
        "form": form, "refusal": refusal, "undo_days": merging.undo_days(),
    }, status=status)


def _kept_page(merge: Merge, household: Household | None = None) -> str:
    if merge.kind == MergeKind.HOUSEHOLD:
        return reverse("people:household", args=[merge.kept_household_id])
    member = (HouseholdMember.objects.filter(person_id=merge.kept_person_id, household__merged_into__isnull=True)
              .order_by("-household_id" if household is None else "pk"))
    chosen = (member.filter(household=household).first() if household is not None else None) or member.first()
    if chosen is None:
        return reverse("people:search")
    return reverse("people:member_edit", args=[chosen.household_id, chosen.pk])


@roles_required(*policy.MERGE_ROLES)
def person_merge(request, pk, person_pk):
    """'This is the same person — merge': without `met`, the possible duplicates of this person; with it, both side by
    side to confirm."""
    household = get_object_or_404(Household, pk=pk)
    person = Person.objects.filter(pk=person_pk, household_memberships__household=household).first()
    if person is None:
        raise Http404
    other_id = _other_id(request)
    if other_id is None:
        policy.require_merge(request, person, person, detail="possible duplicates")
        matches = show_matches(request, person_duplicates(person), context="possible duplicates of a person")
        return render(request, "people/merge_candidates.html", {
            "kind": MergeKind.PERSON, "record": person, "household": household,
            "candidates": [(m, person_merge_url(person, m.person)) for m in matches if m.visible or m.household is None]})
    other = get_object_or_404(Person, pk=other_id)
    return _merge_page(request, kind=MergeKind.PERSON, one=person, other=other, household=household)


@roles_required(*policy.MERGE_ROLES)
def household_merge(request, pk):
    """'This is the same household — merge': other households at this address, or both side by side to confirm."""
    household = get_object_or_404(Household, pk=pk)
    other_id = _other_id(request)
    if other_id is None:
        policy.require_merge(request, household, household, detail="possible duplicates")
        matches = show_matches(request, household_duplicates(household), context="possible duplicates of a household")
        return render(request, "people/merge_candidates.html", {
            "kind": MergeKind.HOUSEHOLD, "record": household, "household": household,
            "candidates": [(m, household_merge_url(household, m.household)) for m in matches if m.visible]})
    other = get_object_or_404(Household, pk=other_id)
    return _merge_page(request, kind=MergeKind.HOUSEHOLD, one=household, other=other, household=household)


# --- undo ------------------------------------------------------------------------------------------------------


def merges_of_household(household: Household, *, person: Person | None = None, members=None) -> list[tuple[Merge, MergeUndoForm]]:
    """The merges that may still be undone on this page: into the household, and into its current members (or only
    into `person`, on a person's page). Each with its form. `members`: the household's current members when the
    page has read them already."""
    from .services import current_members

    if person is not None:
        merges = merging.merges_to_undo(persons=[person])
    else:
        members = current_members(household) if members is None else members
        merges = merging.merges_to_undo(households=[household], persons=[m.person for m in members])
    return [(m, MergeUndoForm(prefix=f"undo{m.pk}")) for m in merges]


def _concerns(merge: Merge, household: Household) -> bool:
    if merge.kind == MergeKind.HOUSEHOLD:
        return merge.kept_household_id == household.pk
    return HouseholdMember.objects.filter(household=household, person_id=merge.kept_person_id).exists()


@roles_required(*policy.MERGE_ROLES)
def merge_undo(request, pk):
    """Undo a merge into this household or one of its members, within the period. GET lists what may be undone."""
    household = get_object_or_404(Household, pk=pk)
    if request.method != "POST":
        policy.require_merge(request, household, household, detail="merges to undo")
        return render(request, "people/merge_undo.html", {"household": household, "merges": merges_of_household(household)})
    decision = policy.merge_decision(request.user, household, household)
    if not decision:
        # Refused before the merge is looked up: someone without access learns nothing of which merges exist.
        policy.require_merge(request, household, household, decision=decision, detail="undo merge")
    raw = request.POST.get("merge") or ""
    merge = Merge.objects.filter(pk=int(raw)).first() if raw.isdigit() and len(raw) < 18 else None
    if merge is None or not _concerns(merge, household):
        raise Http404
    policy.require_merge_undo(request, merge)
    form = MergeUndoForm(request.POST, prefix=f"undo{merge.pk}")
    status = 400
    if form.is_valid():
        try:
            merging.merge_undo(merge=merge, by=request.user, reason=form.cleaned_data["reason"], request=request,
                               now=timezone.now())
        except merging.MergeRefused as exc:
            form.add_error(None, exc.messages[0])
            status = 409
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The merge is undone: both records are as they were before it."))
            return redirect("people:household", pk=household.pk)
    merges = [(m, form if m.pk == merge.pk else f) for m, f in merges_of_household(household)]
    if merge.pk not in {m.pk for m, _f in merges}:
        merges.insert(0, (merge, form))
    return render(request, "people/merge_undo.html", {"household": household, "merges": merges}, status=status)
