"""Source-text pages: select lines and "Kopiér henvisning" copies the citation block `find`
prints for those lines, anchor included (the JavaScript port of make_anchor against Python's),
by mouse and by keyboard, with the copy announced; axe with the control shown."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from koordineringsbasen import cli, settings
from koordineringsbasen.texts.anchors import WHOLE_LIMIT
from koordineringsbasen.texts.seedtext import SPLIT_WORD, join_lines, split_lines
from koordineringsbasen.tools.citation_block import read_sources
from tests.support import ROOT

pytestmark = pytest.mark.skipif(not settings.seeds_dir().is_dir(),
                                reason="no source texts (KOORDINERINGSBASEN_SEEDS)")

SOURCE = "das-social-2025-03-17"  # the longest text: a page per agenda item, embedded documents


@pytest.fixture
def clip_page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.requests = requests
    yield page
    context.close()


def _lines() -> list[str]:
    source = read_sources(ROOT / "data")[SOURCE]
    return split_lines((settings.seeds_dir() / source.fil).read_text(encoding="utf-8"))


def _find_block(capsys: pytest.CaptureFixture[str], first: int, last: int) -> str:
    """The block `find` prints for the passage of lines first..last (searched by its text)."""
    query = join_lines(_lines()[first - 1:last])
    capsys.readouterr()
    assert cli.main(["find", SOURCE, query, "--antal", "1"]) == cli.OK
    out = capsys.readouterr().out
    block = out[out.index("\nkilde:\n") + 1:]
    shown = f"{first}-{last}" if first != last else str(first)
    assert f"\n  linjer: {shown}\n" in block, (first, last, out)
    return block


def _ranges(real_site: Path) -> dict[str, tuple[int, int]]:
    """A short line, a word hyphenated at a line end, a long passage (shortened, with kontrol),
    and a passage at the top of an item's page (its context lies on the page before)."""
    lines = _lines()
    source = read_sources(ROOT / "data")[SOURCE]
    first_line, last_line = (int(n) for n in source.linjer.split("-"))

    whole = join_lines(lines[first_line - 1:last_line])

    def usable(n: int, last: int | None = None, length: int = 25) -> bool:
        """Lines n..last each hold text, and their passage stands once in the source."""
        span = range(n, (last or n) + 1)
        if not all(len(join_lines([lines[k - 1]])) > length for k in span):
            return False
        return whole.count(join_lines(lines[n - 1:last or n])) == 1

    short = next(n for n in range(first_line + 30, last_line) if usable(n))
    hyphen = next(n for n in range(first_line, last_line - 1)
                  if SPLIT_WORD.search(" ".join(lines[n - 1].split()))
                  and lines[n].strip()[:1].islower() and usable(n, n + 1))
    long_start = next(n for n in range(first_line + 200, last_line - 10)
                      if usable(n, n + 5) and len(join_lines(lines[n - 1:n + 5])) > WHOLE_LIMIT)
    item_pages = sorted((real_site / "kilder" / SOURCE / "tekst").glob("*/index.html"))
    assert item_pages, "the text has no page per agenda item"
    starts = sorted(int(m) for page in item_pages
                    for m in re.findall(r'<ol class="kb-linjer" start="(\d+)"',
                                        page.read_text(encoding="utf-8"))[:1])
    # Within CONTEXT_LINES of the page's first line: the anchor's "foer" reaches the page before.
    top = next(n for start in starts[1:] for n in range(start, start + 5)
               if usable(n, n + 1, length=8))
    return {"kort": (short, short), "bindestreg": (hyphen, hyphen + 1),
            "lang": (long_start, long_start + 5), "sidens top": (top, top + 1)}


def _page_of(real_site: Path, line: int) -> str:
    for page in sorted((real_site / "kilder" / SOURCE / "tekst").rglob("index.html")):
        if f'<li id="L{line}">' in page.read_text(encoding="utf-8"):
            return page.parent.relative_to(real_site).as_posix() + "/"
    raise AssertionError(f"line {line} is on no text page")


def _copied(page: Any) -> str:
    page.locator(".kb-henvisning-status:not(:empty)").wait_for()
    assert page.locator(".kb-henvisning-status").get_attribute("aria-live") == "polite"
    return page.evaluate("navigator.clipboard.readText()")


def test_copy_by_mouse_equals_find(clip_page: Any, base_url: str, real_site: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    ranges = _ranges(real_site)
    for label, (first, last) in ranges.items():
        expected = _find_block(capsys, first, last)
        clip_page.goto(f"{base_url}/{_page_of(real_site, first)}")
        clip_page.locator(f"#L{first} .kb-linjenr").click()
        if last != first:
            clip_page.locator(f"#L{last} .kb-linjenr").click(modifiers=["Shift"])
        marked = clip_page.eval_on_selector_all(".kb-valgt", "els => els.map(e => e.id)")
        assert marked == [f"L{n}" for n in range(first, last + 1)], label
        clip_page.get_by_role("button", name="Kopiér henvisning").click()
        assert _copied(clip_page) == expected, label
        shown = f"{first}–{last}" if first != last else str(first)
        assert clip_page.locator(".kb-henvisning-status").inner_text() == \
            f"Henvisningen til linje {shown} er kopieret."
        if label == "lang":
            assert "kontrol:" in expected and " … " in expected
        if label == "bindestreg":
            assert "-\n" not in expected
    local = base_url.split("//", 1)[1]
    assert all(local in url for url in clip_page.requests if url.startswith("http"))


def test_copy_by_keyboard(clip_page: Any, base_url: str, real_site: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    first, last = _ranges(real_site)["bindestreg"]
    expected = _find_block(capsys, first, last)
    clip_page.goto(f"{base_url}/{_page_of(real_site, first)}")
    buttons = clip_page.locator(".kb-linjenr")
    assert buttons.first.get_attribute("tabindex") == "0"
    assert clip_page.locator(".kb-linjenr[tabindex='0']").count() == 1  # one tab stop
    start = int(buttons.first.get_attribute("data-nr"))
    buttons.first.focus()
    for _ in range(first - start):
        clip_page.keyboard.press("ArrowDown")
    assert clip_page.evaluate("document.activeElement.getAttribute('aria-label')") == f"Linje {first}"
    clip_page.keyboard.press("Enter")
    clip_page.keyboard.press("ArrowDown")
    clip_page.keyboard.press("Shift+Space")
    assert clip_page.locator(f"#L{last} .kb-linjenr").get_attribute("aria-pressed") == "true"
    assert clip_page.locator(".kb-henvisning-valg").inner_text() == f"Valgt: linje {first}–{last}"
    clip_page.keyboard.press("Tab")
    assert clip_page.evaluate("document.activeElement.textContent") == "Kopiér henvisning"
    outline = clip_page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # a visible focus
    clip_page.keyboard.press("Enter")
    assert _copied(clip_page) == expected
    clip_page.keyboard.press("Shift+Tab")
    assert clip_page.evaluate("document.activeElement.getAttribute('aria-label')") == f"Linje {last}"
    # The line's own text is unchanged by the control (a footnote's quote compares it).
    assert clip_page.locator(f"#L{last}").text_content() == _lines()[last - 1].rstrip()


def test_tap_targets_are_at_least_24_px(clip_page: Any, base_url: str, real_site: Path) -> None:
    first, _ = _ranges(real_site)["kort"]
    clip_page.goto(f"{base_url}/{_page_of(real_site, first)}")
    clip_page.locator(f"#L{first} .kb-linjenr").click()
    for selector in (f"#L{first} .kb-linjenr", ".kb-henvisning-kopier"):
        box = clip_page.locator(selector).bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24, (selector, box)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_with_the_control_shown(browser: Any, base_url: str, real_site: Path,
                                    scheme: str) -> None:
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 800},
                                  color_scheme=scheme)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    try:
        _axe_with_control(axe, context.new_page(), base_url, real_site)
    finally:
        context.close()


def _axe_with_control(axe: Any, clip_page: Any, base_url: str, real_site: Path) -> None:
    first, last = _ranges(real_site)["lang"]
    clip_page.goto(f"{base_url}/{_page_of(real_site, first)}")
    clip_page.locator(f"#L{first} .kb-linjenr").click()
    clip_page.locator(f"#L{last} .kb-linjenr").click(modifiers=["Shift"])
    clip_page.get_by_role("button", name="Kopiér henvisning").click()
    clip_page.locator(".kb-henvisning-status:not(:empty)").wait_for()
    violations = axe.run(clip_page).response["violations"]
    blocking = [f"{v['id']} ({v['impact']}): " + "; ".join(n["html"][:100] for n in v["nodes"][:3])
                for v in violations if v["impact"] in ("serious", "critical")]
    assert not blocking, "\n".join(blocking)
