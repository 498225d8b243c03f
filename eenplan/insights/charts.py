"""Server-rendered SVG charts (pygal), without JavaScript, each with a text alternative.

The chart is an <img> with the SVG as a data URI and an `alt` text that reads the figures out;
the same numbers are in the table beside it. Hidden (small) cells are left out of the chart and
named as hidden in the text alternative, so a chart never shows what the table hides.
"""

import base64

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

from .formatting import shown

STYLE = Style(
    background="white", plot_background="white", foreground="#1a1a1a", foreground_strong="#1a1a1a",
    foreground_subtle="#555555", colors=("#01689b", "#e17000", "#39870c", "#a90061"),
    font_family="sans-serif", label_font_size=13, major_label_font_size=13, legend_font_size=13, title_font_size=15,
    value_font_size=12,
)


def _config(**extra):
    config = dict(
        style=STYLE, js=[], disable_xml_declaration=True, width=640, height=300, show_legend=True, legend_at_bottom=True,
        print_values=False, x_label_rotation=0, truncate_label=-1, margin=12,
    )
    config.update(extra)
    return config


def _uri(chart) -> str:
    svg = chart.render(is_unicode=True)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _value(cell):
    return None if cell.suppressed or cell.value is None else float(cell.value)


def _alt(title, series_names, rows, kinds) -> str:
    parts = [_("Chart: %(title)s.") % {"title": title}]
    for label, cells in rows:
        values = ", ".join(f"{name} {shown(c, kind)}" for name, c, kind in zip(series_names, cells, kinds, strict=False))
        parts.append(f"{label}: {values}.")
    parts.append(_("The numbers are also in the table."))
    return " ".join(parts)


def chart_for(table) -> tuple[str, str]:
    """(data URI, text alternative) for a table, or ("", "") when it has nothing to draw."""
    indicator = table.indicator
    body = [r for r in table.rows if not r.is_total] or table.rows
    if not body or not table.columns:
        return "", ""
    kinds = [c.kind for c in table.columns]
    if indicator.chart == "line":
        picked, names = [0], [_("This period")]
        chart = pygal.Line(**_config(show_dots=True, dots_size=4, show_legend=False))
    elif kinds[1:2] in (["days"], ["number"]):  # distributions: median and 90th percentile
        picked, names = [1, 2], [table.columns[1].label, table.columns[2].label]
        chart = pygal.Bar(**_config())
    else:
        previous = 2 if table.columns[1].kind == "percent" else 1
        picked, names = [0, previous], [_("This period"), _("Previous period")]
        chart = pygal.HorizontalBar(**_config()) if len(body) > 4 else pygal.Bar(**_config())
    chart.title = str(indicator.title)
    chart.x_labels = [r.label for r in body]
    for name, index in zip(names, picked, strict=True):
        chart.add(str(name), [_value(r.cells[index]) for r in body])
    alt_rows = [(r.label, [r.cells[i] for i in picked]) for r in body]
    return _uri(chart), _alt(indicator.title, names, alt_rows, [kinds[i] for i in picked])


def small_multiple(title: str, cells: list) -> tuple[str, str]:
    """One small bar chart (one team) of a small-multiples row: [(category label, Cell), …]."""
    chart = pygal.Bar(**_config(width=300, height=200, show_legend=False, show_x_labels=False))
    chart.title = str(title)
    chart.x_labels = [str(label) for label, _c in cells]
    chart.add(str(title), [_value(c) for _l, c in cells])
    alt = _("Chart: %(title)s.") % {"title": title} + " " + "; ".join(f"{label} {shown(c, 'count')}" for label, c in cells) + "."
    return _uri(chart), alt
