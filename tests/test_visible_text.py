"""Text a reader sees on the built site: Danish with æ/ø/å, no data paths, no seed file names.

Visible text is the rendered DOM text without what readers never get: scripts and styles,
elements that are `hidden` or `aria-hidden`, the search keyword headings, and attribute
values (URLs, the "Ret data" link's address). `<code>` holds machine names (CSV columns,
export files) and is left out of the word check only.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment, Tag

from koordineringsbasen.catalog import Catalog
from koordineringsbasen.load.loader import load_catalog
from tests.support import ROOT

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SEED_FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")
DATA_PATH = re.compile(r"(?<![\w/.-])data/[\w./-]*")
FOLDINGS = ({"æ": "ae", "ø": "oe", "å": "aa"}, {"æ": "a", "ø": "o", "å": "a"})
# Danish words that are also the folded form of another Danish word ("fortsatte" of "fortsætte").
WORDS_OF_THEIR_OWN = frozenset({"fortsatte", "vare", "svare", "star", "andres", "loft", "tanke"})

# Not the data's own wording: alternative spellings kept for search (ASCII folds among them)
# and the anchors' copies of the sources' words. A folded form found only there is no word.
NOT_OWN_WORDS = frozenset({"aliaser", "anker"})


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in NOT_OWN_WORDS for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def data_text_of(value: object) -> list[str]:
    return _strings(value)


def data_text(catalog: Catalog) -> list[str]:
    texts = [s for kind in catalog.entities for e in catalog.all(kind)
             for s in _strings(e.model_dump(mode="json"))]
    return texts + [s for g in catalog.glossary for s in _strings(g.model_dump(mode="json"))]


def folded_forms(texts: list[str]) -> dict[str, str]:
    """ASCII-folded form -> the Danish word it folds, for words of the data with æ/ø/å.

    A folded form that is itself a word of the data ("for" from "før") is a word in its own
    right and not listed.
    """
    words = {w.lower() for text in texts for w in WORD.findall(text)}
    plain = {w for w in words if not set(w) & set("æøå")}
    forms: dict[str, str] = {}
    for word in sorted(w for w in words if set(w) & set("æøå")):
        for folding in FOLDINGS:
            form = "".join(folding.get(ch, ch) for ch in word)
            if len(form) > 3 and form not in plain and form not in WORDS_OF_THEIR_OWN:
                forms.setdefault(form, word)
    return forms


HIDDEN = "script, style, template, noscript, [hidden], [aria-hidden='true'], .kb-soegeord"


def visible(soup: BeautifulSoup, drop: tuple[str, ...] = ()) -> str:
    """The text of `soup` a reader gets, without elements matching `drop` either."""
    return " ".join(text for text, where in _texts(soup) if not where & set(drop))


def _texts(soup: BeautifulSoup) -> list[tuple[str, set[str]]]:
    """Every visible text node with the `drop` selectors it sits inside ("code", ...)."""
    for element in soup.select(HIDDEN):
        element.decompose()
    marks: dict[int, set[str]] = {}
    for selector in ("code", "kbd", ".kb-linjer", ".kb-citat"):
        for element in soup.select(selector):
            for node in element.find_all(string=True):
                marks.setdefault(id(node), set()).add(selector)
    return [(str(node), marks.get(id(node), set())) for node in soup.find_all(string=True)
            if not isinstance(node, Comment) and isinstance(node.parent, Tag)
            and node.parent.name not in ("[document]", "html", "head")]


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@cache
def _forms() -> dict[str, str]:
    return folded_forms(data_text(load_catalog(ROOT / "data")))


def problems(site: Path, page: Path) -> list[str]:
    url = page.relative_to(site).as_posix()
    texts = _texts(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser"))
    found = []
    everything = " ".join(text for text, _ in texts)
    found += [f"{url}: data path '{path}'" for path in DATA_PATH.findall(everything)]
    if not re.fullmatch(r"kilder/[^/]+/tekst/.*", url):
        outside = " ".join(t for t, _ in texts)
        found += [f"{url}: seed file name '{name}'" for name in SEED_FILE.findall(outside)]
    # The numbered lines of a source text and the footnotes' quotes of them are the source's
    # own wording, spelling included.
    prose = " ".join(t for t, where in texts
                     if not where & {"code", "kbd", ".kb-linjer", ".kb-citat"})
    forms = _forms()
    for word in sorted({w.lower() for w in WORD.findall(prose)} & forms.keys()):
        found.append(f"{url}: '{word}' is '{forms[word]}' without æ/ø/å")
    return found


def test_folded_forms_are_found() -> None:
    forms = folded_forms(["Belægning på Østerskoven", "for og før", "Åben"])
    assert data_text_of({"navn": "Børn", "aliaser": ["Boern"]}) == ["Børn"]  # an alias is no word
    assert forms["belaegning"] == "belægning" and forms["belagning"] == "belægning"
    assert forms["oesterskoven"] == "østerskoven" and forms["aaben"] == "åben"
    assert "for" not in forms  # a word of its own in the data


def test_visible_text_drops_hidden_and_search_keywords() -> None:
    soup = BeautifulSoup('<p>Synlig</p><h2 class="kb-soegeord" hidden>belaegning</h2>'
                         '<span aria-hidden="true">oesterskoven</span><a href="data/x.yml">Ret data</a>',
                         "html.parser")
    assert visible(soup).split() == ["Synlig", "Ret", "data"]


def test_built_pages_have_danish_text_without_paths(real_site: Path) -> None:
    found = [p for page in pages(real_site) for p in problems(real_site, page)]
    assert not found, f"{len(found)} problems:\n" + "\n".join(found[:60])


@pytest.mark.parametrize("text", ["Se data/tilbud/egely.yml", "linje 3 i 002_11df9207c278767b.txt"])
def test_paths_and_seed_names_are_caught(tmp_path: Path, text: str) -> None:
    page = tmp_path / "tilbud" / "x" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(f"<html><body><p>{text}</p></body></html>", encoding="utf-8")
    assert problems(tmp_path, page)


def test_folded_words_are_caught_outside_the_source_lines(tmp_path: Path) -> None:
    page = tmp_path / "kilder" / "x" / "tekst" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<html><body><h1>Kildetekst om belaegning</h1><ol class="kb-linjer">'
                    "<li>belaegning som kilden staver det</li></ol></body></html>", encoding="utf-8")
    assert problems(tmp_path, page) == ["kilder/x/tekst/index.html: 'belaegning' is 'belægning' without æ/ø/å"]
