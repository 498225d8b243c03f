"""Reads of the sociale kaart and of a case's partners.

The sociale kaart is not personal data: `provisions_search` needs no access check. Case-bound
selectors expect that the caller has passed `policy.require_case`.
"""

from django.db.models import Prefetch, Q, QuerySet

from eenplan.assessment.models import Domain
from eenplan.organisation.models import Wijk

from .models import Provision


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
