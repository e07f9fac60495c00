"""`ny TYPE NAVN`: the scaffold names every required field and validates once they are filled."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from ruamel.yaml import YAML

from koordineringsbasen import cli
from koordineringsbasen.danish.slugs import slugify
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.load.problems import DataError
from koordineringsbasen.model import ENTITY_MODELS
from koordineringsbasen.model.fields import FieldSpec, field_specs
from koordineringsbasen.tools.anchor_fill import fill
from koordineringsbasen.tools.scaffold import MARK, ScaffoldError, create

# Not imported from conftest: tests/browser/conftest.py shadows that module name.
ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SEEDS = ROOT / "tests" / "fixtures" / "seeds"

# Ids that exist in tests/fixtures/data, for filling reference fields.
EXISTING = {"kilder": "testmoede-2025-01-01", "organisationer": "testraadet",
            "maalgrupper": "natko-25-testgruppe", "tilbud": "testtilbud"}


@pytest.mark.parametrize(("name", "slug"), [
    ("Kofoedsminde", "kofoedsminde"),
    ("Børne- og Ungehuset Åbo", "boerne-og-ungehuset-aabo"),
    ("ÆØÅ æøå", "aeoeaa-aeoeaa"),
    ("  Café § 108, stk. 6 ", "cafe-108-stk-6"),
    ("Center for Døvblindhed/Høretab (CDH)", "center-for-doevblindhed-hoeretab-cdh"),
    ("!!!", ""),
])
def test_slug(name: str, slug: str) -> None:
    assert slugify(name) == slug


def _sample(spec: FieldSpec) -> Any:
    if spec.ref:
        return EXISTING[spec.ref]
    if spec.name == "fil":
        return "000_0000000000000000.txt"
    return {"tekst": "Udfyldt tekst.", "id": "udfyldt", "linjer": "12", "dato": "2025-01-01",
            "heltal": 1, "tal": 1.5, "sandhed": False}.get(spec.value_type) or spec.choices[-1]


def _fill(node: Any, model: type[BaseModel]) -> int:
    """Fill every empty value below `node` like a contributor would; return how many."""
    specs = {s.name: s for s in field_specs(model)}
    filled = 0
    for key in list(node):
        spec, value = specs[key], node[key]
        if spec.value_type == "blok" and spec.model is not None:
            for item in (value if spec.many else [value]):
                filled += _fill(item, spec.model)
        elif spec.many:
            node[key] = [_sample(spec) if v in (None, "") else v for v in value or [None]]
            filled += 1
        elif value in (None, ""):
            node[key] = _sample(spec)
            filled += 1
    return filled


@pytest.mark.parametrize("kind", list(ENTITY_MODELS))
def test_scaffold_fails_until_filled_then_passes_the_check(fixture_data: Path, kind: str) -> None:
    path = create(fixture_data, kind, "Nyt navn med æøå")
    assert path == fixture_data / kind / "nyt-navn-med-aeoeaa.yml"
    text = path.read_text("utf-8")
    modeline = text.splitlines()[0]
    assert modeline.startswith("# yaml-language-server: $schema=")
    assert (path.parent / modeline.split("=", 1)[1]).resolve().is_file()

    # As written, the check fails on the new file only, at lines marked for filling in.
    with pytest.raises(DataError) as caught:
        load_catalog(fixture_data, FIXTURE_SEEDS)
    lines = text.splitlines()
    problems = caught.value.problems
    assert problems and all(p.path.endswith(path.name) for p in problems)
    assert all(MARK in lines[p.line - 1] for p in problems), [str(p) for p in problems]

    yaml = YAML(typ="rt")
    data = yaml.load(text)
    assert data["navn"] == "Nyt navn med æøå"
    assert _fill(data, ENTITY_MODELS[kind]) == len({(p.line, p.col) for p in problems})
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    # As a contributor does next: anchor the citations written ('anker'), then check.
    assert not fill(fixture_data, FIXTURE_SEEDS).problems
    catalog = load_catalog(fixture_data, FIXTURE_SEEDS)
    assert catalog.get(kind, "nyt-navn-med-aeoeaa").navn == "Nyt navn med æøå"


def test_every_required_field_is_in_the_scaffold(fixture_data: Path) -> None:
    for kind, model in ENTITY_MODELS.items():
        data = YAML(typ="safe").load(create(fixture_data, kind, "Alle felter"))
        required = {s.name for s in field_specs(model) if s.required}
        assert required <= set(data), kind


def test_existing_file_is_never_overwritten(fixture_data: Path) -> None:
    with pytest.raises(ScaffoldError, match="findes allerede"):
        create(fixture_data, "tilbud", "Testtilbud")
    with pytest.raises(ScaffoldError, match="ukendt type"):
        create(fixture_data, "tilbudd", "Noget")
    with pytest.raises(ScaffoldError, match="gyldigt id"):
        create(fixture_data, "tilbud", "§§§")


def test_cli_ny(fixture_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["ny", "maalgruppe", "Børn med høretab", "--data", str(fixture_data)]) == 0
    assert (fixture_data / "maalgrupper" / "boern-med-hoeretab.yml").is_file()
    assert "boern-med-hoeretab.yml" in capsys.readouterr().out
    assert cli.main(["ny", "maalgruppe", "Børn med høretab", "--data", str(fixture_data)]) == 1
    assert "findes allerede" in capsys.readouterr().err


def test_issue_form_asks_for_exactly_the_notification_fields() -> None:
    form = YAML(typ="safe").load(
        ROOT / ".github" / "ISSUE_TEMPLATE" / "ny-central-udmelding.yml")
    asked = {item["id"]: item.get("validations", {}).get("required", False)
             for item in form["body"] if item["type"] != "markdown"}
    fields = {s.name: s.required for s in field_specs(ENTITY_MODELS["udmeldinger"])
              if s.name != "id"}  # the id is made from the name
    assert asked == fields


def test_wrong_fact_form_asks_for_the_source() -> None:
    form = YAML(typ="safe").load(ROOT / ".github" / "ISSUE_TEMPLATE" / "forkert-oplysning.yml")
    required = {item["id"] for item in form["body"]
                if item.get("validations", {}).get("required")}
    assert required == {"side", "felt", "korrekt-vaerdi", "kildedokument"}
    assert "linjer" in {item.get("id") for item in form["body"]}  # asked for, not required


def test_ny_with_kilde_and_linjer_writes_a_real_citation_with_its_anchor(
        fixture_data: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from koordineringsbasen.texts.anchors import anchor_fields, make_anchor
    from koordineringsbasen.texts.seedtext import split_lines

    monkeypatch.setenv("KOORDINERINGSBASEN_SEEDS", str(FIXTURE_SEEDS))
    data = str(fixture_data)
    assert cli.main(["ny", "maalgruppe", "Ny gruppe", "--data", data,
                     "--kilde", "testmoede-2025-01-01", "--linjer", "15-16"]) == cli.OK
    loaded = YAML(typ="safe").load((fixture_data / "maalgrupper" / "ny-gruppe.yml").read_text())
    (reference,) = loaded["kilder"]
    lines = split_lines((FIXTURE_SEEDS / "000_0000000000000000.txt").read_text(encoding="utf-8"))
    assert reference == {"kilde": "testmoede-2025-01-01", "linjer": "15-16", "punkt": "2",
                         "anker": anchor_fields(make_anchor(lines, 15, 16))}
    capsys.readouterr()
    assert cli.main(["ny", "tilbud", "Andet", "--data", data, "--kilde", "testmoede-2025-01-01",
                     "--linjer", "999"]) == cli.REFUSED
    assert "ligger uden for kilden 'testmoede-2025-01-01'" in capsys.readouterr().err
    assert not (fixture_data / "tilbud" / "andet.yml").exists()
    assert cli.main(["ny", "kilde", "Et møde", "--data", data, "--kilde", "testmoede-2025-01-01",
                     "--linjer", "3"]) == cli.REFUSED
    assert cli.main(["ny", "tilbud", "Andet", "--data", data, "--kilde", "x"]) == cli.FAILED


@pytest.mark.parametrize("kind", ["kilde", "kilder", "Kilde"])
def test_a_new_source_is_sent_to_the_importer(fixture_data: Path, kind: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """A source needs its text and an id in the organ-and-date scheme: `ny` would guess an id
    from a name (and once made a duplicate of an existing source)."""
    before = sorted((fixture_data / "kilder").iterdir())
    assert cli.main(["ny", kind, "DAS Social 17. marts 2025", "--data", str(fixture_data)]) \
        == cli.REFUSED
    assert "make importer" in capsys.readouterr().err
    assert sorted((fixture_data / "kilder").iterdir()) == before


def test_ny_with_a_citation_reads_the_default_data_folder(
        fixture_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `make ny … KILDE= LINJER=` passes no --data: the data folder comes from the setting.
    monkeypatch.setenv("KOORDINERINGSBASEN_DATA", str(fixture_data))
    monkeypatch.setenv("KOORDINERINGSBASEN_SEEDS", str(FIXTURE_SEEDS))
    assert cli.main(["ny", "maalgruppe", "Endnu en gruppe", "--kilde", "testmoede-2025-01-01",
                     "--linjer", "15-16"]) == cli.OK
    assert (fixture_data / "maalgrupper" / "endnu-en-gruppe.yml").is_file()
