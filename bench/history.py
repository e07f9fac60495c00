"""The change history at scale: N generated entities in a git repository with a few rounds of
edits (a figure changed in every tenth offer per round), then the time to
read the history (one git log, one cat-file) with an empty cache, with the cache on disk (a
new build) and in memory (serve), and to write every entity's Atom feed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

from koordineringsbasen.exports.feed import entity_feed
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.render.history import entity_revisions
from koordineringsbasen.site.history import VersionMemory, read_history
from koordineringsbasen.texts.seedtext import SeedTexts
from koordineringsbasen.urls import SiteInfo

ROUNDS = 4
PLACES = re.compile(r"pladser: (\d+)")


def _git(repo: Path, *args: str, day: int = 1) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_DATE": f"2026-01-{day:02d}T12:00:00+00:00",
           "GIT_COMMITTER_DATE": f"2026-01-{day:02d}T12:00:00+00:00"}
    subprocess.run(["git", "-c", "user.email=bench@example.invalid", "-c", "user.name=Bench",
                    *args], cwd=repo, env=env, check=True, capture_output=True)


def _commit(repo: Path, message: str, day: int) -> None:
    _git(repo, "add", "-A", "data", day=day)
    _git(repo, "commit", "-q", "-m", message, day=day)


def _edit_offers(data: Path, round_no: int) -> None:
    """Every tenth offer (a different tenth each round): its first capacity figure + 1."""
    for index, path in enumerate(sorted((data / "tilbud").glob("*.yml"))):
        if index % 10 == round_no % 10:
            text = path.read_text(encoding="utf-8")
            path.write_text(PLACES.sub(lambda m: f"pladser: {int(m.group(1)) + 1}", text,
                                       count=1), encoding="utf-8")


def _timed(work: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def history_scenario(data: Path, work: Path) -> dict[str, Any]:
    """Copy `data` into a new repository under `work`, make its history, time reading it."""
    repo = work / "history-repo"
    shutil.rmtree(repo, ignore_errors=True)
    shutil.copytree(data, repo / "data")
    _git(repo, "init", "-q", "-b", "main")
    _commit(repo, "import", 1)
    for round_no in range(ROUNDS):
        _edit_offers(repo / "data", round_no)
        _commit(repo, f"round {round_no}", 2 + round_no)
    # The citations are not checked here (the edited figures no longer match the texts).
    catalog = load_catalog(repo / "data", texts=SeedTexts(None))
    cache = work / "history-cache"
    shutil.rmtree(cache, ignore_errors=True)
    cold, history = _timed(lambda: read_history(repo / "data", catalog, cache))
    warm, _ = _timed(lambda: read_history(repo / "data", catalog, cache))
    memory = VersionMemory()
    read_history(repo / "data", catalog, cache, memory)
    warm_memory, _ = _timed(lambda: read_history(repo / "data", catalog, cache, memory))
    assert history is not None
    site = SiteInfo("https://example.org/")
    keys = [(kind, entity_id) for kind, entities in catalog.entities.items()
            for entity_id in entities]
    feeds, _ = _timed(lambda: [entity_feed(catalog, site, history, *key) for key in keys])
    per_entity = [len(entity_revisions(history, catalog, *key)) for key in keys]
    return {"entities": len(keys), "commits": len(history.commits),
            "revisions": sum(len(c.revisions) for c in history.commits),
            "most_revisions_per_entity": max(per_entity, default=0),
            "read_cold_seconds": round(cold, 3), "read_warm_disk_seconds": round(warm, 3),
            "read_warm_memory_seconds": round(warm_memory, 3),
            "entity_feeds_seconds": round(feeds, 3)}
