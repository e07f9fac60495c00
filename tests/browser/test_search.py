"""The site's search box, used as a person uses it: the right page must come FIRST.

Each case opens the front page of the real built site in chromium, clicks the search field,
types the query key by key and waits until the results for the whole query are on screen
(assets/search.js marks the results list with the query it shows). It fails unless the
expected page is the first result and that result says what kind of page it is; for a typo,
the expected page must be the first "Mente du …?" suggestion. The time from the last
keystroke to the results on screen is recorded; the hit rate and the median latency are
printed at the end of the run (and written to test-artifacts/), never asserted.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from koordineringsbasen.catalog import Catalog
from koordineringsbasen.loader import load_catalog
from koordineringsbasen.render import search_block, search_terms

ROOT = Path(__file__).resolve().parents[2]
TYPING_DELAY_MS = 40  # between keystrokes: a fast typist
WAIT_S = 30.0
RESULTS = "#kb-search-results"
# Installed before any page script runs: the time of each key release.
PROBE = 'document.addEventListener("keyup", () => { window.__kbKeyup = performance.now(); }, true);'

MAAL, TILBUD, CU, KILDE, ORG = "maalgrupper", "tilbud", "udmeldinger", "kilder", "organisationer"


def case(query: str, kind: str, entity_id: str, why: str) -> Any:
    return pytest.param(query, kind, entity_id, why, id=f"{why}: {query}")


CASES = [
    # Names, as in the data (the page's H1).
    case("Kofoedsminde", TILBUD, "kofoedsminde", "name"),
    case("Prader-Willi", MAAL, "natko-25-prader-willi-syndrom", "name"),
    case("Neurocenter Østerskoven", TILBUD, "neurocenter-oesterskoven", "name"),
    case("Synscenter Refsnæs", TILBUD, "synscenter-refsnaes", "name"),
    case("Kvisten", TILBUD, "kvisten", "name"),
    case("Bakkegården", TILBUD, "bakkegaarden", "name"),
    case("Egely", TILBUD, "egely", "name"),
    case("Familieambulatorierne", TILBUD, "familieambulatorierne", "name"),
    case("Vejlefjord", TILBUD, "vejlefjord", "name"),
    case("erhvervet hjerneskade", MAAL, "natko-03-voksne-erhvervet-hjerneskade", "name"),
    case("svære spiseforstyrrelser", CU, "cu-svaere-spiseforstyrrelser", "name"),
    case("Huntingtons sygdom", MAAL, "natko-24-huntingtons-sygdom", "name"),
    # Abbreviations and short forms: the `aliaser` of the data.
    case("PWS", MAAL, "natko-25-prader-willi-syndrom", "short form"),
    case("ABI", MAAL, "natko-03-voksne-erhvervet-hjerneskade", "short form"),
    case("IBOS", TILBUD, "ibos", "short form"),
    case("NCL", MAAL, "natko-23-ncl", "short form"),
    case("NRM", TILBUD, "neurorehabilitering-midt-hammel", "short form"),
    case("PTSD", MAAL, "natko-29-boern-unge-traumatiserende-overgreb", "short form"),
    case("CU tegnsprog", CU, "cu-tegnsprog", "short form"),
    case("CU gravide", CU, "cu-gravide-rusmiddelbrug", "short form"),
    case("punktskrift", CU, "cu-punktskrift", "short form"),
    case("Huntington", MAAL, "natko-24-huntingtons-sygdom", "short form"),
    case("døvblind", MAAL, "natko-15-doevblindhed", "short form"),
    case("døvblinde", MAAL, "natko-15-doevblindhed", "short form, plural"),
    # Organisations, by name and short form.
    case("KL", ORG, "kl", "organisation"),
    case("Kommunernes Landsforening", ORG, "kl", "organisation"),
    case("DAS", ORG, "das-social", "organisation"),
    case("VISO", ORG, "center-for-handicap-og-viso", "organisation"),
    case("SBST", ORG, "sbst", "organisation"),
    case("Socialstyrelsen", ORG, "sbst", "organisation"),
    case("Social- og Boligstyrelsen", ORG, "sbst", "organisation"),
    case("Boligstyrelsen", ORG, "sbst", "organisation"),
    case("NATKO", ORG, "natko", "organisation"),
    case("KKR", ORG, "kkr-nordjylland", "organisation"),
    case("Det Faglige Råd for National Koordination", ORG, "faglige-raad", "organisation"),
    case("Region Nordjylland", ORG, "region-nordjylland", "organisation"),
    case("Danske Regioner", ORG, "danske-regioner", "organisation"),
    case("Socialtilsyn Nord", ORG, "socialtilsyn-nord", "organisation"),
    # Ids.
    case("natko-25-prader-willi-syndrom", MAAL, "natko-25-prader-willi-syndrom", "id"),
    case("natko-25", MAAL, "natko-25-prader-willi-syndrom", "id"),
    case("cu-svaere-spiseforstyrrelser", CU, "cu-svaere-spiseforstyrrelser", "id"),
    case("das-social-2025-03-17", KILDE, "das-social-2025-03-17", "id"),
    # Legal references, written three ways.
    case("§ 174", TILBUD, "cfd-doevekonsulentordningen", "paragraph"),
    case("§174", TILBUD, "cfd-doevekonsulentordningen", "paragraph"),
    case("paragraf 174", TILBUD, "cfd-doevekonsulentordningen", "paragraph"),
    case("§ 108, stk. 6", TILBUD, "kofoedsminde", "paragraph"),
    case("§108 stk. 6", TILBUD, "kofoedsminde", "paragraph"),
    case("paragraf 108 stk. 6", TILBUD, "kofoedsminde", "paragraph"),
    # Names typed without æ/ø/å.
    case("osterskoven", TILBUD, "neurocenter-oesterskoven", "no æøå"),
    case("Refsnaes", TILBUD, "synscenter-refsnaes", "no æøå"),
    case("Sodisbakke", TILBUD, "soedisbakke", "no æøå"),
    case("Bakkegarden", TILBUD, "bakkegaarden", "no æøå"),
    case("dovblind", MAAL, "natko-15-doevblindhed", "no æøå"),
    case("Hjorring Kommune", ORG, "hjoerring-kommune", "no æøå"),
    case("Sonderbro", TILBUD, "soenderbro", "no æøå"),
    case("Kobenhavns Kommune", ORG, "koebenhavns-kommune", "no æøå"),
    # One letter off: the page must be the first "Mente du …?" suggestion.
    case("Kofodsminde", TILBUD, "kofoedsminde", "typo"),
    case("Stevnsfortat", TILBUD, "stevnsfortet", "typo"),
    case("Planethusat", TILBUD, "planethuset", "typo"),
    case("Vejlefjorf", TILBUD, "vejlefjord", "typo"),
    case("Bøgehust", TILBUD, "boegehuset", "typo"),
    case("Kompasets", TILBUD, "kompasset", "typo"),
    # Topics of more than one word.
    case("gravide rusmidler", CU, "cu-gravide-rusmiddelbrug", "topic"),
    case("vold i nære relationer", MAAL, "natko-29-boern-unge-traumatiserende-overgreb", "topic"),
    case("svær autisme", MAAL, "reg-meget-svaer-autisme", "topic"),
    case("hjerneskade Nordjylland", CU, "cu-hjerneskade-nordjylland-2017", "topic"),
    case("prænatal eksponering", MAAL, "natko-37-praenatal-eksponering-for-rusmidler", "topic"),
    # Source documents.
    case("risikovurdering efterår 2024", KILDE, "notat-natko-risikovurdering-efteraar-2024",
         "source"),
    case("kapacitet og belægning 2024", KILDE, "rapport-lands-landsdelsdaekkende-2025", "source"),
    case("kommissorium Kvisten", KILDE, "kommissorium-noedspor-kvisten", "source"),
    case("princippapir psykiatripartnerskab", KILDE, "princippapir-psykiatripartnerskab",
         "source"),
    case("samarbejdsaftale hjerneskade", KILDE, "samarbejdsaftale-hjerneskade-2025", "source"),
    case("DAS Social 17. marts 2025", KILDE, "das-social-2025-03-17", "source"),
]


@dataclass
class Outcome:
    query: str
    expected: str
    results: list[str]
    suggestions: list[str]
    latency_ms: float

    @property
    def hit(self) -> bool:
        first = self.results[:1] if not self.expected.startswith("typo:") else self.suggestions[:1]
        return first == [self.expected.removeprefix("typo:")]


@dataclass
class Summary:
    """Collects every search of the run; printed as pytest's terminal summary."""

    outcomes: list[Outcome] = field(default_factory=list)

    def lines(self) -> list[str]:
        if not self.outcomes:
            return []
        hits = sum(o.hit for o in self.outcomes)
        latency = [o.latency_ms for o in self.outcomes]
        rate = f"{hits}/{len(self.outcomes)} ({100 * hits / len(self.outcomes):.0f} %)"
        lines = [
            f"first-hit rate: {rate}",
            (
                f"last keystroke -> results shown: median {statistics.median(latency):.0f} ms,"
                f" max {max(latency):.0f} ms (typing {TYPING_DELAY_MS} ms per key)"
            ),
        ]
        lines += [
            f"  {'hit ' if o.hit else 'MISS'} {o.latency_ms:5.0f} ms  {o.query!r} -> "
            f"{(o.suggestions if o.expected.startswith('typo:') else o.results)[:1] or '(none)'}"
            for o in self.outcomes
        ]
        return lines

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        terminalreporter.section("search: first hit and latency")
        for line in self.lines():
            terminalreporter.write_line(line)


@pytest.fixture(scope="module")
def summary(request: pytest.FixtureRequest, artifacts: Path) -> Iterator[Summary]:
    result = Summary()
    request.config.pluginmanager.register(result, "koordineringsbasen-search-summary")
    yield result
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    (artifacts / f"search-summary-{worker}.txt").write_text("\n".join(result.lines()) + "\n")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "data")


def _poll(page: Any, expression: str, arg: object = None) -> Any:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if value := page.evaluate(expression, arg):
            return value
        time.sleep(0.01)
    raise AssertionError(f"search did not settle within {WAIT_S} s: "
                         + page.locator("#kb-search-status").inner_text())


def _paths(page: Any, selector: str) -> list[str]:
    hrefs = page.locator(selector).evaluate_all("links => links.map(a => a.href)")
    return [urlsplit(h).path.strip("/") + "/" for h in hrefs]


def wait_for(page: Any, query: str) -> None:
    _poll(page, "q => document.querySelector('#kb-search-results').dataset.query === q", query)


def type_query(page: Any, query: str) -> float:
    """Type into the search field; ms from the last key release to the results on screen."""
    # Playwright types characters that a US keyboard lacks without key events: the last one
    # must be a real key so that its release is timed.
    assert query[-1].isascii(), "end the query with an ASCII character"
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=TYPING_DELAY_MS)
    wait_for(page, query)
    return page.evaluate(
        "() => Number(document.querySelector('#kb-search-results').dataset.shownAt)"
        " - window.__kbKeyup")


def search(page: Any, base_url: str, query: str) -> Outcome:
    """Type `query` into the search box of the front page; results and suggestions, in order."""
    page.add_init_script(PROBE)
    page.goto(base_url + "/")
    shown = type_query(page, query)
    return Outcome(query, "", _paths(page, f"{RESULTS} a"),
                   _paths(page, ".kb-search-suggest__link"), shown)


@pytest.mark.parametrize(("query", "kind", "entity_id", "why"), CASES)
def test_search_puts_the_page_first(page: Any, base_url: str, summary: Summary, catalog: Catalog,
                                    query: str, kind: str, entity_id: str, why: str) -> None:
    outcome = search(page, base_url, query)
    expected = f"{kind}/{entity_id}/"
    outcome.expected = ("typo:" if why == "typo" else "") + expected
    summary.outcomes.append(outcome)
    if why == "typo":
        assert outcome.suggestions[:1] == [expected], (
            f"{query!r}: expected a suggestion of {expected}, got {outcome.suggestions}")
        assert page.locator("#kb-search-suggest").inner_text().startswith("Mente du ")
        return
    assert outcome.hit, f"{query!r}: expected {expected} first, got {outcome.results[:5]}"
    # The first result says what it is, and its snippet is the page's summary.
    first = page.locator(f"{RESULTS} li").first
    assert first.locator(".kb-search-kind").inner_text().casefold() == \
        search_terms.kind_label_for(kind).casefold()
    snippet = first.locator(".kb-search-snippet").inner_text().removesuffix(" …")
    assert " ".join(catalog.get(kind, entity_id).resume.split()).startswith(snippet), snippet


# The section overviews come first for their own names.
SECTIONS = [
    ("Centrale udmeldinger", "udmeldinger/"),
    ("Tilbud", "tilbud/"),
    ("Målgrupper", "maalgrupper/"),
    ("Organisationer", "organisationer/"),
]


@pytest.mark.parametrize(("query", "expected"), SECTIONS, ids=[q for q, _ in SECTIONS])
def test_search_puts_the_section_overview_first(
    page: Any, base_url: str, summary: Summary, query: str, expected: str
) -> None:
    outcome = search(page, base_url, query)
    outcome.expected = expected
    summary.outcomes.append(outcome)
    assert outcome.hit, f"{query!r}: expected {expected} first, got {outcome.results[:5]}"
