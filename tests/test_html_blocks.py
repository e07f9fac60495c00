"""Tables and lists written as finished HTML are what Python-Markdown makes of the same cells."""

from __future__ import annotations

from types import SimpleNamespace

import markdown
from markupsafe import Markup

from koordineringsbasen.render.abbreviations import glossary_abbreviations
from koordineringsbasen.render.html_writer import HtmlWriter
from koordineringsbasen.render.text import md

GLOSSARY = [SimpleNamespace(forkortelse="KL", betydning="Kommunernes Landsforening"),
            SimpleNamespace(forkortelse="SEL", betydning='Lov om "social service"')]
CELLS = [["KL's *vigtigste* [sag]", "5 < 7 & 8 > 2", "SEL § 108, stk. 6"],
         ["under_streg_", "`kode` | lodret", 'citat "her" og KLAR'],
         [1234, "–", "linje\nskift"]]


def markdown_table(headers: list[str], rows: list[list[object]]) -> str:
    """The same cells as a Markdown table, escaped as the pages' Markdown is (text.md)."""
    lines = ["| " + " | ".join(md(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    return "\n".join(lines + ["| " + " | ".join(md(c) for c in row) + " |" for row in rows])


def _markdown(table: str) -> str:
    md = markdown.Markdown(extensions=["tables", "abbr"],
                           extension_configs={"abbr": {"glossary": glossary_abbreviations(GLOSSARY)}})
    return md.convert(table)


def test_a_table_is_what_markdown_makes_of_it() -> None:
    html = HtmlWriter("tilbud/index.md", GLOSSARY, index_tables=True)
    headers = ["Nr.", "Navn (KL)", "Note"]
    assert html.table(headers, CELLS) == _markdown(markdown_table(headers, CELLS))


def test_aligned_columns_and_stripped_cells_are_as_markdown_makes_them() -> None:
    html = HtmlWriter("tilbud/egely.md", GLOSSARY, index_tables=True)
    rows = [["2024", "1.234,5", Markup(' <span class="kb-deadline">(kommende)</span>')],
            ["2025", "–", ""]]
    source = ("| År | Pladser | Status |\n|---|---:|:-:|\n"
              + "\n".join("| " + " | ".join(str(html.text(c)) for c in row) + " |" for row in rows))
    md = markdown.Markdown(extensions=["tables"],
                           extension_configs={"tables": {"use_align_attribute": True}})
    assert html.table(["År", "Pladser", "Status"], rows, [None, "right", "center"]) == md.convert(source)


def test_a_list_is_what_markdown_makes_of_it() -> None:
    html = HtmlWriter("maalgrupper/risikomatrix.md", GLOSSARY, index_tables=True)
    items = [html.em("Næste skridt:") + Markup(" ") + html.text(c[0]) for c in CELLS]
    source = "\n".join(f"- *Næste skridt:* {markdown_table(['x'], [[c[0]]]).splitlines()[2][2:-2]}"
                       for c in CELLS)
    assert html.items(items) == _markdown(source)


def test_links_carry_the_address_mkdocs_gives_them() -> None:
    html = HtmlWriter("maalgrupper/risikomatrix.md", GLOSSARY, index_tables=True)
    assert html.link("tilbud/egely.md", "Egely") == '<a href="../../tilbud/egely/">Egely</a>'
    assert html.link("", "2 svar", "svar-cu-x") == '<a href="#svar-cu-x">2 svar</a>'
    assert "<script>" not in html.text("<script>alert(1)</script>")


def test_a_link_in_markdown_reads_as_the_same_link_in_a_block() -> None:
    """A link placed in a template's Markdown (in_markdown) comes out of Python-Markdown as the
    block writer's link: Markdown syntax in the name stays text, abbreviations marked once."""
    page, name = "maalgrupper/risikomatrix.md", "KL's *vigtigste* [sag]_x_ 5 < 7 & SEL"
    inline = HtmlWriter(page, GLOSSARY, in_markdown=True).link("tilbud/egely.md", name)
    block = HtmlWriter(page, GLOSSARY).link("tilbud/egely.md", name)
    assert "<abbr" not in inline and "<abbr" in block
    assert _markdown(f"Se {inline}.") == f"<p>Se {block}.</p>"


def test_tables_are_left_out_of_the_search_index_unless_asked_for() -> None:
    rows = [["Egely", "12"]]
    assert HtmlWriter("tilbud/index.md", GLOSSARY).table(["Tilbud", "Pladser"], rows) \
        .startswith('<table data-pagefind-ignore="all">\n<thead>')
    assert HtmlWriter("tilbud/egely.md", GLOSSARY, index_tables=True) \
        .table(["Tilbud", "Pladser"], rows).startswith("<table>\n<thead>")
