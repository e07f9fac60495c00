"""Never half-published: a failed build leaves the last good site exactly as it was.

Two layers: the mkdocs hook aborts on invalid data before anything is written (even when
building straight into the published folder), and `make build` builds into its own
site.build-<id>/ and swaps it in only when the build succeeded (koordineringsbasen/site/publish.py),
which also covers failures late in the build, a kill at any step of the swap, and a second
build started meanwhile (refused by the checkout's lock).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from koordineringsbasen.site import publish as publish_module
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


def leftovers(box: Path) -> list[str]:
    """Build folders and swap links in the checkout (only the published build may remain)."""
    return sorted(p.name for p in box.iterdir()
                  if p.name.startswith(("site.build-", ".site.link-", "site.tmp", "site.old")))


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
    assert leftovers(sandbox) == []


@pytest.mark.build
def test_make_build_failing_late_keeps_the_old_site(sandbox: Path) -> None:
    """A strict-mode warning ends the build after pages were written: never published."""
    before = old_site(sandbox)
    (sandbox / "docs" / "kaputt.md").write_text("# Kaputt\n\n[Død henvisning](findes-ikke.md)\n",
                                                encoding="utf-8")
    result = make_build(sandbox, FIXTURE_DATA)
    assert result.returncode != 0, result.stdout + result.stderr
    assert "strict mode" in result.stdout + result.stderr
    assert "Bygget fejlede" in result.stderr
    assert tree_digest(sandbox / "site") == before
    assert leftovers(sandbox) == []  # the failed build's folder is gone


@pytest.mark.build
def test_make_build_with_valid_data_swaps_in_the_new_site(sandbox: Path) -> None:
    old_site(sandbox)
    result = make_build(sandbox, FIXTURE_DATA)
    assert result.returncode == 0, result.stdout + result.stderr
    site = sandbox / "site"
    assert (site / "tilbud" / "testtilbud" / "index.html").exists()
    assert not (site / "gammel").exists()
    assert "Sidste gode udgave" not in (site / "index.html").read_text(encoding="utf-8")
    assert (sandbox / "site").is_symlink()
    assert leftovers(sandbox) == [os.readlink(sandbox / "site")]


# --- One build at a time, and a swap that survives a kill at every step (issue 23) ----------

FAKE_PAGES = 40  # files a fake build writes: a site is complete when all are there


def fake_build(marker: str) -> list[str]:
    """A fast stand-in for mkdocs: writes FAKE_PAGES files holding `marker` into {dir}."""
    code = ("import pathlib, sys\n"
            "out = pathlib.Path(sys.argv[1])\n"
            f"for i in range({FAKE_PAGES}):\n"
            "    (out / f'side{i}').mkdir()\n"
            f"    (out / f'side{{i}}' / 'index.html').write_text({marker!r})\n")
    return [sys.executable, "-c", code, "{dir}"]


def publish(box: Path, marker: str, fault: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != publish_module.FAULT_ENV}
    if fault:
        env[publish_module.FAULT_ENV] = fault
    return subprocess.run([sys.executable, "-m", "koordineringsbasen.site.publish", "--root", str(box),
                           "--", *fake_build(marker)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=False)


def site_marker(box: Path) -> str:
    """The one marker of a complete site at box/site (fails on a missing or partial site)."""
    pages = sorted((box / "site").glob("side*/index.html"))
    assert len(pages) == FAKE_PAGES, f"incomplete site: {len(pages)} pages"
    markers = {p.read_text() for p in pages}
    assert len(markers) == 1, markers
    return markers.pop()


@pytest.mark.parametrize("start", ["real-folder", "published-link"])
@pytest.mark.parametrize("fault", publish_module.STEPS)
def test_a_kill_at_any_step_of_the_swap_leaves_a_complete_site(
        tmp_path: Path, start: str, fault: str) -> None:
    box = tmp_path / "checkout"
    box.mkdir()
    if start == "real-folder":  # a site/ from before the symlink layout
        for i in range(FAKE_PAGES):
            (box / "site" / f"side{i}").mkdir(parents=True)
            (box / "site" / f"side{i}" / "index.html").write_text("forrige")
    else:
        assert publish(box, "forrige").returncode == 0
    assert site_marker(box) == "forrige"

    killed = publish(box, "ny", fault=fault)
    assert killed.returncode == 137, killed.stderr
    # Killed before the rename: the old site; after it: the new one. Never anything between.
    assert site_marker(box) == ("forrige" if fault in ("built", "linked") else "ny")

    again = publish(box, "tredje")
    assert again.returncode == 0, again.stderr
    assert site_marker(box) == "tredje"
    assert (box / "site").is_symlink()
    assert leftovers(box) == [os.readlink(box / "site")]  # killed builds cleaned up


def test_a_failed_build_keeps_the_published_site_and_leaves_nothing(tmp_path: Path) -> None:
    assert publish(tmp_path, "god").returncode == 0
    failing = subprocess.run(
        [sys.executable, "-m", "koordineringsbasen.site.publish", "--root", str(tmp_path), "--",
         sys.executable, "-c", "import sys, pathlib; (pathlib.Path(sys.argv[1]) / 'x').touch(); "
         "sys.exit(3)", "{dir}"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert failing.returncode == 3
    assert site_marker(tmp_path) == "god"
    assert leftovers(tmp_path) == [os.readlink(tmp_path / "site")]


def test_a_second_build_is_refused_while_one_holds_the_lock(tmp_path: Path) -> None:
    fd = publish_module.acquire_lock(tmp_path)
    try:
        refused = publish(tmp_path, "nej")
    finally:
        publish_module.release_lock(fd)
    assert refused.returncode == 1
    assert f"Et andet byg kører allerede i {tmp_path}" in refused.stderr
    assert f"pid {os.getpid()}" in refused.stderr  # names the holder
    assert not (tmp_path / "site").exists() and leftovers(tmp_path) == []
    assert publish(tmp_path, "ja").returncode == 0  # released: the next build runs


def _complete_real_site(site: Path) -> None:
    for page in ("index.html", "404.html", "tilbud/testtilbud/index.html",
                 "pagefind/pagefind.js", "api/tilbud.csv", "aendringer.xml"):
        assert (site / page).is_file(), page


@pytest.mark.build
def test_two_make_builds_at_once_give_one_complete_site_and_one_refusal(sandbox: Path) -> None:
    env = {**os.environ, "KOORDINERINGSBASEN_DATA": str(FIXTURE_DATA),
           "KOORDINERINGSBASEN_SEEDS": str(FIXTURE_SEEDS)}
    (sandbox / "data").symlink_to(FIXTURE_DATA)
    command = ["make", "--no-print-directory", "build", "STAMP=.stamp"]
    first = subprocess.Popen(command, cwd=sandbox, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        lock = sandbox / ".site.lock"
        deadline = time.monotonic() + 60
        while not (lock.exists() and lock.read_text().strip()):
            assert first.poll() is None and time.monotonic() < deadline, "first build never locked"
            time.sleep(0.05)
        second = subprocess.run(command, cwd=sandbox, env=env, capture_output=True, text=True,
                                timeout=120)
        out, err = first.communicate(timeout=600)
    finally:
        if first.poll() is None:
            first.kill()
    assert second.returncode != 0
    assert "Et andet byg kører allerede" in second.stderr and "pid " in second.stderr
    assert first.returncode == 0, out + err
    _complete_real_site(sandbox / "site")
    assert leftovers(sandbox) == [os.readlink(sandbox / "site")]


def test_without_renameat2_an_old_real_site_folder_is_still_replaced(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "gammel.html").write_text("forrige")
    monkeypatch.setattr(publish_module, "_exchange", lambda first, second: False)

    def build_into(folder: Path) -> int:
        (folder / "index.html").write_text("ny")
        return 0
    assert publish_module.publish(tmp_path, build_into) == 0
    assert (tmp_path / "site").is_symlink()
    assert (tmp_path / "site" / "index.html").read_text() == "ny"
    assert leftovers(tmp_path) == [os.readlink(tmp_path / "site")]
