"""Messages a contributor acts on: a wrong `punkt` names the item that holds the lines, and a
wrongly formed value shows the format expected."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.load.problems import DataError
from tests.support import FIXTURE_DATA, FIXTURE_SEEDS


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    return tmp_path / "data"


def problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_catalog(data, FIXTURE_SEEDS)
    return [str(p) for p in info.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_wrong_punkt_names_the_item_that_holds_the_lines(data: Path) -> None:
    edit(data / "maalgrupper/natko-25-testgruppe.yml",
         '{kilde: testmoede-2025-01-01, linjer: 12-14, punkt: "2",',
         '{kilde: testmoede-2025-01-01, linjer: 12-14, punkt: "1",')
    (found,) = problems(data)
    assert found.startswith("data/maalgrupper/natko-25-testgruppe.yml:9:")
    assert "punkt '1' omfatter ikke linje 12-14" in found
    assert "linjerne står i punkt '2' (Risikovurdering, linje 11-80)" in found


def test_a_badly_formed_file_name_shows_the_format_expected(data: Path) -> None:
    edit(data / "kilder/testrapport-2025.yml", "fil: 000_0000000000000000.txt",
         "fil: rapport.txt")
    found = [p for p in problems(data) if ": fil:" in p]
    assert found and "'rapport.txt' er ikke et kildefilnavn; formatet er NNN_<16 hex>.txt" \
        in found[0] and "fx 005_3f2a9c0d41b7e865.txt" in found[0]
