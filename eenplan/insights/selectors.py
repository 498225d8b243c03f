"""What a page shows: the scopes a user may see, the tables of a scope and period, the vertelpunten."""

from django.db.models import Count, Q

from eenplan.access import policy
from eenplan.organisation.models import Team, Wijk

from . import indicators  # noqa: F401  (fills the registry)
from .framework import REGISTRY, SECTIONS, TEAM, WIJK, Context, Scope, Table
from .models import ReflectionTheme, Vertelpunt

# --- who sees which scope (ADR 0060, docs/indicators.md) ------------------------------------


def visible_team_ids(user) -> set[int] | None:
    """Teams whose page the user may open; None means all of them (decided in access.policy)."""
    return policy.insight_team_ids(user)


def visible_wijk_ids(user) -> set[int] | None:
    return policy.insight_wijk_ids(user)


def may_see_municipality(user) -> bool:
    return policy.may_see_municipality_figures(user)


def may_see(user, scope: Scope) -> bool:
    return policy.may_see_insight_scope(user, scope.kind, getattr(scope.obj, "pk", None))


def scopes_for(user) -> dict:
    team_ids, wijk_ids = visible_team_ids(user), visible_wijk_ids(user)
    teams = Team.objects.all() if team_ids is None else Team.objects.filter(pk__in=team_ids)
    wijken = Wijk.objects.all() if wijk_ids is None else Wijk.objects.filter(pk__in=wijk_ids)
    return {"teams": list(teams), "wijken": list(wijken), "municipality": may_see_municipality(user)}


def may_write_vertelpunt(user) -> bool:
    return policy.can_write_vertelpunt(user)


# --- the figures ---------------------------------------------------------------------------


def page_tables(scope: Scope, period, cache=None) -> tuple[Context, list]:
    """[(section code, section label, [Table, …]), …] for the page, every registered indicator. `cache`: a
    framework.GridCache shared with other pages of the same period (the scheduled job)."""
    ctx = Context(scope, period, cache)
    sections = []
    for code, label in SECTIONS:
        tables = []
        for indicator in REGISTRY.values():
            if indicator.section != code:
                continue
            tables.append(indicator.table(ctx) if indicator.available() else Table(indicator, [], available=False))
        sections.append((code, label, tables))
    return ctx, sections


def table_for(scope: Scope, period, key: str) -> Table:
    indicator = REGISTRY[key]
    if not indicator.available():
        return Table(indicator, [], available=False)
    return indicator.table(Context(scope, period))


def small_multiples(ctx: Context, key: str) -> list[tuple[str, list]]:
    """Per team: (team name, [(category label, Cell), …]) from the same suppressed team grid."""
    indicator = REGISTRY[key]
    if not indicator.available():
        return []
    grid = ctx.grid(indicator, ctx.period, TEAM)
    names = dict(Team.objects.values_list("pk", "name"))
    categories = ctx.categories(indicator, ctx.period)
    return [(names[u], [(label, grid.cells[(u, code)]) for code, label in categories]) for u in grid.units if u in names]


# --- vertelpunten --------------------------------------------------------------------------


def vertelpunten(scope: Scope, period, limit: int = 60) -> list:
    qs = Vertelpunt.objects.filter(withdrawn_at__isnull=True, written_at__gte=period.start_dt, written_at__lt=period.end_dt)
    if scope.kind == TEAM:
        qs = qs.filter(team=scope.obj)
    elif scope.kind == WIJK:
        qs = qs.filter(wijk=scope.obj)
    return list(qs.select_related("theme", "wijk", "team")[:limit])


def vertelpunten_by_theme(scope: Scope, period) -> list[tuple]:
    """[(theme, [vertelpunt, …]), …], themes with notes first, in the themes' order."""
    grouped = {}
    for note in vertelpunten(scope, period):
        grouped.setdefault(note.theme, []).append(note)
    return sorted(grouped.items(), key=lambda item: (item[0].order, item[0].name))


def theme_counts(scope: Scope, period):
    qs = ReflectionTheme.objects.all()
    flt = Q(vertelpunten__withdrawn_at__isnull=True, vertelpunten__written_at__gte=period.start_dt, vertelpunten__written_at__lt=period.end_dt)
    if scope.kind == TEAM:
        flt &= Q(vertelpunten__team=scope.obj)
    elif scope.kind == WIJK:
        flt &= Q(vertelpunten__wijk=scope.obj)
    return qs.annotate(n=Count("vertelpunten", filter=flt)).filter(n__gt=0)
