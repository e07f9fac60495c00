"""Injection corpus: hostile text in EVERY free-text field of every kind stays inert on the site.

The fixture data plus one fully filled entity per kind (tests/corpus/injection/full.yml) are
rewritten so that each free-text field (found by walking the models) holds a unique marker and
every payload below. The built site is then parsed page by page: no injected element, attribute
or URL, no evaluated Jinja, no included file, and every payload visible literally.

Agenda items must begin with their heading and citations must carry anchors of what their lines
say, so the test's copy of the source text gets each item's hostile heading on its first line,
and the anchors are then written anew from that text ('anker --forny'): they quote hostile text
too, but are never typed, so they are not payload slots of their own.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import sys
import types
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Union, get_args, get_origin
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from pydantic import BaseModel
from ruamel.yaml import YAML

from koordineringsbasen.catalog import build_catalog
from koordineringsbasen.exports import SiteInfo
from koordineringsbasen.exports.calendar import calendar
from koordineringsbasen.exports.feed import atom_feed, entity_feed
from koordineringsbasen.exports.tables import all_tables
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.load.yamlsource import read_yaml
from koordineringsbasen.model import ENTITY_MODELS, Glossary
from koordineringsbasen.model.common import Anchor, _text
from koordineringsbasen.render.changes import Change
from koordineringsbasen.render.history import Commit, History, Revision
from koordineringsbasen.site import csp
from koordineringsbasen.tools.anchor_fill import fill as fill_anchors
from tests.support import FIXTURE_DATA, FIXTURE_SEEDS, build_site

FULL = Path(__file__).parent / "corpus" / "injection" / "full.yml"
PAYLOADS = [
    "<script>alert('kb-script')</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(2)">klik</a>',
    "[klik](javascript:alert(3))",
    "[ref][1]\n[1]: javascript:alert(4)",
    "![billede](http://evil.example/x.png)",
    "<http://evil.example>",
    "Z{{ 7*7 }}Z",
    "{% include 'mkdocs.yml' %}",
    "{# kommentar #}",
    '--8<-- "/etc/passwd"',
    '\n--8<-- "/etc/passwd"',
    '{: onclick="alert(5)" }',
    "\n*[HTML]: fjendtlig forkortelse",
    "\n[^1]: fjendtlig fodnote",
    "\n!!! danger \"Advarsel\"\n    indrykket",
    "&lt;b&gt;fed&lt;/b&gt; &amp; &#60;script&#62; &#x3C;",
    "<!-- kommentar -->",
    "<style>body{display:none}</style>",
    '<iframe src="http://evil.example/"></iframe>',
    "<svg onload=alert(6)>",
    '"><script>alert(7)</script>',
    "'><img src=x onerror=alert(8)>",
    "</title><script>alert(9)</script>",
    "**fed** _kursiv_ `kode` ~~slet~~",
    "| tabel | celle |",
    "\n# Overskrift\n- liste",
    "1. nummer\n> citat",
    "\\ backslash \\\\ og \\*",
    "<details open ontoggle=alert(10)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(11)>",
]
PASSWD = "root:x:0:"
EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
BAD_SCHEME = re.compile(r"^\s*(?:javascript|vbscript|data\s*:\s*text/html)", re.IGNORECASE)
URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset")
FORBIDDEN_IN_CONTENT = ("script", "style", "iframe", "object", "embed", "form", "base", "meta",
                        "link", "img", "details", "math", "frame", "input", "button")
FILTER_FORM_TAGS = {"fieldset", "legend", "div", "label", "select", "option", "button"}
FOLLOW_TAGS = {"summary", "div", "ul", "li", "a", "p", "strong"}
# Free-text fields that no page shows (they reach only the JSON/CSV exports): none so far.
NOT_ON_ANY_PAGE: set[str] = set()


def payload(number: int) -> str:
    return f"KB{number:03d} " + " ".join(PAYLOADS)


def squash(text: str) -> str:
    return " ".join(text.split())


# --- Which fields are free text: read from the models, so new fields are covered ----------


def _metadata(annotation: Any, found: list[Any]) -> Any:
    """Strip Optional/Annotated from `annotation`, collecting Annotated metadata."""
    while True:
        origin = get_origin(annotation)
        if origin is not None and str(origin) == "typing.Annotated":
            annotation, *meta = get_args(annotation)
            found += meta
        elif origin in (Union, types.UnionType):
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        else:
            return annotation


def classify(field: Any) -> tuple[str, Any]:
    """('text' | 'texts' | 'model' | 'models' | 'other', inner model)."""
    meta: list[Any] = list(field.metadata)
    annotation = _metadata(field.annotation, meta)
    many = get_origin(annotation) is list
    if many:
        annotation = _metadata(get_args(annotation)[0], meta)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return ("models" if many else "model"), annotation
    is_text = any(getattr(m, "func", None) is _text for m in meta)
    has_pattern = any(getattr(m, "pattern", None) for m in meta)
    if annotation is str and is_text and not has_pattern:
        return ("texts" if many else "text"), None
    return "other", None


def text_slots(model: type[BaseModel], seen: set[type] | None = None) -> set[str]:
    """Every free-text field reachable from `model`, as 'Model.field'."""
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    slots = set()
    for name, field in model.model_fields.items():
        kind, inner = classify(field)
        if kind in ("text", "texts"):
            slots.add(f"{model.__name__}.{name}")
        elif inner is not None:
            slots |= text_slots(inner, seen)
    return slots


class Injector:
    """Replaces every free-text value with a numbered payload; remembers what went where."""

    def __init__(self) -> None:
        self.payloads: dict[str, str] = {}  # payload -> 'Model.field'
        self.agenda: dict[str, str] = {}  # old agenda item number -> payload

    def new(self, slot: str) -> str:
        text = payload(len(self.payloads) + 1)
        self.payloads[text] = slot
        return text

    def fill(self, value: Any, model: type[BaseModel]) -> Any:
        if "root" in model.model_fields and isinstance(value, list):  # the glossary
            _, inner = classify(model.model_fields["root"])
            return [self.fill(item, inner) for item in value]
        for name, field in model.model_fields.items():
            if name not in value or value[name] is None:
                continue
            kind, inner = classify(field)
            slot = f"{model.__name__}.{name}"
            if kind == "text":
                old, value[name] = value[name], self.new(slot)
                if slot == "AgendaItem.nr":
                    self.agenda[str(old)] = value[name]
            elif kind == "texts":
                value[name] = [self.new(slot) for _ in value[name]]
            elif kind == "model" and inner is not Anchor:  # anchors: written from the text
                self.fill(value[name], inner)
            elif kind == "models":
                value[name] = [self.fill(item, inner) for item in value[name]]
        return value

    def renumber_citations(self, value: Any) -> Any:
        """Citations name agenda items by number; follow the numbers' new (hostile) text."""
        if isinstance(value, dict):
            if "punkt" in value and "linjer" in value and str(value["punkt"]) in self.agenda:
                value["punkt"] = self.agenda[str(value["punkt"])]
            return {k: self.renumber_citations(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.renumber_citations(v) for v in value]
        return value


def write_headings(documents: dict[Path, Any], seeds: Path) -> None:
    """A copy of the fixture texts in `seeds` where each agenda item's first line is its
    (hostile) number and title, as the heading check wants it."""
    shutil.copytree(FIXTURE_SEEDS, seeds)
    texts: dict[str, list[str]] = {}
    for path, data in documents.items():
        if path.parent.name != "kilder":
            continue
        lines = texts.setdefault(data["fil"], (seeds / data["fil"]).read_text("utf-8").split("\n"))
        for item in data.get("punkter", []):
            first = int(str(item["linjer"]).split("-")[0])
            lines[first - 1] = " ".join(f"{item['nr']} {item['titel']}".split())
    for name, lines in texts.items():
        (seeds / name).write_text("\n".join(lines), encoding="utf-8")


def write_injected_data(target: Path, seeds: Path) -> Injector:
    shutil.copytree(FIXTURE_DATA, target)
    full = YAML(typ="safe", pure=True).load(FULL.read_text(encoding="utf-8"))
    documents: dict[Path, Any] = {}
    for path in sorted(target.rglob("*.yml")):
        documents[path] = read_yaml(path, path.name).data
    for rel, data in full.items():
        path = target / rel
        documents[path] = documents[path] + data if rel == "ordliste.yml" else data
    injector = Injector()
    filled = {}
    for path, data in documents.items():
        model = Glossary if path.name == "ordliste.yml" else ENTITY_MODELS[path.parent.name]
        filled[path] = injector.fill(data, model)
    for path, data in filled.items():
        data = injector.renumber_citations(data)
        # JSON is YAML; dates become ISO text, which the model reads the same way.
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str),
                        encoding="utf-8")
    write_headings(filled, seeds)
    report = fill_anchors(target, seeds, renew=True)
    assert not report.problems, report.problems
    return injector


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Injector]:
    base = tmp_path_factory.mktemp("injection")
    injector = write_injected_data(base / "data", base / "seeds")
    site = base / "site"
    result = build_site(base / "data", site, base / "seeds")
    assert result.returncode == 0, result.stdout + result.stderr
    # Every hostile entity got its page, so the tests below look at all of them.
    missing = [p.relative_to(base).as_posix() for p in sorted((base / "data").glob("*/*.yml"))
               if not (site / p.parent.name / p.stem / "index.html").is_file()]
    assert missing == []
    return site, injector


def pages(site: Path) -> list[Path]:
    found = sorted(site.rglob("*.html"))
    assert site / "index.html" in found and site / "404.html" in found
    return found


# --- The tests ------------------------------------------------------------------------------


@pytest.mark.build
def test_every_free_text_field_of_the_model_carries_payloads(
        injected: tuple[Path, Injector]) -> None:
    _, injector = injected
    expected = set().union(*(text_slots(m) for m in ENTITY_MODELS.values()), text_slots(Glossary))
    expected -= text_slots(Anchor)  # written from the source text, see the module's docstring
    # Reading the models finds the free text, nested too, and only it (no ids, dates, enums).
    assert {"Offer.navn", "Offer.resume", "Disagreement.note", "GlossaryEntry.betydning",
            "AgendaItem.titel", "RiskRating.begrundelse"} <= expected
    assert not {"Offer.id", "Offer.kategori", "RiskRating.dato", "RiskRating.niveau"} & expected
    assert set(injector.payloads.values()) == expected


def _check_element(element: Tag, where: str) -> None:
    for name, value in element.attrs.items():
        assert not name.lower().startswith("on"), f"{where}: <{element.name} {name}=...>"
        values = value if isinstance(value, list) else [value]
        if name.lower() in URL_ATTRS:
            for item in values:
                assert not BAD_SCHEME.match(item), f"{where}: {name}={item!r}"
    if element.name == "img":
        assert not EXTERNAL.match(element.get("src", "")), f"{where}: {element}"
    if element.name in ("iframe", "object", "embed", "frame", "base"):
        pytest.fail(f"{where}: <{element.name}> on the page")


def _check_scripts(soup: BeautifulSoup, where: str) -> None:
    for script in soup.find_all("script"):
        src = script.get("src")
        if src:
            assert not EXTERNAL.match(src), f"{where}: foreign script {src}"
        elif script.get("type") == "application/json":
            assert script.get("id") == "__config", f"{where}: {script}"
        elif script.get("type") == "application/ld+json":  # the data set's record: data only
            assert where == "om-data/index.html", where
            assert json.loads(script.string or "")["@type"] == "Dataset", where
        else:
            body = script.string or ""
            assert any(p.fullmatch(body) for p in csp.theme_scripts()), f"{where}: {body[:80]}"


@pytest.mark.build
def test_no_page_holds_injected_markup(injected: tuple[Path, Injector]) -> None:
    site, _ = injected
    for path in pages(site):
        where = path.relative_to(site).as_posix()
        html = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        _check_scripts(soup, where)
        for element in soup.find_all(True):
            _check_element(element, where)
        content = soup.select_one("article.md-content__inner")
        if content is not None:
            # The overview filter form is the site's own (render/filters.py): only its fixed
            # elements, data text only as option labels; then it is set aside.
            for form in content.select("form.kb-filter"):
                tags = {e.name for e in form.find_all(True)}
                assert tags <= FILTER_FORM_TAGS, f"{where}: {tags - FILTER_FORM_TAGS} in the filter form"
                assert [b.get("type") for b in form.find_all("button")] == ["reset"], where
                form.decompose()
            # So is the "Følg" control (render/follow.py): fixed links to the page's own feed
            # and calendar and fixed text, no data text; then it is set aside too.
            for control in content.select("details.kb-follow"):
                tags = {e.name for e in control.find_all(True)}
                assert tags <= FOLLOW_TAGS, f"{where}: {tags - FOLLOW_TAGS} in the Følg control"
                hrefs = {a.get("href") for a in control.find_all("a")}
                assert hrefs <= {"aendringer.xml", "frister.ics"}, where
                assert not re.search(r"KB\d{3}", control.get_text()), where
                control.decompose()
            # Folded sections (the section macro, the history's older entries) are the site's
            # own <details>: a fixed summary ("Vis …", a count); their content is checked.
            for folded in content.select("details.kb-fold, details.kb-folded"):
                summary = folded.find("summary", recursive=False)
                assert summary is not None and not summary.find(True), where
                assert re.fullmatch(r"(Vis|Ældre) [\w ()–,.æøå]+", summary.get_text()), \
                    (where, summary.get_text())
                summary.decompose()
                folded.unwrap()
            # And the 404 page's own search button (overrides/404.html: fixed text, no data).
            if where == "404.html":
                for button in content.select("button.kb-search-here"):
                    assert button.get_text() == "Søg efter siden", where
                    button.decompose()
            for name in FORBIDDEN_IN_CONTENT:
                assert not content.find_all(name), f"{where}: <{name}> in the page content"
        assert "Z49Z" not in html, f"{where}: Jinja was evaluated"
        assert PASSWD not in html, f"{where}: a file was included"
        urls = [str(e.get(name)) for e in soup.find_all(True) for name in URL_ATTRS
                if e.get(name)]
        # "Meld en fejl" quotes the page title in its mail: percent-encoded text, never the
        # recipient or another field.
        mails = [urlsplit(u) for u in urls if u.startswith("mailto:")]
        assert all("evil.example" not in m.path and set(parse_qs(m.query)) <= {"subject", "body"}
                   for m in mails), where
        assert not [u for u in urls if "evil.example" in u and not u.startswith("mailto:")], where


@pytest.mark.build
def test_every_payload_is_visible_literally(injected: tuple[Path, Injector]) -> None:
    site, injector = injected
    visible = "\n".join(squash(BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
                               .get_text(" ")) for p in pages(site))
    missing = {slot for text, slot in injector.payloads.items() if squash(text) not in visible}
    assert missing == NOT_ON_ANY_PAGE


@pytest.mark.build
def test_page_titles_show_the_hostile_name_as_text(injected: tuple[Path, Injector]) -> None:
    site, injector = injected
    names = [text for text, slot in injector.payloads.items() if slot.endswith(".navn")]
    checked: set[str] = set()
    for path in pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        h1 = soup.find("h1")
        if h1 is None or not any(squash(n) in squash(h1.get_text(" ")) for n in names):
            continue
        (name,) = [n for n in names if squash(n) in squash(h1.get_text(" "))]
        titles = soup.head.find_all("title")
        assert len(titles) == 1
        assert squash(titles[0].get_text()).startswith(squash(name)), path
        assert [t.name for t in soup.head.find_all(True)].count("script") == \
            len([s for s in soup.find_all("script") if s.find_parent("head")])
        checked.add(name)
    assert len(checked) == len(names)


@pytest.mark.build
def test_search_index_holds_no_markup(injected: tuple[Path, Injector]) -> None:
    """What the search shows (the summary, kind and names in the hidden search block) is
    escaped text; search.js sets them as text, never as HTML."""
    site, injector = injected
    for path in sorted(site.glob("*/*/index.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        block = soup.find(class_="kb-soegeord")
        if block is None:
            continue
        for element in block.find_all(True):
            _check_element(element, f"search block {path}")
            assert element.name in ("p", "div", "span"), (path, element.name)



@pytest.mark.build
def test_feed_and_calendar_keep_text_as_text(injected: tuple[Path, Injector]) -> None:
    site, _ = injected
    for path in [*site.glob("*.xml"), *site.rglob("*.ics")]:
        raw = path.read_text(encoding="utf-8")
        assert "Z49Z" not in raw and PASSWD not in raw
        if path.suffix == ".xml":
            root = ET.fromstring(raw)  # well-formed: data text was escaped
            for element in root.iter():
                local = element.tag.rsplit("}", 1)[-1]
                assert local not in ("script", "iframe", "img"), path
                if local in ("title", "summary", "content", "subtitle"):
                    assert element.get("type", "text") == "text", (path, local)


# --- The Content-Security-Policy that backs all of this up ----------------------------------


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.mark.build
def test_every_page_has_a_policy_that_allows_exactly_its_theme_scripts(
        injected: tuple[Path, Injector]) -> None:
    site, _ = injected
    for path in pages(site):
        where = path.relative_to(site).as_posix()
        if where == "404.html":
            continue  # rendered from the theme alone (no data); hooks see no post_page for it
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        head = soup.head.find_all(True)
        assert head[0].get("charset") == "utf-8"
        assert head[1].get("http-equiv") == "Content-Security-Policy", where
        directives = dict(d.strip().split(" ", 1) for d in head[1]["content"].split(";"))
        assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
        assert "unsafe-inline" not in head[1]["content"] and "'unsafe-eval'" not in head[1]["content"]
        inline = [s.string or "" for s in soup.find_all("script")
                  if not s.get("src")
                  and s.get("type") not in ("application/json", "application/ld+json")]
        # Pagefind's WebAssembly needs exactly 'wasm-unsafe-eval', nothing more.
        assert directives["script-src"].split() == ["'self'", "'wasm-unsafe-eval'"] + [
            _sha256(s) for s in inline]
        styles = sorted({e["style"] for e in soup.find_all(style=True)})
        expected = ["'self'"] + (["'unsafe-hashes'"] + [_sha256(s) for s in styles]
                                 if styles else [])
        assert directives["style-src"].split() == expected, where


def test_policy_gives_no_hash_to_a_foreign_inline_script(caplog: pytest.LogCaptureFixture) -> None:
    template = (csp.THEME_TEMPLATES / "partials/javascripts/base.html").read_text()
    theme = re.sub(r"\{\{.*?\}\}", "../..", re.search(r"<script>(.*?)</script>", template)[1])
    page = ('<html><head><meta charset="utf-8"><title>x</title></head><body>'
            '<script>alert(1)</script><p style="color: red">x</p></body></html>')
    policy = csp.policy(page, "x.md")
    assert "sha256" not in policy.split("style-src")[0]
    assert "'unsafe-hashes'" not in policy
    assert [r.getMessage()[:40] for r in caplog.records] == [
        "Inline-script på x.md er ikke temaets og", "style-attribut på x.md blokeres af CSP: "]
    assert any(p.fullmatch(theme) for p in csp.theme_scripts())
    assert not any(p.fullmatch(theme + ";alert(1)") for p in csp.theme_scripts())
    assert not any(p.fullmatch(theme.replace("../..", '"+alert(1)+"')) for p in csp.theme_scripts())
    with pytest.raises(ValueError):
        csp.add_policy("<html><head></head></html>", "y.md")
    assert not hasattr(csp, "is_dev_server")  # only `mkdocs serve` itself is exempt (issue 23)


# --- Every export guards every cell and field for its format (issue 23) ----------------------

FORMULA_PREFIXES = ["=HYPERLINK(\"https://evil.example\";\"x\")", "+SUM(1;2)", "-3+4",
                    "@NOW()", " =1+1", "\uff1dA1", "\u00a0@B2"]
STARTS_AS_FORMULA = re.compile("[ \u00a0]*[=+\\-@\t\r\n\uff1d\uff0b\uff0d\uff20]")


class FormulaInjector(Injector):
    """Every free-text value starts as a spreadsheet formula (a different one in turn)."""

    def new(self, slot: str) -> str:
        number = len(self.payloads) + 1
        text = f"{FORMULA_PREFIXES[number % len(FORMULA_PREFIXES)]} KB{number:03d}"
        self.payloads[text] = slot
        return text


def _formula_lists(catalog: Any) -> Any:
    """The catalog with every list of plain text (aliaser, lovgrundlag, …) holding formulas:
    the models keep those fields out of the text slots above (they have their own types)."""
    entities: dict[str, dict[str, Any]] = {}
    for kind, found in catalog.entities.items():
        entities[kind] = {}
        for entity_id, entity in found.items():
            update = {name: [FORMULA_PREFIXES[i % len(FORMULA_PREFIXES)].strip()
                             for i in range(len(value))]
                      for name, value in entity.__dict__.items()
                      if isinstance(value, list) and value and all(isinstance(v, str)
                                                                   for v in value)}
            entities[kind][entity_id] = entity.model_copy(update=update)
    return build_catalog(entities, catalog.files, catalog.glossary)


def test_every_csv_cell_of_every_column_is_guarded_against_formulas(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.modules[__name__], "Injector", FormulaInjector)
    injector = write_injected_data(tmp_path / "data", tmp_path / "seeds")
    catalog = _formula_lists(load_catalog(tmp_path / "data", tmp_path / "seeds"))
    tables = all_tables(catalog, SiteInfo())
    cells = [(column, value) for table in tables for row in table.rows
             for column, value in zip(table.columns, row, strict=True)]
    assert [(c.name, v) for c, v in cells if STARTS_AS_FORMULA.match(v)] == []
    guarded = {c.value_type for c, v in cells
               if v.startswith("'") and STARTS_AS_FORMULA.match(v[1:])}
    # Plain text and joined lists each carried a formula, guarded (a JSON cell starts with "[").
    assert {"tekst", "liste"} <= guarded, guarded
    seen = "\n".join(v for _, v in cells)
    # Every text field reaches the CSV (its marker KBnnn; JSON cells escape the quotes).
    assert {slot for text, slot in injector.payloads.items()
            if text.split()[-1] not in seen} <= {"AgendaItem.nr", "Reference.punkt"}


HOSTILE_CHARS = "\x00\x1b\x0c\x7f\u202e\u2066\u200d\ufffe\r\n\x85\ud800"


def test_feed_and_calendar_hold_only_what_their_formats_allow(fixture_data: Path) -> None:
    """The data check refuses these characters; the exports stand on their own all the same."""
    loaded = load_catalog(fixture_data, FIXTURE_SEEDS)
    hostile: dict[str, dict[str, Any]] = {}
    for kind, entities in loaded.entities.items():
        hostile[kind] = {}
        for entity_id, entity in entities.items():
            update = {"navn": f"Navn{HOSTILE_CHARS}slut", "resume": f"R{HOSTILE_CHARS}"}
            if kind == "udmeldinger":
                update["haendelser"] = [e.model_copy(update={"beskrivelse": f"B{HOSTILE_CHARS}"})
                                        for e in entity.haendelser]
            hostile[kind][entity_id] = entity.model_copy(update=update)
    catalog = build_catalog(hostile, loaded.files, loaded.glossary)
    site = SiteInfo("https://example.org/kb/", changed={p: "2025-03-04"
                                                        for p in catalog.files.values()})
    revisions = tuple(Revision("c" * 40, "2025-03-04T10:00:00+01:00", path,
                               (Change(f"resume «R{HOSTILE_CHARS}» ændret"),),
                               name=f"Navn{HOSTILE_CHARS}slut")
                      for path in catalog.files.values())
    history = History((Commit("c" * 40, "2025-03-04T10:00:00+01:00", revisions),),
                      {r.path: (r,) for r in revisions})
    key = next(iter(catalog.files))
    for feed in (atom_feed(catalog, site, history), entity_feed(catalog, site, history, *key)):
        # XML 1.0: refused if any character is not allowed
        root = ET.fromstring(feed.encode("utf-8"))
        texts = [e.text for e in root.iter() if e.text]
        assert any("Navn" in t and "slut" in t for t in texts)
        assert any("«R" in t for t in texts)
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\ud800]", feed)
    ics = calendar(catalog, site)
    assert "BEGIN:VEVENT" in ics
    unfolded = ics.replace("\r\n ", "")
    for line in unfolded.split("\r\n"):
        # RFC 5545 TEXT: no control character but tab; line breaks only as the escape \n.
        assert not re.search("[\x00-\x08\x0a-\x1f\x7f]", line), repr(line)
    assert "slut" in unfolded
