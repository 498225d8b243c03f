"""Server-rendered SVG pictures of the assessment: a radar chart of a measurement (with the one
before it), a sparkline per domain over time, and the network map.

No JavaScript: pygal's inline script and comments are removed. Every picture has `role="img"`
and an `aria-label`; the numbers are always also on the page as a table.
"""

import math
import re

import pygal
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from eenplan.core.charts import FONT, chart_style, inline_svg

from .models import ContactFrequency, NetworkKind

ACCENT = "#24578f"
PREVIOUS = "#767676"
FIRST = "#b35900"
STYLE = chart_style((ACCENT, PREVIOUS, FIRST), opacity=".25", opacity_hover=".25", stroke_width="2")



RADAR_STYLE = chart_style((ACCENT, PREVIOUS, FIRST), opacity=".25", opacity_hover=".25", stroke_width="2",
                          label_font_size=17, major_label_font_size=17, legend_font_size=17)


def radar(labels: list[str], series: list[tuple[str, list]], *, label: str) -> str:
    """`series`: [(name, [score or None per label])], newest first. Scale 0–5 (0 = centre).

    Drawn small (560 wide) with large, level type, because the page shows it about 400 px wide: the domain names
    stay at 12 px or more at a laptop's width, readable across the kitchen table."""
    chart = pygal.Radar(
        style=RADAR_STYLE,
        disable_xml_declaration=True,
        js=[],
        range=(0, 5),
        fill=False,
        width=560,
        height=420,
        margin=8,
        margin_left=120,
        margin_right=120,
        show_legend=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=min(2, max(1, len(series))),
        dots_size=4,
        y_labels=[1, 2, 3, 4, 5],
        truncate_label=14,
        truncate_legend=30,
        tooltip_border_radius=2,
    )
    chart.x_labels = labels
    for i, (name, values) in enumerate(series):
        if i == 0:
            chart.add(name, values, fill=True, stroke_style={"width": 3})
        else:
            chart.add(name, values, fill=False, stroke_style={"width": 2, "dasharray": "6,4"})
    return inline_svg(_level_labels(chart.render(is_unicode=True)), label, "radar")


_ROTATED_LABEL = re.compile(r'<text x="([\d.]+)" y="([\d.]+)" class="([^"]*)" transform="rotate\([^)]*\)">')


def _level_labels(svg: str) -> str:
    """pygal turns each domain name along the circle; read sideways they overlap. Write them level instead, to the
    left of the circle right-aligned and to the right left-aligned."""
    found = _ROTATED_LABEL.findall(svg)
    if not found:
        return svg
    centre = float(found[0][0])  # the first domain is at the top

    def level(m):
        x = float(m.group(1))
        anchor = "middle" if abs(x - centre) < 2 else ("end" if x < centre else "start")
        return f'<text x="{m.group(1)}" y="{m.group(2)}" class="{m.group(3)}" style="text-anchor:{anchor}">'

    return _ROTATED_LABEL.sub(level, svg)


def timeline(dates: list[str], series: list[tuple[str, list]], *, label: str) -> str:
    """Scores per life domain over the measurements as small multiples: one small chart per domain, side by side,
    so no line hides behind another and each domain can be talked through on its own. Each panel has its own
    text alternative; the table 'All scores per date' has every number."""
    width, height, left, right, top, bottom = 220, 132, 24, 14, 30, 26
    n = len(dates)

    def x(i):
        return left + i * (width - left - right) / (n - 1) if n > 1 else width / 2

    def y(v):
        return top + (5 - v) * (height - top - bottom) / 4

    panels = []
    for name, values in series:
        read = ", ".join(f"{d} {v}" for d, v in zip(dates, values, strict=True) if v is not None)
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" focusable="false" '
            f'data-chart="timeline-panel" aria-label="{escape(name)}: {escape(read)}" style="font-family:{FONT}">',
            f'<text x="2" y="17" font-size="15" font-weight="700" fill="#1a1a1a">{escape(name[:26])}</text>',
        ]
        for v in (1, 3, 5):
            parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#d0d7de"/>')
            parts.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" font-size="13" text-anchor="end" fill="#555">{v}</text>')
        segment = []
        for i, v in enumerate(values + [None]):
            if v is None:
                if len(segment) > 1:
                    parts.append(f'<polyline fill="none" stroke="{ACCENT}" stroke-width="2.5" points="{" ".join(segment)}"/>')
                segment = []
            else:
                segment.append(f"{x(i):.1f},{y(v):.1f}")
        for i, v in enumerate(values):
            if v is not None:
                parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="4" fill="{ACCENT}"/>')
        parts.append(f'<text x="{x(0):.1f}" y="{height - 6}" font-size="13" fill="#555">{escape(dates[0])}</text>')
        if n > 1:
            parts.append(f'<text x="{x(n - 1):.1f}" y="{height - 6}" font-size="13" text-anchor="end" fill="#555">{escape(dates[-1])}</text>')
        parts.append("</svg>")
        panels.append(f'<div class="timeline-panel">{"".join(parts)}</div>')
    return mark_safe(f'<div class="timeline-multiples" data-chart="timeline" role="group" aria-label="{escape(label)}">{"".join(panels)}</div>')


def sparkline(values: list, *, label: str) -> str:
    """A small line of a domain's scores over time (1–5); gaps where a measurement has no score.
    Hand-written SVG: a few hundred bytes instead of a full pygal chart per table row."""
    width, height, pad = 120, 30, 4
    n = len(values)
    step = (width - 2 * pad) / max(1, n - 1)

    def y(v):
        return pad + (5 - v) * (height - 2 * pad) / 4

    points = [(pad + i * step, y(v)) for i, v in enumerate(values) if v is not None]
    segments, current = [], []
    for i, v in enumerate(values):
        if v is None:
            if current:
                segments.append(current)
            current = []
        else:
            current.append(f"{pad + i * step:.1f},{y(v):.1f}")
    if current:
        segments.append(current)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" focusable="false" '
        f'data-chart="sparkline" aria-label="{escape(label)}">'
    ]
    for seg in segments:
        if len(seg) > 1:
            parts.append(f'<polyline fill="none" stroke="{ACCENT}" stroke-width="2" points="{" ".join(seg)}"/>')
    for x, yy in points:
        parts.append(f'<circle cx="{x:.1f}" cy="{yy:.1f}" r="2.5" fill="{ACCENT}"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


# --- network map ---------------------------------------------------------------------------

# Rings from the centre outwards: more contact = closer to the household.
RINGS = [ContactFrequency.DAILY, ContactFrequency.WEEKLY, ContactFrequency.MONTHLY, ContactFrequency.RARELY]
SECTORS = list(NetworkKind)
KIND_COLOURS = {
    NetworkKind.FAMILY: "#24578f",
    NetworkKind.FRIEND: "#1e6b2f",
    NetworkKind.NEIGHBOUR: "#8a3b00",
    NetworkKind.VOLUNTEER: "#6b2c91",
    NetworkKind.PROFESSIONAL: "#444444",
}


def network_map(members, *, household_name: str) -> str:
    """A circle map: the household in the middle, one sector per kind of person, rings by how
    often there is contact. `members`: objects with name, kind, contact."""
    size, centre, ring_width = 620, 310, 58
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-110 -10 {size + 220} {size + 20}" role="img" focusable="false" '
        f'data-chart="network" aria-label="{escape(_("Network map of %(name)s: %(n)s people around the household. The list below gives the details.") % {"name": household_name, "n": len(members)})}" '
        f'style="max-width:100%;height:auto;font-family:{FONT}">'
    ]
    for i in range(len(RINGS), 0, -1):
        parts.append(
            f'<circle cx="{centre}" cy="{centre}" r="{40 + i * ring_width}" fill="{"#f3f6fa" if i % 2 else "#ffffff"}" stroke="#b8c2cc"/>'
        )
    for i, ring in enumerate(RINGS, start=1):
        parts.append(
            f'<text x="{centre + 4}" y="{centre - 40 - i * ring_width + 14}" font-size="11" fill="#555">{escape(ring.label)}</text>'
        )
    sector = 2 * math.pi / len(SECTORS)
    outer = 40 + len(RINGS) * ring_width
    for i, kind in enumerate(SECTORS):
        angle = -math.pi / 2 + i * sector
        x, y = centre + outer * math.cos(angle), centre + outer * math.sin(angle)
        parts.append(f'<line x1="{centre}" y1="{centre}" x2="{x:.1f}" y2="{y:.1f}" stroke="#b8c2cc"/>')
        mid = angle + sector / 2
        lx, ly = centre + (outer + 10) * math.cos(mid), centre + (outer + 10) * math.sin(mid) + 4
        anchor = "end" if math.cos(mid) < -0.3 else "start" if math.cos(mid) > 0.3 else "middle"
        if anchor == "middle":
            ly += 10 if math.sin(mid) > 0 else -4
        parts.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="14" font-weight="700" text-anchor="{anchor}" fill="{KIND_COLOURS[kind]}">{escape(kind.label)}</text>'
        )
    parts.append(f'<circle cx="{centre}" cy="{centre}" r="40" fill="{ACCENT}"/>')
    words = household_name.split(" ", 1)
    for k, word in enumerate(words):
        y = centre + 4 + (k - (len(words) - 1) / 2) * 14
        parts.append(
            f'<text x="{centre}" y="{y:.1f}" font-size="12" text-anchor="middle" fill="#fff">{escape(word[:12])}</text>'
        )
    groups: dict[tuple, list] = {}
    for m in members:
        groups.setdefault((m.kind, m.contact), []).append(m)
    for (kind, contact), people in groups.items():
        if kind not in NetworkKind.values or contact not in ContactFrequency.values:
            continue
        s = SECTORS.index(NetworkKind(kind))
        r = 40 + (RINGS.index(ContactFrequency(contact)) + 0.5) * ring_width
        for j, person in enumerate(people):
            a = -math.pi / 2 + s * sector + sector * (j + 1) / (len(people) + 1)
            x, y = centre + r * math.cos(a), centre + r * math.sin(a)
            colour = KIND_COLOURS[NetworkKind(kind)]
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{colour}"/>')
            parts.append(
                f'<text x="{x:.1f}" y="{y + 18:.1f}" font-size="12" text-anchor="middle" fill="#1a1a1a" stroke="#fff" '
                f'stroke-width="3" paint-order="stroke">{escape(person.name[:20])}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))
