"""The contributor loop: save one YAML change under `mkdocs serve --dirty`, time until served.

mkdocs watches only `watch:` entries (relative to mkdocs.yml) and docs_dir, so a data folder
given by KOORDINERINGSBASEN_DATA outside the repo is NOT watched. The loop therefore runs in a
temporary copy of the repo layout where data/ is the watched folder.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from koordineringsbasen.settings import ROOT

from .generate import generate


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(url: str, needle: str | None, timeout: float, proc: subprocess.Popen) -> float:
    """Poll until `url` answers (and contains `needle`); return seconds waited."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"mkdocs serve stopped with code {proc.returncode}")
        body = _get(url)
        if body is not None and (needle is None or needle in body):
            return time.perf_counter() - start
        time.sleep(0.1)
    raise TimeoutError(f"{url} did not show {needle!r} within {timeout:.0f} s")


def make_layout(target: Path) -> Path:
    """A copy of the repo layout whose data/ mkdocs watches; code is symlinked, not copied."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copy2(ROOT / "macros.py", target / "macros.py")
    shutil.copytree(ROOT / "docs", target / "docs", dirs_exist_ok=True)
    for name in ("koordineringsbasen", "overrides"):
        link = target / name
        if (ROOT / name).exists() and not link.exists():
            link.symlink_to(ROOT / name, target_is_directory=True)
    return target


def _rename(path: Path, marker: str) -> str:
    """The file's text with `marker` put in front of its name (the `navn:` line)."""
    text = path.read_text(encoding="utf-8")
    found = re.search(r"(?m)^navn: ([\"']?)", text)
    if found is None:
        raise ValueError(f"{path} has no navn line")
    return text[:found.end()] + marker + " " + text[found.end():]


def _linking_page(repo: Path, group: str) -> str:
    """The URL path of an offer page that names target group `group` (a backlink)."""
    for offer in sorted((repo / "data" / "tilbud").glob("*.yml")):
        if re.search(rf"\bid: {re.escape(group)}\b", offer.read_text(encoding="utf-8")):
            return f"tilbud/{offer.stem}/"
    raise ValueError(f"no offer serves {group}")


def serve_loop(n: int | None, work: Path, timeout: float = 900) -> dict[str, float | int | str]:
    """Edit a target group's name under `mkdocs serve --dirty` (as `make serve` runs it).

    N entities generated, or the real data (n None). Times: until the edited page shows the new
    name, until the overview and an offer page that links to the group show it too, and until
    the search index has it (serve builds the index after the pages).
    """
    repo = make_layout(work / "repo")
    if n is None:
        shutil.copytree(ROOT / "data", repo / "data", dirs_exist_ok=True)
        seeds = ROOT.parent / "shared" / "seeds"
        group = "natko-15-doevblindhed"
    else:
        seeds = work / "seeds"
        generate(n, repo / "data", seeds)
        group = "mg-0001"
    port = free_port()
    env = {**os.environ, "KOORDINERINGSBASEN_SEEDS": str(seeds), "NO_MKDOCS_2_WARNING": "1",
           "KOORDINERINGSBASEN_CACHE": str(work / "cache")}
    env.pop("KOORDINERINGSBASEN_DATA", None)  # the hook falls back to <config dir>/data
    env.pop("SITE_URL", None)
    log = (work / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a",
                             f"127.0.0.1:{port}"],
                            cwd=repo, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/koordineringsbasen/"
    try:
        url = f"{base}maalgrupper/{group}/"
        first = _wait_for(url, None, timeout, proc)
        # The first build's open data and search index are written after its pages are served;
        # an edit is timed once they are (as when a contributor has had the preview open).
        _wait_for(base + "pagefind/kb-navne.json", None, timeout, proc)
        time.sleep(1)  # let the watcher settle after the first build
        marker = "Benchmærke" + secrets.token_hex(4).translate(str.maketrans("0123456789",
                                                                             "ghijklmnop"))
        path = repo / "data" / "maalgrupper" / f"{group}.yml"
        edited = _rename(path, marker)
        dependents = [f"{base}maalgrupper/", base + _linking_page(repo, group)]
        start = time.perf_counter()
        path.write_text(edited, encoding="utf-8")
        _wait_for(url, marker, timeout, proc)
        loop = time.perf_counter() - start
        for dependent in dependents:
            _wait_for(dependent, marker, timeout, proc)
        everything = time.perf_counter() - start
        # Serve builds the search index after the pages; its names file has the new name last.
        _wait_for(base + "pagefind/kb-navne.json", marker, timeout, proc)
        searchable = time.perf_counter() - start
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
    return {"entities": n or "real", "first_serve_seconds": round(first, 2),
            "change_to_served_seconds": round(loop, 2),
            "change_to_dependents_seconds": round(everything, 2),
            "change_to_search_seconds": round(searchable, 2), "url": url}
