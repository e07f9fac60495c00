"""Paths and helpers shared by the tests (importable as tests.support)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest

from koordineringsbasen import settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE_DATA = FIXTURES / "data"
FIXTURE_SEEDS = FIXTURES / "seeds"
# The real source texts, where every command reads them: KOORDINERINGSBASEN_SEEDS, else
# ../shared/seeds/ (settings.seeds_dir, the one setting).
REAL_SEEDS = settings.seeds_dir()

# The commands that build a site: run only by tests marked `build` (`make test-fast` skips them).
GENERATORS = {"mkdocs", "properdocs", "zensical", "tests.serve_on_socket"}


class UnmarkedBuild(RuntimeError):
    """A test without the `build` marker tried to build a site."""


class _Running:
    """The test pytest is running now (set by tests/conftest.py around setup, call, teardown)."""

    item: pytest.Item | None = None


RUNNING = _Running()


def require_build_marker(what: str) -> None:
    """Refuse to build a site inside a test that lacks the `build` marker (outside pytest: allow)."""
    item = RUNNING.item
    if item is not None and item.get_closest_marker("build") is None:
        raise UnmarkedBuild(
            f"{item.nodeid} runs a site build ({what}) without the `build` marker. Mark it "
            "@pytest.mark.build (or use the real_site/fixture_site fixtures, which mark it), so "
            "that `make test-fast` leaves it out.")


def is_site_build(args: object) -> bool:
    """Whether a command line (as given to subprocess) builds or serves a site."""
    if isinstance(args, (str, bytes)):
        parts = os.fsdecode(args).split()
    elif isinstance(args, os.PathLike):
        parts = [os.fspath(args)]
    else:
        parts = [os.fsdecode(a) if isinstance(a, bytes) else str(a) for a in args]  # type: ignore[attr-defined]
    words = [Path(part).name for part in parts]
    if words and words[0] == "make":
        return "build" in words
    return bool(GENERATORS & set(words)) and bool({"build", "serve"} & set(words))


class GuardedPopen(subprocess.Popen):  # type: ignore[type-arg]
    """subprocess.Popen that refuses a site build in a test without the `build` marker; installed
    for the whole test session by tests/conftest.py, so it also covers bench/ and `make build`."""

    def __init__(self, args: object, *rest: object, **kwargs: object) -> None:
        if is_site_build(args):
            require_build_marker(str(args))
        super().__init__(args, *rest, **kwargs)  # type: ignore[arg-type]


def build_site(data_dir: Path, site_dir: Path, seeds_dir: Path | None = None,
               extra_env: dict[str, str] | None = None,
               generator: str = "mkdocs") -> subprocess.CompletedProcess[str]:
    """Run a strict build of `data_dir` into `site_dir` (never raises, except UnmarkedBuild).

    `generator` is the module run on mkdocs.yml: mkdocs, or its fork properdocs."""
    require_build_marker(f"{generator} build of {data_dir}")
    env = {**os.environ, "KOORDINERINGSBASEN_DATA": str(data_dir), "NO_MKDOCS_2_WARNING": "1"}
    if seeds_dir is not None:
        env["KOORDINERINGSBASEN_SEEDS"] = str(seeds_dir)
    env.update(extra_env or {})
    return subprocess.run(
        [sys.executable, "-m", generator, "build", "--strict", "--config-file", "mkdocs.yml",
         "--site-dir", str(site_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )


FLOW_ANCHOR = re.compile(r", anker: \{[^{}]*\}")


def strip_anchors(data_dir: Path) -> None:
    """Take the citations' anchors ({…, anker: {…}}) out of a copy of the fixture data, so a
    test can edit a citation by its text as it was written before anchors."""
    for path in data_dir.rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        bare = FLOW_ANCHOR.sub("", text)
        if bare != text:
            path.write_text(bare, encoding="utf-8")


def anchor_citations(data_dir: Path, seeds_dir: Path = FIXTURE_SEEDS) -> None:
    """Give every citation without one its anchor, as a contributor runs 'anker' after
    editing (files that do not validate are left as they are)."""
    from koordineringsbasen.tools.anchor_fill import fill
    fill(data_dir, seeds_dir)


def stop_process(proc: subprocess.Popen[bytes] | subprocess.Popen[str], log: IO[str]) -> None:
    """End a server the test started (terminate, then kill after 20 s) and close its log."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log.close()
