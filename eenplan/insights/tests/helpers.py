from eenplan.insights.framework import MUNICIPALITY, TEAM, WIJK, Scope
from eenplan.insights.selectors import table_for

from .data import PERIOD


def team(world_team):
    return Scope(TEAM, world_team)


def wijk(world_wijk):
    return Scope(WIJK, world_wijk)


MUNI = Scope(MUNICIPALITY)


def figures(key, scope, period=PERIOD) -> dict:
    """{row label: [shown value per column]} with hidden cells as 'hidden'."""
    table = table_for(scope, period, key)
    return {row.label: ["hidden" if c.suppressed else c.value for c in row.cells] for row in table.rows}


def column(key, scope, col=0, period=PERIOD) -> dict:
    return {label: values[col] for label, values in figures(key, scope, period).items()}
