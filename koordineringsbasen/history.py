"""When each data file last changed, read from git in one call."""

from __future__ import annotations

import subprocess
from pathlib import Path


def last_changed(repo: Path, folder: str = "data") -> dict[str, str]:
    """Map 'data/kind/id.yml' -> ISO date of the newest commit touching it ({} without git)."""
    try:
        output = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--", folder],
            cwd=repo, capture_output=True, text=True, check=True, timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    changed: dict[str, str] = {}
    for block in output.split("\x00")[1:]:
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        date, files = lines[0], lines[1:]
        for name in files:
            changed.setdefault(name, date)  # git log is newest first
    return changed
