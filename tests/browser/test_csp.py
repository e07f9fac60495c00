"""The Content-Security-Policy in a real browser: the site works under it without a single
violation (theme scripts, table alignment, search worker), and it does block foreign code."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

# Installed before any page script runs; CSP violations are also reported as DOM events.
RECORDER = """
(() => {
  window.__kbCsp = [];
  document.addEventListener("securitypolicyviolation", e => window.__kbCsp.push(
    `${e.violatedDirective} ${e.blockedURI} ${e.sample}`), true);
})();
"""
CSP_CONSOLE = re.compile(r"Content Security Policy|Refused to", re.IGNORECASE)


@pytest.fixture(scope="module")
def entity_page(real_site: Path) -> tuple[str, str]:
    """An offer page with a right-aligned table, and a word of its name."""
    for path in sorted((real_site / "tilbud").glob("*/index.html")):
        html = path.read_text(encoding="utf-8")
        if 'align="right"' in html:
            name = BeautifulSoup(html, "html.parser").h1.get_text(" ", strip=True)
            word = max(re.findall(r"[A-Za-z]{4,}", name), key=len)
            return f"/tilbud/{path.parent.name}/", word
    pytest.fail("no offer page with an aligned table")


def open_page(page: Any, url: str) -> list[str]:
    console: list[str] = []
    page.on("console", lambda msg: console.append(msg.text) if CSP_CONSOLE.search(msg.text)
            else None)
    page.add_init_script(RECORDER)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return console


def assert_no_violations(page: Any, console: list[str]) -> None:
    assert page.evaluate("() => window.__kbCsp") == []
    assert console == []


def assert_policy_in_force(page: Any) -> None:
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in policy
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    # The theme's inline scripts ran (their hashes matched) and so did its bundle.
    assert page.evaluate("() => typeof __md_hash") == "function"
    assert "js" in page.evaluate("() => document.documentElement.className").split()


def test_front_page_runs_without_violations(page: Any, base_url: str) -> None:
    console = open_page(page, base_url + "/")
    assert_policy_in_force(page)
    assert_no_violations(page, console)


def test_overview_with_sortable_tables_runs_without_violations(page: Any, base_url: str) -> None:
    console = open_page(page, base_url + "/tilbud/")
    assert_policy_in_force(page)
    # The sortable-tables script (a file of the site) ran and turned every header into a button.
    headers = page.locator(".kb-sortable table thead tr:first-child th")
    assert headers.count() > 0
    assert page.locator(".kb-sortable table thead tr:first-child th > button").count() == \
        headers.count()
    assert_no_violations(page, console)


def test_entity_page_runs_without_violations(page: Any, base_url: str,
                                             entity_page: tuple[str, str]) -> None:
    path, _ = entity_page
    console = open_page(page, base_url + path)
    assert_policy_in_force(page)
    # Table cells are aligned by attribute, so the policy needs no style exceptions at all.
    assert "unsafe-hashes" not in page.locator(
        'meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    align = page.locator('td[align="right"]').first.evaluate(
        "cell => getComputedStyle(cell).textAlign")
    assert align in ("right", "-webkit-right")  # what Chromium reports for align="right"
    assert_no_violations(page, console)


def test_search_works_under_the_policy(page: Any, base_url: str,
                                       entity_page: tuple[str, str]) -> None:
    path, word = entity_page
    console = open_page(page, base_url + "/")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(word, delay=30)
    results = page.locator(".md-search-result__item > a")
    results.first.wait_for(state="visible", timeout=30_000)
    hrefs = results.evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    assert any(h.rstrip("/").endswith(path.rstrip("/")) for h in hrefs), (word, hrefs)
    assert_no_violations(page, console)


def test_policy_blocks_foreign_script_and_images(page: Any, base_url: str) -> None:
    open_page(page, base_url + "/")
    page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.__kbPwned = true";
        document.head.appendChild(script);
        const img = document.createElement("img");
        img.src = "http://evil.example/x.png";
        document.body.appendChild(img);
    }""")
    # Wait (bounded) until both violation events have been dispatched.
    page.wait_for_function("""() => ["script-src", "img-src"].every(
        d => window.__kbCsp.some(v => v.startsWith(d)))""", timeout=10_000)
    assert page.evaluate("() => window.__kbPwned") is None
    violations = " | ".join(page.evaluate("() => window.__kbCsp"))
    assert "script-src" in violations and "img-src" in violations, violations
