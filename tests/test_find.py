"""`find KILDE "tekst"`: phrases across line breaks and hyphens, numbers in every Danish
notation, the agenda item of the lines, the citation block with its anchor, and the errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from koordineringsbasen import cli
from koordineringsbasen.model.common import Reference
from koordineringsbasen.texts.anchors import anchor_fields, make_anchor
from koordineringsbasen.texts.seedtext import split_lines

TEXT = "\n".join([
    "Referat af testmødet",                      # 1
    "",                                          # 2
    "Ad. 1 Velkommen",                           # 3
    "Formanden bød velkommen.",                  # 4
    "",                                          # 5
    "Ad. 2 Kapacitet",                           # 6
    "Styrelsen oplyste, at der i alt er 1.250",  # 7
    "pladser, heraf 12,5 pct. på særligt sik-",  # 8
    "rede afdelinger og 4 107 ventende.",        # 9
    "Budgettet er 3,5 mio. kr. i 2025.",         # 10
    "",                                          # 11
    "Bilag 1",                                   # 12
    "Notatet nævner 1250 pladser igen.",         # 13
    "Og meget mere tekst om sikrede afdelinger.",  # 14
]) + "\n"

MEETING = """id: moede-2025-01-01
navn: Testmøde
type: referat
dato: 2025-01-01
fil: 000_0000000000000000.txt
linjer: 1-14
resume: Et møde.
punkter:
  - nr: "1"
    titel: Velkommen
    linjer: 3-5
  - nr: "2"
    titel: Kapacitet
    linjer: 6-14
"""

APPENDIX = """id: notat-2025
navn: Notatet
type: notat
dato: 2025-01
fil: 000_0000000000000000.txt
linjer: 12-14
indgaar_i: moede-2025-01-01
resume: Et bilag.
"""


@pytest.fixture()
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data" / "kilder"
    folder.mkdir(parents=True)
    (folder / "moede-2025-01-01.yml").write_text(MEETING, encoding="utf-8")
    (folder / "notat-2025.yml").write_text(APPENDIX, encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "000_0000000000000000.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.setenv("KOORDINERINGSBASEN_SEEDS", str(seeds))
    return tmp_path / "data"


def run(data: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["find", *args, "--data", str(data)])
    out = capsys.readouterr()
    return code, out.out, out.err


def blocks(out: str) -> list[dict]:
    """The citation blocks printed, parsed as YAML (each must load as a Reference)."""
    found = []
    for chunk in out.split("\nkilde:\n")[1:]:
        text = "kilde:\n" + chunk.split("\n\n")[0]
        reference = yaml.safe_load(text)["kilde"]
        reference["linjer"] = str(reference["linjer"])  # YAML reads "13" as a number
        Reference.model_validate(reference)
        found.append(reference)
    return found


# Line 7 says "1.250", line 13 "1250": a range saying the query word for word comes first.
@pytest.mark.parametrize(("query", "expected"), [
    ("1250", ["13", "7"]), ("1.250", ["7", "13"]), ("1 250", ["7", "13"]),
    ("1250 pladser", ["13", "7-8"]),  # "1.250" ends line 7, "pladser" begins line 8
])
def test_a_number_is_found_in_every_notation(data: Path, capsys: pytest.CaptureFixture[str],
                                             query: str, expected: list[str]) -> None:
    code, out, _ = run(data, capsys, "moede-2025-01-01", query)
    assert code == cli.OK
    assert [b["linjer"] for b in blocks(out)] == expected


@pytest.mark.parametrize(("query", "lines"), [("12,5 pct", "8"), ("12,5 %", "8"),
                                              ("12,5 procent", "8"), ("4107", "9"),
                                               ("3.500.000", "10"), ("3,5 mio", "10")])
def test_decimals_spaced_thousands_and_scales(data: Path, capsys: pytest.CaptureFixture[str],
                                              query: str, lines: str) -> None:
    code, out, _ = run(data, capsys, "moede-2025-01-01", query)
    assert code == cli.OK
    assert blocks(out)[0]["linjer"] == lines


def test_a_phrase_across_a_hyphenated_line_end_with_its_item_and_anchor(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(data, capsys, "moede-2025-01-01", "SÆRLIGT   sikrede afdelinger")
    assert code == cli.OK
    first = blocks(out)[0]
    assert first["linjer"] == "8-9" and first["punkt"] == "2"
    assert "linje 8-9 (punkt 2: Kapacitet)" in out
    expected = anchor_fields(make_anchor(split_lines(TEXT), 8, 9))
    assert first["anker"] == expected
    assert "særligt sikrede afdelinger" in first["anker"]["tekst"]
    # The word-for-word match ranks before the looser one in line 14.
    assert [b["linjer"] for b in blocks(out)] == ["8-9"]


def test_an_embedded_document_gets_the_meetings_item(data: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(data, capsys, "notat-2025", "1250")
    assert code == cli.OK
    (only,) = blocks(out)
    assert only == {**only, "kilde": "notat-2025", "linjer": "13", "punkt": "2"}


def test_errors(data: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path,
                monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(data, capsys, "moede-2025-01-02", "x")
    assert code == cli.FAILED and "ukendt kilde 'moede-2025-01-02'" in err
    assert "moede-2025-01-01" in err  # the close match
    code, _, err = run(data, capsys, "moede-2025-01-01", "ikke i teksten")
    assert code == cli.REFUSED and "Fandt ikke 'ikke i teksten'" in err
    code, _, err = run(data, capsys, "moede-2025-01-01", "9999")
    assert code == cli.REFUSED
    monkeypatch.setenv("KOORDINERINGSBASEN_SEEDS", str(tmp_path / "tom"))
    (tmp_path / "tom").mkdir()
    code, _, err = run(data, capsys, "moede-2025-01-01", "1250")
    assert code == cli.FAILED and "kildeteksten 000_0000000000000000.txt" in err


def test_make_find_passes_the_text_untouched(data: Path) -> None:
    """Quotes, $ and backquotes in TEKST reach the command as typed (no shell, no make)."""
    import os
    import subprocess

    from tests.support import ROOT

    text = '1250 "pladser" $(HOME) `id` $PATH'
    done = subprocess.run(["make", "-s", "find", "KILDE=moede-2025-01-01", f"TEKST={text}"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "KOORDINERINGSBASEN_DATA": str(data)})
    assert done.returncode != 0
    assert f"Fandt ikke '{text}'" in done.stderr


def test_a_reader_that_stops_reading_is_no_error(data: Path, tmp_path: Path) -> None:
    """`find … | head -1`: the rest of the output has nowhere to go, and that is fine."""
    import subprocess
    import sys
    result = subprocess.run(
        f"{sys.executable} -m koordineringsbasen find moede-2025-01-01 1250 --data {data} | head -1",
        shell=True, capture_output=True, text=True, check=False)
    assert result.stdout.startswith("Fandt") and "Traceback" not in result.stderr


def test_the_block_anchors_the_text_as_the_check_reads_it(data: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A Symbol-font bullet (U+F0B7, left by the PDF) is read as a bullet by the data check;
    the anchor `find` writes must say the same, or the check would refuse it."""
    seed = tmp_path / "seeds" / "000_0000000000000000.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("1.250", "\uf0b7 1.250", 1),
                    encoding="utf-8")
    code, out, _ = run(data, capsys, "moede-2025-01-01", "1.250")
    assert code == cli.OK
    anchor = blocks(out)[0]["anker"]
    assert "\uf0b7" not in str(anchor) and "• 1.250" in anchor["tekst"]
