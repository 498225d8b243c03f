"""Server-rendered SVG charts (pygal), without JavaScript, each with a text alternative.

The chart is an <img> with the SVG as a data URI and an `alt` text that reads the figures out;
the same numbers are in the table beside it. A hidden cell is never drawn as a bar: in its place the
chart writes what the table writes ("<5", "verborgen" or "—") on the axis, so a hidden bar cannot be
mistaken for zero, and the text alternative names it as hidden. Axis labels use decimal commas.
"""

import base64
import re

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

from .formatting import decimal, hidden_text, shown, why_hidden

STYLE = Style(
    background="white", plot_background="white", foreground="#1a1a1a", foreground_strong="#1a1a1a",
    foreground_subtle="#555555", colors=("#01689b", "#e17000", "#39870c", "#a90061"),
    font_family="sans-serif", label_font_size=13, major_label_font_size=13, legend_font_size=13, title_font_size=15,
    value_font_size=12,
)


def _axis_number(value) -> str:
    return str(int(value)) if float(value).is_integer() else decimal(value)


def _config(**extra):
    config = dict(
        style=STYLE, js=[], disable_xml_declaration=True, width=640, height=300, show_legend=True, legend_at_bottom=True,
        print_values=True, x_label_rotation=0, truncate_label=-1, margin=12, value_formatter=_axis_number,
    )
    config.update(extra)
    return config


_CENTRED_VALUE = re.compile(r'<text text-anchor="middle" x="([\d.]+)"( y="[\d.]+" class="value)')


def _uri(chart) -> str:
    svg = chart.render(is_unicode=True)
    if isinstance(chart, pygal.HorizontalBar):  # a hidden bar's marker starts at the axis, beside the empty bar
        svg = _CENTRED_VALUE.sub(lambda m: f'<text text-anchor="start" x="{float(m.group(1)) + 4:.1f}"{m.group(2)}', svg)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _blank(_value) -> str:
    return ""


def _value(cell, kind: str = "count"):
    """A bar: its value (printed nowhere: the table has the numbers), or for a hidden cell no bar but the
    hidden text on the axis line."""
    if cell.suppressed:
        reason = why_hidden(cell, kind)
        if reason is None:
            return None
        text = hidden_text(reason)
        return {"value": 0, "formatter": lambda _v, text=text: text}
    if cell.value is None:
        return None
    return {"value": float(cell.value), "formatter": _blank}


def _line_label(label: str, cell, kind: str) -> str:
    reason = why_hidden(cell, kind)
    return f"{label} ({hidden_text(reason)})" if reason else label


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
        chart = pygal.Line(**_config(show_dots=True, dots_size=4, show_legend=False, print_values=False))
    elif kinds[1:2] in (["days"], ["number"]):  # distributions: median and 90th percentile
        picked, names = [1, 2], [table.columns[1].label, table.columns[2].label]
        chart = pygal.Bar(**_config())
    else:
        previous = 2 if table.columns[1].kind == "percent" else 1
        picked, names = [0, previous], [_("This period"), _("Previous period")]
        if len(body) > 4:  # one band of two bars per category, high enough for a hidden bar's marker to be read
            table.chart_height = max(300, 70 + 32 * len(body))
            chart = pygal.HorizontalBar(**_config(height=table.chart_height))
        else:
            chart = pygal.Bar(**_config())
    chart.title = str(indicator.title)
    if indicator.chart == "line":  # a line has no bar to write on: the month's label says it is hidden
        chart.x_labels = [_line_label(r.label, r.cells[0], kinds[0]) for r in body]
        chart.add(str(names[0]), [None if r.cells[0].suppressed or r.cells[0].value is None else float(r.cells[0].value) for r in body])
    else:
        chart.x_labels = [r.label for r in body]
        for name, index in zip(names, picked, strict=True):
            chart.add(str(name), [_value(r.cells[index], kinds[index]) for r in body])
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
