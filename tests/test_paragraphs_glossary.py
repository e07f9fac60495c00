"""Long descriptions render as separate paragraphs; the glossary holds abbreviations and terms."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from pydantic import ValidationError

from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.model import GlossaryEntry
from koordineringsbasen.render.context import RenderContext
from koordineringsbasen.render.entity import render_entity
from koordineringsbasen.render.special import abbreviations, glossary_page
from koordineringsbasen.render.text import paragraphs
from tests.support import FIXTURE_DATA, FIXTURE_SEEDS, anchor_citations

DESCRIPTION = """beskrivelse: >-
  Første afsnit, skrevet over
  to linjer.

  Andet afsnit med [klik](javascript:alert(1)) og {{ 7*7 }}.
"""
TERM = """- begreb: objektiv finansiering
  betydning: Finansiering uden betaling pr. plads.
  kilde: {kilde: testrapport-2025, linjer: 105}
"""


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory) -> RenderContext:
    data = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(FIXTURE_DATA, data)
    offer = data / "tilbud" / "testtilbud.yml"
    offer.write_text(offer.read_text("utf-8").replace("kilder:\n", DESCRIPTION + "kilder:\n", 1),
                     "utf-8")
    glossary = data / "ordliste.yml"
    glossary.write_text(glossary.read_text("utf-8") + TERM, "utf-8")
    anchor_citations(data)
    return RenderContext(load_catalog(data, FIXTURE_SEEDS), today=dt.date(2025, 6, 1),
                         edit_base="https://example.org/edit/", changed={})


def test_paragraphs_split_on_line_breaks_and_stay_escaped() -> None:
    text = paragraphs("Et afsnit.\n\n  Et *andet*\nog et tredje.")
    assert text == "Et afsnit\\.\n\nEt \\*andet\\*\n\nog et tredje\\."
    assert paragraphs("Kun ét afsnit.") == "Kun ét afsnit\\."


def test_description_paragraphs_reach_the_page(ctx: RenderContext) -> None:
    text = render_entity(ctx, "tilbud", "testtilbud")
    assert "Første afsnit, skrevet over to linjer\\.\n\nAndet afsnit med " in text
    # The summary (with its footnote) stays a paragraph of its own before the description.
    assert re.search(r'Et tilbud til testgruppen\\\.<sup id="fnref:\d+">.*?</sup>\n\n+Første afsnit', text)
    assert "\\[klik\\]\\(javascript:alert\\(1\\)\\)" in text and "\\{\\{ 7\\*7 \\}\\}" in text


def test_glossary_page_lists_terms_with_sources_and_abbreviations(ctx: RenderContext) -> None:
    page = glossary_page(ctx)
    assert page.index("## Begreber") < page.index("## Forkortelser")
    assert ('<td><strong>objektiv finansiering</strong></td>\n<td>Finansiering uden betaling pr. '
            'plads.</td>\n<td><sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></td>'
            ) in page
    assert '<li id="fn:1">\n<p><a href="../kilder/testrapport-2025/">Testrapport om kapacitet, ' in page
    assert ('<td><strong><abbr title="Central udmelding">CU</abbr></strong></td>\n'
            '<td>Central udmelding</td>') in page


def test_only_abbreviations_become_abbr_definitions(ctx: RenderContext) -> None:
    definitions = abbreviations(ctx)
    assert definitions["CU"] == "Central udmelding"
    assert not any("objektiv" in word for word in definitions)


@pytest.mark.parametrize("fields, says", [
    ({"betydning": "x"}, "enten 'forkortelse' eller 'begreb'"),
    ({"forkortelse": "CU", "begreb": "central udmelding", "betydning": "x"}, "ikke begge"),
    ({"begreb": "belægning", "betydning": "x"}, "skal have en kilde"),
])
def test_glossary_entry_needs_one_headword_and_terms_a_source(fields: dict[str, str],
                                                              says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        GlossaryEntry(**fields)

