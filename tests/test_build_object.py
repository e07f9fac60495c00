"""The build object (site/build_state.py): one per mkdocs process, nothing leaks between builds,
and one reader of the seed texts serves the data check and the pages."""

from __future__ import annotations

import ast
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from markupsafe import Markup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from koordineringsbasen.load import datacache
from koordineringsbasen.load.problems import DataError
from koordineringsbasen.render.blocks import restore
from koordineringsbasen.render.context import RenderContext
from koordineringsbasen.render.entity import render_entity
from koordineringsbasen.render.source_text import text_pages
from koordineringsbasen.serve.incremental import Incremental
from koordineringsbasen.settings import PACKAGE
from koordineringsbasen.site import build_state, generator
from koordineringsbasen.site.build_state import Build
from koordineringsbasen.tools.anchor_fill import fill
from tests.support import FIXTURE_SEEDS, ROOT

OLD_NAME = "Testtilbuddet Østerlund"
SEED = "000_0000000000000000.txt"
PAGE = "tilbud/testtilbud.md"
LINE_113 = "Linje 113 i en testkilde: taksten er 4.107 kr. pr. døgn i 2024 (siden rettet til 4.200 kr.)."


@pytest.fixture(autouse=True)
def fresh_process() -> Iterator[None]:
    """Each test starts as a new process would, and leaves no build object behind."""
    build_state.start()
    yield
    build_state.start()


@pytest.fixture
def seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(FIXTURE_SEEDS, folder)
    monkeypatch.setenv("KOORDINERINGSBASEN_SEEDS", str(folder))
    return folder


def rename_offer(data: Path, name: str) -> None:
    path = data / "tilbud" / "testtilbud.yml"
    text = path.read_text(encoding="utf-8")
    assert f"navn: {OLD_NAME}\n" in text
    path.write_text(text.replace(f"navn: {OLD_NAME}\n", f"navn: {name}\n"), encoding="utf-8")


def edit_seed_line(seeds: Path, new: str, step: int) -> None:
    """Line 113 of the seed text replaced, with a modification time `step` seconds later."""
    path = seeds / SEED
    text = path.read_text(encoding="utf-8")
    assert LINE_113 in text or "nyt ordvalg" in text
    lines = text.split("\n")
    lines[112] = new
    stat = path.stat()
    path.write_text("\n".join(lines), encoding="utf-8")
    later = stat.st_mtime_ns + step * 1_000_000_000
    os.utime(path, ns=(later, later))


def offer_page(ctx: RenderContext) -> str:
    """The offer's page as its macro writes it, with its blocks (the footnotes) in place."""
    assert ctx.blocks is not None
    text, blocks = ctx.blocks.finish(PAGE, render_entity(ctx, "tilbud", "testtilbud"))
    ctx.blocks.take(PAGE)
    return restore(text, blocks)


def test_a_serve_process_keeps_one_object_and_each_build_begins_empty(fixture_data: Path,
                                                                      seeds: Path) -> None:
    build = build_state.start("serve", True)
    build.load(fixture_data)
    build.blocks.aside("a.md", Markup("<p>x</p>"))
    build.views["a.md"] = build.context_for()
    record = build.part(Incremental)
    build.begin()
    assert build_state.build() is build and build.part(Incremental) is record
    assert len(build.blocks) == 0 and build.views == {}
    assert build.context is not None  # the last good data stay on screen under serve
    assert build_state.start("build") is not build  # a new process: a new object
    assert build_state.build().context is None and build_state.build().part(Incremental) \
        is not record


def test_a_page_with_a_view_of_its_own_sees_it_and_no_other_page_does(fixture_data: Path,
                                                                       seeds: Path) -> None:
    build = build_state.start("serve", True)
    ctx = build.load(fixture_data)
    other = Build().load(fixture_data)
    build.views["tilbud/testtilbud.md"] = other
    assert build_state.current("tilbud/testtilbud.md") is other
    assert build_state.current("index.md") is ctx and build_state.current() is ctx


@pytest.mark.build
def test_two_builds_in_one_process_do_not_leak_into_each_other(
        fixture_data: Path, seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # mkdocs-macros imports macros.py from the working directory
    monkeypatch.setenv("KOORDINERINGSBASEN_DATA", str(fixture_data))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    builds = []
    for index, name in enumerate([OLD_NAME, "Omdøbt tilbud"]):
        if name != OLD_NAME:
            rename_offer(fixture_data, name)
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / f"site{index}"),
                             strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        mkdocs_build(config)
        config.plugins.on_shutdown()
        builds.append(build_state.build())
    first, second = builds
    assert first is not second
    assert len(first.blocks) == len(second.blocks) == 0  # every block was put back
    assert second.context is not None and first.context is not None
    assert second.context.catalog.get("tilbud", "testtilbud").navn == "Omdøbt tilbud"
    assert first.context.catalog.get("tilbud", "testtilbud").navn == OLD_NAME
    page = (tmp_path / "site1" / "tilbud" / "testtilbud" / "index.html").read_text("utf-8")
    assert "Omdøbt tilbud" in page and OLD_NAME not in page
    first_page = (tmp_path / "site0" / "tilbud" / "testtilbud" / "index.html").read_text("utf-8")
    assert OLD_NAME in first_page and "Omdøbt tilbud" not in first_page


def test_write_pages_renders_with_the_context_it_is_given(fixture_data: Path, seeds: Path,
                                                          tmp_path: Path) -> None:
    current = build_state.load(fixture_data)  # the build object's data ...
    renamed = tmp_path / "renamed" / "data"
    shutil.copytree(fixture_data, renamed)
    rename_offer(renamed, "Et andet navn")
    other = Build().load(renamed)  # ... and other data, not the build object's
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("---\nrender_macros: true\n---\n\n"
                                   "Tilbud: {{ count('tilbud') }}\n", encoding="utf-8")
    pages = generator.write_pages(other, tmp_path / "out", expand=True, docs_dir=docs)
    offer = (tmp_path / "out" / "tilbud" / "testtilbud.md").read_text(encoding="utf-8")
    assert "Et andet navn" in offer and OLD_NAME not in offer.split("\n", 4)[-1]
    assert (tmp_path / "out" / "index.md").read_text(encoding="utf-8").strip() == "Tilbud: 1"
    assert tmp_path / "out" / "tilbud" / "testtilbud.md" in pages
    assert build_state.current() is current  # the build object is left as it was


def test_an_edited_seed_text_is_seen_by_the_check_and_the_pages_in_one_rebuild(
        fixture_data: Path, seeds: Path) -> None:
    build = build_state.start("serve", True)
    ctx = build.load(fixture_data)
    assert "4.107 kr. pr. døgn i 2024 (siden rettet" in offer_page(ctx)

    edit_seed_line(seeds, "Linje 113 i en testkilde: taksten er 4.107 kr. pr. døgn (nyt ordvalg).", 1)
    fill(fixture_data, seeds, renew=True)  # as a contributor records the new wording
    build.begin()
    ctx = build.load(fixture_data)
    page = offer_page(ctx)
    assert "(nyt ordvalg)" in page and "siden rettet til 4.200" not in page
    source_text = [uri for source_id, parts in text_pages(ctx) for _, uri in parts]
    assert source_text, "the fixture's source has a text page"

    # The check reads through the same reader: a number no longer in the line is reported now.
    edit_seed_line(seeds, "Linje 113 i en testkilde: taksten er ukendt (nyt ordvalg).", 2)
    fill(fixture_data, seeds, renew=True)
    build.begin()
    with pytest.raises(DataError) as raised:
        build.load(fixture_data)
    assert any("står ikke i linje 113" in problem.message for problem in raised.value.problems)
    assert build.context is ctx  # the last good data stay for the preview


def test_the_build_object_keeps_decoded_data_files_for_the_next_load(
        fixture_data: Path, seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOORDINERINGSBASEN_CACHE", str(tmp_path / "cache"))
    decoded: list[bytes] = []
    loads = datacache.pickle.loads
    monkeypatch.setattr(datacache.pickle, "loads", lambda raw: decoded.append(raw) or loads(raw))
    build_state.start("serve", True).load(fixture_data)  # fills the cache on disk
    build_state.start("serve", True).load(fixture_data)  # a new process: decodes every entry
    assert len(decoded) > 2
    decoded.clear()
    build_state.build().load(fixture_data)  # the same process: only the pack's index is read
    assert len(decoded) == 1
    memory = build_state.build().part(datacache.Memory)
    assert len(memory) == 1 and memory[next(iter(memory))]


def test_no_module_keeps_build_state_outside_the_build_object() -> None:
    """No `global` rebinding but the accessor's, and no module-level mutable container that is
    not a named constant (UPPER_CASE tables filled once at import). Caches are functools caches
    of pure functions, keyed by everything they read."""
    rebinding, containers = [], []
    mutable = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        name = path.relative_to(PACKAGE).as_posix()
        rebinding += [f"{name}: {', '.join(node.names)}" for node in ast.walk(tree)
                      if isinstance(node, ast.Global)]
        for node in tree.body:
            targets = (node.targets if isinstance(node, ast.Assign)
                       else [node.target] if isinstance(node, ast.AnnAssign) else [])
            value = getattr(node, "value", None)
            called = value.func.id if isinstance(value, ast.Call) and isinstance(
                value.func, ast.Name) else ""
            made = isinstance(value, mutable) or called in ("dict", "list", "set", "defaultdict")
            for target in targets:
                if not isinstance(target, ast.Name) or target.id == "__all__":
                    continue
                constant = target.id.isupper() and not target.id.startswith("_")
                # A private object made at import (e.g. `_JOB = Job()`) is state too.
                if (made and not constant) or (target.id.startswith("_") and called[:1].isupper()):
                    containers.append(f"{name}: {target.id}")
    assert rebinding == ["site/build_state.py: _build"]
    assert containers == []
