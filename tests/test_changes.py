"""The semantic change summary (`diff REV1 REV2`) on two commits of fixture data."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from koordineringsbasen import cli
from koordineringsbasen.load.ci_output import markdown_text
from koordineringsbasen.tools.changes import load_revision, summarize
from tests.support import ROOT, anchor_citations

FIXTURES = Path(__file__).parent / "fixtures"

NEW_NOTIFICATION = """\
id: cu-ny
navn: Central udmelding om nyt testsyndrom
udsteder: testraadet
resume: En ny udmelding.
kilder:
  - {kilde: testmoede-2025-01-01, linjer: 50}
maalgrupper:
  - {id: natko-25-testgruppe, kilde: {kilde: testmoede-2025-01-01, linjer: 50}}
"""

EXPECTED = [
    "Målgruppe Personer med testsyndrom: risiko Forår 2024 gul → rød",
    "Målgruppe Personer med testsyndrom: risiko Forår 2025 tilføjet: rød",
    "Fjernet: Målgruppe Regional undergruppe",
    "Tilbud Testtilbuddet Østerlund: alias tilføjet: Østerlund-huset",
    "Tilbud Testtilbuddet Østerlund: driftsherre Region Test → Testrådet",
    "Tilbud Testtilbuddet Østerlund: pladser 2025 12 → 14",
    "Tilbud Testtilbuddet Østerlund: kapacitet 2026 tilføjet: pladser 14, forbrug 13,5",
    "Tilbud Testtilbuddet Østerlund: pris 2024 4.107 → 4.200",
    "Ny central udmelding: Central udmelding om nyt testsyndrom",
    ("Central udmelding Central udmelding om testsyndrom: hændelse 31. maj 2099 frist "
    "«Frist langt ude i fremtiden.» → «Ny frist for afrapportering.»"),
    ("Central udmelding Central udmelding om testsyndrom: resultat status afventer afgørelse → "
    "afsluttet"),
    "Ordliste: NY tilføjet (Ny forkortelse)",
]


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                          text=True).stdout.strip()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository with two commits: the fixture data, then a set of edits."""
    repo = tmp_path_factory.mktemp("repo")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.email", "test@example.invalid")
    _git(repo, "config", "user.name", "Test")
    data = repo / "data"
    shutil.copytree(FIXTURES / "data", data)
    _git(repo, "add", "data")
    _git(repo, "commit", "-q", "-m", "før")
    _edit(data / "maalgrupper/natko-25-testgruppe.yml", "    niveau: gul\n",
          "    niveau: roed\n")
    _edit(data / "maalgrupper/natko-25-testgruppe.yml", "stoerrelse:\n",
          "  - runde: Forår 2025\n    dato: 2025-05\n    niveau: roed\n"
          "    begrundelse: Stadig ingen tilbud.\n"
          "    kilde: {kilde: testmoede-2025-01-01, linjer: 19}\nstoerrelse:\n")
    (data / "maalgrupper/reg-undergruppe.yml").unlink()
    offer = data / "tilbud/testtilbud.yml"
    _edit(offer, "aliaser: [Osterlund]", "aliaser: [Osterlund, Østerlund-huset]")
    _edit(offer, "driftsherre: region-test", "driftsherre: testraadet")
    _edit(offer, "{aar: 2025, pladser: 12,", "{aar: 2025, pladser: 14,")
    _edit(offer, "priser:\n", "  - {aar: 2026, pladser: 14, forbrug: 13.5, kilde: "
                              "{kilde: testrapport-2025, linjer: 112}}\npriser:\n")
    _edit(offer, "beloeb: 4107", "beloeb: 4200")
    _edit(data / "udmeldinger/cu-test.yml", "Frist langt ude i fremtiden.",
          "Ny frist for afrapportering.")
    _edit(data / "udmeldinger/cu-test.yml", "status: afventer-afgoerelse", "status: afsluttet")
    (data / "udmeldinger/cu-ny.yml").write_text(NEW_NOTIFICATION, encoding="utf-8")
    _edit(data / "ordliste.yml", "- {forkortelse: TR,",
          "- {forkortelse: NY, betydning: Ny forkortelse}\n- {forkortelse: TR,")
    anchor_citations(data)  # the new citations get their anchors, as 'anker' gives them
    _git(repo, "add", "-A", "data")
    _git(repo, "commit", "-q", "-m", "efter")
    return repo


def test_summary_names_each_change_in_plain_danish(repo: Path) -> None:
    old = load_revision(repo, "HEAD~1")
    new = load_revision(repo, "HEAD")
    assert summarize(old, new) == EXPECTED


def test_same_revision_has_no_changes(repo: Path) -> None:
    catalog = load_revision(repo, "HEAD")
    assert summarize(catalog, catalog) == []


def test_revision_without_data_counts_everything_as_new(repo: Path) -> None:
    _git(repo, "checkout", "-q", "--orphan", "tom")
    _git(repo, "rm", "-rq", "--cached", "data")
    _git(repo, "commit", "-q", "--allow-empty", "-m", "tom")
    try:
        empty = load_revision(repo, "tom")
        new = load_revision(repo, "main")
        lines = summarize(empty, new)
    finally:
        _git(repo, "checkout", "-q", "-f", "main")
    assert "Nyt tilbud: Testtilbuddet Østerlund" in lines
    assert all(line.startswith(("Ny", "Ordliste")) for line in lines)


def test_cli_prints_lines_and_reports_bad_revisions(
        repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOORDINERINGSBASEN_SEEDS", str(FIXTURES / "seeds"))
    assert cli.main(["diff", "HEAD~1", "HEAD", "--repo", str(repo), "--markdown"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed == [f"- {markdown_text(line)}" for line in EXPECTED]
    # Escaped as Markdown, the summary still reads as the lines themselves.
    assert [re.sub(r"\\(.)", r"\1", line) for line in printed] == [f"- {line}" for line in EXPECTED]
    assert cli.main(["diff", "HEAD", "HEAD", "--repo", str(repo)]) == 0
    assert capsys.readouterr().out.strip() == "Ingen ændringer i data."
    assert cli.main(["diff", "findes-ikke", "HEAD", "--repo", str(repo)]) == 2
    assert "ukendt revision 'findes-ikke'" in capsys.readouterr().err


def test_invalid_revision_is_reported_with_locations(
        repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOORDINERINGSBASEN_SEEDS", str(FIXTURES / "seeds"))
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", str(repo), str(clone))
    _git(clone, "config", "user.email", "test@example.invalid")
    _git(clone, "config", "user.name", "Test")
    _edit(clone / "data/tilbud/testtilbud.yml", "kategori: oevrigt-landsdaekkende",
          "kategori: ukendt")
    _git(clone, "commit", "-qam", "fejl")
    assert cli.main(["diff", "HEAD~1", "HEAD", "--repo", str(clone)]) == 2
    err = capsys.readouterr().err
    assert "Data ved HEAD er ugyldige" in err
    assert "data/tilbud/testtilbud.yml:" in err and "kategori" in err


def test_diff_shows_uncommitted_changes_without_the_texts(
        repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    """Without TIL (as `make diff` runs it) the working tree is compared, edits not yet
    committed included; no source texts are read (a data-only diff needs none)."""
    texts = tmp_path / "seeds"  # a text every citation of the data would fail against
    texts.mkdir()
    (texts / "000_0000000000000000.txt").write_text("kort\n", encoding="utf-8")
    monkeypatch.setenv("KOORDINERINGSBASEN_SEEDS", str(texts))
    _edit(repo / "data/tilbud/testtilbud.yml", "beloeb: 4200", "beloeb: 4300")
    assert cli.main(["diff", "HEAD", "--repo", str(repo)]) == 0
    out = capsys.readouterr().out
    assert "4.200" in out and "4.300" in out
    assert cli.main(["diff", "HEAD", "HEAD", "--repo", str(repo)]) == 0
    assert capsys.readouterr().out.strip() == "Ingen ændringer i data."
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "diff: export KB_TIL := $(value TIL)\n" in makefile  # no revision: the working tree
    assert 'diff -- "$$KB_FRA" $${KB_TIL:+"$$KB_TIL"}\n' in makefile


def test_a_value_where_there_was_none_is_added_and_a_block_named_by_its_text() -> None:
    from koordineringsbasen.load.loader import load_catalog
    from koordineringsbasen.render.changes import NEW, entity_changes
    from tests.support import FIXTURE_DATA, FIXTURE_SEEDS

    catalog = load_catalog(FIXTURE_DATA, FIXTURE_SEEDS)
    source = catalog.get("kilder", "testmoede-2025-01-01")
    item = source.punkter[1]
    bare = item.model_copy(update={"beslutning": None})
    old = source.model_copy(update={"kortnavn": None,
                                    "punkter": [source.punkter[0], bare, *source.punkter[2:]]})
    lines = {c.text: c.nature for c in entity_changes(old, source, catalog)}
    assert lines[f"kortnavn tilføjet: «{source.kortnavn}»"] == NEW
    assert lines[f"punkt 2: beslutning tilføjet: «{item.beslutning.tekst}»"] == NEW
    assert not any("Reference(" in text or "tekst=" in text for text in lines)
