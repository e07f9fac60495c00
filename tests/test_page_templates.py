"""The cross-cutting pages come from templates: prose and headings there, blocks from the writer."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest

from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.render import comparisons, special
from koordineringsbasen.render.changes import NEW, Change
from koordineringsbasen.render.charts import Group, bar_chart, hbar_chart
from koordineringsbasen.render.context import RenderContext
from koordineringsbasen.render.coverage import coverage_page
from koordineringsbasen.render.history import Commit, History, Revision
from koordineringsbasen.render.quality import quality_page
from koordineringsbasen.render.text import anchor_id
from koordineringsbasen.texts.seedtext import SeedTexts
from tests.support import FIXTURE_DATA, FIXTURE_SEEDS

PAGES: dict[str, Callable[[RenderContext], str]] = {
    "risikomatrix": special.risk_matrix,
    "frister": special.deadlines_page,
    "ordliste": special.glossary_page,
    "sikrede-afdelinger": comparisons.secure_units,
    "landsdaekkende": comparisons.national_offers,
    "takster": comparisons.prices,
    "daekning": coverage_page,
    "datakvalitet": quality_page,
}


@pytest.fixture(scope="module")
def ctx() -> RenderContext:
    return RenderContext(load_catalog(FIXTURE_DATA, FIXTURE_SEEDS), today=dt.date(2025, 6, 1),
                         texts=SeedTexts(FIXTURE_SEEDS))


@pytest.mark.parametrize("name", PAGES)
def test_a_page_keeps_its_blocks_whole_and_its_prose_in_markdown(
        ctx: RenderContext, name: str) -> None:
    page = PAGES[name](ctx)
    assert "{{" not in page and "{%" not in page and "{#" not in page
    # Every table and list is a whole block between blank lines, as the hook keeps it out of
    # Markdown; around them is Markdown prose and headings.
    chunks = page.rstrip("\n").split("\n\n")
    for chunk in chunks:
        if "<table>" in chunk:
            assert chunk.startswith(("<table>", '<div class="kb-sortable')), chunk[:80]
            assert chunk.endswith(("</table>", "</table>\n</div>")), chunk[-80:]
        elif chunk.startswith("<ul>"):
            assert chunk.endswith("</ul>") and "\n\n" not in chunk
    assert any(chunk.startswith("## ") or chunk[:1].isalnum() for chunk in chunks)


def test_a_page_with_sources_ends_with_them_after_a_blank_line(ctx: RenderContext) -> None:
    page = special.risk_matrix(ctx)
    # The section is one the site search leaves out (an unsearched block, as it is made).
    heading = '\n\n<div data-pagefind-ignore="all" markdown>\n\n## Kilder { #kilder }\n\n'
    assert heading in page
    assert page.split(heading, 1)[1].startswith('<div class="footnote">')
    assert page.rstrip().endswith("</div>")


def test_front_page_lists_are_lists_or_a_sentence(ctx: RenderContext) -> None:
    assert special.upcoming_deadlines(ctx, "index.md").startswith("<ul>\n<li><strong>")
    later = dataclasses.replace(ctx, today=dt.date(2200, 1, 1))
    none_upcoming = special.upcoming_deadlines(later, "index.md")
    assert none_upcoming.startswith("Ingen kommende frister i data. Seneste frister:\n\n<ul>\n")
    # The newest facts say what they are: the fields citing the newest source.
    assert ('<a href="tilbud/testtilbud/">Testtilbuddet Østerlund</a> (tilbud): generelle '
            "oplysninger, målgruppe, kapacitet, pris</li>") in special.newest_facts(ctx, "index.md")
    assert special.recent_corrections(ctx, "index.md") == (
        "Rettelserne kan ikke vises: denne udgave af siden er bygget uden versionshistorikken.")
    empty = dataclasses.replace(ctx, history=History(()))
    assert special.recent_corrections(empty, "index.md") == (
        "Ingen rettelser registreret i versionshistorikken endnu.")
    fix = Revision("c" * 40, "2025-05-02T10:00:00+02:00", "data/tilbud/testtilbud.yml",
                   (Change("pladser 2025 12 → 14"), Change("kapacitet 2026 tilføjet", NEW),
                    Change("pris 2024 4.107 → 4.200")))
    added = Revision("a" * 40, "2025-05-01T10:00:00+02:00", "data/tilbud/testtilbud.yml", (),
                     added=True)
    corrected = dataclasses.replace(ctx, history=History(
        (Commit(fix.commit, fix.date, (fix,)), Commit(added.commit, added.date, (added,)))))
    assert special.recent_corrections(corrected, "index.md") == (
        '<ul class="kb-history">\n<li>2. maj 2025: <a href="tilbud/testtilbud/">Testtilbuddet Østerlund</a> '
        "(tilbud): pladser 2025 12 → 14 (og 1 rettelse mere)</li>\n</ul>")


def test_the_source_texts_notice_follows_the_build(ctx: RenderContext) -> None:
    assert special.source_texts_notice(ctx).startswith("Kildeteksterne er med")
    without = dataclasses.replace(ctx, texts=SeedTexts(None))
    assert special.source_texts_notice(without).startswith('!!! warning "Uden kildetekster"\n    ')


def test_charts_escape_their_labels_and_stay_on_one_line() -> None:
    label = 'A<b> & "B"'
    for chart in (bar_chart("c", label, [(label, 1.0), ("2025", 2.0)], " %", 2),
                  hbar_chart("h", label, [Group(label, (1.0, None))], [label, "b"], " %", 1.5,
                             label)):
        assert "\n" not in chart and "<b>" not in chart
        assert chart.count("A&lt;b&gt; &amp; &quot;B&quot;") >= 3  # title, desc, a label
        assert chart.startswith('<figure class="kb-figure"><svg ') and chart.endswith("</figure>")


@pytest.mark.parametrize("good", ["punkt-9-3", "cu-test", "punkt-A"])
def test_anchor_ids_pass_as_they_are(good: str) -> None:
    assert anchor_id(good) == good


@pytest.mark.parametrize("bad", ["x } { #y", "a b", "", 'a"b'])
def test_anchor_ids_that_would_break_the_heading_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="anchor id"):
        anchor_id(bad)
