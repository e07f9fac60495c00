"""The corpus of broken and hostile data (tests/corpus/cases.yml): every case is refused, with
every one of its problems reported in one run as `path:line:col: field: message`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from koordineringsbasen.cli import main
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.load.problems import DataError, Problem
from tests.support import FIXTURE_SEEDS, ROOT, anchor_citations, strip_anchors

CORPUS = Path(__file__).parent / "corpus"
CASES: list[dict[str, Any]] = YAML(typ="safe", pure=True).load(
    (CORPUS / "cases.yml").read_text(encoding="utf-8"))
FIFTY_MB = 50 * 1024 * 1024
MEMORY_LIMIT = 4 * 1024 * 1024  # bytes; a file that were read or expanded would need far more


def _fifty_megabytes(data: Path) -> None:
    # Real YAML text, so that only the size check can refuse it.
    line = b"  - {aar: 2024, pladser: 10, kilde: {kilde: testrapport-2025, linjer: 110}}\n"
    with (data / "tilbud" / "kaempe.yml").open("wb") as handle:
        handle.write(b"id: kaempe\nkapacitet:\n")
        handle.write(line * ((FIFTY_MB - handle.tell()) // len(line)))
        handle.write(b" " * (FIFTY_MB - handle.tell() - 1) + b"\n")


def _huge_integer(data: Path) -> None:
    path = data / "tilbud" / "testtilbud.yml"
    text = path.read_text(encoding="utf-8").replace("beloeb: 4107,", f"beloeb: {'9' * 5000},")
    path.write_text(text, encoding="utf-8")


def _symlink_to_outside(data: Path) -> None:
    (data / "organisationer" / "passwd.yml").symlink_to("/etc/passwd")


GENERATORS: dict[str, Callable[[Path], None]] = {
    "fifty_megabytes": _fifty_megabytes,
    "huge_integer": _huge_integer,
    "symlink_to_outside": _symlink_to_outside,
}


def apply_case(case: dict[str, Any], data: Path) -> None:
    """Turn the fixture data copy in `data` into the broken data set of `case`; the cases
    edit citations as written without anchors, and the citations are anchored afterwards as a
    contributor does ('anker'), so a case shows only its own problems."""
    strip_anchors(data)
    for rel, replacements in (case.get("edit") or {}).items():
        path = data / rel
        text = path.read_text(encoding="utf-8")
        for old, new in replacements:
            assert text.count(old) == 1, f"{case['name']}: {old!r} occurs {text.count(old)} times"
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    for rel, text in (case.get("files") or {}).items():
        (data / rel).parent.mkdir(parents=True, exist_ok=True)
        (data / rel).write_text(text, encoding="utf-8")
    if case.get("copy"):
        shutil.copytree(CORPUS / "files" / case["copy"], data, dirs_exist_ok=True)
    for rel in case.get("remove") or []:
        (data / rel).unlink()
    anchor_citations(data)
    if case.get("generate"):  # after anchoring: a generated bomb is never read whole
        GENERATORS[case["generate"]](data)


def expected_problems(case: dict[str, Any]) -> list[tuple[str, int, int, str, str]]:
    result = []
    for item in case["expect"]:
        path, line, col = item["at"].rsplit(":", 2)
        result.append((path, int(line), int(col), item["field"], item["says"]))
    return result


def matches(problem: Problem, expected: tuple[str, int, int, str, str]) -> bool:
    path, line, col, field, says = expected
    return (problem.path, problem.line, problem.col, problem.field) == (path, line, col, field) \
        and says in problem.message


def load_problems(data: Path) -> list[Problem]:
    with pytest.raises(DataError) as info:
        load_catalog(data, FIXTURE_SEEDS)
    return info.value.problems


def test_corpus_is_large_and_varied() -> None:
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names)) and len(names) >= 30
    assert len({case["category"] for case in CASES}) >= 20
    assert all(case["expect"] for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_case_is_refused_with_every_problem_located(
    case: dict[str, Any], fixture_data: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    apply_case(case, fixture_data)

    problems = load_problems(fixture_data)
    unmatched = list(problems)
    for expected in expected_problems(case):
        found = [p for p in unmatched if matches(p, expected)]
        assert found, f"expected {expected} among:\n" + "\n".join(map(str, unmatched))
        unmatched.remove(found[0])
    assert not unmatched, "unexpected problems:\n" + "\n".join(map(str, unmatched))

    # The command line prints the same problems, one `path:line:col: field: message` per line.
    code = main(["check", "--data", str(fixture_data), "--seeds", str(FIXTURE_SEEDS)])
    lines = capsys.readouterr().err.splitlines()
    assert code == 1
    assert lines == [str(p) for p in problems] + [f"{len(problems)} fejl i data."]


def _case(name: str) -> dict[str, Any]:
    return next(case for case in CASES if case["name"] == name)


@pytest.mark.parametrize("name", ["billion-laughs", "fifty-megabytes"])
def test_bombs_are_refused_in_bounded_memory(name: str, fixture_data: Path) -> None:
    apply_case(_case(name), fixture_data)
    tracemalloc.start()
    try:
        problems = load_problems(fixture_data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [p.message for p in problems] == [_case(name)["expect"][0]["says"]]
    assert peak < MEMORY_LIMIT, f"peak {peak / 1e6:.1f} MB"


def test_fifty_megabyte_file_is_never_read(fixture_data: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    apply_case(_case("fifty-megabytes"), fixture_data)
    assert (fixture_data / "tilbud" / "kaempe.yml").stat().st_size == FIFTY_MB
    real_read = Path.read_bytes

    def guarded(path: Path) -> bytes:
        assert path.name != "kaempe.yml", "the oversized file was read"
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    (problem,) = load_problems(fixture_data)
    assert problem.path == "data/tilbud/kaempe.yml"


def test_python_tag_is_never_executed(fixture_data: Path, tmp_path: Path) -> None:
    apply_case(_case("python-object-tag"), fixture_data)
    # The payload would touch a file; point it into this test's folder instead of /tmp.
    hostile = fixture_data / "organisationer" / "rce.yml"
    text = hostile.read_text(encoding="utf-8")
    marker = tmp_path / "pwned"
    assert "/tmp/koordineringsbasen-pwned" in text
    hostile.write_text(text.replace("/tmp/koordineringsbasen-pwned", str(marker)), encoding="utf-8")
    assert [p.message for p in load_problems(fixture_data)] == [
        _case("python-object-tag")["expect"][0]["says"]]
    assert not marker.exists()


@pytest.mark.parametrize("name", ["many-files-many-problems", "billion-laughs"])
def test_command_exits_non_zero_in_a_real_process(name: str, fixture_data: Path) -> None:
    apply_case(_case(name), fixture_data)
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    result = subprocess.run(
        [sys.executable, "-m", "koordineringsbasen", "check", "--data", str(fixture_data),
         "--seeds", str(FIXTURE_SEEDS)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 1
    expected = expected_problems(_case(name))
    printed = result.stderr.splitlines()
    assert printed[-1] == f"{len(expected)} fejl i data."
    for path, line, col, field, says in expected:
        prefix = f"{path}:{line}:{col}: " + (f"{field}: " if field else "")
        assert any(p.startswith(prefix) and says in p for p in printed), (prefix, printed)


def test_github_annotations_carry_the_same_location(
    fixture_data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    apply_case(_case("danish-decimal-comma"), fixture_data)
    assert main(["check", "--data", str(fixture_data), "--seeds", str(FIXTURE_SEEDS)]) == 1
    assert ("::error file=data/tilbud/testtilbud.yml,line=15,col=39::kapacitet[0].forbrug: "
            "'9,5' har dansk decimalkomma") in capsys.readouterr().err
