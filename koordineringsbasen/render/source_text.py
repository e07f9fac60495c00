"""The text pages of a source: its lines, numbered, one anchor per line, headed by agenda item.

Each line is `<li id="L<n>">` of an `<ol start>` inside `.kb-kildetekst`; each cited range gets
an empty anchor `L<a>-L<b>` at its first line, so a footnote's link lands there without
JavaScript (docs/assets/kildetekst.js then marks the whole range). Text is HTML-escaped.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from typing import Any

from markupsafe import Markup

from ..model.common import line_bounds
from ..model.sources import Source
from ..texts.anchors import CONTEXT_LINES
from .context import RenderContext
from .environment import render_template
from .html_writer import HtmlWriter, numbered_line, numbered_lines_start
from .links import page_uri
from .search_block import SOURCE_TEXT_ATTRIBUTES
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


def _navigation(writer: HtmlWriter, source: Source, parts: tuple[Part, ...],
                part: Part) -> dict[str, Any]:
    """The links to the other parts: a list of contents on the first part, else the
    neighbours; nothing when the text is one page."""
    if len(parts) == 1:
        return {"contents": None, "neighbours": None}
    if part.item is None:
        contents: list[tuple[str, Markup | None]] = []
        for other in parts:
            label = f"{_part_title(other)} (linje {other.first}-{other.own_last})"
            if other is part:
                contents.append((label, None))
            elif other.own_last >= other.first:
                contents.append((label, writer.link(text_uri(source.id, other), label)))
        return {"contents": contents, "neighbours": None}
    links = []
    before, after = parts[part.index - 1], parts[part.index + 1] if part.index + 1 < len(parts) else None
    links.append(writer.link(text_uri(source.id, before), f"Forrige: {_part_title(before)}"))
    links.append(writer.link(text_uri(source.id), "Alle dele"))
    if after is not None:
        links.append(writer.link(text_uri(source.id, after), f"Næste: {_part_title(after)}"))
    return {"contents": None, "neighbours": Markup(" · ").join(links)}


def _copy_data(ctx: RenderContext, source: Source, part: Part, lines: tuple[str, ...]) -> str:
    """What docs/assets/henvisning.js needs to copy a citation of selected lines as `find`
    prints it: the source, the agenda items of it and the meetings it is part of (chain order:
    [rank in the chain, nr, first, last]), and the lines just before and after this page, which
    the anchor's context may reach (texts/anchors.CONTEXT_LINES)."""
    items = [[rank, item.nr, *line_bounds(item.linjer)]
             for rank, holder in enumerate(ctx.catalog.source_chain(source.id))
             for item in holder.punkter]
    before = list(lines[max(0, part.first - 1 - CONTEXT_LINES):part.first - 1])
    after = list(lines[part.last:part.last + CONTEXT_LINES])
    data = {"kilde": source.id, "punkter": json.dumps(items, ensure_ascii=False),
            "foer": json.dumps(before, ensure_ascii=False),
            "efter": json.dumps(after, ensure_ascii=False)}
    return " ".join(f'data-{key}="{html.escape(value, quote=True)}"' for key, value in data.items())


def render_source_text(ctx: RenderContext, source_id: str, index: int) -> str:
    """Markdown (with raw HTML lines) of part `index` of a source's text page."""
    source: Source = ctx.catalog.get("kilder", source_id)
    lines = ctx.texts.lines(source.fil)
    if lines is None:
        raise ValueError(f"no text for source {source_id}: {source.fil} is missing")
    text_layout = source_layout(ctx.catalog, source)
    part = text_layout.parts[index]
    page = text_uri(source_id, part)
    writer = HtmlWriter(page, ctx.catalog.glossary, in_markdown=True)  # links in the Markdown
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

    # The text in segments (templates/kildetekst.md.j2): agenda headings, the documents that
    # begin here (bilag), and runs of numbered lines between them.
    segments: list[dict[str, Any]] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            segments.append({"kind": "lines",
                             "html": ctx.block(page, Markup("\n".join(run) + "\n</ol>"))})
            run.clear()

    for number in range(part.first, part.last + 1):
        for item in headings.get(number, ()):
            close_run()
            segments.append({"kind": "heading", "level": min(1 + depth(source, item), MAX_HEADING),
                             "item": item, "anchor": agenda_anchor(item.nr)})
        for document in embedded.get(number, ()):
            close_run()
            segments.append({"kind": "bilag", "document": document,
                             "link": writer.link(page_uri("kilder", document.id), document.navn),
                             "text_link": writer.link(text_uri(document.id),
                                                      "bilagets egen tekstside")})
        if not run:
            run.append(numbered_lines_start(number))
        run.append(numbered_line(number, lines[number - 1] if number <= len(lines) else "",
                              anchors.get(number, [])))
    close_run()
    return render_template(
        "kildetekst.md.j2", source=source, segments=segments,
        copy_data=Markup(_copy_data(ctx, source, part, lines)),
        search_attributes=Markup(SOURCE_TEXT_ATTRIBUTES),
        source_link=writer.link(page_uri("kilder", source_id), source.navn),
        lines=f"{part.first}-{part.last}" if len(text_layout.parts) > 1 else source.linjer,
        **_navigation(writer, source, text_layout.parts, part))
