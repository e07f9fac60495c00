"""Rendering: Markdown for fixture entities, escaping, derived figures; no mkdocs involved."""

from __future__ import annotations

import datetime as dt

import pytest

from koordineringsbasen.danish.writing import number
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.render.context import RenderContext
from koordineringsbasen.render.entity import render_entity
from koordineringsbasen.render.helpers import deadline_passed
from koordineringsbasen.render.special import deadlines_page, risk_matrix
from koordineringsbasen.render.text import md
from tests.support import FIXTURE_DATA, FIXTURE_SEEDS


@pytest.fixture(scope="module")
def ctx() -> RenderContext:
    catalog = load_catalog(FIXTURE_DATA, FIXTURE_SEEDS)
    return RenderContext(catalog, today=dt.date(2025, 6, 1), edit_base="https://example.org/edit/",
                         changed={"data/tilbud/testtilbud.yml": "2025-05-02"})


def test_offer_page_has_facts_links_and_sources(ctx: RenderContext) -> None:
    text = render_entity(ctx, "tilbud", "testtilbud")
    assert text.startswith("# Testtilbuddet Østerlund\n")
    assert '<a href="../../organisationer/region-test/">Region Test</a>' in text
    assert '<a href="../../maalgrupper/natko-25-testgruppe/">Personer med testsyndrom</a>' in text
    assert ('<td>2024</td>\n<td align="right">10</td>\n<td align="right">10,7</td>\n'
            '<td align="right">107 %</td>\n<td align="right">107 %</td>') in text
    assert '<svg class="kb-chart"' in text and "<desc id=\"belaegning-0-d\">2023: 95 %; 2024: 107 %</desc>" in text
    assert ('<li id="fn:1">\n<p><a href="../../kilder/testrapport-2025/">Testrapport om '
            'kapacitet, februar 2025</a>') in text
    assert "linje 105-106" in text and ".txt" not in text  # no seed file names
    assert "https://example.org/edit/data/tilbud/testtilbud.yml" in text
    assert "Sidst ændret 2\\. maj 2025" in text
    assert '<a href="../../udmeldinger/cu-test/">Central udmelding om testsyndrom</a>' in text


def test_target_group_page_shows_disagreement_and_backlinks(ctx: RenderContext) -> None:
    text = render_entity(ctx, "maalgrupper", "natko-25-testgruppe")
    assert '!!! warning "Antal personer"' in text
    # Passages cited earlier on the page (the size table): their numbers again, a second use.
    assert '- ca\\. 80<sup id="fnref' in text and '- 3\\-8 pr\\. år<sup id="fnref' in text
    assert "## Tilbud til målgruppen" in text and "## Delmålgrupper" in text
    assert text.count("kb-risk--roed") == 2  # the latest rating: key facts card + risk table


def test_notification_deadlines_relative_to_build_date(ctx: RenderContext) -> None:
    text = render_entity(ctx, "udmeldinger", "cu-test")
    # Passed, and the region answered in December 2024: met ("passeret"), not overdue.
    assert ('<td>31. december 2024</td>\n<td>Frist</td>\n'
            '<td><span class="kb-deadline kb-deadline--passed">(passeret)</span></td>') in text
    assert "<dt markdown=\"span\">Næste frist</dt><dd markdown>31\\. maj 2099" in text  # fact box
    page = deadlines_page(ctx)
    assert page.index("## Kommende frister") < page.index("<td>31. maj 2099</td>") < page.index("## Passerede")


def test_source_page_lists_agenda_and_citing_pages(ctx: RenderContext) -> None:
    text = render_entity(ctx, "kilder", "testmoede-2025-01-01")
    assert "### Punkt 2: Risikovurdering { #punkt-2 }" in text
    assert "## Dokumenter i denne kilde" in text
    assert ('<li><strong>Målgrupper (2):</strong> <a href="../../maalgrupper/natko-25-testgruppe/">'
            'Personer med testsyndrom</a> (l. 12-14, 15, 16-18)') in text


def test_risk_matrix_lists_every_rating(ctx: RenderContext) -> None:
    text = risk_matrix(ctx)
    assert "<th>Nr.</th>\n<th>Målgruppe</th>\n<th>Forår 2024</th>\n<th>Efterår 2024</th>" in text
    assert text.count("kb-risk--gul") >= 2 and text.count("kb-risk--roed") >= 2


@pytest.mark.parametrize("payload", [
    "<script>alert(1)</script>", "[klik](javascript:alert(1))", "{{ 7*7 }}",
    "![x](http://evil.example/x.png)", "--8<-- \"/etc/passwd\"", "*[CU]: falsk",
])
def test_escaping_makes_markdown_inert(payload: str) -> None:
    escaped = str(md(payload))
    assert "<" not in escaped and "](" not in escaped
    assert "\n" not in escaped


def test_number_and_deadline_helpers() -> None:
    assert number(1234.5) == "1.234,5" and number(9.5) == "9,5" and number(None) == "–"
    today = dt.date(2025, 6, 1)
    assert deadline_passed("2025-05", today) and not deadline_passed("2025-06", today)
    assert deadline_passed("2024", today) and not deadline_passed("2025-06-01", today)
