"""The comparison pages on the built site: every value of their kind in the data, once
(count in = count out), cited; and the rules behind them on small inputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from koordineringsbasen.catalog import Catalog
from koordineringsbasen.danish.writing import number
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.render.comparisons import NATIONAL, SECURE, capacity_lines, occupancy_goal
from koordineringsbasen.render.html_writer import HtmlWriter
from koordineringsbasen.render.special import missing_natko_numbers, risk_change
from tests.support import ROOT


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT / "data")


def tables(site: Path, page: str) -> list[Tag]:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").find("article").find_all("table")


def _year_cells(table: Tag, first: int) -> list[Tag]:
    """Cells of the year columns that hold a figure (each cites its source)."""
    return [td for tr in table.select("tbody tr") for td in tr.find_all("td")[first:]
            if td.select("a.footnote-ref") and td.find("strong")]


def _capacity_rows(catalog: Catalog, categories: tuple[str, ...]) -> int:
    return sum(len(o.kapacitet) for o in catalog.all("tilbud") if o.kategori.value in categories)


def test_secure_units_show_every_capacity_row(real_site: Path, catalog: Catalog) -> None:
    table = tables(real_site, "tilbud/sikrede-afdelinger")[0]
    assert len(_year_cells(table, 1)) == _capacity_rows(catalog, SECURE) > 0
    years = [int(th.get_text()) for th in table.select("thead th") if th.get_text().isdigit()]
    assert len(years) > 1 and years == sorted(years, reverse=True)  # the newest year first
    offers = [o for o in catalog.all("tilbud") if o.kategori.value in SECURE]
    assert len(table.select("tbody tr")) == len(capacity_lines(offers))
    page = (real_site / "tilbud/sikrede-afdelinger/index.html").read_text(encoding="utf-8")
    goal = occupancy_goal(offers)  # the data's activity target, whatever it is this year
    assert goal is not None
    assert f"Aktivitetsmål {number(goal.vaerdi)} %" in page and 'class="kb-ref"' in page


def test_national_offers_show_every_capacity_row(real_site: Path, catalog: Catalog) -> None:
    found = tables(real_site, "tilbud/lands-og-landsdelsdaekkende")
    # One label column, the years (newest first), then legal basis and follow-up (no figure).
    assert sum(len(_year_cells(t, 1)) for t in found) == _capacity_rows(catalog, NATIONAL) > 0
    for table in found:
        headers = [th.get_text() for th in table.select("thead th")]
        years = [int(h) for h in headers if h.isdigit()]
        assert years == sorted(years, reverse=True) and headers[-2:] == ["Lovgrundlag", "Opfølgning"]


def test_prices_lists_every_price(real_site: Path, catalog: Catalog) -> None:
    # Tariffs in the first table, changes of a tariff in the second (test_reader_words).
    rows = [row for table in tables(real_site, "tilbud/takster")[:2] for row in table.select("tbody tr")]
    assert len(rows) == sum(len(o.priser) for o in catalog.all("tilbud")) > 0
    assert all(row.select("a.footnote-ref") for row in rows)


def test_coverage_places_every_offer_link_once(real_site: Path, catalog: Catalog) -> None:
    table = tables(real_site, "maalgrupper/daekning")[0]
    links = [a for tr in table.select("tbody tr") for td in tr.find_all("td")[2:]
             for a in td.find_all("a")]
    assert len(links) == sum(len({g.id for g in o.maalgrupper}) for o in catalog.all("tilbud"))
    assert len(table.select("tbody tr")) == len(catalog.entities["maalgrupper"])
    assert "ingen tilbud i data" in table.get_text()


def test_deadlines_list_every_answer(real_site: Path, catalog: Catalog) -> None:
    html = (real_site / "udmeldinger/frister/index.html").read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").find("article")
    noted = {n.id for n in catalog.all("udmeldinger")
             if any(e.type.value in ("frist", "fristforlaengelse") for e in n.haendelser)}
    answers = sum(len(catalog.get("udmeldinger", i).svar) for i in noted)
    listed = sum(len(article.select(f"h3#svar-{i} ~ ul")[0].find_all("li", recursive=False))
                 for i in noted if catalog.get("udmeldinger", i).svar)
    assert listed == answers > 0
    assert article.find("a", string="Abonnér i kalender")["href"] == "../../frister.ics"


def test_risk_matrix_shows_every_change(real_site: Path, catalog: Catalog) -> None:
    table = tables(real_site, "maalgrupper/risikomatrix")[0]
    changes = len(table.select(".kb-change"))
    assert changes == sum(max(len(g.risiko) - 1, 0) for g in catalog.all("maalgrupper"))
    missing = missing_natko_numbers_from(catalog)
    if missing:
        text = (real_site / "maalgrupper/risikomatrix/index.html").read_text(encoding="utf-8")
        assert all(str(n) in text for n in missing)


def missing_natko_numbers_from(catalog: Catalog) -> list[int]:
    numbers = {g.natko_nr for g in catalog.all("maalgrupper") if g.natko_nr}
    return sorted(set(range(1, max(numbers) + 1)) - numbers)


def test_missing_natko_numbers_rule(catalog: Catalog) -> None:
    from koordineringsbasen.render.context import RenderContext
    assert missing_natko_numbers(RenderContext(catalog)) == missing_natko_numbers_from(catalog)


class _Rating:
    def __init__(self, level: str) -> None:
        self.niveau = type("L", (), {"value": level})()


@pytest.mark.parametrize(("before", "now", "text"), [
    ("gul", "roed", "▲</span> forværret fra gul"), ("roed", "groen", "▼</span> forbedret fra rød"),
    ("gul", "gul", "=</span> uændret")])
def test_risk_change(before: str, now: str, text: str) -> None:
    html = HtmlWriter("maalgrupper/risikomatrix.md", [])
    assert text in risk_change(_Rating(before), _Rating(now), html)
    assert risk_change(None, _Rating(now), html) == ""
