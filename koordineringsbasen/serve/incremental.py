"""Rebuild only the pages that changed, under `mkdocs serve --dirty` (what `make serve` runs).

mkdocs' own dirty machinery decides by modification times, which say nothing about pages
generated from data. Here each page records what it read from the catalog while it rendered
(see tracking.py); on the next build a page is marked modified (`File.is_modified`) only when
something it read changed, or when anything else a page may depend on changed (docs/, the
theme overrides, mkdocs.yml, the glossary, the build date, the seed texts, the "last changed"
dates): then every page is rebuilt. A page whose Markdown comes out the same is not written
again. After the build, files of pages and exports that no longer exist are removed, so the
served folder equals a fresh full build.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .. import settings
from ..load import datacache
from ..render.context import RenderContext
from ..site import build_state
from .tracking import Changes, Read, tracked


@dataclass
class _PageRecord:
    reads: frozenset[Read]
    digest: str  # of the page's final Markdown
    title: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class _State:
    """What the last finished build produced."""

    context: RenderContext
    inputs: str
    pages: dict[str, _PageRecord]
    pages_out: set[str]  # every page file written into the site folder
    exports_out: set[str]  # every export file (written after the pages, see exports_written)


@dataclass
class _Build:
    """The build in progress."""

    context: RenderContext
    inputs: str
    everything: bool  # nothing can be reused: rebuild every page
    files: Files
    nav: Navigation | None = None
    pages: dict[str, _PageRecord] = field(default_factory=dict)
    reads: set[Read] | None = None  # the reads of the page rendering right now


log = logging.getLogger("mkdocs.plugins.koordineringsbasen")
_last: _State | None = None
_build: _Build | None = None


def _set_modified(file: File, value: bool) -> None:
    # mkdocs --dirty asks File.is_modified() before reading and before writing a page.
    file.is_modified = (lambda: value)  # type: ignore[method-assign]


def _digest_inputs(config: MkDocsConfig, files: Files, ctx: RenderContext) -> str:
    """Everything besides the catalog that any page may depend on."""
    digest = hashlib.sha256()

    def add(*parts: object) -> None:
        for part in parts:
            digest.update(part if isinstance(part, bytes) else repr(part).encode())
            digest.update(b"\0")

    add(Path(config.config_file_path).read_bytes(), config.site_url, config.use_directory_urls)
    docs = Path(config.docs_dir).resolve()
    for file in sorted(files, key=lambda f: f.src_uri):
        path = Path(file.abs_src_path).resolve() if file.abs_src_path else None
        if path is not None and docs in path.parents:
            add(file.src_uri, path.read_bytes())
    custom = config.theme.custom_dir
    if custom:
        for path in sorted(Path(custom).rglob("*")):
            if path.is_file():
                add(path.as_posix(), path.read_bytes())
    add(ctx.today, ctx.edit_base, sorted(ctx.changed.items()), ctx.catalog.glossary,
        datacache.seeds_fingerprint(settings.seeds_dir()))
    return digest.hexdigest()


def plan(files: Files, config: MkDocsConfig) -> None:
    """Mark each page modified or not, before mkdocs reads any of them."""
    global _build
    ctx = build_state.current()
    inputs = _digest_inputs(config, files, ctx)
    everything = _last is None or _last.inputs != inputs
    _build = _Build(ctx, inputs, everything, files)
    changes = None if everything or _last is None else Changes(_last.context.catalog, ctx.catalog)
    for file in files.documentation_pages():
        record = None if _last is None else _last.pages.get(file.src_uri)
        rebuild = changes is None or record is None or changes.any_changed(record.reads)
        _set_modified(file, rebuild)
        if not rebuild:
            assert record is not None
            _build.pages[file.src_uri] = record
    pages = len(files.documentation_pages())
    log.info("Læser %d af %d sider igen%s", pages - len(_build.pages), pages,
             " (alt kan afhænge af ændringen)" if everything else "")


def before_page(page: Page) -> None:
    """Render the page through a catalog view that records what it reads."""
    if _build is None:
        return
    _build.reads = set()
    build_state.use(_tracked_context(_build.context, _build.reads))


def _tracked_context(ctx: RenderContext, reads: set[Read]) -> RenderContext:
    return dataclasses.replace(ctx, catalog=tracked(ctx.catalog, reads))


def after_markdown(page: Page, markdown: str) -> None:
    """Keep what the page read; a page whose Markdown is unchanged is not written again."""
    if _build is None or _build.reads is None:
        return
    build_state.use(_build.context)
    src = page.file.src_uri
    digest = hashlib.sha256(markdown.encode()).hexdigest()
    _build.pages[src] = _PageRecord(frozenset(_build.reads), digest)
    _build.reads = None
    previous = None if _last is None else _last.pages.get(src)
    if not _build.everything and previous is not None and previous.digest == digest:
        _set_modified(page.file, False)


def remember_nav(nav: Navigation) -> None:
    if _build is not None:
        _build.nav = nav


def before_writing() -> None:
    """A page in the navigation that was not read again keeps its title for the others' menus."""
    if _build is None or _build.nav is None:
        return
    for page in _build.nav.pages:
        record = _build.pages.get(page.file.src_uri)
        if page.markdown is None and record is not None:
            page.markdown = ""  # never written: it is not modified; its old HTML stays
            page.meta = {**record.meta, "title": record.title}


def finish(config: MkDocsConfig) -> None:
    """Remove pages that no longer exist and remember this build (its exports follow)."""
    global _last, _build
    if _build is None:
        return
    build, _build = _build, None
    pages = build.files.documentation_pages()
    for file in pages:
        record = build.pages.get(file.src_uri)
        if file.page is not None and file.page.content is not None and record is not None:
            record.title, record.meta = file.page.title, dict(file.page.meta)
    outputs = {file.abs_dest_path for file in pages}
    if _last is not None:
        _remove(Path(config.site_dir), _last.pages_out - outputs)
    exports = _last.exports_out if _last is not None else set()
    _last = _State(build.context, build.inputs, build.pages, outputs, exports)


def exports_written(config: MkDocsConfig, exports: list[Path]) -> None:
    """The open data of the build just finished are written: remove files it no longer has."""
    if _last is None:
        return
    written = {str(path) for path in exports}
    _remove(Path(config.site_dir), _last.exports_out - written)
    _last.exports_out = written


def _remove(site_dir: Path, stale: set[str]) -> None:
    for name in stale:
        path = Path(name)
        path.unlink(missing_ok=True)
        parent = path.parent
        while parent != site_dir and site_dir in parent.parents and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


def failed() -> None:
    """A build that stopped half-way may have written some pages: trust nothing next time."""
    global _last, _build
    _last = _build = None
