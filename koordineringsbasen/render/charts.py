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
from .environment import render_html

HEIGHT, BOTTOM, TOP = 220, 28, 24
BAR_SPACE = 82.0  # percent of the width the longest horizontal bar may take (room for its value)
ROW_LABEL, BAR, GAP, GROUP_GAP = 18, 16, 4, 12


Shape = dict[str, object]


def _line(css: str, x1: object, y1: object, x2: object, y2: object) -> Shape:
    return {"kind": "line", "css": css, "x1": x1, "y1": y1, "x2": x2, "y2": y2}


def _rect(css: str, x: str, y: str, width: str, height: object) -> Shape:
    return {"kind": "rect", "css": css, "x": x, "y": y, "width": width, "height": height}


def _text(text: str, x: str, y: object, css: str | None = None, dx: str | None = None,
          anchor: str | None = None) -> Shape:
    return {"kind": "text", "text": text, "x": x, "y": y, "css": css, "dx": dx, "anchor": anchor}


def _figure(chart_id: str, title: str, desc: str, height: float, shapes: list[Shape],
            css: str = "kb-chart", legend: list[tuple[str, str]] | None = None) -> Markup:
    return render_html("chart.html.j2", id=chart_id, title=title, desc=desc,
                       height=f"{height:.0f}", shapes=shapes, css=css, legend=legend)


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
    parts = [_line("kb-axis", 0, TOP + plot_h, "100%", TOP + plot_h)]
    for index, (label, value) in enumerate(points):
        height = plot_h * value / top
        x = index * slot + (slot - bar_w) / 2
        y = TOP + plot_h - height
        parts.append(_rect("kb-bar", f"{x:.2f}%", f"{y:.1f}", f"{bar_w:.2f}%", f"{height:.1f}"))
        parts.append(_text(number(value), f"{x + bar_w / 2:.2f}%", f"{y - 4:.1f}", "kb-value",
                           anchor="middle"))
        parts.append(_text(label, f"{x + bar_w / 2:.2f}%", HEIGHT - 8, "kb-tick",
                           anchor="middle"))
    if reference:
        y = TOP + plot_h - plot_h * reference / top
        parts.append(_line("kb-ref", 0, f"{y:.1f}", "100%", f"{y:.1f}"))
    return _figure(chart_id, title, desc, HEIGHT, parts)


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
        parts.append(_text(group.label, "0", f"{y + 13:.0f}"))
        y += ROW_LABEL
        shown = []
        for index, value in enumerate(group.values):
            if value is None:
                continue
            width = BAR_SPACE * value / top
            shade = "a" if index == 0 else "b"
            parts.append(_rect(f"kb-bar kb-bar--{shade}", "0", f"{y:.0f}", f"{width:.2f}%", BAR))
            parts.append(_text(number(value) + unit, f"{width:.2f}%", f"{y + 12:.0f}",
                               "kb-hchart__value", dx="4"))
            shown.append(f"{series[index]}: {number(value)}{unit}")
            y += BAR + GAP
        desc_parts.append(f"{group.label}: {', '.join(shown) or 'ingen tal'}")
        y += GROUP_GAP
    if reference:
        x = BAR_SPACE * reference / top
        parts.append(_line("kb-ref", f"{x:.2f}%", TOP - 6, f"{x:.2f}%", f"{y:.0f}"))
        parts.append(_text(reference_label, f"{x:.2f}%", TOP - 10, anchor="middle"))
    legend = [("a" if i == 0 else "b", name) for i, name in enumerate(series)]
    if reference:
        legend.append(("ref", reference_label))
    return _figure(chart_id, title, "; ".join(desc_parts), y, parts, "kb-chart kb-hchart", legend)
