"""`pages --out` deletes only folders it made itself (issue 23, class 2)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from koordineringsbasen import cli
from koordineringsbasen.site import output_dirs
from koordineringsbasen.site.output_dirs import MARKER, OutputDirRefused, check_replaceable
from tests.support import FIXTURE_SEEDS


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path, fixture_data: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/projekt/{data, noter/}: a checkout-like folder with data and a user's own files."""
    monkeypatch.setenv("KOORDINERINGSBASEN_SEEDS", str(FIXTURE_SEEDS))
    root = tmp_path / "projekt"
    root.mkdir()
    shutil.copytree(fixture_data, root / "data")
    (root / "noter").mkdir()
    (root / "noter" / "vigtigt.md").write_text("# Mine noter\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("out", [".", "data", "data/kilder", "data/ny-mappe", "noter", "..",
                                 "noter/vigtigt.md"])
def test_pages_refuses_a_folder_it_did_not_make(project: Path, out: str, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(project)
    before = _tree(project.parent)
    assert cli.main(["pages", "--out", out, "--data", "data"]) == cli.REFUSED
    err = capsys.readouterr().err
    assert err.startswith("Fejl: ") and ("intet er slettet" in err or "ikke en mappe" in err), err
    assert _tree(project.parent) == before  # nothing deleted, nothing written


def test_pages_writes_a_new_folder_and_replaces_only_its_own(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    out = project / "ud" / "sider"
    assert cli.main(["pages", "--out", str(out), "--data", "data"]) == cli.OK
    assert (out / MARKER).is_file() and (out / "index.md").is_file()
    (out / "rest.md").write_text("gammel\n", encoding="utf-8")
    assert cli.main(["pages", "--out", str(out), "--data", "data"]) == cli.OK  # its own: replaced
    assert not (out / "rest.md").exists() and (out / MARKER).is_file()
    empty = project / "tom"
    empty.mkdir()
    assert cli.main(["pages", "--out", str(empty), "--data", "data"]) == cli.OK  # empty: fine


def test_an_unmarked_tmp_folder_beside_the_output_is_not_deleted(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    (project / "sider.tmp").mkdir()
    (project / "sider.tmp" / "fremmed.txt").write_text("ikke vores", encoding="utf-8")
    assert cli.main(["pages", "--out", "sider", "--data", "data"]) == cli.REFUSED
    assert (project / "sider.tmp" / "fremmed.txt").read_text(encoding="utf-8") == "ikke vores"


def test_the_checkout_its_parent_and_data_are_never_replaceable(tmp_path: Path) -> None:
    root = tmp_path / "home" / "checkout"
    data = root / "data"
    (data / "tilbud").mkdir(parents=True)
    protected = output_dirs.protected_folders([data], root)
    for path in (root, root.parent, tmp_path, data, data / "tilbud", data / "x" / "y"):
        if path.exists():
            output_dirs.mark(path)  # even a marker does not make them replaceable
        with pytest.raises(OutputDirRefused):
            check_replaceable(path, protected)
    check_replaceable(root / "site-sider", protected)  # new: fine
    link = root / "link"
    link.symlink_to(tmp_path)
    with pytest.raises(OutputDirRefused):
        check_replaceable(link, protected)
