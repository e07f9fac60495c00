"""Shared fixtures: fixture data and one strict build of the real site."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from koordineringsbasen import settings
from tests.support import FIXTURE_DATA, FIXTURE_SEEDS, ROOT, build_site


def pytest_configure(config: pytest.Config) -> None:
    # A mistyped KOORDINERINGSBASEN_SEEDS would skip every test of the real texts: an error.
    problem = settings.seeds_problem()
    if problem:
        raise pytest.UsageError(problem)


# Builds in tests use a data cache of their own, never the repository's .cache/.
os.environ.setdefault("KOORDINERINGSBASEN_CACHE", tempfile.mkdtemp(prefix="kb-test-cache-"))


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
