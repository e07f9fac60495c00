"""Key figures' kind, period, area and note; target groups' ages, criteria and legal basis;
citations of offers' descriptive fields: validation, pages, exports and Datakvalitet counts."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from koordineringsbasen.catalog import Catalog
from koordineringsbasen.exports import SiteInfo, write_exports
from koordineringsbasen.exports.records import entity_record
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.load.problems import DataError
from koordineringsbasen.model.dates import span
from koordineringsbasen.render.context import RenderContext
from koordineringsbasen.render.entity import render_entity
from koordineringsbasen.render.field_gaps import field_gaps
from koordineringsbasen.render.quality import quality_page
from koordineringsbasen.tools.scaffold import scaffold_text
from tests.support import FIXTURE_SEEDS, anchor_citations

OFFER = "tilbud/testtilbud.yml"
GROUP = "maalgrupper/natko-25-testgruppe.yml"

# Line 103 of the fixture seed says "ca. 80 personer på landsplan", line 112 "2026 pladstal
# 14,0", line 104 "3-8 personer om året".
FIGURES = """noegletal:
  - betegnelse: Personer i målgruppen
    vaerdi: 80
    cirka: true
    art: faktisk
    hele_landet: true
    note: Et forsigtigt skøn
    kilde: {kilde: testrapport-2025, linjer: 103}
  - betegnelse: Pladser
    vaerdi: 14
    art: prognose
    periode: 2025-2026
    geografi: region-test
    kilde: {kilde: testrapport-2025, linjer: 112}
  - betegnelse: Pladsforbrug
    vaerdi: 13.5
    kilde: {kilde: testrapport-2025, linjer: 112}
"""
FIELD_CITATIONS = """kilder_felter:
  - felt: kategori
    kilde: {kilde: testrapport-2025, linjer: 105}
  - felt: lovgrundlag
    kilde: {kilde: testrapport-2025, linjer: 106}
"""
ELIGIBILITY = """alder:
  fra: 3
  til: 8
  note: alder ved henvisning
  kilde: {kilde: testrapport-2025, linjer: 104}
kriterier:
  - type: inklusion
    tekst: Har testsyndrom
    kilde: {kilde: testrapport-2025, linjer: 105}
  - type: eksklusion
    tekst: Kan hjælpes <i>ambulant</i>
    kilde: {kilde: testrapport-2025, linjer: 106}
hjemmel:
  - tekst: SEL § 108
    note: længerevarende botilbud
    kilde: {kilde: testrapport-2025, linjer: 107}
"""


def _append(data: Path, rel: str, text: str) -> None:
    path = data / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace(data: Path, rel: str, old: str, new: str) -> None:
    path = data / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_catalog(data, FIXTURE_SEEDS)
    return [str(p) for p in info.value.problems]


@pytest.fixture
def filled(fixture_data: Path) -> Path:
    _append(fixture_data, OFFER, FIGURES + FIELD_CITATIONS)
    _append(fixture_data, GROUP, ELIGIBILITY)
    anchor_citations(fixture_data)
    return fixture_data


@pytest.fixture
def catalog(filled: Path) -> Catalog:
    return load_catalog(filled, FIXTURE_SEEDS)


def _ctx(catalog: Catalog) -> RenderContext:
    return RenderContext(catalog, today=dt.date(2025, 6, 1))


# --- validation ------------------------------------------------------------------------


def _line_of(data: Path, rel: str, text: str) -> int:
    lines = (data / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if text in line)


def test_the_filled_fixture_is_valid(catalog: Catalog) -> None:
    offer = catalog.get("tilbud", "testtilbud")
    assert [f.art.value if f.art else None for f in offer.noegletal] == ["faktisk", "prognose", None]
    assert offer.field_citations("kategori")[0].linjer == "105"
    group = catalog.get("maalgrupper", "natko-25-testgruppe")
    assert (group.alder.fra, group.alder.til) == (3, 8)


def test_an_unknown_figure_kind_names_file_line_and_choices(filled: Path) -> None:
    _replace(filled, OFFER, "art: prognose", "art: forventet")
    line = _line_of(filled, OFFER, "art: forventet")
    (problem,) = _problems(filled)
    assert problem.startswith(f"data/{OFFER}:{line}:")
    assert "noegletal[1].art: 'forventet' er ikke tilladt; vælg en af:" in problem
    assert "'prognose'" in problem and "'maal'" in problem


@pytest.mark.parametrize(("period", "message"), [
    ("2026-2025", "perioden '2026-2025' slutter før den begynder"),
    ("2024-10-01/2024-09", "perioden '2024-10-01/2024-09' slutter før den begynder"),
    ("2025/", "'2025/' er ikke en periode"),
    ("forår 2025", "'forår 2025' er ikke en dato"),
])
def test_a_bad_period_is_explained(filled: Path, period: str, message: str) -> None:
    _replace(filled, OFFER, "periode: 2025-2026", f"periode: {period}")
    line = _line_of(filled, OFFER, f"periode: {period}")
    (problem,) = _problems(filled)
    assert problem.startswith(f"data/{OFFER}:{line}:") and "noegletal[1].periode: " in problem
    assert message in problem


def test_periods_read_as_danish() -> None:
    assert span("2024").danish() == "2024"
    assert span("2017-2019").danish() == "2017–2019"
    assert span("2024-05").danish() == "maj 2024"
    assert span("2022-01-01/2024-10-25").danish() == "1. januar 2022–25. oktober 2024"


def test_area_is_either_an_organisation_or_the_whole_country(filled: Path) -> None:
    _replace(filled, OFFER, "    hele_landet: true\n",
             "    hele_landet: true\n    geografi: region-test\n")
    (problem,) = _problems(filled)
    assert f"data/{OFFER}:" in problem
    assert "angiv enten geografi eller hele_landet: true, ikke begge" in problem


def test_an_unknown_area_id_is_reported(filled: Path) -> None:
    _replace(filled, OFFER, "geografi: region-test", "geografi: region-tset")
    line = _line_of(filled, OFFER, "geografi: region-tset")
    (problem,) = _problems(filled)
    assert problem.startswith(f"data/{OFFER}:{line}:")
    assert "noegletal[1].geografi: ukendt id 'region-tset' i organisationer/; mente du " \
           "'region-test'?" in problem


def test_age_range_must_be_in_order_and_stated_in_the_cited_lines(filled: Path) -> None:
    _replace(filled, GROUP, "  fra: 3\n  til: 8\n", "  fra: 8\n  til: 3\n")
    (problem,) = _problems(filled)
    assert f"data/{GROUP}:" in problem and "alder: til (3) er mindre end fra (8)" in problem
    _replace(filled, GROUP, "  fra: 8\n  til: 3\n", "  fra: 3\n  til: 9\n")
    (problem,) = _problems(filled)
    line = _line_of(filled, GROUP, "til: 9")
    assert problem.startswith(f"data/{GROUP}:{line}:") and "alder.til" in problem


def test_age_range_needs_a_bound(filled: Path) -> None:
    _replace(filled, GROUP, "  fra: 3\n  til: 8\n", "")
    (problem,) = _problems(filled)
    assert "alder skal have fra, til eller begge" in problem


def test_a_criterion_needs_a_known_type(filled: Path) -> None:
    _replace(filled, GROUP, "type: eksklusion", "type: udelukket")
    line = _line_of(filled, GROUP, "type: udelukket")
    (problem,) = _problems(filled)
    assert problem.startswith(f"data/{GROUP}:{line}:")
    assert "kriterier[1].type: 'udelukket' er ikke tilladt" in problem


def test_a_field_citation_of_an_empty_field_is_an_error(filled: Path) -> None:
    _replace(filled, OFFER, "  - felt: lovgrundlag", "  - felt: finansiering")
    line = _line_of(filled, OFFER, "felt: finansiering")
    (problem,) = _problems(filled)
    assert problem.startswith(f"data/{OFFER}:{line}:")
    assert "kilder_felter[1].felt: kilder_felter belægger 'finansiering', men tilbuddet har " \
           "intet finansiering" in problem


def test_a_field_citation_of_an_unknown_field_lists_the_fields(filled: Path) -> None:
    _replace(filled, OFFER, "  - felt: lovgrundlag", "  - felt: navn")
    (problem,) = _problems(filled)
    assert "kilder_felter[1].felt: 'navn' er ikke tilladt" in problem and "'driftsherre'" in problem


def test_new_files_list_the_new_fields() -> None:
    offer = scaffold_text("tilbud", "x", "X", "s")
    assert "#   kilder_felter: Kilder til kategori, lovgrundlag" in offer
    group = scaffold_text("maalgrupper", "x", "X", "s")
    assert all(f"#   {name}:" in group for name in ("alder", "kriterier", "hjemmel"))


# --- pages -----------------------------------------------------------------------------


def test_key_figures_show_kind_period_area_and_note(catalog: Catalog) -> None:
    text = render_entity(_ctx(catalog), "tilbud", "testtilbud")
    head = ("<th>Betegnelse</th>\n<th align=\"right\">Værdi</th>\n<th>Art</th>\n<th>Gælder</th>\n"
            "<th>Geografi</th>\n<th>Note</th>\n<th>Kilde</th>")
    assert head in text
    assert ("<td>Pladser</td>\n<td align=\"right\">14</td>\n<td>Prognose</td>\n"
            "<td>2025–2026</td>\n<td><a href=\"../../organisationer/region-test/\">Region Test</a>"
            "</td>\n<td></td>") in text
    assert "<td>Faktisk</td>\n<td>–</td>\n<td>Hele landet</td>\n<td>Et forsigtigt skøn</td>" in text
    assert "<td>Pladsforbrug</td>\n<td align=\"right\">13,5</td>\n<td>Ikke angivet</td>" in text


def test_offer_fields_carry_their_own_footnotes(catalog: Catalog) -> None:
    text = render_entity(_ctx(catalog), "tilbud", "testtilbud")
    kategori = next(line for line in text.splitlines() if ">Kategori</dt>" in line)
    lovgrundlag = next(line for line in text.splitlines() if ">Lovgrundlag</dt>" in line)
    finansiering = [line for line in text.splitlines() if ">Beliggenhed</dt>" in line]
    assert 'id="fnref:' in kategori and 'id="fnref:' in lovgrundlag
    assert 'id="fnref:' not in finansiering[0]  # beliggenhed has no citation of its own
    assert "linje 105" in text and "linje 106" in text


def test_target_group_page_says_who_is_in_and_who_is_not(catalog: Catalog) -> None:
    text = render_entity(_ctx(catalog), "maalgrupper", "natko-25-testgruppe")
    section = text[text.index("## Hvem målgruppen omfatter"):]
    assert "<strong>Alder:</strong> 3–8 år, alder ved henvisning<sup" in section
    assert "<strong>Omfatter:</strong> Har testsyndrom<sup" in section
    assert "<strong>Omfatter ikke:</strong> Kan hjælpes &lt;i&gt;ambulant&lt;/i&gt;<sup" in section
    assert "<strong>Lovgrundlag:</strong> SEL § 108 (længerevarende botilbud)<sup" in section
    assert section.index("Omfatter:") < section.index("Omfatter ikke:")


def test_a_target_group_without_eligibility_has_no_section(catalog: Catalog) -> None:
    text = render_entity(_ctx(catalog), "maalgrupper", "reg-undergruppe")
    assert "Hvem målgruppen omfatter" not in text


# --- exports ---------------------------------------------------------------------------


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def test_exports_carry_the_new_fields(catalog: Catalog, tmp_path: Path) -> None:
    write_exports(catalog, tmp_path, SiteInfo("https://example.org/"))
    figures = _csv(tmp_path / "api" / "tilbud-noegletal.csv")
    assert [(r["art"], r["periode"], r["geografi"], r["hele_landet"], r["note"])
            for r in figures] == [("faktisk", "", "", "true", "Et forsigtigt skøn"),
                                  ("prognose", "2025-2026", "region-test", "false", ""),
                                  ("", "", "", "false", "")]
    cited = _csv(tmp_path / "api" / "tilbud-kilder-felter.csv")
    assert [(r["felt"], r["kilde"], r["kilde_linjer"]) for r in cited] == [
        ("kategori", "testrapport-2025", "105"), ("lovgrundlag", "testrapport-2025", "106")]
    groups = {r["id"]: r for r in _csv(tmp_path / "api" / "maalgrupper.csv")}
    assert (groups["natko-25-testgruppe"]["alder_fra"], groups["natko-25-testgruppe"]["alder_til"]) \
        == ("3", "8")
    criteria = _csv(tmp_path / "api" / "maalgrupper-kriterier.csv")
    assert [r["type"] for r in criteria] == ["inklusion", "eksklusion"]
    assert _csv(tmp_path / "api" / "maalgrupper-hjemmel.csv")[0]["tekst"] == "SEL § 108"
    package = json.loads((tmp_path / "api" / "datapackage.json").read_text(encoding="utf-8"))
    names = {r["name"] for r in package["resources"]}
    assert {"tilbud-kilder-felter", "maalgrupper-kriterier", "maalgrupper-hjemmel"} <= names
    art = next(f for r in package["resources"] if r["name"] == "tilbud-noegletal"
               for f in r["schema"]["fields"] if f["name"] == "art")
    assert art["constraints"]["enum"] == ["faktisk", "budget", "prognose", "maal"]


def test_json_record_holds_the_new_fields(catalog: Catalog) -> None:
    record = entity_record(catalog, SiteInfo("https://example.org/"), "maalgrupper",
                           "natko-25-testgruppe")
    assert record["data"]["alder"]["fra"] == 3
    assert [k["type"] for k in record["data"]["kriterier"]] == ["inklusion", "eksklusion"]
    offer = entity_record(catalog, SiteInfo("https://example.org/"), "tilbud", "testtilbud")
    assert offer["data"]["noegletal"][1]["periode"] == "2025-2026"
    assert offer["data"]["kilder_felter"][0]["felt"] == "kategori"


# --- Datakvalitet ----------------------------------------------------------------------


def test_quality_counts_what_is_missing_per_field(catalog: Catalog) -> None:
    gaps = {g.what: (g.missing, g.total) for g in field_gaps(catalog)}
    assert gaps["Nøgletal: art ikke angivet"] == (1, 3)
    assert gaps["Nøgletal: ingen periode eller dato"] == (2, 3)
    assert gaps["Nøgletal: ingen geografi"] == (1, 3)
    assert gaps["Kapacitetsrækker: art ikke angivet"] == (3, 3)
    assert gaps["Målgrupper: ingen alder"] == (1, 2)
    assert gaps["Målgrupper: ingen kriterier"] == (1, 2)
    assert gaps["Målgrupper: intet lovgrundlag"] == (1, 2)
    assert gaps["Tilbud: kategori uden egen kilde"] == (0, 1)
    assert gaps["Tilbud: lovgrundlag uden egen kilde"] == (0, 1)
    assert gaps["Tilbud: beliggenhed uden egen kilde"] == (1, 1)
    assert gaps["Tilbud: driftsherre uden egen kilde"] == (1, 1)
    assert gaps["Tilbud: finansiering uden egen kilde"] == (0, 0)  # the offer has none


def test_quality_page_shows_the_counts(catalog: Catalog) -> None:
    text = quality_page(_ctx(catalog))
    section = text[text.index("## Oplysninger der endnu ikke er udfyldt"):]
    assert "<td>Nøgletal: art ikke angivet</td>\n<td align=\"right\">1</td>\n" \
           "<td align=\"right\">3</td>" in section
    assert "<td>Tilbud: beliggenhed uden egen kilde</td>\n<td align=\"right\">1</td>" in section
