"""The command line: one registry, help from docstrings, one exit-code convention, and the
`pages` and `exports` commands that let another generator build the site."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from koordineringsbasen import cli
from koordineringsbasen.site import mkdocs_yml, output_dirs
from tests.support import FIXTURE_DATA, FIXTURE_SEEDS, ROOT

sys.path.insert(0, str(ROOT))  # bench/ is a top-level folder of the repo

from bench.compare import compare, page_texts  # noqa: E402


@pytest.fixture(autouse=True)
def _fixture_seeds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOORDINERINGSBASEN_SEEDS", str(FIXTURE_SEEDS))
    monkeypatch.setenv("COLUMNS", "200")  # argparse wraps help text at the terminal width


def test_every_command_is_registered_once_with_its_docstring_as_help(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert list(cli.COMMANDS) == ["check", "schema", "ny", "importer", "diff", "pages", "exports",
                                 "anker", "genanker", "find", "risikorunde"]
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--help"])
    assert exit_.value.code == cli.OK
    listing = capsys.readouterr().out
    for command in cli.COMMANDS.values():
        first_line = command.run.__doc__.strip().splitlines()[0]
        assert command.help == first_line and first_line in listing
    with pytest.raises(SystemExit):
        cli.main(["pages", "--help"])
    assert "Med --expand er alle makroer udfoldet" in " ".join(capsys.readouterr().out.split())


def test_a_command_without_docstring_is_refused() -> None:
    def undocumented(args: object) -> int:
        return cli.OK

    with pytest.raises(TypeError, match="docstring"):
        cli.command("udokumenteret")(undocumented)
    assert "udokumenteret" not in cli.COMMANDS


def test_bad_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["findes-ikke"], ["pages"], ["exports"]):
        with pytest.raises(SystemExit) as exit_:
            cli.main(argv)
        assert exit_.value.code == cli.FAILED == 2, argv
    capsys.readouterr()


def _md_pages(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*.md")}


def _page_dir(source: str) -> str:
    """Where mkdocs puts the page of a .md source (use_directory_urls): 'a/b.md' -> 'a/b'."""
    stem = source.removesuffix(".md")
    return stem.removesuffix("/index") if stem != "index" else "."


def test_pages_writes_every_page_mkdocs_is_given(fixture_site: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "docs"
    assert cli.main(["pages", "--out", str(out), "--data", str(FIXTURE_DATA)]) == cli.OK
    written = _md_pages(out)
    built = {p.relative_to(fixture_site).parent.as_posix() for p in fixture_site.rglob("index.html")}
    assert {_page_dir(p) for p in written} == built
    stub = (out / "tilbud" / "testtilbud.md").read_text("utf-8")
    assert stub.startswith("---\nrender_macros: true\n")
    assert "{{ entity_page('tilbud', 'testtilbud') }}" in stub
    assert (out / "assets" / "kb.css").is_file()
    assert f"Skrev {len(written)} sider" in capsys.readouterr().out


def test_expanded_pages_build_the_same_site_without_hook_or_macros(
        fixture_site: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    config = tmp_path / "mkdocs.yml"
    assert cli.main(["pages", "--expand", "--out", str(docs), "--config", str(config),
                     "--data", str(FIXTURE_DATA)]) == 0
    for page in docs.rglob("*.md"):
        text = page.read_text("utf-8")
        assert "{{" not in text and "render_macros" not in text, page
    # The glossary's abbreviations travel in the config, as the hook gives them to abbr.
    assert mkdocs_yml.abbreviations(mkdocs_yml.read(config))["CU"] == "Central udmelding"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
         "-d", str(tmp_path / "site")],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    comparison = compare(page_texts(fixture_site), page_texts(tmp_path / "site"))
    assert comparison.matches, comparison.summary()
    abbr = '<abbr title="Central udmelding">CU</abbr>'
    for site in (fixture_site, tmp_path / "site"):
        assert abbr in (site / "udmeldinger" / "index.html").read_text("utf-8"), site


def test_pages_on_invalid_data_writes_nothing_and_exits_2(
        fixture_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    offer = fixture_data / "tilbud" / "testtilbud.yml"
    offer.write_text(offer.read_text("utf-8").replace("kategori: oevrigt-landsdaekkende",
                                                      "kategori: ukendt"), encoding="utf-8")
    out = tmp_path / "docs"
    out.mkdir()
    (out / "gammel.md").write_text("# Forrige\n", encoding="utf-8")
    output_dirs.mark(out)  # written by an earlier run
    assert cli.main(["pages", "--out", str(out), "--data", str(fixture_data)]) == cli.FAILED
    err = capsys.readouterr().err
    assert "intet er skrevet" in err and "tilbud/testtilbud.yml:" in err and "kategori" in err
    assert _md_pages(out) == {"gammel.md"}  # the previous pages are left as they were


def test_exports_writes_what_the_hook_writes(fixture_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    assert cli.main(["exports", "--site", str(site), "--data", str(FIXTURE_DATA)]) == cli.OK
    for name in ("api/alt.json", "api/datapackage.json", "frister.ics", "aendringer.xml"):
        assert (site / name).read_bytes() == (fixture_site / name).read_bytes(), name
    other = tmp_path / "other"
    other.mkdir()
    assert cli.main(["exports", "--site", str(other), "--data", str(FIXTURE_DATA),
                     "--site-url", "https://example.org/kb/"]) == cli.OK
    record = json.loads((other / "api" / "tilbud" / "testtilbud.json").read_text("utf-8"))
    assert "https://example.org/kb/tilbud/testtilbud/" in json.dumps(record)


def test_exports_into_a_missing_site_exits_2(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "findes-ikke"
    assert cli.main(["exports", "--site", str(missing), "--data", str(FIXTURE_DATA)]) == 2
    assert "ikke en mappe" in capsys.readouterr().err
    assert not missing.exists()
