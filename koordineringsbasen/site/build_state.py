"""The build object: everything one mkdocs process knows about its builds, in one place.

The mkdocs hook makes it when mkdocs starts (on_startup: `mkdocs build` makes one, `mkdocs
serve` one for all its rebuilds) and begins each build in it (on_config). It holds how the
process runs, the render context of the build in progress (with its one reader of the seed
texts), the register of the HTML blocks and footnote markers each page's writers made
(render/blocks.py), the context each page renders through, and, as `part`s, the data files
decoded by earlier loads (datacache.Memory) and the state of the serve layer (the incremental
record, the problem banner, the work after serving). Macros and the hook reach it through
`build()`; nothing else keeps state between builds in a module global.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .. import settings
from ..load.datacache import Memory
from ..load.loader import load_catalog
from ..render.blocks import Blocks
from ..render.context import RenderContext
from ..texts.seedtext import SeedTexts
from .history import VersionMemory, read_history

T = TypeVar("T")


@dataclass
class Build:
    """One mkdocs process's builds. `context` outlives a build only under `mkdocs serve`, where
    invalid data keep the last good data on screen."""

    command: str = "build"  # as mkdocs starts: build, serve, gh-deploy
    dirty: bool = False  # --dirty: only changed pages are rebuilt (under serve: incremental.py)
    context: RenderContext | None = None  # the data of the build in progress (or last good)
    blocks: Blocks = field(default_factory=Blocks)  # each page's HTML blocks and markers
    views: dict[str, RenderContext] = field(default_factory=dict)  # page -> its own context
    _parts: dict[type, Any] = field(default_factory=dict, repr=False)

    def begin(self) -> None:
        """A new build starts: nothing a page of the last one set aside or saw is kept."""
        self.blocks.clear()
        self.views.clear()

    def load(self, data_dir: Path | None = None, edit_base: str | None = None) -> RenderContext:
        """Load and validate the data (raises DataError) and make them this build's.

        One reader of the seed texts (SeedTexts) serves the data check and the pages."""
        data = data_dir or settings.data_dir()
        seeds = settings.seeds_dir()
        texts = SeedTexts(seeds if seeds.is_dir() else None)
        catalog = load_catalog(data, seeds, cache_dir=settings.cache_dir(), texts=texts,
                               memory=self.part(Memory))
        history = read_history(data, catalog, settings.cache_dir(), self.part(VersionMemory))
        self.context = RenderContext(catalog, edit_base=edit_base,
                                     changed=history.changed() if history else {}, texts=texts,
                                     corrected=history.corrected() if history else {},
                                     blocks=self.blocks, history=history)
        return self.context

    def context_for(self, page: str | None = None) -> RenderContext:
        """The context page `page` renders through (its own view, else the build's)."""
        if page is not None and page in self.views:
            return self.views[page]
        if self.context is None:
            raise RuntimeError("no data loaded: the mkdocs hook must run before rendering")
        return self.context

    def part(self, kind: type[T]) -> T:
        """The one `kind` object of this process (state of a layer above this one, e.g. the
        serve layer's incremental record), made on first use."""
        found = self._parts.get(kind)
        if found is None:
            found = self._parts[kind] = kind()
        return found

    @property
    def serving(self) -> bool:
        return self.command == "serve"


_build: Build | None = None  # the one accessor's object (see build())


def start(command: str = "build", dirty: bool = False) -> Build:
    """A new build object for a process that starts (mkdocs' on_startup)."""
    global _build
    _build = Build(command, dirty)
    return _build


def build() -> Build:
    """The build object of this process (one is made when none was started, e.g. by the CLI)."""
    return _build if _build is not None else start()


def load(data_dir: Path | None = None, edit_base: str | None = None) -> RenderContext:
    """Load the data into the build object (see Build.load)."""
    return build().load(data_dir, edit_base)


def current(page: str | None = None) -> RenderContext:
    """The render context of the build in progress, as page `page` sees it."""
    return build().context_for(page)


def loaded() -> bool:
    return build().context is not None
