"""Values given to make targets reach the commands as written: no shell, no make expansion
(issue 23, class 13)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from koordineringsbasen.load.yamlsource import read_yaml
from tests.support import FIXTURE_SEEDS, ROOT


@pytest.fixture
def box(tmp_path: Path, fixture_data: Path) -> Path:
    """A folder where make runs this project's Makefile, with its own data."""
    project = tmp_path / "projekt"
    project.mkdir()
    for name in ("Makefile", "koordineringsbasen", "schemas", "pyproject.toml",
                 "requirements.lock", "requirements-bench.lock", ".venv"):
        (project / name).symlink_to(ROOT / name)
    tomorrow = time.time() + 86400
    for stamp in (".stamp", ".bench-stamp"):
        (project / stamp).touch()
        os.utime(project / stamp, (tomorrow, tomorrow))  # make never reinstalls
    shutil.copytree(fixture_data, project / "data")
    return project


def make(box: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KOORDINERINGSBASEN_DATA": str(box / "data"),
           "KOORDINERINGSBASEN_SEEDS": str(FIXTURE_SEEDS), "HOME": str(box)}
    return subprocess.run(["make", "--no-print-directory", "-s", *args, "STAMP=.stamp"],
                          cwd=box, env=env, capture_output=True, text=True, timeout=120)


NAMES = [
    "Bosted $(touch SPOR1) og ${USER:-x} ved $PWD",
    "Tilbud `touch SPOR2` med \"dobbelte\" og 'enkelte' citater",
    "Center; touch SPOR3 && echo | cat \\ slut",
    "-h Center med bindestreg først",
    "Hus $$ og $(value HOME) og %",
]


@pytest.mark.parametrize("name", NAMES)
def test_make_ny_takes_the_name_as_written(box: Path, name: str) -> None:
    result = make(box, "ny", "TYPE=tilbud", f"NAVN={name}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not list(box.glob("SPOR*")) and not list(Path.cwd().glob("SPOR*"))
    (created,) = [p for p in (box / "data" / "tilbud").glob("*.yml")
                  if p.name != "testtilbud.yml"]
    assert read_yaml(created, created.name).data["navn"] == name


def test_make_diff_takes_revisions_as_written(box: Path) -> None:
    result = make(box, "diff", "FRA=$(touch SPOR4)", "TIL=`touch SPOR5`")
    assert result.returncode == 2
    assert "ukendt revision '$(touch SPOR4)'" in result.stderr, result.stderr
    assert not list(box.glob("SPOR*"))


def test_make_bench_never_runs_the_sizes(box: Path) -> None:
    dry = subprocess.run(["make", "--no-print-directory", "-n", "bench", "N=$(touch SPOR6) 3",
                          "BENCH_STAMP=.bench-stamp", "STAMP=.stamp"], cwd=box, capture_output=True,
                         text=True, timeout=60)
    assert dry.returncode == 0, dry.stderr
    assert "SPOR6" not in dry.stdout  # the recipe names only "$KB_N"
    assert not list(box.glob("SPOR*"))
