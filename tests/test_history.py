"""The change history from git: a test repository with a figure changed, the change reverted,
a year added, the file renamed, an anchor filled in and a cited source corrected; its Danish
wording, the page's section, the feeds, and the builds without the history."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from koordineringsbasen.catalog import Catalog
from koordineringsbasen.exports.feed import atom_feed, entity_feed
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.render.changes import CORRECTED, NEW
from koordineringsbasen.render.context import RenderContext
from koordineringsbasen.render.entity import render_entity
from koordineringsbasen.render.history import History, change_lines, entity_revisions
from koordineringsbasen.site.history import parse_version, read_history
from koordineringsbasen.urls import SiteInfo
from tests.support import FIXTURE_DATA, FIXTURE_SEEDS, anchor_citations, build_site

SITE_URL = "https://example.org/kb/"
ATOM = "{http://www.w3.org/2005/Atom}"
OFFER = "data/tilbud/testtilbud-nyt.yml"


def _git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T12:00:00+00:00"
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env=env).stdout.strip()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _commit(repo: Path, message: str, date: str) -> None:
    _git(repo, "add", "-A", "data")
    _git(repo, "-c", "user.email=test@example.invalid", "-c", "user.name=Test", "commit", "-q",
         "-m", message, date=date)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("history")
    _git(repo, "init", "-q", "-b", "main")
    data = repo / "data"
    shutil.copytree(FIXTURE_DATA, data)
    offer = data / "tilbud/testtilbud.yml"
    _commit(repo, "import", "2026-01-01")
    _edit(offer, "{aar: 2025, pladser: 12,", "{aar: 2025, pladser: 14,")
    _commit(repo, "a figure changed", "2026-02-01")
    _git(repo, "-c", "user.email=test@example.invalid", "-c", "user.name=Test", "revert",
         "--no-edit", "HEAD", date="2026-03-01")
    _edit(offer, "priser:\n", "  - {aar: 2026, pladser: 14, forbrug: 13.5, kilde: "
                              "{kilde: testrapport-2025, linjer: 112}}\npriser:\n")
    _commit(repo, "a year added", "2026-04-01")
    _git(repo, "mv", "data/tilbud/testtilbud.yml", OFFER)
    _edit(repo / OFFER, "id: testtilbud\n", "id: testtilbud-nyt\n")
    _edit(data / "udmeldinger/cu-test.yml", "tilbud: [testtilbud]", "tilbud: [testtilbud-nyt]")
    _edit(data / "reformer/testreform.yml", "{id: testtilbud,", "{id: testtilbud-nyt,")
    _commit(repo, "renamed", "2026-05-01")
    anchor_citations(data)  # the new row's citation gets its anchor, as 'anker' gives it
    _commit(repo, "anchors filled in", "2026-06-01")
    _edit(data / "kilder/testrapport-2025.yml", "dato: 2025-02", "dato: 2025-03")
    _commit(repo, "a cited source corrected", "2026-07-01")
    return repo


@pytest.fixture(scope="module")
def catalog(repo: Path) -> Catalog:
    return load_catalog(repo / "data", FIXTURE_SEEDS)


@pytest.fixture(scope="module")
def history(repo: Path, catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> History:
    found = read_history(repo / "data", catalog, tmp_path_factory.mktemp("cache"))
    assert found is not None
    return found


def test_each_change_in_plain_danish_newest_first(history: History, catalog: Catalog) -> None:
    revisions = entity_revisions(history, catalog, "tilbud", "testtilbud-nyt")
    told = [(r.day, source, change_lines(r)) for r, source in revisions]
    assert told == [
        ("2026-07-01", "testrapport-2025", ["Rettelse: dato februar 2025 → marts 2025"]),
        ("2026-05-01", None, ["Siden fik en ny adresse."]),
        ("2026-04-01", None, ["Ny oplysning: kapacitet 2026 tilføjet: pladser 14, forbrug 13,5"]),
        ("2026-03-01", None, ["Oplysningerne er igen som 1. januar 2026.",
                              "Rettelse: pladser 2025 14 → 12"]),
        ("2026-02-01", None, ["Rettelse: pladser 2025 12 → 14"]),
        ("2026-01-01", None, ["Oplysningerne blev lagt i basen."]),
    ]  # the anchor filled in on 1 June is no change a reader sees
    assert [r.nature for r, _ in revisions] == [CORRECTED, CORRECTED, NEW, CORRECTED,
                                                 CORRECTED, NEW]
    year = revisions[2][0].changes[0]
    assert year.ref == ("testrapport-2025", "112", None)


def test_renamed_file_keeps_its_history_and_dates(history: History) -> None:
    assert [r.day for r in history.of_file(OFFER)] == [
        "2026-05-01", "2026-04-01", "2026-03-01", "2026-02-01", "2026-01-01"]
    assert "data/tilbud/testtilbud.yml" not in history.by_file
    assert history.changed()[OFFER] == "2026-05-01"
    assert history.corrected()[OFFER] == "2026-05-01"  # a new address is no new information
    assert history.corrected()["data/kilder/testrapport-2025.yml"] == "2026-07-01"


def test_page_shows_history_with_footnotes_and_folds_the_oldest(
        history: History, catalog: Catalog) -> None:
    ctx = RenderContext(catalog, history=history)
    page = render_entity(ctx, "tilbud", "testtilbud-nyt")
    section = page[page.index("## Ændringshistorik"):page.index("## Kilder")]
    assert "<strong>1. juli 2026</strong>, i kilden" in section
    assert "Testrapport om kapacitet</a>" in section
    assert "Ny oplysning: kapacitet 2026 tilføjet: pladser 14, forbrug 13,5<sup" in section
    shown, folded = section.split("<details")
    assert shown.count("<strong>") == 5 and folded.count("<strong>") == 1
    assert "<summary>Ældre ændringer (1)</summary>" in folded
    assert "Oplysningerne blev lagt i basen." in folded
    assert "ikke vises" not in section


def test_without_history_the_page_says_so(catalog: Catalog) -> None:
    page = render_entity(RenderContext(catalog), "tilbud", "testtilbud-nyt")
    assert ("Ændringshistorikken kan ikke vises: denne udgave af siden er bygget uden "
            "versionshistorikken.") in page


def test_shallow_clone_and_no_git_have_no_history(repo: Path, catalog: Catalog,
                                                   tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    assert read_history(clone / "data", catalog, None) is None
    plain = tmp_path / "plain"
    shutil.copytree(repo / "data", plain / "data")
    os.environ.setdefault("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert read_history(plain / "data", catalog, None) is None


def test_cached_versions_give_the_same_history(repo: Path, catalog: Catalog, history: History,
                                              tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = read_history(repo / "data", catalog, cache)
    assert list(cache.glob("history-*.pickle"))
    assert read_history(repo / "data", catalog, cache) == first == history


def test_entity_feed_is_valid_atom(history: History, catalog: Catalog) -> None:
    site = SiteInfo(SITE_URL)
    text = entity_feed(catalog, site, history, "tilbud", "testtilbud-nyt")
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    feed = parsed.feed
    assert feed.id == "tag:example.org,2025:tilbud/testtilbud-nyt/aendringer"
    assert feed.title == "Ændringer: Testtilbuddet Østerlund"
    assert feed.author == "Koordineringsbasen"
    links = {link.rel: link.href for link in feed.links}
    assert links == {"self": SITE_URL + "tilbud/testtilbud-nyt/aendringer.xml",
                     "alternate": SITE_URL + "tilbud/testtilbud-nyt/"}
    assert feed.updated == "2026-07-01T12:00:00+00:00"
    entries = parsed.entries
    assert len(entries) == 6 and len({e.id for e in entries}) == 6
    assert all(e.link == SITE_URL + "tilbud/testtilbud-nyt/#aendringshistorik" for e in entries)
    assert entries[2].title == ("1. april 2026: Ny oplysning: kapacitet 2026 tilføjet: "
                                "pladser 14, forbrug 13,5")
    assert entries[0].title == ("1. juli 2026: Rettelse i kilden «Testrapport om kapacitet»: "
                                "dato februar 2025 → marts 2025")
    assert "<li>Rettelse: pladser 2025 14 → 12</li>" in entries[3].content[0].value
    # The ids are made of the commits: the same in every build.
    assert entity_feed(catalog, site, history, "tilbud", "testtilbud-nyt") == text
    root = ET.fromstring(text)
    for entry in root.findall(f"{ATOM}entry"):  # RFC 4287 4.1.2: id, title, updated
        assert all(entry.find(f"{ATOM}{name}") is not None for name in ("id", "title", "updated"))


def test_site_feed_says_what_changed_per_commit(history: History, catalog: Catalog) -> None:
    parsed = feedparser.parse(atom_feed(catalog, SiteInfo(SITE_URL), history))
    assert not parsed.bozo
    entries = parsed.entries
    # One entry per commit that changed what a page shows (not the anchor-only commit).
    assert [e.updated[:10] for e in entries] == [
        "2026-07-01", "2026-05-01", "2026-04-01", "2026-03-01", "2026-02-01", "2026-01-01"]
    assert entries[0].title == "1. juli 2026: Testrapport om kapacitet"
    assert entries[0].link == SITE_URL + "kilder/testrapport-2025/"
    body = entries[4].content[0].value
    assert body == ("<ul><li>Tilbud «Testtilbuddet Østerlund» – rettelse: "
                    "pladser 2025 12 → 14</li></ul>")
    assert ("<li>Tilbud «Testtilbuddet Østerlund» – oplysningerne er igen som 1. januar 2026.</li>"
            in entries[3].content[0].value)
    assert "Nyt tilbud: Testtilbuddet Østerlund" in entries[5].content[0].value
    assert ".yml" not in "".join(e.content[0].value + e.title for e in entries)


def test_feeds_without_history_are_valid_and_empty(catalog: Catalog) -> None:
    for text in (atom_feed(catalog, SiteInfo(SITE_URL)),
                 entity_feed(catalog, SiteInfo(SITE_URL), None, "tilbud", "testtilbud-nyt")):
        parsed = feedparser.parse(text)
        assert not parsed.bozo and parsed.entries == []
        assert "uden versionshistorikken" in parsed.feed.subtitle


@pytest.mark.build
def test_build_without_git_passes_and_says_history_is_unavailable(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    site = tmp_path / "site"
    result = build_site(data, site, FIXTURE_SEEDS, {"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr
    page = (site / "tilbud/testtilbud/index.html").read_text(encoding="utf-8")
    assert "Ændringshistorikken kan ikke vises" in page
    parsed = feedparser.parse((site / "tilbud/testtilbud/aendringer.xml").read_bytes())
    assert not parsed.bozo and parsed.entries == []
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Rettelserne kan ikke vises" in index


def test_an_old_version_in_an_earlier_shape_still_shows_its_other_values() -> None:
    # Written before decisions became cited blocks, with a key today's model does not know:
    # those are left out, the rest is read.
    raw = (FIXTURE_DATA / "kilder" / "testmoede-2025-01-01.yml").read_text(encoding="utf-8")
    old = re.sub(r"    beslutning:\n      tekst: .*\n      kilde: .*\n", "    beslutning: Godkendt.\n",
                 raw, count=1) + "gammelt_felt: 1\n"
    assert "beslutning: Godkendt." in old
    version = parse_version("kilder", old.encode("utf-8"), "data/kilder/testmoede-2025-01-01.yml")
    assert version is not None and version.id == "testmoede-2025-01-01"
    assert version.punkter[1].beslutning is None and version.punkter[1].indstilling is not None
    assert parse_version("kilder", b"id: [\n", "data/kilder/x.yml") is None  # not YAML at all
    assert parse_version("kilder", b"navn: uden id\n", "data/kilder/x.yml") is None
