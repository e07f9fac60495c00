"""`risikorunde FIL.csv --runde R`: one table writes a round into every target group's file,
only known rounds, nothing written when one row is wrong, every other byte kept."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from koordineringsbasen import cli
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.model.entities import RISK_ROUNDS, RiskRating
from koordineringsbasen.texts.anchors import anchor_fields, make_anchor
from koordineringsbasen.texts.seedtext import split_lines
from tests.support import FIXTURE_DATA, FIXTURE_SEEDS

GROUP = "maalgrupper/natko-25-testgruppe.yml"
OTHER = "maalgrupper/reg-undergruppe.yml"  # has no risiko list yet


@pytest.fixture()
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    monkeypatch.setenv("KOORDINERINGSBASEN_SEEDS", str(FIXTURE_SEEDS))
    return tmp_path / "data"


def run(data: Path, table: bytes, capsys: pytest.CaptureFixture[str],
        runde: str = "Forår 2025") -> tuple[int, str, str]:
    path = data.parent / "runde.csv"
    path.write_bytes(table)
    code = cli.main(["risikorunde", str(path), "--runde", runde, "--data", str(data)])
    out = capsys.readouterr()
    return code, out.out, out.err


def snapshot(data: Path) -> dict[str, bytes]:
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in data.rglob("*.yml")}


def inserted(old: str, new: str) -> list[str]:
    """The lines `new` adds to `old` in one place; fails when anything else differs."""
    old_lines, new_lines = old.split("\n"), new.split("\n")
    opcodes = [op for op in difflib.SequenceMatcher(None, old_lines, new_lines,
                                                     autojunk=False).get_opcodes()
               if op[0] != "equal"]
    assert [op[0] for op in opcodes] == ["insert"], opcodes
    _, _, _, start, end = opcodes[0]
    return new_lines[start:end]


GOOD = ("\ufeffMålgruppe;Niveau;Kilde;Linjer;Punkt;Begrundelse;Næste skridt;Dato\n"
        "natko-25-testgruppe;Rød;testmoede-2025-01-01;19;;Fortsat ingen tilbud;Dialog;2025-05\n"
        "reg-undergruppe;grøn;testmoede-2025-01-01;19;2;Dækket regionalt;;2025-05\n")


def test_a_round_is_written_into_every_group_and_every_other_byte_kept(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(data)
    code, out, err = run(data, GOOD.encode("utf-8"), capsys)
    assert code == cli.OK, err
    after = snapshot(data)
    assert {k for k in before if before[k] != after[k]} == {GROUP, OTHER}
    old, new = before[GROUP].decode(), after[GROUP].decode()
    added = inserted(old, new)
    assert added[0] == "  - runde: Forår 2025" and "    niveau: roed" in added
    # Inserted at the end of the risiko list, before the next key.
    assert new.index("runde: Forår 2025") < new.index("stoerrelse:")
    assert after[OTHER].startswith(before[OTHER])  # a list of its own at the end

    catalog = load_catalog(data, FIXTURE_SEEDS)  # the data check passes, anchors included
    group = catalog.get("maalgrupper", "natko-25-testgruppe")
    rating: RiskRating = group.risiko[-1]
    assert (rating.runde, rating.dato, rating.niveau.value, rating.naeste_skridt) == (
        "Forår 2025", "2025-05", "roed", "Dialog")
    assert rating.kilde.punkt == "2"  # left empty: the item holding the lines
    lines = split_lines((FIXTURE_SEEDS / "000_0000000000000000.txt").read_text(encoding="utf-8"))
    assert rating.kilde.anker is not None
    assert anchor_fields(rating.kilde.anker) == anchor_fields(make_anchor(lines, 19, 19))
    assert catalog.get("maalgrupper", "reg-undergruppe").risiko[0].niveau.value == "groen"


def test_comma_separated_without_bom_and_the_sources_date(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = "maalgruppe,niveau,kilde,linjer,punkt\nreg-undergruppe,gul,testmoede-2025-01-01,15,2\n"
    code, out, err = run(data, table.encode("utf-8"), capsys)
    assert code == cli.OK, err
    text = (data / OTHER).read_text(encoding="utf-8")
    assert "dato: '2025-01-01'" in text and 'begrundelse: ""  # UDFYLD' in text
    assert "mangler begrundelse" in out


def test_one_bad_row_refuses_the_whole_table(data: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(data)
    table = ("målgruppe;niveau;kilde;linjer;punkt\n"
             "natko-25-testgruppe;gul;testmoede-2025-01-01;19;2\n"
             "natko-25-testgrupe;lilla;testmoede-2025-01-01;19-17;\n"
             "reg-undergruppe;gul;testmoede-2025-01-01;19;1\n"
             "reg-undergruppe;gul;ukendt-kilde;19;\n")
    code, _, err = run(data, table.encode("utf-8"), capsys)
    assert code == cli.REFUSED
    assert snapshot(data) == before
    assert "runde.csv:3: kolonne 1 (målgruppe): ukendt målgruppe 'natko-25-testgrupe'; mente " \
           "du 'natko-25-testgruppe'?" in err
    assert "runde.csv:3: kolonne 2 (niveau): 'lilla' er ikke et niveau" in err
    assert "runde.csv:3: kolonne 4 (linjer):" in err and "baglæns" in err
    assert ("runde.csv:4: kolonne 5 (punkt): punkt '1' omfatter ikke linje 19; linjerne står i "
            "punkt 2 (Risikovurdering)") in err
    assert "runde.csv:5: kolonne 1 (målgruppe): 'reg-undergruppe' står også i linje 4" in err
    assert "runde.csv:5: kolonne 3 (kilde): ukendt kilde 'ukendt-kilde'" in err
    assert "runde.csv:2" not in err  # the good row


def test_the_round_must_be_known_and_new(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(data)
    code, _, err = run(data, GOOD.encode("utf-8"), capsys, runde="Foraar 2025")
    assert code == cli.REFUSED and "mente du 'Forår 2025'?" in err
    code, _, err = run(data, GOOD.encode("utf-8"), capsys, runde="Efterår 2024")
    assert code == cli.REFUSED and "allerede en vurdering i runden 'Efterår 2024'" in err
    assert snapshot(data) == before


def test_bad_files_and_headers(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(data, GOOD.encode("latin-1", errors="replace"), capsys)
    assert code == cli.REFUSED and "ikke UTF-8" in err
    code, _, err = run(data, "målgruppe;niveau;farve\n".encode(), capsys)
    assert code == cli.REFUSED and "kolonne 3 'farve' kendes ikke" in err
    assert "kolonne mangler: kilde, linjer, punkt" in err


def test_a_misspelt_round_in_a_data_file_is_an_error_with_a_hint() -> None:
    rating = {"runde": "Efterår 2042", "dato": "2024", "niveau": "gul", "begrundelse": "x",
              "kilde": {"kilde": "a", "linjer": "1"}}
    with pytest.raises(ValueError, match="ikke en kendt vurderingsrunde"):
        RiskRating.model_validate(rating)
    with pytest.raises(ValueError, match="mente du 'Efterår 2024'"):
        RiskRating.model_validate({**rating, "runde": "Efterår 2O24"})
    assert RiskRating.model_validate({**rating, "runde": RISK_ROUNDS[-1]}).runde == "Efterår 2035"
