from django.db.models import Exists, OuterRef, Subquery
from django.shortcuts import get_object_or_404

from .models import Case, Involvement, Phase, PlannedItem

HEADER_RELATIONS = ("household", "household__wijk", "team", "regisseur")


def case_for_page(pk, *also):
    """The case with what every case page's header shows (404 when unknown). Access is the caller's."""
    return get_object_or_404(Case.objects.select_related(*HEADER_RELATIONS, *also), pk=pk)


def case_colleagues(case):
    """The colleagues a case's work can be given to: active case workers of the case's team and
    everyone involved in the case now (a few dozen, not every case worker of the town).

    `pk IN (team members UNION involved)` and the roles as EXISTS, not an OR over two joins with DISTINCT: the OR
    made PostgreSQL read every active user with a case-worker role (3,000 at G4 size) for each list."""
    from django.contrib.auth import get_user_model

    from eenplan.access.policy import CASE_WORKER_ROLES
    from eenplan.accounts.models import TeamMembership

    User = get_user_model()  # noqa: N806 - the model class
    involved = Involvement.objects.filter(case=case, until__isnull=True).order_by().values("user_id")
    members = TeamMembership.objects.filter(team_id=case.team_id).order_by().values("user_id")
    # EXISTS per user, for the few dozen of the team: `pk IN (every case worker)` hashed 3,000 users (10 ms at G4)
    case_worker = User.roles.through.objects.filter(user_id=OuterRef("pk"), role__code__in=CASE_WORKER_ROLES)
    return (
        User.objects.filter(is_active=True, pk__in=members.union(involved)).filter(Exists(case_worker))
        .only("pk", "username", "first_name", "last_name")  # the lists show names; a user has some 30 fields
        .order_by("first_name", "last_name", "username")
    )


SORTS = {
    "household": ("household__name", "pk"),
    "phase": ("phase", "household__name"),
    "days": ("phase_since", "household__name"),
    "next": ("next_planned", "household__name"),
    "safety": ("safety_status", "household__name"),
}


def with_next_planned(cases):
    """Each case's next open planned item: its date and label."""
    next_item = PlannedItem.objects.filter(case=OuterRef("pk"), done_at__isnull=True).order_by("due_on")
    return cases.annotate(
        next_planned=Subquery(next_item.values("due_on")[:1]),
        next_planned_label=Subquery(next_item.values("label")[:1]),
    )


def with_list_columns(cases):
    return with_next_planned(cases).select_related("household", "household__wijk", "regisseur", "team")


def case_ids_worked_on(user):
    """The ids of the cases the user works on now, as regisseur or involved, as one subquery.

    `pk IN (involvements UNION regisseur)` instead of `regisseur = me OR pk IN (involvements)`: each half is
    an index lookup (involvement on user, case on regisseur), where the OR made PostgreSQL scan every case."""
    involved = Involvement.objects.filter(user=user, until__isnull=True).order_by().values("case_id")
    return involved.union(Case.objects.filter(regisseur=user).order_by().values("pk"))


# What a row of the caseload and the team list shows. A case with its household, wijk, team and regisseur is some 80
# fields, each set on every instance; a row needs ten (docs/adr/0136).
LIST_ROW_FIELDS = ("household__name", "phase", "phase_since", "safety_status", "opened_at",
                   "regisseur__username", "regisseur__first_name", "regisseur__last_name")


def _list_rows(cases):
    return with_next_planned(cases).select_related("household", "regisseur").only(*LIST_ROW_FIELDS)


def caseload_for(user, sort: str = "next"):
    """Open cases the user works on: as regisseur or involved."""
    cases = Case.objects.exclude(phase=Phase.AFGESLOTEN).filter(pk__in=case_ids_worked_on(user))
    return _list_rows(cases).order_by(*SORTS.get(sort, SORTS["next"]))


def team_cases(team_ids, sort: str = "household"):
    cases = Case.objects.filter(team_id__in=team_ids).exclude(phase=Phase.AFGESLOTEN)
    return _list_rows(cases).order_by(*SORTS.get(sort, SORTS["household"]))




def team_caseload(team_ids, *, today):
    """Per case worker of the teams (not the front office): open cases (as regisseur or involved), how
    many as regisseur, and overdue planned items they own. Figures only, no case content; a fixed
    number of queries however large the team."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from eenplan.accounts.models import RoleCode

    people = list(
        get_user_model().objects.filter(is_active=True, memberships__team_id__in=team_ids,
                                        roles__code__in=(RoleCode.PROFESSIONAL, RoleCode.SAFETY_SPECIALIST, RoleCode.TEAM_LEAD))
        .distinct().order_by("first_name", "last_name", "pk")
    )
    ids = [u.pk for u in people]
    open_cases = Case.objects.exclude(phase=Phase.AFGESLOTEN)
    cases_of = {pk: set() for pk in ids}
    regie = {pk: 0 for pk in ids}
    for user_id, case_id in open_cases.filter(regisseur_id__in=ids).values_list("regisseur_id", "pk"):
        cases_of[user_id].add(case_id)
        regie[user_id] += 1
    involved = Involvement.objects.filter(user_id__in=ids, until__isnull=True, case__in=open_cases).values_list("user_id", "case_id")
    for user_id, case_id in involved:
        cases_of[user_id].add(case_id)
    overdue = dict(
        PlannedItem.objects.filter(owner_id__in=ids, done_at__isnull=True, due_on__lt=today, case__in=open_cases)
        .values("owner_id").annotate(n=Count("pk")).values_list("owner_id", "n")
    )
    rows = [{"user": u, "open_cases": len(cases_of[u.pk]), "regisseur": regie[u.pk], "overdue": overdue.get(u.pk, 0)} for u in people]
    return sorted(rows, key=lambda r: (-r["overdue"], -r["open_cases"], r["user"].get_full_name()))
