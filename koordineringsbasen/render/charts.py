"""Build-time SVG bar charts with a text alternative; no JavaScript, no external files.

The charts have no viewBox: positions along the width are percentages of the chart's own
width and heights are pixels, so text keeps its CSS size (12 px, kb-overview.css) at every
screen width instead of shrinking with the drawing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..danish.writing import number
from .text import attr

HEIGHT, BOTTOM, TOP = 220, 28, 24
BAR_SPACE = 82.0  # percent of the width the longest horizontal bar may take (room for its value)
ROW_LABEL, BAR, GAP, GROUP_GAP = 18, 16, 4, 12


def _svg(chart_id: str, title: str, desc: str, height: float, body: list[str],
         css: str = "kb-chart") -> Markup:
    return Markup(
        f'<svg class="{css}" width="100%" height="{height:.0f}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-t">{attr(title)}</title><desc id="{chart_id}-d">{attr(desc)}</desc>'
        + "".join(body) + "</svg>")


def _figure(svg: Markup, title: str, legend: str = "") -> Markup:
    return Markup(f'<figure class="kb-figure">{svg}{legend}<figcaption>{attr(title)}'
                  "</figcaption></figure>")


def bar_chart(
    chart_id: str,
    title: str,
    points: Sequence[tuple[str, float]],
    unit: str = "",
    reference: float | None = None,
) -> Markup:
    """An accessible bar chart of (label, value) points; `reference` draws a dashed line."""
    if not points:
        return Markup("")
    top = max([v for _, v in points] + ([reference] if reference else [])) or 1
    plot_h = HEIGHT - BOTTOM - TOP
    slot = 100 / len(points)
    bar_w = slot * 0.6
    desc = "; ".join(f"{label}: {number(value)}{unit}" for label, value in points)
    parts = [f'<line class="kb-axis" x1="0" y1="{TOP + plot_h}" x2="100%" y2="{TOP + plot_h}"/>']
    for index, (label, value) in enumerate(points):
        height = plot_h * value / top
        x = index * slot + (slot - bar_w) / 2
        y = TOP + plot_h - height
        parts.append(f'<rect class="kb-bar" x="{x:.2f}%" y="{y:.1f}" width="{bar_w:.2f}%" '
                     f'height="{height:.1f}"/>')
        parts.append(f'<text class="kb-value" x="{x + bar_w / 2:.2f}%" y="{y - 4:.1f}" '
                     f'text-anchor="middle">{attr(number(value))}</text>')
        parts.append(f'<text class="kb-tick" x="{x + bar_w / 2:.2f}%" y="{HEIGHT - 8}" '
                     f'text-anchor="middle">{attr(label)}</text>')
    if reference:
        y = TOP + plot_h - plot_h * reference / top
        parts.append(f'<line class="kb-ref" x1="0" y1="{y:.1f}" x2="100%" y2="{y:.1f}"/>')
    return _figure(_svg(chart_id, title, desc, HEIGHT, parts), title)


@dataclass(frozen=True)
class Group:
    """One labelled group of horizontal bars: a value (or None) per series."""

    label: str
    values: tuple[float | None, ...]


def hbar_chart(chart_id: str, title: str, groups: Sequence[Group], series: Sequence[str],
               unit: str = "", reference: float | None = None,
               reference_label: str = "") -> Markup:
    """Horizontal bars, one group per label and one bar per series, with a legend."""
    values = [v for g in groups for v in g.values if v is not None]
    if not values:
        return Markup("")
    top = max(values + ([reference] if reference else [])) or 1
    y, parts = float(TOP), []
    desc_parts = []
    for group in groups:
        parts.append(f'<text x="0" y="{y + 13:.0f}">{attr(group.label)}</text>')
        y += ROW_LABEL
        shown = []
        for index, value in enumerate(group.values):
            if value is None:
                continue
            width = BAR_SPACE * value / top
            shade = "a" if index == 0 else "b"
            parts.append(f'<rect class="kb-bar kb-bar--{shade}" x="0" y="{y:.0f}" '
                         f'width="{width:.2f}%" height="{BAR}"/>')
            parts.append(f'<text class="kb-hchart__value" x="{width:.2f}%" dx="4" '
                         f'y="{y + 12:.0f}">{attr(number(value) + unit)}</text>')
            shown.append(f"{series[index]}: {number(value)}{unit}")
            y += BAR + GAP
        desc_parts.append(f"{group.label}: {', '.join(shown) or 'ingen tal'}")
        y += GROUP_GAP
    if reference:
        x = BAR_SPACE * reference / top
        parts.append(f'<line class="kb-ref" x1="{x:.2f}%" y1="{TOP - 6}" x2="{x:.2f}%" '
                     f'y2="{y:.0f}"/>')
        parts.append(f'<text x="{x:.2f}%" y="{TOP - 10}" text-anchor="middle">'
                     f"{attr(reference_label)}</text>")
    legend_items = [f'<li><span class="kb-legend__swatch kb-legend__swatch--{"a" if i == 0 else "b"}"'
                    f' aria-hidden="true"></span>{attr(name)}</li>' for i, name in enumerate(series)]
    if reference:
        legend_items.append('<li><span class="kb-legend__swatch kb-legend__swatch--ref" '
                            f'aria-hidden="true"></span>{attr(reference_label)}</li>')
    legend = Markup(f'<ul class="kb-legend">{"".join(legend_items)}</ul>')
    desc = "; ".join(desc_parts)
    return _figure(_svg(chart_id, title, desc, y, parts, "kb-chart kb-hchart"), title, legend)
