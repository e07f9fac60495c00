"""Build-time SVG bar charts with a text alternative; no JavaScript, no external files."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from .text import attr, number

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 560, 220, 44, 28, 14


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
    plot_w, plot_h = WIDTH - LEFT - 8, HEIGHT - BOTTOM - TOP
    slot = plot_w / len(points)
    bar_w = min(48, slot * 0.7)
    desc = "; ".join(f"{label}: {number(value)}{unit}" for label, value in points)
    parts = [
        f'<svg class="kb-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{attr(title)}</title>',
        f'<desc id="{chart_id}-d">{attr(desc)}</desc>',
        f'<line class="kb-axis" x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - 8}" '
        f'y2="{TOP + plot_h}"/>',
        f'<text class="kb-tick" x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end">'
        f"{attr(number(top))}</text>",
        f'<text class="kb-tick" x="{LEFT - 6}" y="{TOP + plot_h}" text-anchor="end">0</text>',
    ]
    for index, (label, value) in enumerate(points):
        height = plot_h * value / top
        x = LEFT + index * slot + (slot - bar_w) / 2
        y = TOP + plot_h - height
        parts.append(f'<rect class="kb-bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                     f'height="{height:.1f}"/>')
        parts.append(f'<text class="kb-value" x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" '
                     f'text-anchor="middle">{attr(number(value))}</text>')
        parts.append(f'<text class="kb-tick" x="{x + bar_w / 2:.1f}" y="{HEIGHT - 10}" '
                     f'text-anchor="middle">{attr(label)}</text>')
    if reference:
        y = TOP + plot_h - plot_h * reference / top
        parts.append(f'<line class="kb-ref" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - 8}" '
                     f'y2="{y:.1f}"/>')
    parts.append("</svg>")
    return Markup(f'<figure class="kb-figure">{"".join(parts)}'
                  f"<figcaption>{attr(title)}</figcaption></figure>")
