"""Keep Material's search index complete when only some pages were rebuilt (serve --dirty).

Material's search plugin indexes the pages it builds; under --dirty it merges with the previous
index on the assumption that one page changed. This module turns that off and instead puts the
index together in page order: entries of rebuilt pages from this build, the others from the
last, so the file equals what a full build writes. Without Material's search (a post-build
indexer such as Pagefind reads the finished site folder instead) it does nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

INDEX = Path("search") / "search_index.json"
Entries = dict[str, list[Any]]


def forget_previous(plugin: Any) -> None:
    """Stop Material's own one-page merge (it keeps `search_index_prev` under --dirty)."""
    if hasattr(plugin, "search_index_prev"):
        plugin.search_index_prev = None


def merge(site_dir: Path, order: list[str], built: set[str],
          previous: Entries | None) -> Entries | None:
    """Complete site_dir's index from `previous` for pages not in `built`; return it by page."""
    path = site_dir / INDEX
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    current: Entries = {}
    for entry in data["docs"]:
        current.setdefault(entry["location"].split("#")[0], []).append(entry)
    if previous is None:
        return current
    merged: Entries = {}
    for url in order:
        entries = current.get(url, []) if url in built else previous.get(url, [])
        if entries:
            merged[url] = entries
    data["docs"] = [entry for entries in merged.values() for entry in entries]
    # The same serialisation as Material's plugin, so the file is byte for byte a full build's.
    path.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")
    return merged
