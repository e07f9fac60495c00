"""Rebuild only the pages that changed, under `mkdocs serve --dirty` (what `make serve` runs).

mkdocs' own dirty machinery decides by modification times, which say nothing about pages
generated from data. Here each page records what it read from the catalog while it rendered
(see tracking.py); on the next build a page is marked modified (`File.is_modified`) only when
something it read changed, or when anything else a page may depend on changed (docs/, the
theme overrides, mkdocs.yml, the glossary, the build date, the seed texts, the "last changed"
dates): then every page is rebuilt. A page whose Markdown comes out the same is not written
again. After the build, files of pages and exports that no longer exist are removed, so the
served folder equals a fresh full build. The record lives in the build object (an `Incremental`
part, build_state.Build.part), and each page renders through its own tracking view of the
catalog (Build.views), so no page's reads are mixed with another's.
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
from ..site.build_state import Build
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
    history = ctx.history.commits[0].commit if ctx.history and ctx.history.commits else None
    add(ctx.today, ctx.edit_base, sorted(ctx.changed.items()), history, ctx.catalog.glossary,
        datacache.seeds_fingerprint(settings.seeds_dir()))  # a new commit: every history
    return digest.hexdigest()


def _tracked_context(ctx: RenderContext, reads: set[Read]) -> RenderContext:
    return dataclasses.replace(ctx, catalog=tracked(ctx.catalog, reads))


class Incremental:
    """The record of the last finished build and the build in progress (one per process)."""

    def __init__(self) -> None:
        self.last: _State | None = None
        self.build: _Build | None = None

    def plan(self, build: Build, files: Files, config: MkDocsConfig) -> None:
        """Mark each page modified or not, before mkdocs reads any of them."""
        ctx, last = build.context_for(), self.last
        inputs = _digest_inputs(config, files, ctx)
        everything = last is None or last.inputs != inputs
        self.build = current = _Build(ctx, inputs, everything, files)
        changes = None if everything or last is None else Changes(last.context.catalog,
                                                                  ctx.catalog)
        for file in files.documentation_pages():
            record = None if last is None else last.pages.get(file.src_uri)
            rebuild = changes is None or record is None or changes.any_changed(record.reads)
            _set_modified(file, rebuild)
            if not rebuild:
                assert record is not None
                current.pages[file.src_uri] = record
        pages = len(files.documentation_pages())
        log.info("Læser %d af %d sider igen%s", pages - len(current.pages), pages,
                 " (alt kan afhænge af ændringen)" if everything else "")

    def before_page(self, build: Build, page: Page) -> None:
        """Render the page through its own catalog view that records what it reads."""
        if self.build is None:
            return
        self.build.reads = set()
        build.views[page.file.src_uri] = _tracked_context(self.build.context, self.build.reads)

    def after_markdown(self, build: Build, page: Page, markdown: str,
                       blocks: list[str]) -> None:
        """Keep what the page read; a page whose Markdown and HTML blocks are unchanged is not
        written again."""
        src = page.file.src_uri
        build.views.pop(src, None)
        current = self.build
        if current is None or current.reads is None:
            return
        hashed = hashlib.sha256(markdown.encode())
        for block in blocks:
            hashed.update(b"\0" + block.encode())
        digest = hashed.hexdigest()
        current.pages[src] = _PageRecord(frozenset(current.reads), digest)
        current.reads = None
        previous = None if self.last is None else self.last.pages.get(src)
        if not current.everything and previous is not None and previous.digest == digest:
            _set_modified(page.file, False)

    def remember_nav(self, nav: Navigation) -> None:
        if self.build is not None:
            self.build.nav = nav

    def before_writing(self) -> None:
        """A page in the navigation not read again keeps its title for the others' menus."""
        if self.build is None or self.build.nav is None:
            return
        for page in self.build.nav.pages:
            record = self.build.pages.get(page.file.src_uri)
            if page.markdown is None and record is not None:
                page.markdown = ""  # never written: it is not modified; its old HTML stays
                page.meta = {**record.meta, "title": record.title}

    def finish(self, config: MkDocsConfig) -> None:
        """Remove pages that no longer exist and remember this build (its exports follow)."""
        if self.build is None:
            return
        build, self.build = self.build, None
        pages = build.files.documentation_pages()
        for file in pages:
            record = build.pages.get(file.src_uri)
            if file.page is not None and file.page.content is not None and record is not None:
                record.title, record.meta = file.page.title, dict(file.page.meta)
        outputs = {file.abs_dest_path for file in pages}
        last = self.last
        if last is not None:
            _remove(Path(config.site_dir), last.pages_out - outputs)
        exports = last.exports_out if last is not None else set()
        self.last = _State(build.context, build.inputs, build.pages, outputs, exports)

    def exports_written(self, config: MkDocsConfig, exports: list[Path]) -> None:
        """The open data of the build just finished are written: remove files it no longer
        has."""
        if self.last is None:
            return
        written = {str(path) for path in exports}
        _remove(Path(config.site_dir), self.last.exports_out - written)
        self.last.exports_out = written

    def failed(self) -> None:
        """A build that stopped half-way may have written some pages: trust nothing next time."""
        self.last = self.build = None


def _remove(site_dir: Path, stale: set[str]) -> None:
    for name in stale:
        path = Path(name)
        path.unlink(missing_ok=True)
        parent = path.parent
        while parent != site_dir and site_dir in parent.parents and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
