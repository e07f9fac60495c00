"""Measurements: timed build subprocesses with their peak memory, site sizes, load time."""

from __future__ import annotations

import cProfile
import os
import pstats
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from koordineringsbasen.catalog import KINDS
from koordineringsbasen.danish.reading import dates_in, numbers_in
from koordineringsbasen.load import datacache
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.render.links import SPECIAL_PAGES
from koordineringsbasen.settings import ROOT
from koordineringsbasen.texts import seedtext

# Hand-written pages that live inside a kind's folder (risikomatrix, frister, ...).
SPECIAL_DIRS = {uri.removesuffix(".md") for uri in SPECIAL_PAGES.values()}


@dataclass
class Run:
    seconds: float
    max_rss_mb: float
    returncode: int
    output: str


def build_env(data_dir: Path | None, seeds_dir: Path) -> dict[str, str]:
    env = {**os.environ, "KOORDINERINGSBASEN_SEEDS": str(seeds_dir), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("KOORDINERINGSBASEN_DATA", None)
    if data_dir is not None:
        env["KOORDINERINGSBASEN_DATA"] = str(data_dir)
    return env


def timed(args: list[str], env: dict[str, str], cwd: Path, log: Path) -> Run:
    """Run a command; wall time and this child's own peak RSS (os.wait4, not a delta)."""
    with log.open("w") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in KiB on Linux.
    return Run(seconds, usage.ru_maxrss / 1024, proc.returncode, log.read_text(errors="replace"))


def mkdocs_build(config: Path, site_dir: Path, env: dict[str, str], log: Path) -> Run:
    args = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
            "-d", str(site_dir)]
    return timed(args, env, ROOT, log)


def project_build(data_dir: Path, seeds_dir: Path, site_dir: Path, log: Path,
                  cache_dir: Path) -> Run:
    """The project's strict build with its own data cache `cache_dir` (empty: a first build,
    as in CI; filled by a build before: `make build` after an edit)."""
    env = {**build_env(data_dir, seeds_dir), "KOORDINERINGSBASEN_CACHE": str(cache_dir)}
    return mkdocs_build(ROOT / "mkdocs.yml", site_dir, env, log)


def site_stats(site_dir: Path, entities: int) -> dict[str, float | int]:
    pages = list(site_dir.rglob("index.html"))
    entity_pages = [p for p in pages if len(p.relative_to(site_dir).parts) == 3
                    and p.relative_to(site_dir).parts[0] in KINDS
                    and p.relative_to(site_dir).parent.as_posix() not in SPECIAL_DIRS]
    largest = max(entity_pages, key=lambda p: p.stat().st_size, default=None)
    texts = list(site_dir.glob("kilder/*/tekst/**/index.html"))  # source-text pages
    largest_text = max(texts, key=lambda p: p.stat().st_size, default=None)
    total = sum(p.stat().st_size for p in site_dir.rglob("*") if p.is_file())
    index = site_dir / "search" / "search_index.json"
    index_size = index.stat().st_size if index.exists() else 0
    return {
        "pages": len(pages),
        "entity_pages": len(entity_pages),
        "largest_entity_page_bytes": largest.stat().st_size if largest else 0,
        "largest_entity_page": str(largest.relative_to(site_dir).parent) if largest else "",
        "text_pages": len(texts),
        "largest_text_page_bytes": largest_text.stat().st_size if largest_text else 0,
        "largest_text_page": str(largest_text.relative_to(site_dir).parent) if largest_text else "",
        "site_bytes": total,
        "search_index_bytes": index_size,
        "search_index_bytes_per_entity": round(index_size / max(entities, 1)),
    }


def load_seconds(data_dir: Path, seeds_dir: Path, repeat: int = 3,
                 cache_dir: Path | None = None, memory: bool = False) -> float:
    """Best of `repeat` in-process load_catalog runs (seed files read again each time).

    Without `cache_dir`: the cold path. With it: a warm cache read from disk, as a new build
    process does, or with `memory` kept in-process too, as `mkdocs serve` rebuilds.
    """
    best = float("inf")
    kept = datacache.Memory() if memory else None  # as the build object keeps it under serve
    if cache_dir is not None:
        load_catalog(data_dir, seeds_dir, cache_dir, memory=kept)  # fill the cache
    for _ in range(repeat):
        seedtext.forget()
        if not memory:  # a new process: nothing kept from the run before
            for cached in (numbers_in, dates_in):
                cached.cache_clear()
        start = time.perf_counter()
        load_catalog(data_dir, seeds_dir, cache_dir, memory=kept)
        best = min(best, time.perf_counter() - start)
    return best


def profile_cold(data_dir: Path, seeds_dir: Path, top: int = 12) -> list[str]:
    """The cold load's largest entries by own time (cProfile), as printable lines."""
    seedtext.forget()
    profile = cProfile.Profile()
    profile.runcall(load_catalog, data_dir, seeds_dir)
    stats = pstats.Stats(profile)
    rows = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:top]  # type: ignore[attr-defined]
    total = sum(v[2] for v in stats.stats.values())  # type: ignore[attr-defined]
    return [f"{tt:6.2f} s {100 * tt / total:4.1f} %  {Path(f).name}:{line}({name})"
            for (f, line, name), (_, _, tt, _, _) in rows]
