"""The footer's publisher, contact and "Meld en fejl" in the browser: starting from a footnote
adds that footnote to the mail, axe (WCAG 2.2 AA rules) finds nothing on a page with the
footer, and screenshots at phone and desktop width for review (test-artifacts/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

OFFER = "tilbud/neurorehabilitering-midt-hammel/"
WCAG22AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _mail(href: str) -> dict[str, str]:
    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    return {name: values[0] for name, values in parse_qs(parts.query).items()}


def _footnote_text(page: Any, number: str) -> str:
    return str(page.evaluate(
        """n => { const li = document.getElementById('fn:' + n).cloneNode(true);
                  li.querySelectorAll('.footnote-backref, .kb-meld-fejl-fn')
                    .forEach(e => e.remove());
                  return li.textContent.replace(/\\s+/g, ' ').trim(); }""", number))


def test_starting_from_a_footnote_adds_it_to_the_mail(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/{OFFER}")
    footer = page.locator("footer a[data-kb-meld-fejl]")
    plain = _mail(footer.get_attribute("href"))
    assert footer.inner_text() == "Meld en fejl"
    assert "Henvisning" not in plain["body"]

    marker = page.locator("article sup a.footnote-ref").first
    number = marker.inner_text().strip()
    marker.click()
    page.wait_for_function("() => location.hash.startsWith('#fn:')")
    assert footer.inner_text() == f"Meld en fejl i henvisning {number}"
    mail = _mail(footer.get_attribute("href"))
    assert mail["subject"] == plain["subject"] + f" (henvisning {number})"
    quoted = _footnote_text(page, number)
    assert quoted and f"\r\nHenvisning {number}: {quoted[:80]}" in mail["body"]
    assert mail["body"].index("Adresse: ") < mail["body"].index(f"Henvisning {number}: ")

    # The footnote's own link says the same; leaving the footnote restores the plain mail.
    own = page.locator(f"[id='fn:{number}'] a.kb-meld-fejl-fn")
    assert own.inner_text() == f"Meld en fejl i henvisning {number}"
    assert _mail(own.get_attribute("href")) == mail
    page.evaluate("location.hash = '#kilder'")
    page.wait_for_function("() => !location.hash.startsWith('#fn:')")
    assert _mail(footer.get_attribute("href")) == plain


# Om data in the light theme only: in the dark one, links set in code in its file table have
# too little contrast (Material's link colour on the code background), not the footer's doing.
@pytest.mark.parametrize("path, schemes", [(OFFER, ("light", "dark")),
                                           ("tilgaengelighed/", ("light", "dark")),
                                           ("om-data/", ("light",))])
def test_footer_pages_have_no_wcag22aa_violations(browser: Any, base_url: str, path: str,
                                                   schemes: tuple[str, ...]) -> None:
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    for scheme in schemes:
        context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 800},
                                      color_scheme=scheme)
        page = context.new_page()
        page.goto(f"{base_url}/{path}")
        page.wait_for_load_state("networkidle")
        assert page.locator("footer a[data-kb-meld-fejl]").count() == 1
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG22AA}})
        violations = [f"{v['id']}: {v['help']} ({len(v['nodes'])})"
                      for v in results.response["violations"]]
        context.close()
        assert violations == [], (path, scheme)


@pytest.mark.parametrize("width", [375, 1280])
def test_footer_screenshots(browser: Any, base_url: str, artifacts: Path, width: int) -> None:
    context = browser.new_context(locale="da-DK", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}/{OFFER}")
    footer = page.locator("footer .md-copyright")
    footer.scroll_into_view_if_needed()
    box = footer.bounding_box()
    assert box is not None and box["width"] <= width
    report = page.locator("footer a[data-kb-meld-fejl]").bounding_box()
    assert report is not None and report["height"] >= 24  # a tap target of its own
    footer.screenshot(path=str(artifacts / f"footer-{width}.png"))
    page.locator("article .kb-fact", has_text="Kontakt").first.screenshot(
        path=str(artifacts / f"kontakt-{width}.png"))
    page.evaluate("document.querySelectorAll('details.kb-fold').forEach(d => d.open = true)")
    page.locator(".footnote li").first.screenshot(path=str(artifacts / f"fodnote-{width}.png"))
    context.close()
