"""The site search: mark what Pagefind indexes on each page, then index the built site.

Pagefind reads the built HTML. Pages mark what it reads as they are made: main.html wraps the
article in `data-pagefind-body`; entity pages carry a hidden keyword block (search_block.py);
the HTML writer leaves the tables of pages that are not entity pages out of the index; the
templates put number tables, footnotes and the pages citing a source in an unsearched block
(`unsearched` in _page.md.j2); the source-text template weighs the texts a fraction of a word.
Here only the "¶" permalinks that Python-Markdown's toc extension adds are left out. After the
build, Pagefind indexes the site into `pagefind/` with Danish stemming, and a small names file
for "Mente du …?" is written next to it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from ..render.search_block import name_keys
from ..render.search_terms import kind_label

BUNDLE = "pagefind"
NAMES_FILE = "pagefind/kb-navne.json"
# Name key -> [page URL, kind label] in KEY_SHARDS small files (pagefind/kb-navn-<n>.json),
# so a query fetches one of them, not every name of the site.
KEYS_FILE = "pagefind/kb-navn-{}.json"
KEY_SHARDS = 64
# The "¶" permalink of each heading would end every result title.
HEADERLINK = '<a class="headerlink"'


def mark_page(html: str) -> str:
    """The page's HTML with the toc extension's permalinks left out of the index (no change to
    what a reader sees)."""
    return html.replace(HEADERLINK, HEADERLINK + ' data-pagefind-ignore="all"')


def names(catalog: Any) -> list[list[str]]:
    """[name, page URL, kind label] for every entity: what "Mente du …?" compares with."""
    return [[entity.navn, f"{kind}/{entity.id}/", kind_label(entity)]
            for kind, entities in catalog.entities.items() for entity in entities.values()]


def key_shard(key: str) -> int:
    """The file a name key is in; search.js computes the same (keys are ASCII a-z0-9)."""
    return sum(map(ord, key)) % KEY_SHARDS


def name_key_shards(catalog: Any) -> dict[int, dict[str, list[str]]]:
    """Shard -> {name key: [page URL, kind label]}: what puts a page first when the query is
    exactly one of its names or aliases (the first entity in page order wins a key)."""
    shards: dict[int, dict[str, list[str]]] = {}
    for kind, entities in catalog.entities.items():
        for entity in entities.values():
            for key in name_keys(entity):
                shards.setdefault(key_shard(key), {}).setdefault(
                    key, [f"{kind}/{entity.id}/", kind_label(entity)])
    return shards


class Indexing:
    """Pagefind indexing the built site in its own process, so the build can go on (writing the
    open data, which holds no HTML) while it runs; `finish` waits, checks and swaps it in."""

    def __init__(self, site_dir: Path):
        self.site_dir = site_dir
        # Inside the site (so it goes with it), beside the bundle; it holds no HTML to index.
        self.fresh = site_dir / (BUNDLE + ".ny")
        shutil.rmtree(self.fresh, ignore_errors=True)
        self._result: subprocess.CompletedProcess[str] | None = None
        self._seconds = 0.0
        self._thread = threading.Thread(target=self._run, name="pagefind", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        started = time.perf_counter()
        self._result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(self.site_dir), "--output-path",
             str(self.fresh), "--force-language", "da", "--quiet"],
            capture_output=True, text=True)
        self._seconds = time.perf_counter() - started

    def finish(self, catalog: Any) -> float:
        """Wait for Pagefind, add the names files, swap the bundle in; Pagefind's seconds.

        The bundle is written beside the site and swapped in whole, so a site being served
        never shows a half-written index, and no file of an earlier index stays."""
        self._thread.join()
        result = self._result
        if result is None or result.returncode != 0:
            shutil.rmtree(self.fresh, ignore_errors=True)
            output = "" if result is None else result.stdout + result.stderr
            raise RuntimeError(f"Pagefind kunne ikke indeksere {self.site_dir}:\n" + output)
        _write_json(self.fresh / NAMES_FILE.removeprefix(BUNDLE + "/"), names(catalog))
        for shard, keys in name_key_shards(catalog).items():
            _write_json(self.fresh / KEYS_FILE.removeprefix(BUNDLE + "/").format(shard), keys)
        _swap_in(self.fresh, self.site_dir / BUNDLE)
        return self._seconds

    def abandon(self) -> None:
        """The build failed meanwhile: let Pagefind end and remove what it wrote."""
        self._thread.join()
        shutil.rmtree(self.fresh, ignore_errors=True)


def _swap_in(fresh: Path, bundle: Path) -> None:
    old = bundle.with_name(bundle.name + ".gammel")
    shutil.rmtree(old, ignore_errors=True)
    if bundle.exists():
        bundle.rename(old)
    fresh.rename(bundle)
    shutil.rmtree(old, ignore_errors=True)


def _write_json(target: Path, value: Any) -> None:
    target.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
