"""Shared fixtures: fixture data, a loader helper, and one strict build of the real site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE_DATA = FIXTURES / "data"
FIXTURE_SEEDS = FIXTURES / "seeds"
REAL_SEEDS = ROOT.parent / "shared" / "seeds"


def build_site(data_dir: Path, site_dir: Path, seeds_dir: Path | None = None,
               extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a strict mkdocs build of `data_dir` into `site_dir` (never raises)."""
    env = {**os.environ, "KOORDINERINGSBASEN_DATA": str(data_dir), "NO_MKDOCS_2_WARNING": "1",
           "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "")}
    if not env["SOURCE_DATE_EPOCH"]:
        env.pop("SOURCE_DATE_EPOCH")
    if seeds_dir is not None:
        env["KOORDINERINGSBASEN_SEEDS"] = str(seeds_dir)
    env.update(extra_env or {})
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture
def fixture_data(tmp_path: Path) -> Path:
    """A writable copy of the small valid fixture data set."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target)
    return target


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data built once with --strict; shared by every site test."""
    site_dir = tmp_path_factory.mktemp("site") / "site"
    result = build_site(ROOT / "data", site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site_dir = tmp_path_factory.mktemp("fixture-site") / "site"
    result = build_site(FIXTURE_DATA, site_dir, FIXTURE_SEEDS)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir
