"""Citations: quotes, text layout, agenda-item resolution, currency dates, data-quality rows."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.model import Reference, Source, TargetGroup
from koordineringsbasen.model.agenda import resolve_item
from koordineringsbasen.render.abbreviations import abbreviator
from koordineringsbasen.render.blocks import Blocks
from koordineringsbasen.render.citations import Citations
from koordineringsbasen.render.claims import cited_texts
from koordineringsbasen.render.context import RenderContext
from koordineringsbasen.render.entity import render_entity
from koordineringsbasen.render.quality import disagreement_rank, unanswered_deadlines
from koordineringsbasen.render.source_text import render_source_text
from koordineringsbasen.render.textlayout import layout, text_uri
from koordineringsbasen.texts.seedtext import SeedTexts, tidy_quote
from tests.support import FIXTURE_DATA, FIXTURE_SEEDS


@pytest.fixture(scope="module")
def ctx() -> RenderContext:
    catalog = load_catalog(FIXTURE_DATA, FIXTURE_SEEDS)
    return RenderContext(catalog, today=dt.date(2025, 6, 1), texts=SeedTexts(FIXTURE_SEEDS))


def _source(**fields: object) -> Source:
    base = {"id": "m", "navn": "Møde", "type": "referat", "dato": "2025-03-17",
            "fil": "000_0000000000000000.txt", "linjer": "1-5000", "resume": "x"}
    return Source.model_validate({**base, **fields})


def test_quote_mends_pdf_hyphenation_and_keeps_shared_suffixes() -> None:
    assert tidy_quote(["Kofoedsminde er et til-", "bud   med  pladser"]) == \
        "Kofoedsminde er et tilbud med pladser"
    assert tidy_quote(["Social-", "og Boligstyrelsen"]) == "Social- og Boligstyrelsen"
    assert tidy_quote(["", "  Stk. 2  ", ""]) == "Stk. 2"
    assert tidy_quote(["fortsat høj efterspørgsel"]).startswith("… fortsat")


def test_quote_is_cut_at_a_word() -> None:
    quote = tidy_quote(["ord " * 100])
    assert len(quote) <= 202 and quote.endswith(" …") and "ord ord …" in quote
    assert not quote[:-2].endswith(" ")


def test_seed_lines_are_split_on_newline_only(tmp_path: Path) -> None:
    (tmp_path / "000_0000000000000001.txt").write_bytes(b"a\x0cb\nc\n\nd")
    lines = SeedTexts(tmp_path).lines("000_0000000000000001.txt")
    assert lines == ("ab", "c", "", "d")
    assert SeedTexts(None).lines("000_0000000000000001.txt") is None


def test_agenda_item_of_an_appendix_resolves_to_the_meeting_when_its_lines_are_there() -> None:
    meeting = _source(punkter=[{"nr": "6", "titel": "Gravide", "linjer": "1465-2757"}])
    report = _source(id="r", linjer="1570-2757", indgaar_i="m",
                     punkter=[{"nr": "6", "titel": "Perspektivering", "linjer": "2700-2757"}])
    owner, item = resolve_item([report, meeting], "6", "1637-1672")  # type: ignore[misc]
    assert (owner.id, item.titel) == ("m", "Gravide")
    owner, item = resolve_item([report, meeting], "6", "2710-2712")  # type: ignore[misc]
    assert (owner.id, item.titel) == ("r", "Perspektivering")
    assert resolve_item([report, meeting], "6", "100-101") is None


def test_footnote_links_the_agenda_item_that_holds_the_lines(ctx: RenderContext) -> None:
    text = render_entity(ctx, "maalgrupper", "natko-25-testgruppe")
    assert '<a href="../../kilder/testmoede-2025-01-01/#punkt-2">pkt. 2</a>' in text


def test_long_sources_are_split_per_agenda_item_and_cited_ranges_stay_whole() -> None:
    source = _source(punkter=[{"nr": "1", "titel": "A", "linjer": "10-2999"},
                              {"nr": "1.1", "titel": "A1", "linjer": "20-30"},
                              {"nr": "2", "titel": "B", "linjer": "3000-5000"}])
    parts = layout(source, ["2990-3005", "25"]).parts
    assert [(p.slug, p.first, p.own_last, p.last) for p in parts] == [
        ("", 1, 9, 9), ("punkt-1", 10, 2999, 3005), ("punkt-2", 3000, 5000, 5000)]
    text_layout = layout(source, ["2990-3005"])
    assert text_layout.anchor_uri("2990-3005") == ("kilder/m/tekst/punkt-1.md", "L2990-L3005")
    assert text_layout.anchor_uri("3001") == ("kilder/m/tekst/punkt-2.md", "L3001")
    short = _source(linjer="1-100", punkter=[{"nr": "1", "titel": "A", "linjer": "1-100"}])
    assert [text_uri("m", p) for p in layout(short).parts] == ["kilder/m/tekst/index.md"]


def test_text_page_has_numbered_escaped_lines_anchors_and_item_headings(
        ctx: RenderContext) -> None:
    page = render_source_text(ctx, "testmoede-2025-01-01", 0)
    assert '<div class="kb-kildetekst" data-pagefind-weight="0.2" ' in page
    assert ' markdown data-kilde="testmoede-2025-01-01" ' in page
    assert '<ol class="kb-linjer" start="1">' in page and '<li id="L150">' in page
    assert '<li id="L151">' not in page
    assert "## Punkt 2: Risikovurdering { #punkt-2 }" in page
    assert '<span id="L12-L14" class="kb-anker"></span>' in page  # a cited range's own anchor
    assert "<script" not in page.split("kb-kildetekst", 1)[1]


def test_footnote_quotes_the_lines_and_links_the_passage(ctx: RenderContext) -> None:
    text = render_entity(ctx, "tilbud", "testtilbud")
    lines = SeedTexts(FIXTURE_SEEDS).lines("000_0000000000000000.txt")
    assert lines is not None
    assert ('<a class="kb-tekstlink" href="../../kilder/testrapport-2025/tekst/#L105-L106">'
            'Se kildeteksten</a>') in text
    quoted = text.split('linje 105-106: <span class="kb-citat">»', 1)[1]
    assert tidy_quote(lines[104:106]).split()[0] in quoted.split("«</span>", 1)[0]


def test_one_footnote_per_passage_and_a_repeated_passage_keeps_its_number(
        ctx: RenderContext) -> None:
    c = Citations(ctx.catalog, "tilbud/x.md", ctx.texts)
    one = Reference(kilde="testmoede-2025-01-01", linjer="12-14", punkt="2")
    two = Reference(kilde="testrapport-2025", linjer="105-106")
    marker = '<sup id="fnref{1}:{0}"><a class="footnote-ref" href="#fn:{0}">{0}</a></sup>'
    separator = '<sup class="kb-fn-sep" aria-hidden="true">,</sup>'
    # A claim with two passages: a marker for each, side by side; a repeat within it counts once.
    assert c.cite(one, two, one) == marker.format(1, "") + separator + marker.format(2, "")
    # The same passages cited again, alone or together: the same numbers, never a new footnote.
    assert c.cite(two) == marker.format(2, 2)
    assert c.cite(one, two) == marker.format(1, 2) + separator + marker.format(2, 3)
    notes = re.findall(r'<li id="fn:(\d)">\n(.*?)\n</li>', str(c.footnotes()), re.DOTALL)
    assert [number for number, _ in notes] == ["1", "2"]
    first, second = (body.split("\n") for _, body in notes)
    assert len(first) == len(second) == 1  # one passage per footnote
    assert first[0].startswith('<p><a href="../../kilder/testmoede-2025-01-01/">Testrådsmøde')
    assert second[0].startswith('<p><a href="../../kilder/testrapport-2025/">Testrapport')
    # Footnote 1 was cited twice, footnote 2 three times: as many ways back.
    assert first[0].count('class="footnote-backref"') == 2 and 'href="#fnref2:1"' in first[0]
    assert second[0].count('class="footnote-backref"') == 3
    register = Blocks()
    registered = Citations(ctx.catalog, "tilbud/x.md", ctx.texts, register)
    made_first, made_later = registered.cite(one), registered.cite(one)
    page, _ = register.finish("tilbud/x.md", made_later + " tekst " + made_first)
    assert page.count('id="fnref:1"') == 1 and page.index('id="fnref:1"') < page.index('id="fnref2:1"')


def test_footnote_names_its_source_by_its_short_name(ctx: RenderContext) -> None:
    c = Citations(ctx.catalog, "tilbud/x.md", ctx.texts)
    c.cite(Reference(kilde="testmoede-2025-01-01", linjer="12-14", punkt="2"),
           Reference(kilde="testrapport-2025", linjer="105-106"))
    notes = str(c.footnotes())
    # The short name with its date; the full title stays on the source's own page.
    assert '>Testrådsmøde 1.1.2025</a>, <a href="../../kilder/testmoede-2025-01-01/#punkt-2">' \
           'pkt. 2</a>, linje 12-14' in notes
    assert "Testmøde i Det Faglige Råd" not in notes
    # Without a short name: the title and the date; an appendix names its meeting briefly.
    assert ('>Testrapport om kapacitet, februar 2025</a> (bilag til <a href="../../kilder/'
            'testmoede-2025-01-01/">Testrådsmøde 1.1.2025</a>), linje 105-106') in notes


def _group(**fields: object) -> TargetGroup:
    base = {"id": "reg-x", "navn": "X", "art": "regional",
            "resume": "Første sætning om nr. 5 og 5. marts. Anden sætning om pladser.",
            "beskrivelse": "Tredje sætning.\n\nFjerde sætning om takster.",
            "kilder": [{"kilde": "testmoede-2025-01-01", "linjer": "12-14"}]}
    return TargetGroup.model_validate({**base, **fields})


def test_each_citation_stands_after_the_sentence_it_supports(ctx: RenderContext) -> None:
    refs = [{"kilde": "testrapport-2025", "linjer": "110", "saetning": "om takster"},
            {"kilde": "testmoede-2025-01-01", "linjer": "12-14"},
            {"kilde": "testrapport-2025", "linjer": "105-106", "saetning": "Anden sætning"},
            {"kilde": "testrapport-2025", "linjer": "111", "saetning": "anden SÆTNING  om"}]
    c = Citations(ctx.catalog, "maalgrupper/x.md", ctx.texts)
    summary, details = cited_texts(_group(kilder=refs), c)
    marker = '<sup id="fnref:{0}"><a class="footnote-ref" href="#fn:{0}">{0}</a></sup>'
    separator = '<sup class="kb-fn-sep" aria-hidden="true">,</sup>'
    # "nr. 5" and "5. marts" end no sentence; the summary's own citations come after it, and
    # the numbers follow the page: sentence 2 (two passages), then the summary, then sentence 4.
    assert summary == ("Første sætning om nr\\. 5 og 5\\. marts\\. Anden sætning om pladser\\."
                       + marker.format(1) + separator + marker.format(2) + marker.format(3))
    assert details == "Tredje sætning\\.\n\nFjerde sætning om takster\\." + marker.format(4)


@pytest.mark.parametrize(("words", "problem"), [
    ("sætning", "står ikke i netop én sætning"),  # in all four
    ("findes ikke", "står ikke i netop én sætning"),
])
def test_a_sentence_must_be_named_unambiguously(words: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        _group(kilder=[{"kilde": "testmoede-2025-01-01", "linjer": "12-14", "saetning": words}])


def test_a_claim_has_at_most_four_passages() -> None:
    refs = [{"kilde": "testmoede-2025-01-01", "linjer": str(n)} for n in range(12, 17)]
    with pytest.raises(ValueError, match="5 henvisninger støtter samme sætning"):
        _group(kilder=refs)
    tagged = [{**r, "saetning": "Tredje"} if n == 0 else r for n, r in enumerate(refs)]
    assert len(_group(kilder=tagged).kilder) == 5


def test_only_summary_citations_name_a_sentence() -> None:
    with pytest.raises(ValueError, match=r"risiko\[0\]\.kilde\.saetning: kun henvisninger"):
        _group(risiko=[{"runde": "Efterår 2024", "dato": "2024-12", "niveau": "gul",
                        "begrundelse": "x", "kilde": {"kilde": "testmoede-2025-01-01",
                                                      "linjer": "12", "saetning": "Tredje"}}])


def test_footnote_text_is_escaped_and_abbreviations_marked(ctx: RenderContext) -> None:
    c = Citations(ctx.catalog, "tilbud/x.md", ctx.texts)
    abbreviate = abbreviator(ctx.catalog.glossary).html
    assert str(abbreviate("CU <b>&'\nny")) == \
        '<abbr title="Central udmelding">CU</abbr> &lt;b&gt;&amp;&#x27; ny'
    assert str(abbreviate("CUX xCU")) == "CUX xCU"  # whole words only
    c.cite(Reference(kilde="testrapport-2025", linjer="105-106"))
    assert "<script" not in str(c.footnotes())


def test_as_of_is_the_newest_cited_source_date(ctx: RenderContext) -> None:
    text = render_entity(ctx, "tilbud", "testtilbud")
    # testtilbud cites the meeting (1 January 2025) and the report (February 2025).
    assert "Oplysninger til og med februar 2025" in text
    source = render_entity(ctx, "kilder", "testmoede-2025-01-01")
    assert "Oplysninger til og med 1\\. januar 2025" in source


def test_passed_deadlines_without_an_outcome_are_listed() -> None:
    catalog = load_catalog(FIXTURE_DATA, FIXTURE_SEEDS)
    # cu-test: deadline 2024-12-31 with an answer dated 2024-12 (counts), and one in 2099.
    ctx = RenderContext(catalog, today=dt.date(2025, 6, 1))
    assert [d for d in unanswered_deadlines(ctx) if d.kind == "udmeldinger"] == []
    # A target group's or offer's deadline has no answers to record: passed, it is listed.
    assert {d.kind for d in unanswered_deadlines(ctx)} == {"maalgrupper", "tilbud"}
    later = RenderContext(catalog, today=dt.date(2100, 1, 1))
    assert [d.dato for d in unanswered_deadlines(later) if d.kind == "udmeldinger"] \
        == ["2099-05-31"]


def test_disagreements_rank_figures_before_wording_before_spelling() -> None:
    class V:
        def __init__(self, text: str) -> None:
            self.vaerdi = text

    class D:
        def __init__(self, *texts: str) -> None:
            self.vaerdier = [V(t) for t in texts]

    assert disagreement_rank(D("35 målgrupper", "34 målgrupper")) == 0
    assert disagreement_rank(D("besluttet i maj", "etableret senere")) == 1
    assert disagreement_rank(D("ingen tilbud til under 18-årige", "ikke konkretiseret")) == 1
    assert disagreement_rank(D("Kofoedsminde", "Kofoedminde")) == 2

