"""Expands a page's macro calls without mkdocs-macros, for generators that have no macros plugin.

The macros are the project's own (macros.py, `define_env`) behind a stand-in for mkdocs-macros'
env, so each macro is still defined once. Only pages whose front matter says
`render_macros: true` are expanded, as with `render_by_default: false`; the flag is then dropped,
so a generator with a macros plugin of its own never reads data text as a template.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import jinja2
import yaml

from ..render.context import RenderContext
from ..render.links import page_url
from ..settings import ROOT
from . import mkdocs_yml


class _Page:
    """The attributes of mkdocs' Page that the macros read: file.src_uri and url."""

    def __init__(self, src_uri: str):
        self.file = type("File", (), {"src_uri": src_uri})()
        self.url = page_url(src_uri)


class MacrosEnv:
    """Just enough of mkdocs-macros' env for macros.define_env: it collects the macros, which
    render with `render_context` (not the build object's)."""

    def __init__(self, render_context: RenderContext) -> None:
        self.macros: dict[str, Callable[..., Any]] = {}
        self.page: _Page | None = None
        self.render_context = render_context
        self.conf = mkdocs_yml.read()  # site_url and extra (publisher, contact), as mkdocs reads them
        if str(ROOT) not in sys.path:
            sys.path.insert(0, str(ROOT))
        import macros  # the project's mkdocs-macros module, at the repository root

        macros.define_env(self)
        # StrictUndefined: a misspelt macro fails loudly instead of printing nothing.
        self._jinja = jinja2.Environment(autoescape=False, undefined=jinja2.StrictUndefined)

    def macro(self, function: Callable[..., Any]) -> Callable[..., Any]:
        self.macros[function.__name__] = function
        return function

    def expand(self, text: str, src_uri: str) -> str:
        """The page `text` (front matter and Markdown) with its macros expanded."""
        front, body = split_front(text)
        if not front.get("render_macros"):
            return text
        self.page = _Page(src_uri)
        body = self._jinja.from_string(body).render(**self.macros)
        del front["render_macros"]
        return join_front(front, body)


def split_front(text: str) -> tuple[dict[str, Any], str]:
    """(front matter, Markdown body) of a page; {} when it has none."""
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        return yaml.safe_load(text[4:end]) or {}, text[end + 5:]
    return {}, text


def join_front(front: dict[str, Any], body: str) -> str:
    if not front:
        return body
    dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    return f"---\n{dumped}---\n{body}"
