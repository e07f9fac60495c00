"""Words and numbers that say what they mean, on every page of the built real site.

One test per kind of defect (deadline words, tariff changes, zero counts, partial dates,
possessives, place spellings, English words, footnote bundles), each over the whole site, and
unit tests that show each check catches its defect. Reader text is what a reader sees in our
own words: without the source texts' numbered lines, footnote quotes (`.kb-citat`), code and
hidden elements.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from koordineringsbasen import settings
from koordineringsbasen.catalog import Catalog
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.model import Offer
from koordineringsbasen.model.dates import label, when
from koordineringsbasen.model.deadlines import deadline_state
from koordineringsbasen.model.entities import CHANGE_WORDS
from koordineringsbasen.model.sentences import MAX_PASSAGES_PER_CLAIM
from koordineringsbasen.render.deadlines import outcomes
from tests.support import ROOT

HIDDEN = "script, style, template, noscript, [hidden], [aria-hidden='true'], .kb-soegeord"
NOT_OURS = (".kb-linjer, .kb-citat, code, kbd, a[href^='mailto:'], "  # sources' words, machine names
            ".kb-history")  # and the history, which quotes the data's earlier values
BLOCKS = ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "div", "br", "dt", "dd", "summary")
MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
          "oktober", "november", "december")


def reader_text(html: str) -> str:
    """The page's text in our own words, one line per block, inline elements joined as read
    ("NATKO's", not "NATKO 's")."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.select(f"{HIDDEN}, {NOT_OURS}"):
        element.decompose()
    for element in soup.find_all(BLOCKS):
        element.insert_after("\n")
    return re.sub(r"[ \t\xa0]+", " ", soup.get_text(""))


def entity_pages(site: Path) -> Iterator[tuple[str, Path]]:
    for page in sorted(site.rglob("index.html")):
        url = page.relative_to(site).parent.as_posix()
        if not re.fullmatch(r"kilder/[^/]+/tekst(/.*)?", url):  # a source's own text
            yield url, page


@cache
def catalog() -> Catalog:
    return load_catalog(ROOT / "data")


# --- Deadlines: "passeret" once met, "overskredet" only without an outcome ----------------


def _badge_states(html: str) -> Iterator[tuple[str, str]]:
    """(first cell of the row, badge word) for every deadline badge on a page."""
    for badge in BeautifulSoup(html, "html.parser").select(".kb-deadline"):
        row = badge.find_parent("tr")
        if row is None:  # the fact box's next or last deadline: its date stands before it
            fact = badge.find_parent("dd")
            assert isinstance(fact, Tag), "a deadline badge outside a table row or fact"
            date = fact.get_text(" ").split(badge.get_text())[0]
            yield " ".join(date.split()), badge.get_text().strip("() ")
            continue
        assert isinstance(row, Tag)
        yield " ".join(row.find("td").get_text(" ").split()), badge.get_text().strip("() ")


def _deadline_states(today: dt.date) -> dict[str, set[str]]:
    """Date label -> the states the one rule gives the deadlines written so."""
    states: dict[str, set[str]] = {}
    for deadline in catalog().deadlines():
        state = deadline_state(deadline.dato, outcomes(deadline), today)
        states.setdefault(label(deadline.dato, deadline.dato_tekst), set()).add(state)
        if deadline.item is not None:  # a follow-up's row on its source page starts with it
            states.setdefault(" ".join(deadline.beskrivelse.split()), set()).add(state)
    return states


def test_deadline_badges_follow_the_one_rule(real_site: Path) -> None:
    expected = _deadline_states(settings.build_date())
    found, words = [], set()
    for url, page in entity_pages(real_site):
        for date, word in _badge_states(page.read_text(encoding="utf-8")):
            words.add(word)
            if word not in expected.get(date, set()):
                found.append(f"{url}: {date}: '{word}', the rule says {expected.get(date)}")
    assert not found, "\n".join(found)
    assert words >= {"passeret", "overskredet"}  # both kinds occur in the real data


def test_a_met_deadline_is_passed_not_overdue() -> None:
    today = dt.date(2026, 1, 1)
    assert deadline_state("2025-03-01", ["2025-02", "2025-04-15"], today) == "passeret"
    assert deadline_state("2025-03-01", ["2024-12-01", "2025-08-01"], today) == "overskredet"
    assert deadline_state("2026-03", [], today) == "kommende"


# --- Tariffs: a change of a tariff is not a tariff -----------------------------------------


def test_tariff_column_holds_tariffs_only(real_site: Path) -> None:
    soup = BeautifulSoup((real_site / "tilbud/takster/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    columns: dict[str, list[str]] = {}
    for table in soup.select("article table"):
        heads = [th.get_text().strip() for th in table.select("thead th")]
        for row in table.select("tbody tr"):
            cells = [td.get_text(" ").strip() for td in row.find_all("td")]
            for head in ("Takst", "Ændring"):
                if head in heads:
                    columns.setdefault(head, []).append(cells[heads.index(head)])
    prices = [p for o in catalog().all("tilbud") for p in o.priser]
    changes = [p for p in prices if p.aendring is not None]
    assert len(columns["Takst"]) == len(prices) - len(changes)
    assert not [c for c in columns["Takst"] if CHANGE_WORDS.search(c)]
    assert changes and len(columns["Ændring"]) == len(changes)


def test_a_unit_that_describes_a_change_is_refused() -> None:
    offer = {"id": "x", "navn": "X", "resume": "X.", "kategori": "kommunalt",
             "kilder": [{"kilde": "k", "linjer": "1"}]}
    price = {"aar": 2021, "beloeb": 119, "kilde": {"kilde": "k", "linjer": "1"}}
    with pytest.raises(ValueError, match="beskriver en ændring"):
        Offer.model_validate({**offer, "priser": [{**price, "enhed": "kr. (stigning)"}]})
    ok = Offer.model_validate({**offer, "priser": [{**price, "enhed": "kr. pr. døgn",
                                                    "aendring": "stigning"}]})
    assert ok.priser[0].aendring is not None


# --- Zero counts in words -------------------------------------------------------------------

ZERO_COUNT = re.compile(r"[^\W\d]: 0(?![\d,.–-])|(?<![\d,.])\b0 (?:kommende|passerede|frister|tilbud|"
                        r"målgrupper|centrale|svar|takster)\b")


def zero_counts(text: str) -> list[str]:
    return [m.group(0) for m in ZERO_COUNT.finditer(text)]


def test_no_page_counts_zero_in_figures(real_site: Path) -> None:
    found = [f"{url}: '{z}'" for url, page in entity_pages(real_site)
             for z in zero_counts(reader_text(page.read_text(encoding="utf-8")))]
    assert not found, "\n".join(found)


def test_zero_counts_are_caught() -> None:
    assert zero_counts("Tilbud: 0 · Centrale udmeldinger: 0") == ["d: 0", "r: 0"]
    assert zero_counts("I alt 0 kommende og 8 passerede frister") == ["0 kommende"]
    assert zero_counts("belægning 0 % i 2018; 10,0 tilbud; Alder: 0–18 år") == []


# --- Partial dates: placed by their first day, written once ---------------------------------

PARTS = {"forår": 3, "sommer": 6, "efterår": 9, "primo": 1, "begyndelsen": 1, "medio": 5,
         "midten": 5, "ultimo": 9, "slutningen": 9}


def first_day(text: str) -> dt.date:
    """The first day a date label means, read independently of the model: '5. marts 2024',
    'maj 2020', 'efterår 2024', 'medio oktober 2021', '2. halvår 2021', '4. kvartal 2023'."""
    words = text.split(" (")[0].casefold().split()
    year = int(re.findall(r"\d{4}", " ".join(words))[-1])
    month = next((MONTHS.index(w) + 1 for w in words if w in MONTHS), None)
    day = int(words[0][:-1]) if re.fullmatch(r"\d{1,2}\.", words[0]) and month else 1
    part = next((w if w in PARTS else w.removesuffix("et").removesuffix("en") for w in words
                 if w in PARTS or w.removesuffix("et").removesuffix("en") in PARTS), None)
    if month and part:
        day = {"primo": 1, "begyndelsen": 1, "medio": 11, "midten": 11}.get(part, 21)
    elif part:
        month = PARTS[part]
    elif "halvår" in words:
        month = 1 if words[0] == "1." else 7
    elif "kvartal" in words:
        month = 3 * int(words[0][:-1]) - 2
    return dt.date(year, month or 1, day)


def redundant(cell: str) -> bool:
    """'maj 2020 (i maj 2020)': the wording in parentheses says nothing the date does not."""
    found = re.fullmatch(r"(.+?) \((.+)\)", cell)
    if not found:
        return False
    fillers = {"i", "den", "d"}
    said = set(re.findall(r"\w+", found.group(1).casefold()))
    wording = set(re.findall(r"\w+", found.group(2).casefold())) - fillers
    # The wording adds nothing, or it is a short wording that repeats the date ("2024
    # (efterår 2024)": write "efterår 2024").
    numbers = {w for w in wording if w.isdigit()}
    return wording <= said or (said <= wording and len(wording) <= 4 and numbers <= said)


def timeline_problems(url: str, html: str) -> list[str]:
    found = []
    for table in BeautifulSoup(html, "html.parser").select("article table"):
        heads = [th.get_text().strip() for th in table.select("thead th")]
        if heads[:2] != ["Dato", "Hændelse"]:
            continue
        cells = [" ".join(row.find("td").get_text(" ").split()) for row in table.select("tbody tr")]
        found += [f"{url}: '{c}' says its date twice" for c in cells if redundant(c)]
        days = [first_day(c) for c in cells]
        found += [f"{url}: '{a}' before '{b}'" for a, b, x, y in
                  zip(cells, cells[1:], days, days[1:], strict=False) if x > y]
    return found


def test_timelines_place_partial_dates_by_their_first_day_and_write_them_once(
        real_site: Path) -> None:
    found = [p for url, page in entity_pages(real_site)
             for p in timeline_problems(url, page.read_text(encoding="utf-8"))]
    assert not found, "\n".join(found)


def test_date_problems_are_caught() -> None:
    page = ("<article><table><thead><tr><th>Dato</th><th>Hændelse</th></tr></thead><tbody>"
            "<tr><td>2024 (efterår 2024)</td></tr><tr><td>5. marts 2024</td></tr>"
            "<tr><td>maj 2024 (i maj 2024)</td></tr><tr><td>medio oktober 2024</td></tr>"
            "</tbody></table></article>")
    assert timeline_problems("x", page) == [
        "x: '2024 (efterår 2024)' says its date twice", "x: 'maj 2024 (i maj 2024)' says its date twice"]
    assert first_day("efterår 2024") == dt.date(2024, 9, 1) > first_day("5. marts 2024")
    assert first_day("medio oktober 2021") == dt.date(2021, 10, 11)
    assert first_day("4. kvartal 2023 (note)") == dt.date(2023, 10, 1)


@pytest.mark.parametrize(("date", "wording", "written", "first"), [
    ("2024", "efterår 2024", "efterår 2024", dt.date(2024, 9, 1)),
    ("2024", "efteråret 2024 (risikovurderingen)", "efterår 2024 (risikovurderingen)",
     dt.date(2024, 9, 1)),
    ("2021-10", "Medio oktober", "medio oktober 2021", dt.date(2021, 10, 11)),
    ("2020-05", "i maj 2020", "maj 2020", dt.date(2020, 5, 1)),
    ("2021-06-24", "den 24. juni", "24. juni 2021", dt.date(2021, 6, 24)),
    ("2018", "i slutningen af 2018", "slutningen af 2018", dt.date(2018, 9, 1)),
    ("2023", "4. kvartal 2023", "4. kvartal 2023", dt.date(2023, 10, 1)),
    ("2025", "i løbet af 2025", "i løbet af 2025", dt.date(2025, 1, 1)),
    ("2023", "forventeligt i slutningen af 2023", "forventeligt i slutningen af 2023",
     dt.date(2023, 9, 1)),
    ("2021-08-23", "inden den 23. august", "23. august 2021 (inden den 23. august)",
     dt.date(2021, 8, 23)),
    ("2023", "efterår 2024", "2023 (efterår 2024)", dt.date(2023, 1, 1)),  # disagrees: kept
])
def test_a_partial_date_is_written_once_and_placed_by_its_first_day(
        date: str, wording: str, written: str, first: dt.date) -> None:
    assert label(date, wording) == written
    assert when(date, wording).first == first == first_day(written)


# --- Possessives: an apostrophe only after an abbreviation said letter by letter ------------

# Retskrivningsordbogen §: "KL's", "CFD's"; but "NATKOs", "VIVEs", "DAS Socials".
LETTER_BY_LETTER = frozenset({"KL", "FU", "UCN", "CFD", "CU", "KKR", "SEL", "BL", "PWS", "TUT",
                              "IPS", "ASF", "NCL", "ABI", "SBM", "SBST", "EU"})
POSSESSIVE = re.compile(r"(\w+)['’]s\b")


def bad_possessives(text: str) -> list[str]:
    return [m.group(0) for m in POSSESSIVE.finditer(text) if m.group(1) not in LETTER_BY_LETTER]


def test_possessives_follow_danish_rules(real_site: Path) -> None:
    found = [f"{url}: '{p}'" for url, page in entity_pages(real_site)
             for p in bad_possessives(reader_text(page.read_text(encoding="utf-8")))]
    assert not found, "\n".join(found)


def test_possessives_are_caught_across_markup() -> None:
    text = reader_text("<p><abbr>NATKO</abbr>'s liste, <abbr>KL</abbr>'s forum, "
                       "DAS Social's referat, VIVEs evaluering</p>")
    assert bad_possessives(text) == ["NATKO's", "Social's"]


# --- One spelling per place -----------------------------------------------------------------

KNOWN_VARIANTS = (("Rødby Havn", "Rødbyhavn"),)


def spelling_pairs(text: str) -> list[str]:
    """Known variant pairs on one page, and any 'Xxx Yyy' beside 'Xxxyyy' (a place written
    both apart and together)."""
    found = [f"{a} / {b}" for a, b in KNOWN_VARIANTS if a in text and b in text]
    words = set(re.findall(r"\w+", text))
    found += [f"{a} {b} / {a}{b.lower()}"
              for a, b in set(re.findall(r"\b([A-ZÆØÅ][a-zæøå]+) ([A-ZÆØÅ][a-zæøå]+)\b", text))
              if f"{a}{b.lower()}" in words]
    return found


def test_one_spelling_per_place_on_a_page(real_site: Path) -> None:
    found = [f"{url}: {p}" for url, page in entity_pages(real_site)
             for p in spelling_pairs(reader_text(page.read_text(encoding="utf-8")))]
    assert not found, "\n".join(found)


def test_spelling_pairs_are_caught() -> None:
    assert spelling_pairs("67 pladser i Rødby Havn. Kapaciteten i Rødbyhavn") == [
        "Rødby Havn / Rødbyhavn", "Rødby Havn / Rødbyhavn"]
    assert spelling_pairs("Region Nordjylland og Rødbyhavn") == []


# --- No English words in reader text ---------------------------------------------------------

ENGLISH = ("setup", "survey", "survey24", "pull request", "issue", "issues", "feedback",
           "deadline", "dashboard", "update", "stakeholder", "follow-up", "meeting", "report")


@cache
def source_wording() -> frozenset[str]:
    """Words of the sources' own titles and agenda headings, shown as the sources write them."""
    texts = [t for s in catalog().all("kilder") for t in [s.navn, *(p.titel for p in s.punkter)]]
    return frozenset(w.casefold() for t in texts for w in re.findall(r"[\w-]+", t))


def english_words(text: str) -> list[str]:
    lowered = text.casefold()
    return [w for w in ENGLISH if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", lowered)
            and w not in source_wording()]


def test_no_english_words_in_reader_text(real_site: Path) -> None:
    found = [f"{url}: {w}" for url, page in entity_pages(real_site)
             for w in english_words(reader_text(page.read_text(encoding="utf-8")))]
    assert not found, "\n".join(found)


def test_english_words_are_caught() -> None:
    assert english_words("send et pull request under Issues om dit setup") == [
        "setup", "pull request", "issues"]


# --- Footnotes: one passage per footnote, few passages per claim -----------------------------

SEPARATOR = '<sup class="kb-fn-sep" aria-hidden="true">,</sup>'
MARKER = re.compile(r'<sup id="fnref[^"]*"><a class="footnote-ref" href="#fn:(\d+)">')


def claims(html: str) -> list[list[str]]:
    """The footnote numbers of each claim: markers standing side by side, in page order."""
    found: list[list[str]] = []
    end = -1
    for marker in MARKER.finditer(html):
        between = html[end:marker.start()] if end >= 0 else None
        if between is not None and between == SEPARATOR:
            found[-1].append(marker.group(1))
        else:
            found.append([marker.group(1)])
        end = html.index("</sup>", marker.end()) + len("</sup>")
    return found


def test_each_footnote_is_one_passage_and_no_claim_is_a_bundle(real_site: Path) -> None:
    most = 0
    for url, page in entity_pages(real_site):
        html = page.read_text(encoding="utf-8")
        notes = re.findall(r'<li id="fn:(\d+)">\n(.*?)\n</li>', html, re.DOTALL)
        assert all(body.count("<p>") == 1 for _, body in notes), url  # one passage each
        assert len({n for n, _ in notes}) == len(notes), url  # a passage is numbered once
        most = max([most, *(len(c) for c in claims(html))])
    assert 1 < most <= MAX_PASSAGES_PER_CLAIM


def test_claims_are_read_from_the_markers() -> None:
    one = '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>'
    two = '<sup id="fnref:2"><a class="footnote-ref" href="#fn:2">2</a></sup>'
    assert claims(f"a{one}{SEPARATOR}{two} b{one}") == [["1", "2"], ["1"]]


# --- Citations: the highlighted lines hold the claim, not only a name ------------------------

LIST_ITEM = re.compile(r"^\s*(?:[•\-]|\*\s)")


def only_names(lines: list[str]) -> bool:
    """Cited lines that are list items only, with a name each and nothing said about it
    ("• Egely (Region Syddanmark)"): the list's heading says what the list is."""
    text = [line.strip() for line in lines if line.strip()]
    words = re.findall(r"[^\W\d_]+", " ".join(text))
    return bool(text) and all(LIST_ITEM.match(line) for line in text) and len(words) <= 6 \
        and not re.search(r"\d", " ".join(text))


def test_no_citation_highlights_a_bare_list_item() -> None:
    from koordineringsbasen.model.common import line_bounds
    from koordineringsbasen.model.references import Citation, walk
    from koordineringsbasen.texts.seedtext import SeedTexts

    texts = SeedTexts(settings.seeds_dir())
    if not texts.available:
        pytest.skip("the source texts are not part of this checkout")
    found = []
    for kind in catalog().entities:
        for entity in catalog().all(kind):
            for item in walk(entity):
                if isinstance(item, Citation):
                    ref = item.reference
                    lines = texts.lines(catalog().get("kilder", ref.kilde).fil) or ()
                    first, last = line_bounds(ref.linjer)
                    if only_names(list(lines[first - 1:last])):
                        found.append(f"{kind}/{entity.id} {item.path}: {ref.kilde} {ref.linjer}")
    assert not found, "\n".join(found)


def test_bare_list_items_are_caught() -> None:
    assert only_names(["• Egely (Region Syddanmark)"])
    assert not only_names(["De sikrede afdelinger er placeret i følgende tilbud:", "",
                           "• Egely (Region Syddanmark)"])
    assert not only_names(["• Egely: 14 pladser"])
