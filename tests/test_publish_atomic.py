"""Never half-published: a failed build leaves the last good site exactly as it was.

Two layers: the mkdocs hook aborts on invalid data before anything is written (even when
building straight into the published folder), and `make build` builds into site.tmp and swaps
it in only when the build succeeded, which also covers failures late in the build.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import FIXTURE_DATA, FIXTURE_SEEDS, ROOT, build_site

# What `make build` needs from the project; everything else is left out of the sandbox.
FAR_FUTURE = 4102444800  # 2100-01-01 00:00 UTC
PROJECT_ENTRIES = ["Makefile", "mkdocs.yml", "macros.py", "koordineringsbasen", "overrides",
                   "pyproject.toml", "requirements.lock", ".venv"]


def tree_digest(folder: Path) -> str:
    """Names, contents and modification times of every file below `folder`."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
            digest.update(str(path.stat().st_mtime_ns).encode())
    return digest.hexdigest()


def break_data(data: Path) -> None:
    path = data / "tilbud" / "testtilbud.yml"
    text = path.read_text(encoding="utf-8").replace("belaegning_procent: 95,",
                                                    'belaegning_procent: "33,5",')
    path.write_text(text, encoding="utf-8")


def test_invalid_data_aborts_before_writing_into_an_existing_site(
    fixture_site: Path, fixture_data: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(fixture_site, site)  # copytree keeps modification times
    before = tree_digest(site)
    break_data(fixture_data)

    result = build_site(fixture_data, site, FIXTURE_SEEDS)

    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Data er ugyldige; intet er bygget" in output
    assert ("data/tilbud/testtilbud.yml:15:64: kapacitet[0].belaegning_procent: '33,5' har dansk "
            "decimalkomma") in output
    assert "Cleaning site directory" not in output
    assert tree_digest(site) == before


@pytest.fixture
def sandbox(tmp_path: Path) -> Path:
    """A folder where `make build` runs against this project, with its own site/."""
    box = tmp_path / "project"
    box.mkdir()
    for name in PROJECT_ENTRIES:
        (box / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "docs", box / "docs")
    # The install stamp, dated 2100-01-01 (not from the clock): newer than pyproject.toml and
    # requirements.lock even if they change meanwhile, so make never reinstalls (the sandbox's
    # .venv is the real one).
    (box / ".stamp").touch()
    os.utime(box / ".stamp", (FAR_FUTURE, FAR_FUTURE))
    return box


def make_build(box: Path, data: Path) -> subprocess.CompletedProcess[str]:
    (box / "data").unlink(missing_ok=True)
    (box / "data").symlink_to(data)  # mkdocs.yml watches data/
    env = {**os.environ, "KOORDINERINGSBASEN_DATA": str(data),
           "KOORDINERINGSBASEN_SEEDS": str(FIXTURE_SEEDS)}
    return subprocess.run(["make", "--no-print-directory", "build", "STAMP=.stamp"], cwd=box,
                          env=env, capture_output=True, text=True, timeout=600, check=False)


def old_site(box: Path) -> str:
    site = box / "site"
    (site / "gammel").mkdir(parents=True)
    (site / "index.html").write_text("<p>Sidste gode udgave</p>", encoding="utf-8")
    (site / "gammel" / "side.html").write_text("<p>Gammel side</p>", encoding="utf-8")
    return tree_digest(site)


@pytest.mark.build
def test_make_build_with_invalid_data_keeps_the_old_site(sandbox: Path,
                                                         fixture_data: Path) -> None:
    before = old_site(sandbox)
    break_data(fixture_data)
    result = make_build(sandbox, fixture_data)
    assert result.returncode != 0, result.stdout + result.stderr
    assert "kapacitet[0].belaegning_procent" in result.stdout + result.stderr
    assert tree_digest(sandbox / "site") == before
    assert not (sandbox / "site.old").exists()


@pytest.mark.build
def test_make_build_failing_late_keeps_the_old_site(sandbox: Path) -> None:
    """A strict-mode warning ends the build after pages were written: only site.tmp has them."""
    before = old_site(sandbox)
    (sandbox / "docs" / "kaputt.md").write_text("# Kaputt\n\n[Død henvisning](findes-ikke.md)\n",
                                                encoding="utf-8")
    result = make_build(sandbox, FIXTURE_DATA)
    assert result.returncode != 0, result.stdout + result.stderr
    assert "strict mode" in result.stdout + result.stderr
    assert (sandbox / "site.tmp" / "kaputt" / "index.html").exists()  # written, never published
    assert tree_digest(sandbox / "site") == before


@pytest.mark.build
def test_make_build_with_valid_data_swaps_in_the_new_site(sandbox: Path) -> None:
    old_site(sandbox)
    result = make_build(sandbox, FIXTURE_DATA)
    assert result.returncode == 0, result.stdout + result.stderr
    site = sandbox / "site"
    assert (site / "tilbud" / "testtilbud" / "index.html").exists()
    assert not (site / "gammel").exists()
    assert "Sidste gode udgave" not in (site / "index.html").read_text(encoding="utf-8")
    assert not (sandbox / "site.tmp").exists() and not (sandbox / "site.old").exists()
