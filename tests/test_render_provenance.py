"""Rendering of provenance details: a source's public addresses and a value's 'belaeg'."""

from __future__ import annotations

from pathlib import Path

from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.render.context import RenderContext
from koordineringsbasen.render.entity import render_entity
from tests.support import FIXTURE_SEEDS, anchor_citations, strip_anchors

ADDRESS = "https://www.retsinformation.dk/eli/lta/2014/760"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_source_page_links_the_public_documents_it_refers_to(fixture_data: Path) -> None:
    _edit(fixture_data / "kilder/testmoede-2025-01-01.yml", "punkter:\n",
          f"adresse: {ADDRESS}\nhenvisninger:\n  - {{titel: '[klik](javascript:alert(1)) "
          f"<b>Bekendtgørelse</b>', adresse: '{ADDRESS}', linjer: 88}}\npunkter:\n")
    text = render_entity(RenderContext(load_catalog(fixture_data, FIXTURE_SEEDS)), "kilder",
                         "testmoede-2025-01-01")
    assert f'<dt markdown="span">Offentlig adresse</dt><dd markdown><a href="{ADDRESS}">' in text
    (line,) = [line for line in text.splitlines() if "Bekendtgørelse" in line]
    assert line.startswith(f'- <a href="{ADDRESS}">') and line.endswith("(linje 88)")
    # The title is data text: neither a Markdown link nor HTML survives.
    assert "\\[klik\\]\\(javascript:alert\\(1\\)\\)" in line and "&lt;b&gt;" in line


def test_a_marked_value_gets_its_own_footnote_with_the_explanation(fixture_data: Path) -> None:
    # Line 113 gives 4.107 kr.; a price of 4.110 is 'derived' and says how.
    strip_anchors(fixture_data)  # the citations are edited as written, then anchored
    _edit(fixture_data / "tilbud/testtilbud.yml",
          "beloeb: 4107, enhed: kr. pr. døgn, kilde: {kilde: testrapport-2025, linjer: 113}",
          "beloeb: 4110, enhed: kr. pr. døgn, kilde: {kilde: testrapport-2025, linjer: 113, "
          "belaeg: {form: udledt, forklaring: 'Afrundet *op* fra 4.107 kr.'}}")
    _edit(fixture_data / "tilbud/testtilbud.yml", "linjer: 105-106}", "linjer: 113}")
    anchor_citations(fixture_data)
    text = render_entity(RenderContext(load_catalog(fixture_data, FIXTURE_SEEDS)), "tilbud",
                         "testtilbud")
    notes = [line for line in text.splitlines() if ", linje 113" in line]
    assert len(notes) == 2  # the plain citation of line 113 and the explained one
    # Data text in a footnote is plain text: the asterisks are shown, not emphasis.
    assert sum("<em>Bemærk:</em> Afrundet *op* fra 4.107 kr." in note for note in notes) == 1
