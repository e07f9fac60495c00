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
import re
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from koordineringsbasen.catalog import Catalog
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.render import search_block, search_terms
from koordineringsbasen.site import search_index

ROOT = Path(__file__).resolve().parents[2]
TYPING_DELAY_MS = 40  # between keystrokes: a fast typist
WAIT_S = 30.0
RESULTS = "#kb-search-results"
# Installed before any page script runs: the time of each key release.
# The moment the query last changed (the last key's input event; Playwright releases each key
# only after the typing delay, so its keyup would come after results that are already shown).
PROBE = 'document.addEventListener("input", () => { window.__kbTyped = performance.now(); }, true);'

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
    case("SEL § 108, stk. 6", TILBUD, "kofoedsminde", "paragraph"),
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
    # The red NATKO target group; the notification follows it (test_search_widths.py).
    case("gravide rusmidler", MAAL, "natko-35-gravide-med-rusmiddelbrug", "topic"),
    case("vold i nære relationer", MAAL, "natko-29-boern-unge-traumatiserende-overgreb", "topic"),
    case("svær autisme", MAAL, "reg-meget-svaer-autisme", "topic"),
    case("CU hjerneskade 2017", CU, "cu-hjerneskade-nordjylland-2017", "topic"),
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
                f"last keystroke (input event) -> results shown: median {statistics.median(latency):.0f} ms,"
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
    """Type into the search field; ms from the last keystroke to the results on screen."""
    # Playwright types characters that a US keyboard lacks without key events: the last one
    # must be a real key so that its input event is timed.
    assert query[-1].isascii(), "end the query with an ASCII character"
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=TYPING_DELAY_MS)
    wait_for(page, query)
    return page.evaluate(
        "() => Number(document.querySelector('#kb-search-results').dataset.shownAt)"
        " - window.__kbTyped")


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
    assert outcome.latency_ms > 0, "results shown before the last keystroke: the probe is wrong"
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


def _open_with(page: Any, base_url: str, query: str) -> None:
    page.add_init_script(PROBE)
    page.goto(base_url + "/")
    type_query(page, query)


def _facet(page: Any, facet: str, value: str) -> Any:
    """The checkbox of one filter value; a facet other than the first sits in a <details>."""
    details = page.locator("#kb-search-filters details", has_text=facet)
    if details.count() and not details.first.evaluate("d => d.open"):
        details.first.locator("summary").click()
    return page.locator(f'#kb-search-filters input[name="{facet}"][value="{value}"]')


def _count(option: Any) -> int:
    label = option.locator("xpath=..")
    return int(label.locator(".kb-facet__count").inner_text())


def _total(page: Any) -> int:
    text = page.locator("#kb-search-status").inner_text()
    return int(text.split()[0].replace(".", ""))


def _show_all(page: Any) -> None:
    while page.locator("#kb-search-more").is_visible():
        before = page.locator(f"{RESULTS} li").count()
        page.locator("#kb-search-more").click()
        _poll(page, "n => document.querySelectorAll('#kb-search-results li').length > n", before)


def test_a_kind_filter_narrows_the_results_and_its_count_is_right(
        page: Any, base_url: str) -> None:
    _open_with(page, base_url, "hjerneskade")
    before = _total(page)
    option = _facet(page, search_block.KIND, "Tilbud")
    expected = _count(option)
    assert 0 < expected < before
    option.check()
    _poll(page, "n => document.querySelector('#kb-search-status').textContent.startsWith(n + ' ')",
          str(expected) if expected != 1 else "1")
    assert _total(page) == expected
    _show_all(page)
    kinds = page.locator(f"{RESULTS} .kb-search-kind").all_inner_texts()
    assert len(kinds) == expected and {k.casefold() for k in kinds} == {"tilbud"}
    # The search and its filter are in the address, so the search can be shared.
    params = parse_qs(urlsplit(page.url).query)
    assert params == {"q": ["hjerneskade"], "q-type": ["Tilbud"]}


def test_a_region_filter_uses_the_catalog_regions(page: Any, base_url: str,
                                                   catalog: Catalog) -> None:
    """Region comes from Catalog.region_of: the count is the number of matching entities."""
    regions: dict[str, set[str]] = {}
    for kind in ("tilbud", "organisationer"):
        for entity_id in catalog.entities[kind]:
            region = catalog.region_of(kind, entity_id)
            if region is not None:
                regions.setdefault(search_block.labels.REGION[region.value], set()).add(
                    f"{kind}/{entity_id}/")
    if not regions:
        pytest.skip("no offer or organisation has a region in the data yet")
    name, pages = max(regions.items(), key=lambda item: len(item[1]))
    # A filter without a query lists every page in the region.
    page.goto(f"{base_url}/?q-region={name}")
    _poll(page, "() => /resultat/.test(document.querySelector('#kb-search-status').textContent)")
    assert _total(page) == len(pages)
    _show_all(page)
    assert set(_paths(page, f"{RESULTS} a")) == pages
    assert _facet(page, search_block.REGION, name).is_checked()


def test_a_shared_search_url_opens_the_search(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/tilbud/?q=Kofoedsminde&q-type=Tilbud")
    wait_for(page, "Kofoedsminde")
    assert page.locator("#__search").is_checked()
    assert page.locator("input.md-search__input").input_value() == "Kofoedsminde"
    assert _paths(page, f"{RESULTS} a")[0] == "tilbud/kofoedsminde/"
    assert _facet(page, search_block.KIND, "Tilbud").is_checked()


@pytest.mark.parametrize("width", [375, 1280])
def test_keyboard_only(browser: Any, base_url: str, artifacts: Path, width: int) -> None:
    """Open with "/", type, arrow to the second result, Enter opens it; Esc closes."""
    context = browser.new_context(locale="da-DK", viewport={"width": width, "height": 800})
    page = context.new_page()
    page.add_init_script(PROBE)
    page.goto(base_url + "/")
    page.keyboard.press("/")
    assert page.evaluate("() => document.activeElement.name") == "q"
    page.keyboard.type("Kofoedsminde", delay=TYPING_DELAY_MS)
    wait_for(page, "Kofoedsminde")
    page.screenshot(path=str(artifacts / f"search-{width}.png"))
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()
    page.keyboard.press("s")
    assert page.locator("#__search").is_checked()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    second = _paths(page, f"{RESULTS} a")[1]
    assert page.evaluate("() => new URL(document.activeElement.href).pathname") == "/" + second
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("() => document.activeElement.name") == "q"
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == "/tilbud/kofoedsminde/"
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_with_results_and_a_filter(browser: Any, base_url: str,
                                                     artifacts: Path, scheme: str) -> None:
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 800},
                                  color_scheme=scheme)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    _open_with(page, base_url, "Kofodsminde")  # results and a suggestion
    _facet(page, search_block.KIND, "Tilbud").check()
    _poll(page, "() => location.search.includes('type=')")
    wait_for(page, "Kofodsminde")
    page.wait_for_function("() => document.getAnimations().length === 0")  # faded in
    page.screenshot(path=str(artifacts / f"search-filter-{scheme}.png"))
    violations = axe.run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}
                         ).response["violations"]
    assert not violations, [(v["id"], [n["html"][:100] for n in v["nodes"][:3]])
                            for v in violations]
    local = urlsplit(base_url).netloc
    assert all(urlsplit(u).netloc == local for u in requests
               if urlsplit(u).scheme in ("http", "https")), requests
    assert any("/pagefind/" in u and u.endswith(".pagefind") for u in requests)
    context.close()


def test_the_index_is_danish_and_holds_the_pages(real_site: Path, catalog: Catalog) -> None:
    entry = json.loads((real_site / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["da"]
    assert entry["languages"]["da"]["page_count"] >= catalog.count()
    names = json.loads((real_site / "pagefind" / "kb-navne.json").read_text(encoding="utf-8"))
    assert len(names) == catalog.count()
    assert ["Kofoedsminde", "tilbud/kofoedsminde/", "Tilbud"] in names
    # Exact names and aliases, spread over small files by search_index.key_shard.
    def entry(key: str) -> list[str]:
        shard = real_site / "pagefind" / f"kb-navn-{search_index.key_shard(key)}.json"
        return json.loads(shard.read_text(encoding="utf-8"))[key]
    assert entry("das") == entry("dassocial") == ["organisationer/das-social/", "Organisation"]
    # Overviews keep their tables out of the index; the keywords are in the hidden block.
    overview = (real_site / "tilbud" / "index.html").read_text(encoding="utf-8")
    assert '<table data-pagefind-ignore="all"' in overview
    offer = (real_site / "tilbud" / "kofoedsminde" / "index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-weight="7">' in offer and "data-pagefind-body" in offer


def test_keywords_are_derived_from_the_data(catalog: Catalog) -> None:
    offer = catalog.get("tilbud", "kofoedsminde")
    words = search_terms.keywords(offer)
    assert offer.id in words
    assert set(offer.aliaser) <= set(words) and set(offer.lovgrundlag) <= set(words)
    assert any(w.startswith("paragraf ") and "108" in w.split() for w in words)
    assert search_terms.paragraph_numbers("SEL §§ 107 og 108, stk. 2") == ["107", "108"]
    assert search_terms.paragraph_numbers("SEL § 13 b, stk. 2 og 3") == ["13 b"]
    assert search_terms.spelling_variants("Østerskoven") == ["Oesterskoven", "Osterskoven"]
    assert search_terms.spelling_variants("Kofoedsminde") == []
    hostile = offer.model_copy(update={"aliaser": ["<b>x</b> &\n\n# y"], "resume": "<i>r</i>"})
    block = search_block.search_block(hostile, catalog)
    assert "<b>" not in block and "<i>" not in block and "&lt;b&gt;x&lt;/b&gt; &amp; # y" in block
    assert "\n" not in block  # one raw HTML line: a blank line would end the block


def test_visible_alternative_names_are_few_and_real(catalog: Catalog) -> None:
    for kind, entity_id in [("tilbud", "kofoedsminde"), ("udmeldinger", "cu-gravide-rusmiddelbrug"),
                            ("tilbud", "neurocenter-oesterskoven")]:
        entity = catalog.get(kind, entity_id)
        shown = search_block.shown_aliases(entity)
        assert 0 < len(shown) <= search_block.MAX_SHOWN_ALIASES, (entity_id, shown)
        assert not any("§" in a for a in shown)
        keys = [search_block.folded(a) for a in shown]
        assert len(set(keys)) == len(keys) and search_block.folded(entity.navn) not in keys
    # The spelling with æ/ø/å is the one shown.
    offer = catalog.get("tilbud", "neurocenter-oesterskoven")
    assert "Osterskoven" not in search_block.shown_aliases(offer)


def test_header_override_tracks_upstream() -> None:
    """overrides/partials/header.html is Material's partial with only the search block changed."""
    material = pytest.importorskip("material")
    upstream = (Path(material.__file__).parent / "templates/partials/header.html").read_text()
    ours = (ROOT / "overrides/partials/header.html").read_text()
    strip = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)
    search_part = re.compile(r'    \{% if "material/search" in config.plugins %\}.*?\{% endif %\}\n'
                             r"    \{% endif %\}\n", re.DOTALL)
    ours_part = re.compile(r'    <button type="button" class="md-header__button md-icon '
                           r'kb-search-open".*?\{% include "partials/search.html" %\}\n', re.DOTALL)
    assert search_part.search(upstream) and ours_part.search(ours)
    assert ours_part.sub("", strip.sub("", ours)) == search_part.sub("", strip.sub("", upstream)), (
        "Material's partials/header.html changed: copy it to overrides/partials/ again")
