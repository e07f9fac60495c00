"""Citation anchors: the check tells moved text ('flyttet') from text that is gone ('mangler'),
'genanker' moves line ranges only where it is sure, and 'anker' adds anchors without touching
any other byte. Every test edits its own copy of the fixture text and data."""

from __future__ import annotations

import difflib
import os
import re
import shutil
import textwrap
from pathlib import Path

import pytest

from koordineringsbasen import cli
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.load.problems import DataError
from koordineringsbasen.model.common import line_bounds
from koordineringsbasen.model.references import Citation, walk
from koordineringsbasen.texts.anchors import make_anchor
from koordineringsbasen.texts.relocate import (
    AMBIGUOUS,
    MISSING,
    MOVED,
    OK,
    TextIndex,
    line_range,
    locate,
)
from koordineringsbasen.texts.seedtext import join_lines, join_lines_mapped
from koordineringsbasen.tools.anchor_fill import fill
from koordineringsbasen.tools.yaml_edit import Editor
from tests.support import FIXTURE_DATA, FIXTURE_SEEDS, REAL_SEEDS, ROOT, strip_anchors

SEED = "000_0000000000000000.txt"
OFFER = "data/tilbud/testtilbud.yml"


@pytest.fixture
def work(tmp_path: Path) -> tuple[Path, Path]:
    data, seeds = tmp_path / "data", tmp_path / "seeds"
    shutil.copytree(FIXTURE_DATA, data)
    shutil.copytree(FIXTURE_SEEDS, seeds)
    return data, seeds


def read_lines(seeds: Path) -> list[str]:
    return (seeds / SEED).read_text("utf-8").split("\n")


def write_lines(seeds: Path, lines: list[str]) -> None:
    path = seeds / SEED
    before = path.stat().st_mtime_ns
    path.write_text("\n".join(lines), encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))  # a new version, whatever the clock


def problems(data: Path, seeds: Path, cache: Path | None = None) -> list[str]:
    try:
        load_catalog(data, seeds, cache_dir=cache)
    except DataError as exc:
        return [str(p) for p in exc.problems]
    return []


def genanker(data: Path, seeds: Path, capsys: pytest.CaptureFixture[str],
             *source: str) -> tuple[int, str, str]:
    code = cli.main(["genanker", *source, "--data", str(data), "--seeds", str(seeds)])
    out = capsys.readouterr()
    return code, out.out, out.err


def citations(data: Path) -> list[tuple[str, str, str]]:
    """(file, field path, linjer) of every citation in the data, after loading it."""
    catalog = load_catalog(data, data / "no-texts")  # lines only: no texts to compare
    found = []
    for kind in catalog.entities:
        for entity in catalog.all(kind):
            for link in walk(entity):
                if isinstance(link, Citation):
                    found.append((f"{kind}/{entity.id}", str(link.path), link.reference.linjer))
    return sorted(found)


def linjer_in(data: Path, rel: str, pattern: str) -> list[str]:
    """The `linjer` values on the lines of data file `rel` that match `pattern`."""
    text = (data.parent / rel).read_text("utf-8")
    return [m for line in text.splitlines() if re.search(pattern, line)
            for m in re.findall(r"linjer: \"?([0-9-]+)", line)[:1]]


# --- The one normalisation, with its map back to lines ---------------------------------------

def test_mapped_join_is_join_lines_and_maps_every_line() -> None:
    lines = ["Et ord, der deles: til-", "bud og Social-", "og Boligstyrelsen", "", "  slut  "]
    text, starts = join_lines_mapped(lines)
    assert text == join_lines(lines) == "Et ord, der deles: tilbud og Social- og Boligstyrelsen slut"
    assert starts[3] == -1
    assert text[starts[1]:].startswith("bud og") and text[starts[4]:] == "slut"


def test_verdicts_on_a_text_made_here() -> None:
    old = [f"Afsnit {n}: teksten om emne nummer {n} står her." for n in range(1, 41)]
    anchor = make_anchor(old, 20, 21)
    assert locate(anchor, 20, 21, TextIndex(old)).status == OK
    shifted = ["Ny forside", ""] + old
    verdict = locate(anchor, 20, 21, TextIndex(shifted))
    assert (verdict.status, verdict.linjer) == (MOVED, "22-23")
    changed = [line.replace("emne nummer 20", "emne nummer 21") for line in old]
    assert locate(anchor, 20, 21, TextIndex(changed)).status == MISSING
    twice = list(old)
    twice[19:21] = ["Noget andet."] * 2
    twice[12:14] = twice[25:27] = old[19:21]  # now at 13-14 and 26-27: about as near to 20
    verdict = locate(anchor, 20, 21, TextIndex(twice))
    assert verdict.status == AMBIGUOUS and verdict.places == ((13, 14), (26, 27))


# --- The data check and genanker on edited copies of the fixture text ------------------------

def test_fixture_data_pass_and_every_citation_is_anchored(work: tuple[Path, Path]) -> None:
    data, seeds = work
    assert problems(data, seeds) == []
    assert fill(data, seeds).written == 0


def test_shifted_text_is_found_moved_and_genanker_moves_it_all(
        work: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    data, seeds = work
    before = citations(data)
    write_lines(seeds, ["Forside", "", "Side 1", *read_lines(seeds)])
    found = problems(data, seeds)
    moved = [p for p in found if "teksten er flyttet" in p]
    assert len(moved) == len(before)  # every citation, each with its place
    assert (f"{OFFER}:11:39: kilder[0].linjer: teksten er flyttet til linje 108-109 i {SEED}; "
            f"kør 'python -m koordineringsbasen genanker'") in found
    headings = [p for p in found if "begynder ikke med punktets overskrift" in p]
    assert [p.split(": ")[1] for p in headings] == ["punkter[0].linjer", "punkter[1].linjer"]
    assert "data/kilder/testmoede-2025-01-01.yml:14:13" in headings[0]

    code, out, err = genanker(data, seeds, capsys)
    assert code == 0, err
    assert f"flyttet: {OFFER}:11: kilder[0].linjer: 105-106 → 108-109" in out
    assert problems(data, seeds) == []
    after = citations(data)
    shifted = [(where, path, line_range(*(n + 3 for n in line_bounds(old))))
               for where, path, old in before]
    assert after == shifted
    source = (data / "kilder" / "testmoede-2025-01-01.yml").read_text("utf-8")
    assert "linjer: \"4-13\"" in source and "linjer: \"14-83\"" in source
    assert "linjer: 1-153" not in source and "linjer: \"1-153\"" in source
    assert genanker(data, seeds, capsys)[0] == 0  # nothing left to move


def test_rewrapped_paragraph_is_found_across_new_line_breaks(
        work: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    data, seeds = work
    old = read_lines(seeds)
    wrapped = textwrap.wrap(" ".join(old[11:19]), 150, break_long_words=False,
                            break_on_hyphens=False)  # lines 12-19 as fewer, longer lines
    assert 3 <= len(wrapped) < 8
    new = old[:11] + wrapped + old[19:]
    write_lines(seeds, new)

    def place(n: int) -> tuple[int, int]:  # where old line n's words now start and end
        first = next(i for i, line in enumerate(wrapped) if f"Linje {n} i" in line)
        tail = old[n - 1].split()[-1]
        last = next(i for i in range(first, len(wrapped)) if tail in wrapped[i])
        return 12 + first, 12 + last

    expected = {"12-14": line_range(place(12)[0], place(14)[1]), "15": line_range(*place(15)),
                "16-18": line_range(place(16)[0], place(18)[1])}
    found = problems(data, seeds)
    for old_range, new_range in expected.items():
        if new_range != old_range:
            assert any(f"teksten er flyttet til linje {new_range} i" in p for p in found), found
    assert not [p for p in found if "findes ikke længere" in p]

    code, _, err = genanker(data, seeds, capsys)
    assert code == 0, err
    assert problems(data, seeds) == []
    group = "data/maalgrupper/natko-25-testgruppe.yml"
    assert linjer_in(data, group, r'kilde: testmoede-2025-01-01, linjer: "?[0-9-]+"?, punkt') == [
        expected["12-14"], expected["16-18"]]
    shift = len(wrapped) - 8
    assert linjer_in(data, OFFER, r"^  - \{kilde: testrapport") == [f"{105 + shift}-{106 + shift}"]


def test_deleted_sentence_is_missing_and_left_alone(
        work: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    data, seeds = work
    lines = read_lines(seeds)
    assert "tilbuddet følges tæt" in lines[29]
    write_lines(seeds, lines[:29] + lines[30:])  # line 30 is gone, all below move up one
    found = problems(data, seeds)
    assert any(p.startswith(f"{OFFER}:21:") and "status[0].kilde.linjer: teksten findes ikke "
               f"længere i {SEED} (hverken i linje 30 eller andre steder)" in p for p in found)
    assert any("teksten er flyttet til linje 104-105" in p for p in found)

    code, out, err = genanker(data, seeds, capsys)
    assert code == 1
    assert "status[0].kilde.linjer: 30: teksten findes ikke længere i kildeteksten" in err
    assert "status[0]" not in out
    assert linjer_in(data, OFFER, r"status: foelges-skaerpet") == ["30"]  # untouched
    assert linjer_in(data, OFFER, r"^  - \{kilde: testrapport") == ["104-105"]
    left = problems(data, seeds)  # the lost text, and the date it held
    assert [p.split(": ")[1] for p in left] == ["status[0].dato", "status[0].kilde.linjer"]


def test_changed_number_is_missing_not_moved(
        work: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    data, seeds = work
    lines = read_lines(seeds)
    lines[102] = lines[102].replace("ca. 80 personer", "ca. 90 personer")
    write_lines(seeds, lines)
    missing = [p for p in problems(data, seeds) if "teksten findes ikke længere" in p]
    assert sorted(p.split(": ")[1] for p in missing) == [
        "stoerrelse[0].kilde.linjer", "uenigheder[0].vaerdier[0].kilde.linjer"]
    code, out, err = genanker(data, seeds, capsys)
    assert code == 1 and err.count("ikke flyttet:") == 2
    assert "flyttet:" not in out
    assert linjer_in(data, "data/maalgrupper/natko-25-testgruppe.yml",
                     r"testrapport-2025, linjer: 103") == ["103", "103"]


def test_duplicate_passage_is_ambiguous_and_not_moved(
        work: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    data, seeds = work
    lines = read_lines(seeds)
    cited = lines[103]  # line 104, cited twice
    lines[103] = "Linje 104 i en testkilde om æblegrød og §104."
    lines[56] = lines[150] = cited  # now at 57 and 151: 47 lines from 104 both
    write_lines(seeds, lines)
    found = [p for p in problems(data, seeds) if "står flere steder" in p]
    assert len(found) == 2 and all("(linje 57, 151)" in p for p in found)
    code, out, err = genanker(data, seeds, capsys)
    assert code == 1 and err.count("står flere steder (linje 57, 151); ikke flyttet") == 2
    assert linjer_in(data, "data/maalgrupper/natko-25-testgruppe.yml",
                     r"testrapport-2025, linjer: 104") == ["104", "104"]


def test_context_picks_the_copy_with_the_passage_around_it(
        work: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    data, seeds = work
    lines = read_lines(seeds)
    block = lines[102:105]  # lines 103-105: the cited 104 with what stands around it
    lines[103] = "Linje 104 i en testkilde om æblegrød og §104."
    lines[89] = block[1]  # a bare copy near the old place (line 90) ...
    lines[169:172] = block  # ... and the copy in its context far away (line 171)
    write_lines(seeds, lines)
    assert sum("teksten er flyttet til linje 171 i" in p for p in problems(data, seeds)) == 2
    code, _, err = genanker(data, seeds, capsys)
    assert code == 0, err
    assert linjer_in(data, "data/maalgrupper/natko-25-testgruppe.yml",
                     r"kommunerne skønner") == ["171", "171"]


def test_agenda_item_must_begin_with_its_heading(work: tuple[Path, Path]) -> None:
    data, seeds = work
    path = data / "kilder" / "testmoede-2025-01-01.yml"
    path.write_text(path.read_text("utf-8").replace("linjer: 1-10", "linjer: 2-10"), "utf-8")
    (found,) = problems(data, seeds)
    assert found.startswith("data/kilder/testmoede-2025-01-01.yml:14:13: punkter[0].linjer: "
                            "linje 2-10 begynder ikke med punktets overskrift '1 Velkommen', "
                            "men med 'Linje 2 i en testkilde om æblegrød og §2.'")


def test_citation_without_anchor_is_a_problem(work: tuple[Path, Path]) -> None:
    data, seeds = work
    path = data / "tilbud" / "testtilbud.yml"
    text = path.read_text("utf-8")
    path.write_text(re.sub(r"(linjer: 105-106), anker: \{[^}]*\}", r"\1", text), "utf-8")
    assert problems(data, seeds) == [
        f"{OFFER}:11:5: kilder[0].anker: henvisningen har intet anker (hvad linjerne siger); "
        f"kør 'python -m koordineringsbasen anker'"]
    assert problems(data, data / "no-texts") == []  # without the texts nothing is compared


def test_cache_is_named_by_the_texts_content(work: tuple[Path, Path], tmp_path: Path) -> None:
    data, seeds = work
    cache = tmp_path / "cache"
    assert problems(data, seeds, cache) == []
    lines = read_lines(seeds)
    lines[104] = lines[104].replace("æblegrød", "æblegrøt")  # same length, same line count
    write_lines(seeds, lines)
    found = problems(data, seeds, cache)
    assert any(p.startswith(f"{OFFER}:11:39: kilder[0].linjer: teksten findes ikke længere")
               for p in found), found


# --- anker: fills, keeps every other byte, and is idempotent ---------------------------------

def _only_insertions(old: str, new: str) -> bool:
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    return all(tag in ("equal", "insert") for tag, *_ in ops)


def test_fill_adds_anchors_and_changes_no_other_byte(work: tuple[Path, Path],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    data, seeds = work
    anchored = {p: p.read_text("utf-8") for p in data.rglob("*.yml")}
    strip_anchors(data)
    bare = {p: p.read_text("utf-8") for p in data.rglob("*.yml")}
    assert problems(data, seeds)  # citations without anchors
    assert cli.main(["anker", "testrapport-2025", "--data", str(data), "--seeds", str(seeds)]) == 0
    assert "Skrev 11 ankre" in capsys.readouterr().out  # only that source's citations
    assert cli.main(["anker", "--data", str(data), "--seeds", str(seeds)]) == 0
    assert "Skrev 24 ankre" in capsys.readouterr().out
    for path, text in anchored.items():
        now = path.read_text("utf-8")
        assert now == text, path  # as committed: the tool made the fixture anchors
        assert _only_insertions(bare[path], now), path
    assert problems(data, seeds) == []
    # Idempotent: a second run writes nothing and changes nothing.
    report = fill(data, seeds)
    assert (report.written, report.files) == (0, [])
    assert {p: p.read_text("utf-8") for p in data.rglob("*.yml")} == anchored
    # --forny writes them again, identically.
    assert fill(data, seeds, renew=True).written == 35
    assert {p: p.read_text("utf-8") for p in data.rglob("*.yml")} == anchored


BLOCK_ANCHOR = re.compile(r"^( *)anker:\n(?:\1  (?:foer|tekst|efter|kontrol): .*\n)+", re.M)


@pytest.mark.skipif(not REAL_SEEDS.is_dir(), reason="the real source texts are not here")
def test_fill_on_a_real_data_file_is_byte_exact(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    offer = data / "tilbud" / "aalborgskolen-doevblindhed.yml"
    committed = offer.read_bytes()
    stripped = BLOCK_ANCHOR.sub("", committed.decode("utf-8"))
    assert stripped.count("anker:") == 0 and len(stripped) < len(committed)
    offer.write_text(stripped, encoding="utf-8")
    report = fill(data, REAL_SEEDS)
    assert report.files == ["data/tilbud/aalborgskolen-doevblindhed.yml"]
    assert offer.read_bytes() == committed


def test_editor_keeps_comments_quotes_and_folded_text() -> None:
    text = textwrap.dedent("""\
        # kommentar
        kilder:
          - kilde: a   # efter kilden
            linjer: '1-2'
            belaeg:
              form: ord
              forklaring: >-
                foldet
                tekst

          - {kilde: b, linjer: 3}
        navn: "x"  # slut
        """)
    editor = Editor(text, "x.yml")
    editor.set_mapping(("kilder", 0), "anker", {"tekst": 'Et "citat": # ikke en kommentar'})
    editor.set_mapping(("kilder", 1), "anker", {"tekst": "b"})
    editor.set_scalar(("kilder", 1, "linjer"), "4-5")
    assert editor.result() == text.replace(
        "        tekst\n",
        "        tekst\n    anker:\n      tekst: \"Et \\\"citat\\\": # ikke en kommentar\"\n",
    ).replace("{kilde: b, linjer: 3}", '{kilde: b, linjer: "4-5", anker: {tekst: "b"}}')


def test_link_findings_are_named_by_each_cited_texts_content(work: tuple[Path, Path]) -> None:
    """The cached link findings' key changes with a text's words, not only its length."""
    from koordineringsbasen.load.checks.links import link_context
    from koordineringsbasen.load.checks.sources import citation_context
    from koordineringsbasen.texts.seedtext import SeedTexts
    from koordineringsbasen.tools.data_files import read_data

    data, seeds = work
    files, _ = read_data(data)
    sources = {f.entity.id: type("Loaded", (), {"entity": f.entity, "cache_key": f.rel})()
               for f in files if f.rel.startswith("data/kilder/")}

    def fingerprint() -> str:
        context = citation_context(sources, SeedTexts(seeds))  # type: ignore[arg-type]
        return link_context({"kilder": sources}, {"kilder": set()}, context).fingerprint

    before = fingerprint()
    lines = read_lines(seeds)
    lines[104] = lines[104].replace("æblegrød", "æblegrøt")  # same length, same line count
    write_lines(seeds, lines)
    assert fingerprint() != before
