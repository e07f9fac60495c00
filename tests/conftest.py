"""Shared fixtures (fixture data, one strict build of the real site) and the test tiers.

Tiers: a test that builds a site carries the `build` marker, a test that drives chromium the
`browser` marker; `make test-fast` runs neither. Tests using a site fixture are marked here;
any other build (tests.support.build_site, `mkdocs`/`properdocs`/`zensical` build or serve,
`make build`) fails at once in a test without the marker."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from koordineringsbasen import settings
from tests import support
from tests.support import FIXTURE_DATA, FIXTURE_SEEDS, ROOT, build_site

# Fixtures that build a site; a test using one (directly or through another fixture) is `build`.
SITE_FIXTURES = {"real_site", "fixture_site"}
# Every test sees the same build date, 2026-01-01 (settings.build_date), never the real one.
TEST_DATE_EPOCH = "1767225600"
# Every test collected in this session, before `-m` deselects any (tests/test_tiers.py reads it).
COLLECTED: list[pytest.Item] = []


def pytest_configure(config: pytest.Config) -> None:
    # A mistyped KOORDINERINGSBASEN_SEEDS would skip every test of the real texts: an error.
    problem = settings.seeds_problem()
    if problem:
        raise pytest.UsageError(problem)
    if not os.environ.get("SOURCE_DATE_EPOCH"):  # a date given from outside is fixed too
        os.environ["SOURCE_DATE_EPOCH"] = TEST_DATE_EPOCH
    # Builds in tests use a data cache of their own, never the repository's .cache/; it is
    # removed when the session ends.
    if "KOORDINERINGSBASEN_CACHE" not in os.environ:
        cache = tempfile.mkdtemp(prefix="kb-test-cache-")
        os.environ["KOORDINERINGSBASEN_CACHE"] = cache
        config.add_cleanup(lambda: shutil.rmtree(cache, ignore_errors=True))
    original = subprocess.Popen
    subprocess.Popen = support.GuardedPopen  # type: ignore[misc]
    config.add_cleanup(lambda: setattr(subprocess, "Popen", original))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SITE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)
    COLLECTED[:] = items


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    support.RUNNING.item = item
    try:
        return (yield)
    finally:
        support.RUNNING.item = None


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
