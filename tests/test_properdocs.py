"""ProperDocs, the maintained fork of MkDocs 1.6, builds the site from the same mkdocs.yml (hook,
macros and Material included) with the same pages, article text and open data as mkdocs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.support import FIXTURE_DATA, FIXTURE_SEEDS, ROOT, build_site

# bench/ is a top-level folder of the repo, not part of the installed package.
sys.path.insert(0, str(ROOT))

from bench.compare import compare, page_texts  # noqa: E402

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site_dir = tmp_path_factory.mktemp("properdocs") / "site"
    result = build_site(FIXTURE_DATA, site_dir, FIXTURE_SEEDS, generator="properdocs")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Indlæst" in result.stderr  # the hook ran: it loaded the data
    return site_dir


def test_properdocs_builds_the_same_pages(fixture_site: Path, properdocs_site: Path) -> None:
    mkdocs_pages, properdocs_pages = page_texts(fixture_site), page_texts(properdocs_site)
    comparison = compare(mkdocs_pages, properdocs_pages)
    assert comparison.matches, comparison.summary()
    # Entity pages too (the hook's virtual files), each with its rendered macro.
    assert "tilbud/testtilbud/index.html" in properdocs_pages
    assert "Testtilbuddet Østerlund" in properdocs_pages["tilbud/testtilbud/index.html"]
    assert not any("entity_page(" in text for text in properdocs_pages.values())


def test_properdocs_writes_the_same_open_data(fixture_site: Path, properdocs_site: Path) -> None:
    def files(site: Path) -> set[str]:
        return {p.relative_to(site).as_posix() for p in (site / "api").rglob("*") if p.is_file()}

    assert files(properdocs_site) == files(fixture_site) != set()
    for name in ("api/alt.json", "frister.ics"):
        assert (properdocs_site / name).read_bytes() == (fixture_site / name).read_bytes(), name
