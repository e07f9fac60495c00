"""`mkdocs serve` with invalid data: keep serving the last good site, with the problems on top.

When a data edit breaks validation, the hook keeps the last good data (the build goes on, so the
server never waits for a build that cannot succeed) and records the problems here. Every HTML
page the preview server sends then gets a banner listing them, located as `make check` prints
them, until the data are valid again. The problems are kept in the build object (a `Problems`
part, build_state.Build.part), which the middleware is given. The banner is added to the
response only: files in the site folder, `make build` and CI are untouched (there, invalid data
stop the build).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from ..load.problems import Problem
from ..site import csp

BODY = re.compile(rb"<body[^>]*>")


class Problems:
    """The problems of the data the preview shows (none: the data are valid)."""

    def __init__(self) -> None:
        self.lines: tuple[str, ...] = ()

    def set(self, problems: Iterable[Problem]) -> None:
        self.lines = tuple(str(p) for p in sorted(set(problems)))

    def clear(self) -> None:
        self.lines = ()


@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("koordineringsbasen.render", "templates"),
                       autoescape=select_autoescape(default=True), trim_blocks=True,
                       lstrip_blocks=True)


def banner(lines: tuple[str, ...]) -> bytes:
    """The banner's HTML; every problem text is escaped (it quotes data)."""
    html = _environment().get_template("preview_banner.html.j2").render(problems=lines)
    return html.encode("utf-8")


def add_banner(page: bytes, lines: tuple[str, ...]) -> bytes:
    """`page` with the banner as the first thing in its body."""
    found = BODY.search(page)
    at = found.end() if found else 0
    return page[:at] + banner(lines) + page[at:]


App = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def middleware(app: App, problems: Problems) -> App:
    """Wrap the preview server's WSGI app: HTML responses get the banner while `problems` has
    any, and their Content-Security-Policy allows the server's live-reload script."""

    def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        lines = problems.lines
        answer: list[Any] = []

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            answer[:] = [status, headers]
            return lambda data: None

        body = app(environ, capture)
        status, headers = answer
        content_type = next((v for k, v in headers if k.lower() == "content-type"), "")
        if not content_type.startswith("text/html"):
            start_response(status, headers)
            return body
        try:
            page = b"".join(body)
        finally:
            getattr(body, "close", lambda: None)()
        page = csp.allow_reload_script(page)
        if lines:
            page = add_banner(page, lines)
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        start_response(status, [*headers, ("Content-Length", str(len(page)))])
        return [page]

    return serve
