"""Property: whatever a data file holds, the loader returns a valid catalog or located problems.

Random bytes, random YAML-ish text and random mutations of valid fixture files are written
into a copy of the fixture data; `load_catalog` must never raise anything but DataError.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.load.problems import DataError
from tests.support import FIXTURE_DATA, FIXTURE_SEEDS

SETTINGS = settings(max_examples=200, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
TARGETS = ["tilbud/testtilbud.yml", "maalgrupper/natko-25-testgruppe.yml",
           "udmeldinger/cu-test.yml", "kilder/testmoede-2025-01-01.yml", "ordliste.yml"]
ORIGINALS = {rel: (FIXTURE_DATA / rel).read_bytes() for rel in TARGETS}
# Every character YAML (or our checks) may treat as the end of a line.
LINE_BREAKS = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")

# Pieces of YAML, of the data model and of known trouble, for text that is *almost* YAML.
TOKENS = [
    "id: ", "navn: ", "kilde: ", "linjer: ", "kapacitet:", "aar: ", "pladser: ", "- ", "  ",
    "    ", "\n", "\n  ", "\n- ", "{", "}", "[", "]", ", ", ": ", ":", "&a ", "*a", "!!str ",
    "!!python/object:os.system ", "!x ", "'", '"', "# ", "|\n  ", ">-\n  ", "---\n", "...\n",
    "? ", "<<: ", "\t", "0800", "1e999", ".nan", "-.inf", "2024-02-30", "31.12.2024", "33,5",
    "true", "ja", "null", "~", "ø", "Æblegrød", "\\", "\\x", "%YAML 1.1\n", "%TAG ! tag:x,1:\n",
    "testtilbud", "testraadet", "testrapport-2025", "1-999", "200-1", "\u202e", "\x00", "\ufeff",
    "010190-1234", "a@b.dk", "+45 12 34 56 78", "{{ 7*7 }}", "<script>",
]


@pytest.fixture(scope="module")
def data_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "data"
        shutil.copytree(FIXTURE_DATA, target)
        yield target


def check(data: Path, rel: str, content: bytes) -> None:
    """Write `content` to `rel`, load, restore; only a catalog or DataError may come out."""
    path = data / rel
    path.write_bytes(content)
    try:
        catalog = load_catalog(data, FIXTURE_SEEDS)
    except DataError as exc:
        assert exc.problems
        text = content.decode("utf-8", errors="replace")
        lines = len(LINE_BREAKS.findall(text)) + 2  # a file may end inside its last line
        for problem in exc.problems:
            assert problem.path.startswith("data/") and problem.message, problem
            assert problem.line >= 1 and problem.col >= 1, problem
            if problem.path == f"data/{rel}":
                assert problem.line <= lines, (problem, lines)
    else:  # what loads is one entity per data file, the mutated one included
        assert catalog.count() == len(list(data.glob("*/*.yml")))
    finally:
        path.write_bytes(ORIGINALS[rel])


@SETTINGS
@given(rel=st.sampled_from(TARGETS), content=st.binary(max_size=2000))
def test_random_bytes(data_dir: Path, rel: str, content: bytes) -> None:
    check(data_dir, rel, content)


yamlish = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=8)), max_size=60).map(
    "".join)


@SETTINGS
@given(rel=st.sampled_from(TARGETS), text=yamlish)
def test_random_yaml_like_text(data_dir: Path, rel: str, text: str) -> None:
    check(data_dir, rel, text.encode("utf-8", errors="surrogatepass"))


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A valid fixture file with a few random edits: delete, insert, replace, move lines."""
    rel = draw(st.sampled_from(TARGETS))
    text = ORIGINALS[rel].decode("utf-8")
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "insert", "replace", "line"]))
        at = draw(st.integers(0, len(text)))
        if kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)):]
        elif kind == "insert":
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        elif kind == "replace":
            text = text[:at] + draw(st.text(min_size=1, max_size=3)) + text[at + 1:]
        else:
            lines = text.split("\n")
            index = draw(st.integers(0, len(lines) - 1))
            lines.insert(draw(st.integers(0, len(lines))), lines[index])
            text = "\n".join(lines)
    return rel, text.encode("utf-8", errors="surrogatepass")


@SETTINGS
@given(case=mutated())
def test_mutated_fixture_files(data_dir: Path, case: tuple[str, bytes]) -> None:
    check(data_dir, *case)


def test_fixture_data_itself_loads(data_dir: Path) -> None:
    catalog = load_catalog(data_dir, FIXTURE_SEEDS)
    assert catalog.count() == len(list(data_dir.glob("*/*.yml"))) > 1
