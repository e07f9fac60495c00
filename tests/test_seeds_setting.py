"""KOORDINERINGSBASEN_SEEDS is the one setting every reader of the source texts asks: the tests'
REAL_SEEDS, `check`, `find`, the build and `serve`'s watcher. Set but naming no folder, it is an
error everywhere (only the default folder may be absent)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.livereload import LiveReloadServer

from koordineringsbasen import cli, mkdocs_hooks, settings
from koordineringsbasen.load.problems import DataError
from koordineringsbasen.site import build_state
from tests.support import FIXTURE_DATA, FIXTURE_SEEDS, ROOT, build_site

TEXT = "000_0000000000000000.txt"


@pytest.fixture()
def seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture texts in tmp, named by the setting."""
    copy = tmp_path / "tekster"
    shutil.copytree(FIXTURE_SEEDS, copy)
    monkeypatch.setenv("KOORDINERINGSBASEN_SEEDS", str(copy))
    return copy


def cut(seeds: Path, keep: int) -> None:
    """Keep the first `keep` lines of the copied text: citations further down now fail."""
    lines = (seeds / TEXT).read_text(encoding="utf-8").split("\n")
    (seeds / TEXT).write_text("\n".join(lines[:keep]) + "\n", encoding="utf-8")


def test_the_tests_read_the_texts_through_the_setting(seeds: Path) -> None:
    done = subprocess.run([sys.executable, "-c", "from tests.support import REAL_SEEDS; "
                           "print(REAL_SEEDS)"], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ}, timeout=60)
    assert done.stdout.strip() == str(seeds), done.stderr


def test_check_and_find_read_the_copy(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(FIXTURE_DATA)
    assert cli.main(["check", "--data", data]) == cli.OK
    capsys.readouterr()
    lines = (seeds / TEXT).read_text(encoding="utf-8").split("\n")
    lines[11] = "Linje 12 er ændret i kopien: æbleskiver."
    (seeds / TEXT).write_text("\n".join(lines), encoding="utf-8")
    assert cli.main(["find", "testmoede-2025-01-01", "ÆBLESKIVER", "--data", data]) == cli.OK
    assert "linje 12 (punkt 2: Risikovurdering)" in capsys.readouterr().out
    cut(seeds, 10)
    assert cli.main(["check", "--data", data]) == cli.REFUSED
    assert "findes ikke; 000_0000000000000000.txt har 10 linjer" in capsys.readouterr().err


def test_a_changed_text_is_read_anew_by_the_next_serve_build(
        seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOORDINERINGSBASEN_CACHE", "")
    assert build_state.load(FIXTURE_DATA).texts.folder == seeds
    cut(seeds, 10)  # saved while `make serve` runs
    with pytest.raises(DataError, match="har 10 linjer"):
        build_state.load(FIXTURE_DATA)


@pytest.mark.parametrize("value", ["missing", "file"])
def test_a_setting_that_names_no_folder_is_an_error(
        value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    target = {"missing": str(tmp_path / "tekstr"), "file": str(tmp_path / "fil.txt")}
    (tmp_path / "fil.txt").write_text("x", encoding="utf-8")
    monkeypatch.setenv("KOORDINERINGSBASEN_SEEDS", target[value])
    data = str(FIXTURE_DATA)
    assert cli.main(["check", "--data", data]) == cli.FAILED
    err = capsys.readouterr().err
    assert "Fejl: KOORDINERINGSBASEN_SEEDS" in err and "Data OK" not in err
    assert {"missing": "findes ikke", "file": "er ikke en mappe"}[value] in err
    assert cli.main(["find", "testmoede-2025-01-01", "æblegrød", "--data", data]) == cli.FAILED
    assert "KOORDINERINGSBASEN_SEEDS" in capsys.readouterr().err


@pytest.mark.build
def test_the_build_refuses_a_setting_that_names_no_folder(tmp_path: Path) -> None:
    result = build_site(FIXTURE_DATA, tmp_path / "site", tmp_path / "tekstr")
    assert result.returncode != 0
    assert f"KOORDINERINGSBASEN_SEEDS peger på {tmp_path / 'tekstr'}, som findes ikke" in \
        result.stdout + result.stderr
    assert not (tmp_path / "site").exists()


def test_an_empty_setting_means_no_texts_on_purpose(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KOORDINERINGSBASEN_SEEDS", "")
    assert not settings.seeds_dir().is_dir()
    assert cli.main(["check", "--data", str(FIXTURE_DATA)]) == cli.OK
    assert "kildeteksterne findes ikke" in capsys.readouterr().err


def test_the_default_folder_missing_is_a_documented_skip(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("KOORDINERINGSBASEN_SEEDS", raising=False)
    monkeypatch.setattr("koordineringsbasen.settings.DEFAULT_SEEDS", tmp_path / "ingen")
    assert cli.main(["check", "--data", str(FIXTURE_DATA)]) == cli.OK
    assert "kildeteksterne findes ikke" in capsys.readouterr().err


def test_serve_watches_the_texts(seeds: Path, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    config = SimpleNamespace(docs_dir=str(tmp_path / "docs"),
                             config_file_path=str(tmp_path / "mkdocs.yml"),
                             theme=SimpleNamespace(dirs=[]))
    mkdocs_hooks.on_serve(server, config, None)
    watched = {e.watch.path for e in server.observer.emitters}
    assert str(seeds.resolve()) in watched


def test_the_test_suite_refuses_a_setting_that_names_no_folder(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q",
                           "tests/test_danish_numbers.py"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120,
                          env={**os.environ, "KOORDINERINGSBASEN_SEEDS": str(tmp_path / "x")})
    assert done.returncode == 4  # pytest's usage error
    assert "KOORDINERINGSBASEN_SEEDS peger på" in done.stderr
