"""`diff REV1 REV2`: what changed in the data between two git revisions, in plain Danish.

Both revisions' data/ are extracted with `git archive`, validated with load_catalog and compared
field by field in plain Danish (render/changes.py), e.g. "Tilbud X: pladser 2025 81 → 84".
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from ..catalog import Catalog, build_catalog
from ..load.loader import load_catalog
from ..render.changes import summarize
from ..texts.seedtext import SeedTexts

__all__ = ["load_revision", "summarize"]

# A diff compares data, not citations: it reads no source text.
NO_TEXTS = SeedTexts(None)

# --- reading a revision ----------------------------------------------------------------------


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, check=False)


def extract(repo: Path, rev: str, folder: str, target: Path) -> Path | None:
    """Extract `folder` at `rev` into `target`; None when the revision has no such folder."""
    if _git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode != 0:
        raise ValueError(f"ukendt revision '{rev}'")
    if _git(repo, "cat-file", "-e", f"{rev}:{folder}").returncode != 0:
        return None
    archive = _git(repo, "archive", "--format=tar", rev, "--", folder)
    if archive.returncode != 0:
        raise ValueError(archive.stderr.decode("utf-8", "replace").strip())
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target / folder


def load_revision(repo: Path, rev: str | None, folder: str = "data") -> Catalog:
    """The validated catalog of `folder` at `rev` (None: the working tree, with what is not yet
    committed); raises DataError. The source texts are not needed: a diff compares data, and
    an older revision's citations need not fit today's texts."""
    if rev is None:
        return load_catalog(repo / folder, texts=NO_TEXTS)
    with tempfile.TemporaryDirectory(prefix="kb-diff-") as tmp:
        data = extract(repo, rev, folder, Path(tmp))
        if data is None:
            return build_catalog({}, {})
        return load_catalog(data, texts=NO_TEXTS)

