"""The anchor: the very same pages, rendered in-process and built by plain mkdocs-material.

Pages are written to disk as static Markdown (no macros plugin, no hook), so the difference
between the project's build and this one is the cost of the mkdocs glue.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import jinja2
import yaml

from koordineringsbasen import site
from koordineringsbasen.loader import ROOT
from koordineringsbasen.render.entity import render_entity
from koordineringsbasen.render.links import page_uri
from koordineringsbasen.render.special import abbreviation_definitions

EDIT_BASE = "https://github.com/koordineringsbasen/koordineringsbasen/edit/main/"
FRONT = "---\nsearch:\n  boost: {boost}\n---\n\n"


class _EnvLoader(yaml.SafeLoader):
    """mkdocs.yml uses !ENV [NAME, default]: take the environment value or the default."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [
        loader.construct_scalar(node)]
    for name in values[:-1] if len(values) > 1 else values:
        if isinstance(name, str) and name in os.environ:
            return os.environ[name]
    return values[-1] if len(values) > 1 else None


_EnvLoader.add_constructor("!ENV", _env_tag)

PYTHON_APPLY = "tag:yaml.org,2002:python/object/apply:"


class _Tagged:
    """A `!!python/object/apply:` value (e.g. the toc slugify function), kept as written."""

    def __init__(self, tag: str, value: Any):
        self.tag, self.value = tag, value


def _python_apply(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    value = (loader.construct_mapping(node, deep=True) if isinstance(node, yaml.MappingNode)
             else loader.construct_sequence(node, deep=True))
    return _Tagged(PYTHON_APPLY + suffix, value)


_EnvLoader.add_multi_constructor(PYTHON_APPLY, _python_apply)


class _Dumper(yaml.SafeDumper):
    """Writes _Tagged values back with their tag, for mkdocs to construct."""


_Dumper.add_representer(_Tagged, lambda dumper, t: dumper.represent_mapping(t.tag, t.value))


class _FakeMacrosEnv:
    """Just enough of mkdocs-macros' env for macros.define_env: collect the macros."""

    def __init__(self) -> None:
        self.macros: dict[str, Any] = {}
        self.page: Any = None

    def macro(self, function: Any) -> Any:
        self.macros[function.__name__] = function
        return function


class _Page:
    """The attributes of mkdocs' Page that macros read: file.src_uri and url."""

    def __init__(self, src_uri: str):
        self.file = type("F", (), {"src_uri": src_uri})()
        stem = src_uri.removesuffix(".md")
        # use_directory_urls: 'a/index.md' -> 'a/', 'a/b.md' -> 'a/b/', 'index.md' -> ''.
        self.url = stem.removesuffix("index") if stem.split("/")[-1] == "index" else stem + "/"


def anchor_config(docs_dir: Path, source: Path = ROOT / "mkdocs.yml") -> dict[str, Any]:
    """The project's mkdocs.yml without macros, hooks and watch; docs_dir pointed elsewhere."""
    config = yaml.load(source.read_text(encoding="utf-8"), Loader=_EnvLoader)
    config["plugins"] = [p for p in config.get("plugins", [])
                         if not (isinstance(p, dict) and "macros" in p) and p != "macros"]
    config.pop("hooks", None)
    config.pop("watch", None)
    config["docs_dir"] = str(docs_dir)
    theme = config.get("theme", {})
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str(source.parent / theme["custom_dir"])  # relative to mkdocs.yml
    return config


def _split_front(text: str) -> tuple[str, str]:
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4) + 5
        return text[:end], text[end:]
    return "", text


def write_anchor(data_dir: Path, seeds_dir: Path, target: Path) -> tuple[Path, int, float]:
    """Render every page into target/docs, write target/mkdocs.yml.

    Returns (config, pages, seconds spent writing the hook's open-data exports, or -1 without
    them): the anchor site has no exports, so that cost is part of the project build only.
    """
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import macros  # the project's mkdocs-macros module, at the repo root

    previous = os.environ.get("KOORDINERINGSBASEN_SEEDS")
    os.environ["KOORDINERINGSBASEN_SEEDS"] = str(seeds_dir)
    try:
        # site.load makes this the current context, which the macros read, as in a build.
        ctx = site.load(data_dir, edit_base=EDIT_BASE)
    finally:
        if previous is None:
            os.environ.pop("KOORDINERINGSBASEN_SEEDS")
        else:
            os.environ["KOORDINERINGSBASEN_SEEDS"] = previous
    abbr = "\n\n" + abbreviation_definitions(ctx) + "\n"
    docs = target / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(ROOT / "docs", docs)
    fake = _FakeMacrosEnv()
    macros.define_env(fake)
    jinja = jinja2.Environment(autoescape=False)
    pages = 0
    for path in sorted(docs.rglob("*.md")):
        front, body = _split_front(path.read_text(encoding="utf-8"))
        src_uri = path.relative_to(docs).as_posix()
        if "render_macros: true" in front:
            fake.page = _Page(src_uri)
            body = jinja.from_string(body).render(**fake.macros)
        path.write_text(front + body + abbr, encoding="utf-8")
        pages += 1
    for kind, entities in ctx.catalog.entities.items():
        for entity_id in entities:
            out = docs / page_uri(kind, entity_id)
            out.parent.mkdir(parents=True, exist_ok=True)
            front = FRONT.format(boost=3 if kind != "kilder" else 1)
            out.write_text(front + render_entity(ctx, kind, entity_id) + abbr, encoding="utf-8")
            pages += 1
    config = target / "mkdocs.yml"
    config.write_text(yaml.dump(anchor_config(docs), Dumper=_Dumper, allow_unicode=True,
                                sort_keys=False), encoding="utf-8")
    return config, pages, _export_seconds(ctx, target / "exports")


def _export_seconds(ctx: Any, out: Path) -> float:
    try:
        from koordineringsbasen.exports import SiteInfo, write_exports
    except ImportError:
        return -1.0
    start = time.perf_counter()
    write_exports(ctx.catalog, out, SiteInfo("https://example.org/", True, ctx.today, ctx.changed))
    return time.perf_counter() - start
