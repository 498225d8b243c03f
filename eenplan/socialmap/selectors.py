"""Reads of the sociale kaart and of a case's partners.

The sociale kaart is not personal data: `provisions_search` needs no access check. Case-bound
selectors expect that the caller has passed `policy.require_case`.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from eenplan.assessment.models import Domain
from eenplan.organisation.models import Wijk

from .models import (
    REQUEST_TRANSITIONS,
    Agreement,
    CaseDiscussion,
    DataCategory,
    DiscussionParticipant,
    Provision,
    RequestStatus,
    RequestStatusChange,
    SharingBasis,
    SharingEnd,
    TailoredProvisionRequest,
)


def provisions_search(*, q: str = "", domain=None, wijk=None, type: str | None = None, active_only: bool = True) -> QuerySet:
    """Provisions matching a text, a ZRM domain, a wijk and/or a type, with organisation, domains
    and wijken loaded (a fixed number of queries, however many results).

    `domain` and `wijk` may be an instance or a primary key. A wijk filter also returns the
    provisions that serve the whole municipality (no wijken set).
    """
    qs = Provision.objects.select_related("organisation")
    if active_only:
        qs = qs.filter(active=True, organisation__active=True)
    q = (q or "").strip()
    if q:
        for word in q.split():
            qs = qs.filter(
                Q(name__icontains=word)
                | Q(description__icontains=word)
                | Q(organisation__name__icontains=word)
                | Q(how_to_refer__icontains=word)
            )
    if type:
        qs = qs.filter(type=type)
    if domain:
        domain_id = getattr(domain, "pk", domain)
        qs = qs.filter(pk__in=Provision.domains.through.objects.filter(domain_id=domain_id).values("provision_id"))
    if wijk:
        wijk_id = getattr(wijk, "pk", wijk)
        in_wijk = Provision.wijken.through.objects.filter(wijk_id=wijk_id).values("provision_id")
        with_any_wijk = Provision.wijken.through.objects.values("provision_id")
        qs = qs.filter(Q(pk__in=in_wijk) | ~Q(pk__in=with_any_wijk))
    return qs.prefetch_related(
        Prefetch("domains", queryset=Domain.objects.order_by("order")),
        Prefetch("wijken", queryset=Wijk.objects.order_by("name")),
    ).order_by("name", "pk")


# --- sharing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SharingDecision:
    """Whether information of a case may go to a partner on a date, and which categories."""

    allowed: bool
    categories: frozenset
    bases: tuple

    def __bool__(self):
        return self.allowed


def basis_state(basis: SharingBasis, on: date) -> str:
    """'valid', 'not_yet', 'expired' or 'withdrawn' on `on` (the basis's `end` should be loaded)."""
    end = getattr(basis, "end", None) if _has_end(basis) else None
    if end is not None and end.ended_on <= on:
        return "withdrawn"
    if basis.valid_from > on:
        return "not_yet"
    if basis.valid_until is not None and basis.valid_until < on:
        return "expired"
    return "valid"


def _has_end(basis) -> bool:
    try:
        basis.end  # noqa: B018
    except SharingEnd.DoesNotExist:
        return False
    return True


def valid_bases(case, organisation=None, purpose: str | None = None, on: date | None = None) -> QuerySet:
    """Bases valid on `on`: started, not past their end date, not withdrawn or ended by then."""
    on = on or timezone.localdate()
    qs = SharingBasis.objects.filter(case=case, valid_from__lte=on).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
    qs = qs.exclude(end__ended_on__lte=on)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    if purpose:
        qs = qs.filter(purpose=purpose)
    return qs.select_related("organisation", "consent_by")


def sharing_allowed(case, organisation, purpose: str | None = None, on: date | None = None) -> SharingDecision:
    """May information of `case` go to `organisation` (for `purpose`, any purpose when None) on `on`?

    Allowed when at least one basis is valid on that date; the categories are the union of
    what those bases cover. No valid basis: nothing may be shared.
    """
    bases = tuple(valid_bases(case, organisation, purpose, on))
    categories = frozenset(c for b in bases for c in b.categories)
    return SharingDecision(allowed=bool(bases), categories=categories, bases=bases)


def partner_overview(case, organisation, purpose: str | None = None, on: date | None = None) -> dict:
    """What a partner contact may be shown of a case: only the categories a valid basis covers.

    Returns the decision and a dict with one entry per allowed category; nothing else of the
    case is read (no valid basis → the household is not even named).
    """
    decision = sharing_allowed(case, organisation, purpose, on)
    shown = {}
    if not decision:
        return {"decision": decision, "shown": shown}
    cats = decision.categories
    if DataCategory.CONTACT in cats:
        members = case.household.members.select_related("person").filter(
            Q(until__isnull=True) | Q(until__gte=on or timezone.localdate())
        )
        shown[DataCategory.CONTACT] = {
            "household": case.household,
            "members": [
                {"name": m.person.full_name, "role": m.get_role_display(), "phone": m.person.phone, "email": m.person.email}
                for m in members
            ],
        }
    if DataCategory.QUESTION in cats:
        shown[DataCategory.QUESTION] = case.question
    if DataCategory.REGIE in cats:
        shown[DataCategory.REGIE] = {"regisseur": case.regisseur, "kind": case.get_regie_kind_display(), "team": case.team}
    if DataCategory.AGREEMENTS in cats:
        shown[DataCategory.AGREEMENTS] = list(
            Agreement.objects.filter(case=case, partner__organisation=organisation).order_by("due_on", "pk")
        )
    if DataCategory.PROVISIONS in cats:
        shown[DataCategory.PROVISIONS] = list(
            TailoredProvisionRequest.objects.filter(case=case).select_related("provision", "provision__organisation")
        )
    return {"decision": decision, "shown": shown}


# --- the case's partners page --------------------------------------------------------------


def case_partners(case, on: date | None = None) -> dict:
    """Everything the partners tab shows, in a fixed number of queries."""
    on = on or timezone.localdate()
    partners = list(case.partners.select_related("organisation", "added_by").order_by("until", "since", "pk"))
    bases = list(
        SharingBasis.objects.filter(case=case)
        .select_related("organisation", "consent_by", "recorded_by", "end", "end__by")
        .order_by("-valid_from", "-pk")
    )
    for basis in bases:
        basis.state = basis_state(basis, on)
    shared = {}
    for basis in bases:
        if basis.state == "valid":
            entry = shared.setdefault(basis.organisation_id, {"organisation": basis.organisation, "categories": set(), "purposes": set()})
            entry["categories"].update(basis.categories)
            entry["purposes"].add(basis.get_purpose_display())
    for entry in shared.values():
        entry["category_labels"] = [str(DataCategory(c).label) for c in DataCategory.values if c in entry["categories"]]
        entry["purposes"] = sorted(str(p) for p in entry["purposes"])
    for partner in partners:
        partner.sharing = shared.get(partner.organisation_id)
    agreements = list(
        Agreement.objects.filter(case=case).select_related("partner__organisation", "created_by").order_by("done_on", "due_on", "pk")
    )
    requests = list(
        TailoredProvisionRequest.objects.filter(case=case)
        .select_related("provision", "provision__organisation", "person", "requested_by")
        .prefetch_related(Prefetch("history", queryset=RequestStatusChange.objects.select_related("by").order_by("on", "pk")))
    )
    for r in requests:
        r.next_statuses = [(s, RequestStatus(s).label) for s in RequestStatus.values if s in REQUEST_TRANSITIONS[RequestStatus(r.status)]]
    discussions = list(
        CaseDiscussion.objects.filter(case=case)
        .select_related("recorded_by")
        .prefetch_related(
            "internal_participants",
            Prefetch("partner_participants", queryset=DiscussionParticipant.objects.select_related("organisation")),
            "actions",
        )
    )
    return {
        "partners": partners,
        "active_partners": [p for p in partners if p.until is None],
        "bases": bases,
        "shared": list(shared.values()),
        "agreements": agreements,
        "requests": requests,
        "discussions": discussions,
        "today": on,
    }


def team_discussions(team_ids, user):
    """The team's discussions for the discussions page (newest first; the page shows one page of them):
    anonymous ones in full, case-bound ones only for cases the user may open."""
    from eenplan.access.policy import cases_visible_to

    visible = cases_visible_to(user).values("pk")
    return (
        CaseDiscussion.objects.filter(team_id__in=team_ids)
        .filter(Q(anonymous=True) | Q(case__in=visible))
        .select_related("team", "case", "case__household", "recorded_by")
        .prefetch_related(
            "internal_participants",
            Prefetch("partner_participants", queryset=DiscussionParticipant.objects.select_related("organisation")),
            "actions",
        )
        .order_by("-held_on", "-pk")
    )
