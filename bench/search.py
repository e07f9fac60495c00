"""Search figures per size: Pagefind's index (time, size) and what a first query fetches.

The bytes a browser fetches for its first query are measured in Chromium on the served site:
the front page is opened, a name from the data is typed into the search box, and every
response under pagefind/ (entry, WebAssembly, index, filter and fragment chunks) is summed.
Material's search plugin is timed as the difference between the anchor built with it and
without it (the anchor keeps Material's search, as plain Material would).
"""

from __future__ import annotations

import concurrent.futures
import functools
import http.server
import re
import shutil
import threading
import time
from pathlib import Path
from typing import Any

INDEX_TIME = re.compile(r"Søgeindeks bygget på ([0-9.]+) s")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def index_seconds(build_log: str) -> float:
    """The hook's own timing of the Pagefind step, from the build's output."""
    found = INDEX_TIME.search(build_log)
    return float(found.group(1)) if found else -1.0


def index_bytes(site_dir: Path) -> int:
    """Pagefind's index on disk: the language's meta, index, filter and fragment files."""
    bundle = site_dir / "pagefind"
    return sum(p.stat().st_size for p in bundle.rglob("*")
               if p.is_file() and (p.suffix.startswith(".pf_") or p.name.startswith("wasm.da")))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def first_query_bytes(site_dir: Path, query: str) -> dict[str, Any]:
    """Bytes fetched under pagefind/ from page load to the first query's results, by kind.

    Measured in a thread of its own: Playwright's sync API refuses a thread whose asyncio loop
    runs (a caller's own Playwright session, as in the test suite)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_first_query_bytes, site_dir, query).result()


def _first_query_bytes(site_dir: Path, query: str) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sizes: dict[str, int] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                 args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()

            def record(response: Any) -> None:
                if "/pagefind/" in response.url:
                    name = response.url.split("/pagefind/", 1)[1].split("?")[0]
                    kind = name.split("/")[0] if "/" in name else name.rsplit(".", 1)[-1]
                    sizes[kind] = sizes.get(kind, 0) + len(response.body())

            page.on("response", record)
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
            box = page.locator("input.md-search__input")
            box.click()
            box.press_sequentially(query, delay=40)
            # The site's CSP forbids eval, so poll with evaluate instead of wait_for_function.
            deadline = time.monotonic() + 60
            while not page.evaluate("q => document.querySelector('#kb-search-results')"
                                    ".dataset.query === q", query):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"no results for {query!r} within 60 s")
                time.sleep(0.02)
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    return {"total": sum(sizes.values()), **dict(sorted(sizes.items()))}
