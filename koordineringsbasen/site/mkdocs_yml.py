"""Reads mkdocs.yml without running mkdocs, and writes the copy a hook-less generator builds.

mkdocs.yml uses `!ENV [NAME, default]` (resolved from the environment, as mkdocs does) and a
`!!python/object/apply:` tag (the toc slugify function), which is kept as written for the
generator to construct.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from ..settings import ROOT
from .footer import footer_settings

CONFIG = ROOT / "mkdocs.yml"
PYTHON_APPLY = "tag:yaml.org,2002:python/object/apply:"


class _Loader(yaml.SafeLoader):
    """SafeLoader plus mkdocs.yml's two tags."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    values = (loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode)
              else [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else [])
    for name in values[:-1] if len(values) > 1 else values:
        if isinstance(name, str) and name in os.environ:
            return os.environ[name]
    return values[-1] if len(values) > 1 else None


class _Tagged:
    """A `!!python/object/apply:` value, kept as written."""

    def __init__(self, tag: str, value: Any):
        self.tag, self.value = tag, value


def _python_apply(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    value = (loader.construct_mapping(node, deep=True) if isinstance(node, yaml.MappingNode)
             else loader.construct_sequence(node, deep=True) if isinstance(node, yaml.SequenceNode)
             else loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None)
    return _Tagged(PYTHON_APPLY + suffix, value)


_Loader.add_constructor("!ENV", _env_tag)
_Loader.add_multi_constructor(PYTHON_APPLY, _python_apply)


class _Dumper(yaml.SafeDumper):
    """Writes _Tagged values back with their tag."""


_Dumper.add_representer(_Tagged, lambda dumper, t: dumper.represent_mapping(t.tag, t.value))


def read(source: Path = CONFIG) -> dict[str, Any]:
    """mkdocs.yml as a dict, `!ENV` values resolved."""
    return yaml.load(source.read_text(encoding="utf-8"), Loader=_Loader)


def without_glue(docs_dir: Path, abbreviations: dict[str, str], source: Path = CONFIG
                 ) -> dict[str, Any]:
    """The project's config without macros, hooks and watch; docs_dir pointed elsewhere.

    For a docs folder whose macros are already expanded (`pages --expand`). The glossary's
    `abbreviations`, which the hook gives the abbr extension, are written into its options."""
    config = read(source)
    set_abbreviations(config, abbreviations)
    config["plugins"] = [p for p in config.get("plugins", [])
                         if not (isinstance(p, dict) and "macros" in p) and p != "macros"]
    config.pop("hooks", None)
    config.pop("watch", None)
    # What the hook adds to `extra` for the footer (publisher, contact, licence, issue form),
    # written out, so the theme's footer partial needs no hook.
    footer_settings(config.setdefault("extra", {}))
    config["docs_dir"] = str(docs_dir)
    theme = config.get("theme", {})
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str(source.parent / theme["custom_dir"])  # relative to mkdocs.yml
    _plain_slugify(config)
    return config


def _plain_slugify(config: dict[str, Any]) -> None:
    """The toc extension's slugify as pymdownx's own: another generator (Zensical) knows that
    one by name, not the project's render/heading_ids wrapper (whose ids it then lacks)."""
    for extension in config.get("markdown_extensions") or []:
        options = extension.get("toc") if isinstance(extension, dict) else None
        if not isinstance(options, dict):
            continue
        slugify = options.get("slugify")
        if isinstance(slugify, _Tagged) and slugify.tag.endswith("heading_ids.slugify"):
            options["slugify"] = _Tagged(PYTHON_APPLY + "pymdownx.slugs.slugify", slugify.value)


def set_abbreviations(config: dict[str, Any], abbreviations: dict[str, str]) -> None:
    """Put `abbreviations` into the abbr extension's `glossary` option in `config`."""
    extensions = config.get("markdown_extensions") or []
    for index, extension in enumerate(extensions):
        if extension == "abbr":
            extensions[index] = {"abbr": {"glossary": abbreviations}}
            return
        if isinstance(extension, dict) and "abbr" in extension:
            extension["abbr"] = {**(extension["abbr"] or {}), "glossary": abbreviations}
            return
    raise ValueError("mkdocs.yml has no abbr extension to give the glossary to")


def abbreviations(config: dict[str, Any]) -> dict[str, str]:
    """The abbr extension's glossary in `config` (as `set_abbreviations` wrote it)."""
    for extension in config.get("markdown_extensions") or []:
        if isinstance(extension, dict) and "abbr" in extension:
            return dict((extension["abbr"] or {}).get("glossary") or {})
    return {}


def write(config: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path
