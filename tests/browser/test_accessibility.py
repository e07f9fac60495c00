"""axe-core on the built real site: every overview page and the richest entity page of each kind.

axe-playwright-python injects its bundled axe.min.js with page.evaluate (nothing is fetched; every
request is recorded and must stay on the local server). Serious and critical violations fail;
all violations are summarised by impact in test-artifacts/axe-summary.txt.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from koordineringsbasen.catalog import KINDS
from koordineringsbasen.load.loader import load_catalog

ROOT = Path(__file__).resolve().parents[2]
BLOCKING = {"serious", "critical"}
IMPACTS = ("critical", "serious", "moderate", "minor")
OVERVIEWS = ["", "maalgrupper/", "tilbud/", "udmeldinger/", "kilder/", "organisationer/",
             "maalgrupper/risikomatrix/", "udmeldinger/frister/", "om-data/",
             "om-data/datakvalitet/", "ordliste/", "bidrag/", "tilgaengelighed/",
             "maalgrupper/daekning/", "tilbud/sikrede-afdelinger/",
             "tilbud/lands-og-landsdelsdaekkende/", "tilbud/takster/",
             "tilbud/?kategori=sikret-afdeling&region=ukendt", "tilbud/kommuner/",
             "tilbud/?kommune=aalborg-kommune", "reformer/"]
# Violations seen in this module, by page, for the summary written at the end.
FOUND: dict[str, list[dict[str, Any]]] = {}


# Entity pages are named by kind here and picked from the catalog at test time, so that
# collection never depends on the data being valid.
ENTITY_PAGES = [f"entity:{kind}" for kind in KINDS] + ["entity:tilbud-med-diagram"]
# Source texts: the largest page, and a passage highlighted through a footnote's link.
TEXT_PAGES = ["text:largest", "text:highlighted"]


@pytest.fixture(scope="module")
def entity_pages(real_site: Path) -> dict[str, str]:
    """Per kind the entity with the largest built page (most to check); an offer with a chart."""
    catalog = load_catalog(ROOT / "data")
    chosen: dict[str, str] = {}
    for kind in KINDS:
        pages = {i: real_site / kind / i / "index.html" for i in catalog.entities.get(kind, {})}
        assert pages, f"no {kind} in the data"
        largest = max(sorted(pages), key=lambda i: pages[i].stat().st_size)
        chosen[f"entity:{kind}"] = f"{kind}/{largest}/"
    offer_html = {i: (real_site / "tilbud" / i / "index.html").read_text(encoding="utf-8")
                  for i in sorted(catalog.entities["tilbud"])}
    charted = [i for i, html in offer_html.items() if "kb-chart" in html]
    assert charted, "no offer page has a chart"
    chosen["entity:tilbud-med-diagram"] = f"tilbud/{charted[0]}/"
    texts = sorted(real_site.glob("kilder/*/tekst/**/index.html"))
    if not texts:  # built without the source texts (no seeds): nothing to check there
        return chosen
    largest_text = max(texts, key=lambda p: p.stat().st_size)
    chosen["text:largest"] = largest_text.parent.relative_to(real_site).as_posix() + "/"
    offer = chosen["entity:tilbud"]
    link = re.search(r'class="kb-tekstlink" href="([^"]+)"',
                     (real_site / offer / "index.html").read_text(encoding="utf-8"))
    assert link, f"{offer} has no passage link"
    chosen["text:highlighted"] = urljoin("/" + offer, link.group(1)).lstrip("/")
    return chosen


@pytest.fixture(scope="module")
def axe() -> Any:
    module = pytest.importorskip("axe_playwright_python.sync_playwright")
    return module.Axe()


@pytest.fixture
def checked_page(browser: Any, request: pytest.FixtureRequest) -> Iterator[tuple[Any, list[str]]]:
    scheme = getattr(request, "param", "light")
    context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 800},
                                  color_scheme=scheme)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    yield page, requests
    context.close()


def _run(axe: Any, page: Any, requests: list[str], base_url: str, path: str,
         label: str) -> list[dict[str, Any]]:
    page.goto(f"{base_url}/{path}")
    page.wait_for_load_state("networkidle")
    results = axe.run(page)
    local = urlsplit(base_url).netloc
    foreign = [u for u in requests if urlsplit(u).scheme not in ("data", "blob", "about")
               and urlsplit(u).netloc != local]
    assert not foreign, f"requests to other hosts while checking {label}: {foreign}"
    violations = results.response["violations"]
    FOUND[label] = violations
    return violations


def _blocking(violations: list[dict[str, Any]]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} - "
            + "; ".join(", ".join(n["target"]) + " " + n["html"][:120] for n in v["nodes"][:5])
            for v in violations if v["impact"] in BLOCKING]


@pytest.mark.parametrize("path", OVERVIEWS + ENTITY_PAGES + TEXT_PAGES)
def test_no_serious_violations(axe: Any, checked_page: tuple[Any, list[str]], base_url: str,
                               entity_pages: dict[str, str], path: str) -> None:
    page, requests = checked_page
    if path.startswith("text:") and path not in entity_pages:
        pytest.skip("the site was built without source texts")
    path = entity_pages.get(path, path)
    violations = _run(axe, page, requests, base_url, path, path or "(forside)")
    blocking = _blocking(violations)
    assert not blocking, "\n".join(blocking)


DARK_PAGES = ["", "maalgrupper/risikomatrix/", "entity:maalgrupper", "entity:tilbud-med-diagram",
              "text:highlighted"]


@pytest.mark.parametrize("checked_page", ["dark"], indirect=True)
@pytest.mark.parametrize("path", DARK_PAGES)
def test_no_serious_violations_in_dark_theme(axe: Any, checked_page: tuple[Any, list[str]],
                                             base_url: str, entity_pages: dict[str, str],
                                             path: str) -> None:
    page, requests = checked_page
    if path.startswith("text:") and path not in entity_pages:
        pytest.skip("the site was built without source texts")
    path = entity_pages.get(path, path)
    violations = _run(axe, page, requests, base_url, path, f"{path or '(forside)'} [mørkt tema]")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    blocking = _blocking(violations)
    assert not blocking, "\n".join(blocking)


def test_axe_summary(artifacts: Path) -> None:
    """All violations by impact (also the non-blocking ones), printed and saved for review."""
    if not FOUND:
        pytest.skip("no page was checked in this process")
    by_impact: Counter[str] = Counter()
    rules: dict[tuple[str, str], set[str]] = defaultdict(set)
    for label, violations in FOUND.items():
        for v in violations:
            by_impact[v["impact"] or "unknown"] += len(v["nodes"])
            rules[(v["impact"] or "unknown", f"{v['id']}: {v['help']}")].add(label)
    lines = [f"axe-core on {len(FOUND)} page views; violating elements by impact: "
             + ", ".join(f"{i} {by_impact.get(i, 0)}" for i in IMPACTS)]
    for (impact, rule), labels in sorted(rules.items(), key=lambda r: IMPACTS.index(r[0][0])
                                         if r[0][0] in IMPACTS else 9):
        examples = ", ".join(sorted(labels)[:6])
        lines.append(f"  [{impact}] {rule} on {len(labels)} page(s): {examples}")
    summary = "\n".join(lines)
    print("\n" + summary)
    (artifacts / "axe-summary.txt").write_text(summary + "\n", encoding="utf-8")
    (artifacts / "axe-violations.json").write_text(
        json.dumps(FOUND, ensure_ascii=False, indent=1), encoding="utf-8")
    assert not any(by_impact.get(i) for i in BLOCKING), summary
