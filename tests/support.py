"""Paths and helpers shared by the tests (importable as tests.support)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from koordineringsbasen import settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE_DATA = FIXTURES / "data"
FIXTURE_SEEDS = FIXTURES / "seeds"
# The real source texts, where every command reads them: KOORDINERINGSBASEN_SEEDS, else
# ../shared/seeds/ (settings.seeds_dir, the one setting).
REAL_SEEDS = settings.seeds_dir()


def build_site(data_dir: Path, site_dir: Path, seeds_dir: Path | None = None,
               extra_env: dict[str, str] | None = None,
               generator: str = "mkdocs") -> subprocess.CompletedProcess[str]:
    """Run a strict build of `data_dir` into `site_dir` (never raises).

    `generator` is the module run on mkdocs.yml: mkdocs, or its fork properdocs."""
    env = {**os.environ, "KOORDINERINGSBASEN_DATA": str(data_dir), "NO_MKDOCS_2_WARNING": "1",
           "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "")}
    if not env["SOURCE_DATE_EPOCH"]:
        env.pop("SOURCE_DATE_EPOCH")
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
