"""Zensical as a further anchor: the anchor's expanded pages built by `zensical build`.

Zensical (by Material's authors) reads mkdocs.yml but runs no hooks, so it is given the pages
as `pages --expand` writes them (the plain-mkdocs anchor's docs folder) and the same hook-less
config. Reported: its time and peak memory, and whether its pages match the project's build
(same pages, same article text). It is installed by `make bench` only (requirements-bench.lock).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

from koordineringsbasen.site import mkdocs_yml

from .compare import compare, page_texts
from .measure import timed

CONFIG = "zensical.yml"


def zensical_build(anchor: Path, project_site: Path, env: dict[str, str]) -> dict[str, Any]:
    """Build anchor/docs with Zensical into anchor/site-zensical; figures and the comparison."""
    if importlib.util.find_spec("zensical") is None:
        return {"ok": False, "error": "zensical is not installed: make bench installs it"}
    # Zensical 0.0.73 panics on an absolute docs_dir or site_dir: paths relative to the config.
    anchor_abbreviations = mkdocs_yml.abbreviations(mkdocs_yml.read(anchor / "mkdocs.yml"))
    config = mkdocs_yml.without_glue(Path("docs"), anchor_abbreviations)
    config["site_dir"] = "site-zensical"
    mkdocs_yml.write(config, anchor / CONFIG)
    run = timed([sys.executable, "-m", "zensical", "build", "--clean", "--strict",
                 "--config-file", CONFIG], env, anchor, anchor / "zensical.log")
    figures: dict[str, Any] = {"ok": run.returncode == 0, "seconds": round(run.seconds, 2),
                               "max_rss_mb": round(run.max_rss_mb)}
    if run.returncode:
        figures["error"] = run.output[-1500:]
        return figures
    comparison = compare(page_texts(project_site), page_texts(anchor / "site-zensical"))
    figures["matches"] = comparison.matches
    figures["comparison"] = comparison.summary()
    return figures
