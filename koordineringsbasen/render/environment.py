"""The Jinja environment for page templates: every expression is escaped unless it is Markup."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..danish.writing import count, number
from . import claims, labels, search_block, search_terms
from .template_cache import bytecode_cache
from .text import anchor_id, attr, md, paragraphs


def _finalize(value: object) -> object:
    # None prints as nothing; everything else that is not Markup is escaped for Markdown.
    return "" if value is None else md(value)


def _environment(finalize: Callable[[object], object], **options: Any) -> Environment:
    """The project's template settings; the two environments differ in how values are escaped."""
    return Environment(loader=PackageLoader("koordineringsbasen.render", "templates"),
                       finalize=finalize, undefined=StrictUndefined, trim_blocks=True,
                       lstrip_blocks=True, autoescape=True, bytecode_cache=bytecode_cache(),
                       **options)


@cache
def environment() -> Environment:
    # autoescape makes macro output Markup (never escaped twice); _finalize does the Markdown
    # escaping of every value, so plain HTML escaping never applies.
    env = _environment(_finalize, keep_trailing_newline=True)
    env.filters["date"] = labels.date_da
    env.filters["dated"] = labels.dated  # a date with the source's wording, written once
    env.filters["num"] = number
    env.filters["count"] = count
    env.filters["paragraphs"] = paragraphs
    env.filters["val"] = labels.enum_value
    env.filters["html_attr"] = attr
    env.filters["anchor_id"] = anchor_id
    env.globals["L"] = labels
    env.globals["search_terms"] = search_terms
    env.globals["search_block"] = search_block
    env.globals["claims"] = claims
    return env


def _finalize_html(value: object) -> object:
    # As text.attr escapes (what the HTML writer's attributes use), byte for byte; Markup
    # (a macro's output) is taken as it is.
    if value is None:
        return ""
    return value if isinstance(value, Markup) else attr(value)


@cache
def html_environment() -> Environment:
    """For templates of finished HTML (*.html.j2): every value is HTML-escaped (text.attr)."""
    return _environment(_finalize_html)


def render_html(name: str, **values: Any) -> Markup:
    """The HTML block `name` (an .html.j2 under templates/), with `values`."""
    return Markup(html_environment().get_template(name).render(**values))


def render_template(name: str, **values: Any) -> str:
    """The page (or page part) `name` under templates/, with `values`."""
    return environment().get_template(name).render(**values)
