"""What every inline pygal chart shares: the house style, and the SVG made safe to inline.

pygal's inline script and comments are removed (no JavaScript on our pages), and the SVG gets
`role="img"` with an `aria-label`; pages always show the same numbers as a table too.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from pygal.style import Style

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
_SCRIPT = re.compile(r"<script.*?</script>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def chart_style(colors, **extra) -> Style:
    sizes = {"label_font_size": 13, "major_label_font_size": 13, "legend_font_size": 14}
    return Style(
        background="white", plot_background="white", foreground="#1a1a1a", foreground_strong="#1a1a1a",
        foreground_subtle="#555555", colors=colors, font_family=FONT, label_font_family=FONT,
        major_label_font_family=FONT, legend_font_family=FONT, title_font_family=FONT, value_font_family=FONT,
        tooltip_font_family=FONT, **{**sizes, **extra},
    )


def _style_nonce() -> str:
    """The Content-Security-Policy nonce of the request being served (django-csp), for the chart's
    own <style> element; empty outside a request (PDFs, tests without one)."""
    from eenplan.access.audit import current_request

    request = current_request()
    nonce = getattr(request, "csp_nonce", None) if request is not None else None
    # django-csp's lazy nonce is falsy until it is first read ("checkable"): test for None, then read it.
    return str(nonce) if nonce is not None else ""


def inline_svg(svg: str, label: str, data_chart: str = ""):
    svg = _COMMENT.sub("", _SCRIPT.sub("", svg))
    nonce = _style_nonce()
    if nonce:
        svg = svg.replace("<style", f'<style nonce="{escape(nonce)}"')
    extra = f' data-chart="{data_chart}"' if data_chart else ""
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" focusable="false"{extra} ', 1))
