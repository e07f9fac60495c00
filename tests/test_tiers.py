"""The test tiers: a test that builds a site is marked `build`, and a build in an unmarked test
fails at once (tests/conftest.py, tests/support.py)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from koordineringsbasen import settings
from tests.conftest import COLLECTED, SITE_FIXTURES
from tests.support import FIXTURE_DATA, UnmarkedBuild, build_site, is_site_build


def test_tests_using_a_site_fixture_are_marked_build() -> None:
    using = [item for item in COLLECTED if SITE_FIXTURES & set(getattr(item, "fixturenames", ()))]
    if not using:
        pytest.skip("no test of this run uses a site fixture")
    assert [i.nodeid for i in using if i.get_closest_marker("build") is None] == []


def test_an_unmarked_test_cannot_build_a_site(tmp_path: Path) -> None:
    with pytest.raises(UnmarkedBuild, match="without the `build` marker"):
        build_site(FIXTURE_DATA, tmp_path / "site")
    for command in ([sys.executable, "-m", "mkdocs", "build"], ["make", "build"],
                    [sys.executable, "-m", "properdocs", "serve", "--dirty"]):
        with pytest.raises(UnmarkedBuild, match="without the `build` marker"):
            subprocess.run(command, cwd=tmp_path, check=False)
    assert not (tmp_path / "site").exists()


def test_other_commands_run_in_an_unmarked_test() -> None:
    result = subprocess.run([sys.executable, "-c", "print('bygget')"], capture_output=True,
                            text=True, check=True)
    assert result.stdout == "bygget\n"


@pytest.mark.parametrize(("command", "builds"), [
    (["python", "-m", "mkdocs", "build", "--strict"], True),
    (["/venv/bin/mkdocs", "serve"], True),
    (["python", "-m", "zensical", "build", "--clean"], True),
    (["python", "-m", "tests.serve_on_socket", "serve"], True),
    ("make --no-print-directory build STAMP=.stamp", True),
    (["make", "check"], False),
    (["python", "-m", "mkdocs", "--version"], False),
    (["python", "-m", "koordineringsbasen", "check"], False),
    (["git", "commit", "-m", "build"], False),
])
def test_site_builds_are_recognised(command: object, builds: bool) -> None:
    assert is_site_build(command) is builds


def test_tests_see_a_fixed_build_date() -> None:
    """conftest fixes SOURCE_DATE_EPOCH, so no test (nor the builds it starts) reads the clock."""
    assert os.environ.get("SOURCE_DATE_EPOCH", "").isdigit()
    assert settings.build_date() == dt.datetime.fromtimestamp(
        int(os.environ["SOURCE_DATE_EPOCH"]), tz=dt.timezone.utc).date()
