"""The importer: documents the tests make themselves (PDF with several heading styles and a
table, a scan without text, a .docx, .txt) become a seed text under the content-addressed name
and a source file with every agenda item that passes the data check once the marked fields are
filled; refusals and warnings with their exit codes; the agenda items of the five real texts."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from koordineringsbasen import cli
from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.load.problems import DataError
from koordineringsbasen.model.sources import SEED_FILE, Source
from koordineringsbasen.texts import convert as convert_module
from koordineringsbasen.texts.convert import ConversionError, convert, normalise
from koordineringsbasen.texts.headings import agenda_items
from koordineringsbasen.texts.seedname import NAME, seed_name
from koordineringsbasen.texts.seedtext import split_lines
from koordineringsbasen.tools.scaffold import MARK
from tests.support import FIXTURE_DATA, FIXTURE_SEEDS, REAL_SEEDS, ROOT

# In CI (CI=true) a missing pdftotext fails these tests instead of skipping them.
needs_pdftotext = pytest.mark.skipif(
    not convert_module.pdftotext_available() and os.environ.get("CI") != "true",
    reason="pdftotext (Debian's poppler-utils) is not installed; 'make poppler' installs it")


@pytest.fixture()
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture data and seeds; KOORDINERINGSBASEN_SEEDS points at the copy."""
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    shutil.copytree(FIXTURE_SEEDS, tmp_path / "seeds")
    monkeypatch.setenv("KOORDINERINGSBASEN_SEEDS", str(tmp_path / "seeds"))
    monkeypatch.setenv("KOORDINERINGSBASEN_CACHE", "")
    return tmp_path


def run(place: Path, document: Path, *options: str) -> int:
    return cli.main(["importer", str(document), "--data", str(place / "data"), *options])


def written(place: Path, source_id: str) -> dict:
    return YAML(typ="safe").load(place / "data" / "kilder" / f"{source_id}.yml")


# -- documents made here ------------------------------------------------------------------------

MEETING = [
    ("h", "Referat af møde i Testrådet"),
    ("p", "Dato og tidspunkt: Onsdag den 4. februar 2026 kl. 10.00-12.00"),
    ("p", "Sted og lokale: Rådhuset, mødelokale 2"),
    ("h", "Dagsorden"),
    ("p", "Ad. 1 Velkommen"),
    ("p", "Ad. 2 Risikovurdering af målgrupperne"),
    ("p", "Ad. 3 Pladser på de sikrede afdelinger"),
    ("h", "Ad. 1 Velkommen"),
    ("p", "Formanden bød velkommen til mødet og præsenterede dagsordenen."),
    ("h", "Ad. 2 Risikovurdering af målgrupperne"),
    ("p", "Styrelsen fremlagde den nye risikovurdering. Rådet drøftede niveauerne."),
    ("table", [("Målgruppe", "Niveau"), ("Gravide med rusmiddelbrug", "Rød"),
               ("Unge med selvskade", "Gul")]),
    ("p", "Rådet tog orienteringen til efterretning."),
    ("h", "Ad. 3 Pladser på de sikrede afdelinger"),
    ("p", "Der er nu 14 pladser mod 12 pladser sidste år."),
    ("h", "Evt."),
    ("p", "Intet at bemærke."),
    ("h", "Bilag 1 Oversigt over målgrupper"),
    ("p", "Oversigten blev rundsendt efter mødet."),
]

REPORT = [
    ("h", "Notat om kapacitet"),
    ("p", "Testrådet, 10. marts 2026"),
    ("h", "1. Indledning"),
    ("p", "Notatet beskriver kapaciteten på tilbuddene."),
    ("h", "2. Resultater"),
    ("p", "Kapaciteten er steget."),
    ("h", "2.1 Belægning"),
    ("p", "Belægningen var 95 procent."),
    ("h", "2.2 Takster"),
    ("p", "Taksten var 4.107 kr. pr. døgn."),
    ("h", "3. Anbefalinger"),
    ("p", "Styrelsen anbefaler at følge tilbuddene skærpet."),
]

PUNKT_MEETING = [
    ("h", "Referat af møde i Testrådet"),
    ("p", "Mødet den 12. marts 2026, kl. 09.00"),
    ("h", "Punkt 1."),
    ("p", "Godkendelse af dagsorden"),
    ("p", "Dagsordenen blev godkendt."),
    ("h", "Punkt 2."),
    ("p", "Orienteringspunkter"),
    ("p", "Punkt 1. Status på tilbudsmonitoreringen"),
    ("p", "Monitoreringen er i gang."),
    ("p", "Punkt 2. Status på høringen"),
    ("p", "Høringen er afsluttet."),
    ("h", "Punkt 3."),
    ("p", "Eventuelt"),
    ("p", "Intet."),
]


def make_pdf(path: Path, blocks: list[tuple[str, object]]) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    for kind, content in blocks:
        if kind == "table":
            pdf.set_font("Helvetica", size=10)
            with pdf.table() as table:
                for row in content:  # type: ignore[attr-defined]
                    cells = table.row()
                    for value in row:
                        cells.cell(value)
            pdf.ln(4)
        else:
            pdf.set_font("Helvetica", style="B" if kind == "h" else "", size=14 if kind == "h" else 11)
            pdf.multi_cell(0, 8, str(content), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    pdf.output(str(path))
    return path


def _png(width: int = 60, height: int = 20) -> bytes:
    """A grey PNG made with the standard library: the page of a 'scan'."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + bytes([90 + (x * 7 + y * 3) % 120 for x in range(width)])
                    for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def make_scan(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(_png()), x=10, y=10, w=190)
    pdf.output(str(path))
    return path


def heading_line(text: str, heading: str) -> int:
    """The line (1-based) of the last occurrence of `heading` in `text`: the body, not the
    agenda that lists it first."""
    lines = split_lines(text)
    return max(n for n, line in enumerate(lines, 1) if line.strip() == heading)


# -- PDF ----------------------------------------------------------------------------------------

@needs_pdftotext
def test_pdf_meeting_is_imported_with_every_agenda_item(place: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    pdf = make_pdf(place / "referat.pdf", MEETING)
    assert run(place, pdf, "--organ", "testraadet") == cli.OK
    out = capsys.readouterr().out
    source = written(place, "testmoede-2026-02-04")  # the prefix testraadet's sources use
    seed = place / "seeds" / source["fil"]
    text = seed.read_text(encoding="utf-8")
    assert str(seed) in out and NAME.match(seed.name)
    assert seed.name == seed_name(text, ["000_0000000000000000.txt"])  # serial 001, own hash
    assert seed.name.startswith("001_")
    assert seed.name[4:20] == hashlib.sha256(text.encode()).hexdigest()[:16]
    assert "\x0c" not in text and "\r" not in text
    assert source["navn"] == "Referat af møde i Testrådet"
    assert str(source["dato"]) == "2026-02-04"
    assert source["sted"] == "Rådhuset, mødelokale 2"
    assert source["type"] == "referat"
    assert source["linjer"] == f"1-{len(split_lines(text))}"
    items = {p["nr"]: p for p in source["punkter"]}
    assert list(items) == ["1", "2", "3", "Evt.", "Bilag 1"]
    for nr, heading in [("1", "Ad. 1 Velkommen"), ("2", "Ad. 2 Risikovurdering af målgrupperne"),
                        ("3", "Ad. 3 Pladser på de sikrede afdelinger"), ("Evt.", "Evt."),
                        ("Bilag 1", "Bilag 1 Oversigt over målgrupper")]:
        assert int(items[nr]["linjer"].split("-")[0]) == heading_line(text, heading), nr
    assert items["2"]["titel"] == "Risikovurdering af målgrupperne"
    # the table's cells lie inside item 2, before item 3
    lines = split_lines(text)
    first, last = (int(x) for x in items["2"]["linjer"].split("-"))
    table_line = next(n for n, line in enumerate(lines, 1) if "Gravide med rusmiddelbrug" in line)
    assert first < table_line <= last < heading_line(text, "Ad. 3 Pladser på de sikrede afdelinger")
    assert "Rød" in "\n".join(lines[first - 1:last])
    # pdftotext -raw: a table row's cells stand on one line, so a value keeps its row
    assert any("Gravide med rusmiddelbrug" in line and "Rød" in line for line in lines)


@needs_pdftotext
def test_written_file_fails_only_on_marked_fields_and_passes_when_filled(place: Path) -> None:
    pdf = make_pdf(place / "referat.pdf", MEETING)
    assert run(place, pdf, "--organ", "testraadet") == cli.OK
    path = place / "data" / "kilder" / "testmoede-2026-02-04.yml"
    raw = path.read_text(encoding="utf-8")
    assert raw.startswith("# yaml-language-server: $schema=")
    assert f'resume: ""  # {MARK}' in raw and f"# {MARK}: gættet fra linje" in raw
    with pytest.raises(DataError) as error:
        load_catalog(place / "data", place / "seeds")
    problems = error.value.problems
    assert {(p.path.rsplit("/", 1)[-1], p.field) for p in problems} == {
        ("testmoede-2026-02-04.yml", "resume")}
    marked_lines = {n for n, line in enumerate(raw.splitlines(), 1) if f'""  # {MARK}' in line}
    assert {p.line for p in problems} <= marked_lines
    path.write_text(raw.replace(f'resume: ""  # {MARK}: et kort dansk resumé af kilden',
                                "resume: Et referat til testen."), encoding="utf-8")
    catalog = load_catalog(place / "data", place / "seeds")  # the line ranges fit the text
    assert len(catalog.get("kilder", "testmoede-2026-02-04").punkter) == 5


@needs_pdftotext
def test_pdf_report_with_numbered_headings(place: Path) -> None:
    pdf = make_pdf(place / "notat.pdf", REPORT)
    assert run(place, pdf, "--organ", "region-test", "--type", "notat") == cli.OK
    source = written(place, "region-test-2026-03-10")  # no sources of the organ yet: its id
    assert source["type"] == "notat"
    text = (place / "seeds" / source["fil"]).read_text(encoding="utf-8")
    spans = {p["nr"]: tuple(int(x) for x in p["linjer"].split("-")) for p in source["punkter"]}
    assert list(spans) == ["1", "2", "2.1", "2.2", "3"]
    assert spans["2"][0] < spans["2.1"][0] and spans["2.2"][1] <= spans["2"][1] < spans["3"][0]
    assert spans["2"][0] == heading_line(text, "2. Resultater")
    assert spans["3"][1] == len(split_lines(text))  # the last item runs to the end


@needs_pdftotext
def test_pdf_with_punkt_headings_and_sub_items(place: Path) -> None:
    pdf = make_pdf(place / "punkter.pdf", PUNKT_MEETING)
    assert run(place, pdf, "--organ", "testraadet") == cli.OK
    source = written(place, "testmoede-2026-03-12")
    text = (place / "seeds" / source["fil"]).read_text(encoding="utf-8")
    items = {p["nr"]: p for p in source["punkter"]}
    assert list(items) == ["1", "2", "2.1", "2.2", "3"]
    assert items["1"]["titel"] == "Godkendelse af dagsorden"  # the line after "Punkt 1."
    assert items["2.2"]["titel"] == "Status på høringen"
    assert int(items["2.1"]["linjer"].split("-")[0]) == heading_line(
        text, "Punkt 1. Status på tilbudsmonitoreringen")
    assert int(items["2"]["linjer"].split("-")[1]) < heading_line(text, "Punkt 3.")


def test_appendix_of_a_parent_without_its_text_is_an_error(
        place: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (place / "seeds" / "000_0000000000000000.txt").unlink()
    assert run(place, _txt(place), "--indgaar-i", "testmoede-2025-01-01", "--id", "x") \
        == cli.FAILED
    assert "findes ikke" in capsys.readouterr().err


@needs_pdftotext
def test_scan_without_text_layer_is_refused(place: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    scan = make_scan(place / "scannet.pdf")
    assert run(place, scan, "--organ", "testraadet", "--dato", "2026-02-04") == cli.REFUSED
    err = capsys.readouterr().err
    assert "intet tekstlag" in err and "scannet PDF" in err
    assert sorted(p.name for p in (place / "seeds").iterdir()) == ["000_0000000000000000.txt"]
    assert not (place / "data" / "kilder" / "testmoede-2026-02-04.yml").exists()


@needs_pdftotext
def test_duplicate_document_is_refused(place: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = make_pdf(place / "referat.pdf", MEETING)
    assert run(place, pdf, "--organ", "testraadet") == cli.OK
    capsys.readouterr()
    copy = shutil.copy(pdf, place / "samme-referat.pdf")
    assert run(place, Path(copy), "--organ", "testraadet", "--id", "andet-id") == cli.REFUSED
    err = capsys.readouterr().err
    assert "allerede registreret" in err and "testmoede-2026-02-04" in err
    assert not (place / "data" / "kilder" / "andet-id.yml").exists()


# -- .docx and .txt -----------------------------------------------------------------------------

def test_docx_keeps_tables_in_place(place: Path) -> None:
    import docx

    document = docx.Document()
    for kind, content in PUNKT_MEETING[:6]:
        if kind == "h":
            document.add_heading(str(content), level=2)
        else:
            document.add_paragraph(str(content))
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([("Tilbud", "Pladser"), ("Kofoedsminde", "14")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    for _kind, content in PUNKT_MEETING[6:]:
        document.add_paragraph(str(content))
    path = place / "referat.docx"
    document.save(str(path))
    text = convert(path).text
    assert "Kofoedsminde\t14" in text
    assert text.index("Punkt 2.") < text.index("Kofoedsminde") < text.index("Orienteringspunkter")
    assert run(place, path, "--organ", "testraadet") == cli.OK
    source = written(place, "testmoede-2026-03-12")
    assert [p["nr"] for p in source["punkter"]] == ["1", "2", "2.1", "2.2", "3"]
    titles = {p["nr"]: p["titel"] for p in source["punkter"]}
    assert titles["1"] == "Godkendelse af dagsorden"
    assert titles["2.1"] == "Status på tilbudsmonitoreringen"
    assert titles["3"] == "Eventuelt"


def test_docx_automatic_numbering_is_written_out(place: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Dagsorden for møde i Testrådet den 20. marts 2026")
    for title in ("Godkendelse af dagsorden", "Risikovurdering", "Eventuelt"):
        document.add_paragraph(title, style="List Number")  # Word numbers these itself
        document.add_paragraph(f"Sagsfremstilling om {title.lower()}.")
        document.add_paragraph("Et punkt i en punktliste", style="List Bullet")
    path = place / "dagsorden.docx"
    document.save(str(path))
    lines = split_lines(convert(path).text)
    assert "1.\tGodkendelse af dagsorden" in lines and "3.\tEventuelt" in lines
    assert "•\tEt punkt i en punktliste" in lines
    assert run(place, path, "--organ", "testraadet") == cli.OK
    source = written(place, "testmoede-2026-03-20")
    assert [(p["nr"], p["titel"]) for p in source["punkter"]] == [
        ("1", "Godkendelse af dagsorden"), ("2", "Risikovurdering"), ("3", "Eventuelt")]


def test_docx_that_is_no_zip_is_refused(place: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = place / "falsk.docx"
    path.write_bytes(b"not a zip")
    assert run(place, path, "--id", "falsk") == cli.REFUSED
    assert "kan ikke læses som Word-dokument" in capsys.readouterr().err


def _txt(place: Path, name: str = "referat.txt", encoding: str = "utf-8") -> Path:
    text = "\r\n".join(content for _, content in PUNKT_MEETING if isinstance(content, str))
    path = place / name
    path.write_bytes(("\x00" + text.replace("Intet.", "Intet.\x0c")).encode(encoding))
    return path


def test_txt_is_normalised(place: Path) -> None:
    converted = convert(_txt(place))
    assert converted.notices == ()
    assert "\r" not in converted.text and "\x00" not in converted.text
    assert "\x0c" not in converted.text and converted.text.endswith("Intet.\n")
    assert "Høringen er afsluttet." in converted.text


def test_txt_in_cp1252_is_read_with_a_notice(place: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = _txt(place, "ansi.txt", "cp1252")
    assert "Høringen er afsluttet." in convert(path).text
    assert run(place, path, "--organ", "testraadet") == cli.OK
    assert "cp1252" in capsys.readouterr().err


def test_normalise_removes_control_characters_but_keeps_tabs() -> None:
    assert normalise("a\tb\x00c\x1bd\r\ne\x0cf\n\n\n") == "a\tbcd\ne\nf\n"
    assert normalise("\n\nefter to tomme linjer\n") == "\n\nefter to tomme linjer\n"


def test_unknown_file_type_is_refused(place: Path) -> None:
    path = place / "referat.odt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(ConversionError, match="ukendt filtype"):
        convert(path)


# -- ids, refusals, warnings --------------------------------------------------------------------

def test_existing_id_is_refused_and_nothing_is_written(place: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = _txt(place)
    assert run(place, path, "--id", "testmoede-2025-01-01") == cli.REFUSED
    assert "findes allerede" in capsys.readouterr().err
    assert sorted(p.name for p in (place / "seeds").iterdir()) == ["000_0000000000000000.txt"]


def test_same_organ_and_date_warns_but_imports(place: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = _txt(place)
    assert run(place, path, "--organ", "testraadet", "--dato", "2025-01-01",
               "--id", "testmoede-2025-01-01-b") == cli.OK
    err = capsys.readouterr().err
    assert "Advarsel" in err and "testmoede-2025-01-01" in err
    assert written(place, "testmoede-2025-01-01-b")["dato"].isoformat() == "2025-01-01"


def test_id_needs_organ_and_date(place: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = place / "uden.txt"
    path.write_text("Et dokument uden dato og afsender.\n\nMed lidt tekst.\n", encoding="utf-8")
    assert run(place, path) == cli.REFUSED
    assert "--organ og --dato" in capsys.readouterr().err


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--id", "Ugyldigt Id", "ikke et gyldigt id"), ("--dato", "4-2-2026", "ÅÅÅÅ-MM-DD"),
    ("--type", "brev", "ikke en kildetype"), ("--organ", "ukendt-organ", "findes ikke")])
def test_bad_options_are_refused(place: Path, capsys: pytest.CaptureFixture[str], option: str,
                                 value: str, message: str) -> None:
    assert run(place, _txt(place), option, value) == cli.REFUSED
    assert message in capsys.readouterr().err


def test_missing_seeds_folder_is_an_error(place: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KOORDINERINGSBASEN_SEEDS", str(place / "findes-ikke"))
    assert run(place, _txt(place), "--id", "x") == cli.FAILED
    assert "findes ikke" in capsys.readouterr().err


def test_appendix_is_located_in_the_parent_text(place: Path) -> None:
    lines = split_lines((place / "seeds" / "000_0000000000000000.txt").read_text("utf-8"))
    appendix = place / "bilag.txt"
    # re-extracted: other spacing, the same words
    appendix.write_text("\n".join("  " + " ".join(line.split()) for line in lines[119:140]) + "\n",
                        encoding="utf-8")
    assert run(place, appendix, "--indgaar-i", "testmoede-2025-01-01", "--id", "bilaget",
               "--organ", "testraadet", "--dato", "2025-01-01") == cli.OK
    source = written(place, "bilaget")
    assert (source["fil"], source["linjer"], source["indgaar_i"]) == (
        "000_0000000000000000.txt", "120-140", "testmoede-2025-01-01")
    assert sorted(p.name for p in (place / "seeds").iterdir()) == ["000_0000000000000000.txt"]


def test_appendix_not_in_the_parent_is_refused(place: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert run(place, _txt(place), "--indgaar-i", "testmoede-2025-01-01", "--id", "x") \
        == cli.REFUSED
    assert "står ikke i 'testmoede-2025-01-01'" in capsys.readouterr().err


# -- the name rule and the fil field ------------------------------------------------------------

def test_seed_name_is_content_addressed() -> None:
    existing = ["000_5e391fc15dee20ba.txt", "004_6c7cb2df0362f233.txt", "noter.md"]
    name = seed_name("tekst\n", existing)
    digest = hashlib.sha256(b"tekst\n").hexdigest()[:16]
    assert name == f"005_{digest}.txt"
    assert seed_name("tekst\n", [*existing, name]) == name  # found again by its content
    assert seed_name("anden tekst\n", [*existing, name]).startswith("006_")
    assert NAME.pattern.replace("(", "").replace(")", "") == SEED_FILE.pattern


def test_fil_error_shows_the_expected_format() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as error:
        Source.model_validate({"id": "x", "navn": "x", "type": "referat", "dato": "2025",
                               "fil": "referat.txt", "linjer": "1", "resume": "x"})
    message = str(error.value)
    assert "NNN_<16 hex>.txt" in message and "SHA-256" in message
    assert "005_3f2a9c0d41b7e865.txt" in message


# -- make importer ------------------------------------------------------------------------------

@needs_pdftotext  # the target installs pdftotext first
def test_make_importer_passes_the_file_name_unexpanded(place: Path) -> None:
    odd = place / 'a $(shell touch PWNED) `touch PWNED2` "q" $HOME.txt'
    shutil.copy(_txt(place), odd)
    env = {**os.environ, "KOORDINERINGSBASEN_DATA": str(place / "data"), "CI": ""}
    result = subprocess.run(["make", "-s", "importer", f"FIL={odd}", "ORGAN=testraadet"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert written(place, "testmoede-2026-03-12")["organ"] == "testraadet"
    assert not list(ROOT.glob("PWNED*")) and not list(place.glob("PWNED*"))


# -- the five real texts --------------------------------------------------------------------------

TOP_SOURCES = ["natko-raad-2024-03-05", "natko-raad-2025-03-11", "das-social-2025-03-17",
               "das-social-2023-01-20", "das-social-2021-08-23"]


@pytest.mark.skipif(not REAL_SEEDS.is_dir(), reason="the real source texts are not here")
@pytest.mark.parametrize("source_id", TOP_SOURCES)
def test_agenda_items_of_the_real_texts(source_id: str, tmp_path: Path) -> None:
    source = YAML(typ="safe").load(ROOT / "data" / "kilder" / f"{source_id}.yml")
    copy = shutil.copy(REAL_SEEDS / source["fil"], tmp_path / source["fil"])
    found = {(i.nr, i.first) for i in agenda_items(split_lines(Path(copy).read_text("utf-8")))}
    registered = {(p["nr"], int(str(p["linjer"]).split("-")[0])) for p in source["punkter"]}
    assert found == registered


# -- the issue form for people without git ------------------------------------------------------

def test_new_document_form_asks_for_what_the_importer_needs() -> None:
    form = YAML(typ="safe").load(ROOT / ".github" / "ISSUE_TEMPLATE" / "nyt-dokument.yml")
    asked = {item["id"]: item.get("validations", {}).get("required", False)
             for item in form["body"] if item["type"] != "markdown"}
    assert {"dokument", "vedhaeftning", "organ", "dato", "type", "indgaar-i"} <= set(asked)
    assert asked["organ"] and asked["dato"] and asked["type"]
    types = next(item for item in form["body"] if item.get("id") == "type")
    assert types["attributes"]["options"] == list(Source.model_fields["type"].annotation
                                                  .__members__)


def test_headings_skip_contents_and_table_rows_and_nest_sub_items() -> None:
    text = """Indholdsfortegnelse
1.\tIndledning\t3
2.\tResultater\t5
1. Indledning
Tekst.
3 Børn med høretab (en række i en tabel over målgrupper)
2. Resultater
2.1 Belægning
Tekst.

2.2 Takster
Tekst.

Bilag 1 Tabeller
Rækker.
"""
    items = [(i.nr, i.titel, i.linjer) for i in agenda_items(split_lines(text))]
    assert items == [("1", "Indledning", "4-6"), ("2", "Resultater", "7-12"),
                     ("2.1", "Belægning", "8-9"), ("2.2", "Takster", "11-12"),
                     ("Bilag 1", "Tabeller", "14-15")]
