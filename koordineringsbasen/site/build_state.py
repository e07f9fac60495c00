"""The catalog and render context of the build in progress, shared by the hook and macros.

The mkdocs hook sets it once per build (on_config); macros read it when pages render.
"""

from __future__ import annotations

from pathlib import Path

from .. import settings
from ..load.loader import load_catalog
from ..render.context import RenderContext
from ..texts.seedtext import SeedTexts
from .history import last_changed, last_corrected

_current: RenderContext | None = None


def load(data_dir: Path | None = None, edit_base: str | None = None) -> RenderContext:
    """Load and validate the data (raises DataError) and make it the current build's."""
    global _current
    data = data_dir or settings.data_dir()
    seeds = settings.seeds_dir()
    catalog = load_catalog(data, seeds, cache_dir=settings.cache_dir())
    _current = RenderContext(catalog, edit_base=edit_base, changed=last_changed(data.parent),
                             texts=SeedTexts(seeds if seeds.is_dir() else None),
                             corrected=last_corrected(data.parent))
    return _current


def current() -> RenderContext:
    if _current is None:
        raise RuntimeError("no data loaded: the mkdocs hook must run before rendering")
    return _current


def use(context: RenderContext) -> None:
    """Make `context` the current one (the incremental build renders through a tracking view)."""
    global _current
    _current = context


def loaded() -> bool:
    return _current is not None
