"""The text pages of a source: its lines, numbered, one anchor per line, headed by agenda item.

Each line is `<li id="L<n>">` of an `<ol start>` inside `.kb-kildetekst`; each cited range gets
an empty anchor `L<a>-L<b>` at its first line, so a footnote's link lands there without
JavaScript (docs/assets/kildetekst.js then marks the whole range). Text is HTML-escaped.
"""

from __future__ import annotations

import html
from collections import defaultdict

from markupsafe import Markup

from ..model.common import line_bounds
from ..model.sources import Source
from .context import RenderContext
from .labels import date_da
from .links import link, page_uri
from .text import md
from .textlayout import Part, agenda_anchor, cited_ranges, depth, source_layout, text_uri

MAX_HEADING = 4


def has_text(ctx: RenderContext, source: Source) -> bool:
    return ctx.texts.lines(source.fil) is not None


def text_pages(ctx: RenderContext) -> list[tuple[str, list[tuple[int, str]]]]:
    """Every source with its text: (id, [(part index, page .md path), ...])."""
    pages = []
    for source in ctx.catalog.all("kilder"):
        if has_text(ctx, source):
            parts = source_layout(ctx.catalog, source).parts
            pages.append((source.id, [(p.index, text_uri(source.id, p)) for p in parts]))
    return pages


def _part_title(part: Part) -> str:
    if part.item is None:
        return "Indledning"
    return f"Punkt {part.item.nr}: {part.item.titel}"


def _navigation(page: str, source: Source, parts: tuple[Part, ...], part: Part) -> list[str]:
    if len(parts) == 1:
        return []
    if part.item is None:
        lines = ["Teksten er delt i en side pr. dagsordenspunkt:", ""]
        for other in parts:
            label = f"{_part_title(other)} (linje {other.first}-{other.own_last})"
            if other is part:
                lines.append(f"- {md(label)} (denne side)")
            elif other.own_last >= other.first:
                lines.append(f"- {link(page, text_uri(source.id, other), label)}")
        return [*lines, ""]
    links = []
    before, after = parts[part.index - 1], parts[part.index + 1] if part.index + 1 < len(parts) else None
    links.append(link(page, text_uri(source.id, before), f"Forrige: {_part_title(before)}"))
    links.append(link(page, text_uri(source.id), "Alle dele"))
    if after is not None:
        links.append(link(page, text_uri(source.id, after), f"Næste: {_part_title(after)}"))
    return [" · ".join(links), ""]


def _line_html(number: int, text: str, anchors: list[str]) -> str:
    marks = "".join(f'<span id="{a}" class="kb-anker"></span>' for a in anchors)
    return f'<li id="L{number}">{marks}{html.escape(text)}</li>'


def render_source_text(ctx: RenderContext, source_id: str, index: int) -> str:
    """Markdown (with raw HTML lines) of part `index` of a source's text page."""
    source: Source = ctx.catalog.get("kilder", source_id)
    lines = ctx.texts.lines(source.fil)
    if lines is None:
        raise ValueError(f"no text for source {source_id}: {source.fil} is missing")
    text_layout = source_layout(ctx.catalog, source)
    part = text_layout.parts[index]
    page = text_uri(source_id, part)
    anchors: dict[int, list[str]] = defaultdict(list)
    for fact_range in sorted(cited_ranges(ctx.catalog, source_id), key=line_bounds):
        first, last = line_bounds(fact_range)
        if first != last and text_layout.home(first) is part:
            anchors[first].append(f"L{first}-L{last}")
    headings = defaultdict(list)
    for item in sorted(source.punkter, key=lambda a: line_bounds(a.linjer)):
        start = line_bounds(item.linjer)[0]
        if part.first <= start <= part.own_last:
            headings[start].append(item)

    embedded = defaultdict(list)  # documents that begin inside this text (bilag)
    for backlink in ctx.catalog.backlinks.get(("kilder", source_id), ()):
        if backlink.source[0] == "kilder" and backlink.path == ("indgaar_i",):
            document = ctx.catalog.get(*backlink.source)
            embedded[line_bounds(document.linjer)[0]].append(document)

    out = [f"# {md(source.navn)} – kildetekst", ""]
    about = [link(page, page_uri("kilder", source_id), source.navn), md(date_da(source.dato)),
             md(f"linje {part.first}-{part.last}" if len(text_layout.parts) > 1
                else f"linje {source.linjer}")]
    out += ["Kilde: " + ", ".join(about) + ". Linjenumrene er dem, kildehenvisningerne bruger; "
            "et link fra en fodnote markerer de citerede linjer.", ""]
    out += _navigation(page, source, text_layout.parts, part)
    out += ['<div class="kb-kildetekst" markdown>', ""]
    numbered: list[str] = []  # the open list of numbered lines: one block, kept out of Markdown

    def close_list() -> None:
        if numbered:
            out.extend([ctx.block(page, Markup("\n".join([*numbered, "</ol>"]))), ""])
            numbered.clear()

    for number in range(part.first, part.last + 1):
        for item in headings.get(number, ()):
            close_list()
            level = "#" * min(1 + depth(source, item), MAX_HEADING)
            out += [f"{level} Punkt {md(item.nr)}: {md(item.titel)} {{ #{agenda_anchor(item.nr)} }}", ""]
        for document in embedded.get(number, ()):
            close_list()
            out += [f"*Bilag: {link(page, page_uri('kilder', document.id), document.navn)}, "
                    f"{md(f'linje {document.linjer}')} "
                    f"({link(page, text_uri(document.id), 'bilagets egen tekstside')}).*", ""]
        if not numbered:
            numbered.append(f'<ol class="kb-linjer" start="{number}">')
        numbered.append(_line_html(number, lines[number - 1] if number <= len(lines) else "",
                                   anchors.get(number, [])))
    close_list()
    out += ["</div>", ""]
    return "\n".join(out)
