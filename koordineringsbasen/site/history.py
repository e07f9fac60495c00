"""When each data file last changed, and when its content was last corrected, read from git."""

from __future__ import annotations

import subprocess
from pathlib import Path


def _git_log(repo: Path, *args: str) -> str | None:
    try:
        return subprocess.run(["git", "log", *args], cwd=repo, capture_output=True, text=True,
                              check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def last_changed(repo: Path, folder: str = "data") -> dict[str, str]:
    """Map 'data/kind/id.yml' -> ISO date of the newest commit touching it ({} without git)."""
    output = _git_log(repo, "--format=%x00%cs", "--name-only", "--", folder)
    changed: dict[str, str] = {}
    for block in (output or "").split("\x00")[1:]:
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        date, files = lines[0], lines[1:]
        for name in files:
            changed.setdefault(name, date)  # git log is newest first
    return changed


def last_corrected(repo: Path, folder: str = "data") -> dict[str, str]:
    """Map 'data/kind/id.yml' -> ISO date of the newest commit that changed lines of the file
    after it was added: corrections, not the import (added files) or renames and mode changes
    (no changed lines). {} without git."""
    output = _git_log(repo, "--format=%x00%cs", "--numstat", "--diff-filter=M", "--no-renames",
                      "--", folder)
    corrected: dict[str, str] = {}
    for block in (output or "").split("\x00")[1:]:
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        for row in lines[1:]:
            added, deleted, name = row.split("\t", 2)
            if added != "0" or deleted != "0":
                corrected.setdefault(name, lines[0])
    return corrected
