"""The tables of the "Om data" page: the export files with links, and a field table per kind,
written by the HTML writer like every other generated table.

Links to export files are raw HTML: the files are written after the build (on_post_build), and
mkdocs 1.6 reports a Markdown link to a file it does not know as "not found" (fatal under
--strict). tests/test_exports.py checks that every such link resolves in the built site.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel

from ..catalog import KINDS, Catalog
from ..model import ENTITY_MODELS
from ..model.fields import FieldSpec, child_tables, field_specs
from ..render.html_writer import HtmlWriter, code, code_link
from ..render.labels import KIND_PLURAL
from ..urls import API_DIR, PAGE_TABLES_DIR
from .calendar import CALENDAR_PATH
from .feed import FEED_PATH
from .licence import LICENCE

OM_DATA = "om-data/index.md"  # the page that shows these tables


def file_link(page_url: str, path: str, label: str | None = None) -> Markup:
    """An <a> from the page at `page_url` (site-relative URL) to the site file at `path`."""
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
    href = posixpath.relpath(path, base.rstrip("/") or ".")
    return code_link(href, label or path)


def export_files(catalog: Catalog, page_url: str) -> str:
    """A table of every export file, with links relative to the page (its URL)."""
    def link(path: str, label: str | None = None) -> Markup:
        return file_link(page_url, path, label)

    html = HtmlWriter(OM_DATA, catalog.glossary)

    rows = [
        (link(f"{API_DIR}/alt.json"), "Alle enheder og ordlisten i én JSON-fil."),
        (Markup(f"<code>{API_DIR}/&lt;art&gt;/&lt;id&gt;.json</code>"),
         Markup("Én JSON-fil pr. enhed, fx ") + _example(catalog, link) + "."),
    ]
    for kind in KINDS:
        children = child_tables(ENTITY_MODELS[kind])
        extra = ", ".join(link(f"{API_DIR}/{kind}-{c.name.replace('_', '-')}.csv",
                               c.name) for c in children)
        text = html.text(f"{KIND_PLURAL[kind]}, én række pr. enhed")
        if extra:
            text += Markup(f". Lister i egne tabeller: {extra}")
        rows.append((link(f"{API_DIR}/{kind}.csv"), text + Markup(".")))
    rows += [
        (link(f"{API_DIR}/ordliste.csv"), "Ordlisten over forkortelser og begreber."),
        (link(f"{API_DIR}/datapackage.json"),
         ("Beskrivelse af CSV- og JSON-filerne som Frictionless Data Package: felttyper, "
         "nøgler og henvisninger mellem tabellerne.")),
        (Markup(", ".join(link(f"{API_DIR}/schemas/{kind}.schema.json", kind)
                          for kind in (*KINDS, "ordliste"))),
         "JSON Schema for hver filtype, dannet ud fra datamodellen."),
        (Markup(f"<code>{PAGE_TABLES_DIR}/&lt;tabel&gt;.csv</code>"),
         ("Tabellerne på siderne Frister, Risikomatrix, Takster, Sikrede afdelinger og Lands- og "
          "landsdelsdækkende tilbud, som de står på siden (uden fodnotemærker). Hver side linker "
          "til sine egne filer.")),
        (link(CALENDAR_PATH), "Alle frister som kalender (iCalendar): centrale udmeldinger, "
                              "målgrupper, tilbud og opfølgning på møder. Hver side med "
                              "frister har også sin egen kalender (knappen Følg)."),
        (link(FEED_PATH), ("Ændringerne i data som Atom-feed, i ord og nyeste først. Hver side har "
                          "også sit eget feed med sidens ændringer.")),
    ]
    return str(html.table(["Fil", "Indhold"], rows))


def licence_link() -> Markup:
    """The licence's name, linked to its Danish summary."""
    return HtmlWriter(OM_DATA, (), in_markdown=True).external_link(LICENCE.reader_url,
                                             f"{LICENCE.title} ({LICENCE.short})")


def mail_link(address: str) -> Markup:
    """A mailto link to `address`, inside a page's Markdown."""
    return HtmlWriter(OM_DATA, (), in_markdown=True).mail_link(address)


def _example(catalog: Catalog, link: Callable[[str], Markup]) -> Markup:
    for kind in KINDS:
        for entity_id in catalog.entities[kind]:
            return link(f"{API_DIR}/{kind}/{entity_id}.json")
    return Markup("<code>api/tilbud/&lt;id&gt;.json</code>")


def _rows(model: type[BaseModel], prefix: str = "") -> list[tuple[str, FieldSpec]]:
    rows = []
    for spec in field_specs(model):
        name = prefix + spec.name + ("[]" if spec.many else "")
        rows.append((name, spec))
        if spec.model is not None and not spec.is_reference:
            rows.extend(_rows(spec.model, name + "."))
    return rows


def _code(text: str) -> Markup:
    return code(text)


def _describe(spec: FieldSpec, html: HtmlWriter) -> Markup:
    text = spec.description or "–"
    described = html.text(text if text.endswith((".", "?", ")", "'")) or text == "–" else text + ".")
    if spec.choices:
        described += Markup(" Tilladte værdier: ") + Markup(", ").join(
            _code(c) for c in spec.choices) + Markup(".")
    if spec.min_items:
        described += html.text(f" Mindst {spec.min_items}.")
    return described


def field_table(kind: str, glossary: Iterable[Any] = ()) -> str:
    """Every field of `kind`, nested fields as `kapacitet[].aar`, with type and description
    (the glossary's abbreviations marked)."""
    html = HtmlWriter(OM_DATA, list(glossary))
    return str(html.table(["Felt", "Type", "Påkrævet", "Beskrivelse"],
                          [[_code(name), spec.type_label(), "ja" if spec.required else "nej",
                            _describe(spec, html)] for name, spec in _rows(ENTITY_MODELS[kind])]))

