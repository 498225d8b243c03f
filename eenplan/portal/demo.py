"""Demo data for Mijn plan: one resident of anna's caseload with a known BSN, to log in through the DigiD
mock (./run; README). The BSN is synthetic (it passes the elfproef, it belongs to no one)."""

from eenplan.people.models import Person

DEMO_BSN = "999990019"


def seed(ctx):
    from eenplan.plans.models import PlanAction

    anna = ctx.staff.get("anna")
    actions = PlanAction.objects.filter(owner_kind="inwoner", version__plan__case__closed_at__isnull=True)
    if anna is not None:
        actions = actions.filter(version__plan__case__regisseur=anna)
    candidates = list(actions.select_related("version__plan__case").order_by("version__plan__case_id", "pk")[:50])
    if not candidates:
        return
    # A parent with a child at home when there is one, so the demo shows the age rules (docs/access.md) too.
    with_child = [a for a in candidates if a.version.plan.case.household.members.filter(until__isnull=True, role="kind").exists()
                  and a.version.plan.case.household.members.filter(until__isnull=True, role="ouder").exists()]
    case = (with_child or candidates)[0].version.plan.case
    adults = case.household.members.filter(until__isnull=True).exclude(role="kind").select_related("person")
    member = adults.filter(role="ouder").order_by("pk").first() or adults.order_by("pk").first()
    if member is None:
        return
    Person.objects.filter(bsn=DEMO_BSN).exclude(pk=member.person_id).update(bsn="")
    member.person.bsn = DEMO_BSN
    member.person.save(update_fields=["bsn"])
    ctx.extra["portal_resident"] = member.person
