"""What every renderer needs: the catalog, the build date, and where the data files live."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..catalog import Catalog
from ..settings import build_date
from ..texts.seedtext import SeedTexts
from .blocks import Blocks, set_aside
from .history import History

if TYPE_CHECKING:
    from .citations import Citations


@dataclass(frozen=True)
class RenderContext:
    catalog: Catalog
    today: dt.date = field(default_factory=build_date)
    edit_base: str | None = None  # e.g. https://github.com/org/repo/edit/main/
    changed: Mapping[str, str] = field(default_factory=dict)  # data file -> ISO date
    texts: SeedTexts = field(default_factory=lambda: SeedTexts(None))  # the source texts
    corrected: Mapping[str, str] = field(default_factory=dict)  # data file -> ISO date of its
    # newest content change after it was added
    history: History | None = field(default=None, compare=False)  # the data's change history
    # from git (history.py); None: the build has none (no git, a shallow clone, a tarball)
    blocks: Blocks | None = field(default=None, compare=False)  # the build's register of HTML
    # blocks and footnote markers (blocks.py); None: they stay in the Markdown as written

    def block(self, page: str, html: Markup) -> Markup:
        """`html`, a block standing on its own in `page`'s Markdown, registered with the page."""
        return set_aside(self.blocks, page, html)

    def citations(self, page: str) -> Citations:
        """The footnote register of `page`, quoting and linking the source texts of this build."""
        from .citations import Citations  # citations -> textlayout -> exports -> here

        return Citations(self.catalog, page, self.texts, self.blocks)

    def edit_url(self, kind: str, entity_id: str) -> str | None:
        path = self.catalog.files.get((kind, entity_id))
        if not path or not self.edit_base:
            return None
        return self.edit_base + path

    def last_changed(self, kind: str, entity_id: str) -> str | None:
        return self.changed.get(self.catalog.files.get((kind, entity_id), ""))
