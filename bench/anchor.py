"""The anchor: the very same pages, rendered in-process and built by plain mkdocs-material.

Pages are written to disk with every macro expanded (`pages --expand`: no macros plugin, no
hook), so the difference between the project's build and this one is the cost of the mkdocs glue.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from koordineringsbasen.render.context import RenderContext
from koordineringsbasen.render.special import abbreviations
from koordineringsbasen.site import build_state, generator, mkdocs_yml

EDIT_BASE = generator.edit_base(mkdocs_yml.read()["extra"]["github_repo"])
# Plain Material keeps its own search (the project replaced it with Pagefind), configured as
# the project had it, so the anchor is what plain Material with its search costs.
MATERIAL_SEARCH = {"search": {"lang": "da", "separator":
                              r'[\s\-,;:!=\[\]()"/§·–]+|(?!\b)(?=[A-Z][a-z])|\.(?!\d)|&[lg]t;'}}


def anchor_config(docs_dir: Path, abbreviations: dict[str, str], search: bool = True
                  ) -> dict[str, Any]:
    """The project's mkdocs.yml without the glue and the theme overrides (plain Material, its
    own header and search box), with the glossary's `abbreviations` as the hook gives them,
    and with Material's search plugin unless `search` is False."""
    config = mkdocs_yml.without_glue(docs_dir, abbreviations)
    if search:
        config["plugins"].insert(0, MATERIAL_SEARCH)
    theme = config.get("theme", {})
    if isinstance(theme, dict):
        theme.pop("custom_dir", None)
    return config


def write_anchor(data_dir: Path, seeds_dir: Path, target: Path) -> tuple[Path, int, float]:
    """Render every page into target/docs, write target/mkdocs.yml.

    Returns (config, pages, seconds spent writing the hook's open-data exports): the anchor site
    has no exports, so that cost is part of the project build only.
    """
    previous = os.environ.get("KOORDINERINGSBASEN_SEEDS")
    os.environ["KOORDINERINGSBASEN_SEEDS"] = str(seeds_dir)
    try:
        # Loaded as the hook loads it (the build object); the macros render with this context.
        ctx = build_state.load(data_dir, edit_base=EDIT_BASE)
    finally:
        if previous is None:
            os.environ.pop("KOORDINERINGSBASEN_SEEDS")
        else:
            os.environ["KOORDINERINGSBASEN_SEEDS"] = previous
    docs = target / "docs"
    pages = generator.write_pages(ctx, docs, expand=True)
    config = mkdocs_yml.write(anchor_config(docs, abbreviations(ctx)), target / "mkdocs.yml")
    # The same without Material's search: the difference is that plugin's cost.
    mkdocs_yml.write(anchor_config(docs, abbreviations(ctx), search=False), target / "mkdocs-nosearch.yml")
    return config, len(pages), _export_seconds(ctx, target / "exports")


def _export_seconds(ctx: RenderContext, out: Path) -> float:
    start = time.perf_counter()
    generator.write_site_exports(ctx, out, "https://example.org/")
    return time.perf_counter() - start
