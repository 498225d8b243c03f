"""The change since the first measurement as a server-rendered SVG bar chart (pygal), without
JavaScript. The picture has `role="img"` and an `aria-label`; the page shows the same numbers
as a table."""

import pygal
from django.utils.translation import gettext as _

from eenplan.core.charts import chart_style, inline_svg

STYLE = chart_style(("#767676", "#24578f"))


def change_label(person_name: str, domains) -> str:
    """The text alternative: one sentence per domain with a first and a latest score."""
    parts = [
        _("%(domain)s from %(first)s to %(last)s") % {"domain": c.domain.name, "first": c.first, "last": c.last}
        for c in domains if c.delta is not None
    ]
    head = _("ZRM of %(name)s, first and latest measurement") % {"name": person_name}
    return head + (": " + "; ".join(parts) + "." if parts else ".")


def zrm_change_chart(person_name: str, domains) -> str:
    """Grouped bars per domain: the first score and the latest score (1–5). `domains`: DomainChange rows."""
    rows = [c for c in domains if c.first is not None]
    chart = pygal.Bar(
        style=STYLE, disable_xml_declaration=True, js=[], range=(0, 5), width=720, height=320,
        show_legend=True, legend_at_bottom=True, legend_at_bottom_columns=2, y_labels=[1, 2, 3, 4, 5],
        x_label_rotation=30, truncate_label=22, print_values=False,
    )
    chart.x_labels = [c.domain.name for c in rows]
    chart.add(_("first measurement"), [c.first for c in rows])
    chart.add(_("latest measurement"), [c.last if c.last_measurement_id != c.first_measurement_id else None for c in rows])
    return inline_svg(chart.render(is_unicode=True), change_label(person_name, rows))
