"""Content-Security-Policy for the built pages: only the site's own files run and load.

GitHub Pages cannot send response headers, so the policy is a <meta http-equiv> tag, inserted
right after <meta charset> before any script. Inline scripts run only when they are one of the
theme's own small bootstrap scripts (read from Material's templates, where `{{ ... }}` stands for
a URL such as base_url); each is allowed by the sha256 hash of exactly the text on that page.
Any other inline script gets no hash, so the browser refuses it, and a warning fails a --strict
build. Tables are aligned with `align` attributes (mkdocs.yml), so pages carry no style
attributes; should Python-Markdown's `style="text-align: …"` return, exactly those values are
allowed by hash ('unsafe-hashes'), never with 'unsafe-inline'.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from functools import cache
from pathlib import Path

import material

log = logging.getLogger("mkdocs.plugins.koordineringsbasen.site.csp")

THEME_TEMPLATES = Path(material.__file__).parent / "templates"
SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script\s*>",
                    re.DOTALL | re.IGNORECASE)
SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
STYLE_ATTR = re.compile(r"""\sstyle\s*=\s*("([^"]*)"|'([^']*)')""", re.IGNORECASE)
TABLE_ALIGN = {"text-align: left;", "text-align: right;", "text-align: center;"}
CHARSET = '<meta charset="utf-8">'
# What a template expression inside a theme script may print: a URL or path, nothing else.
JINJA_VALUE = r"""[^"'<>\\\s]*"""

BASE_POLICY: dict[str, list[str]] = {
    "default-src": ["'self'"],
    # Pagefind's search runs WebAssembly, which needs exactly this (no eval for scripts).
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@cache
def theme_scripts(templates: Path = THEME_TEMPLATES) -> tuple[re.Pattern[str], ...]:
    """One pattern per inline script in the theme's templates, `{{ ... }}` as a URL slot."""
    patterns = []
    for path in sorted(templates.rglob("*.html")):
        for match in SCRIPT.finditer(path.read_text(encoding="utf-8")):
            body = match.group("body")
            if match.group("attrs").strip() or "{%" in body or not body.strip():
                continue  # external, JSON data or conditional: not a fixed inline script
            parts = re.split(r"\{\{.*?\}\}", body, flags=re.DOTALL)
            patterns.append(re.compile(JINJA_VALUE.join(re.escape(p) for p in parts)))
    return tuple(patterns)


def _executable(attrs: str) -> bool:
    found = TYPE.search(attrs)
    return (found.group(1).lower() if found else "") in JS_TYPES


def policy(html: str, page: str = "") -> str:
    """The policy for one rendered page: hashes of its theme scripts and table alignments."""
    directives = {name: list(values) for name, values in BASE_POLICY.items()}
    for match in SCRIPT.finditer(html):
        attrs, body = match.group("attrs"), match.group("body")
        if SRC.search(attrs) or not _executable(attrs):
            continue
        if any(p.fullmatch(body) for p in theme_scripts()):
            directives["script-src"].append(_sha256(body))
        else:
            log.warning("Inline-script på %s er ikke temaets og blokeres af CSP: %.60s", page,
                        body.strip())
    styles = {m.group(2) if m.group(2) is not None else m.group(3)
              for m in STYLE_ATTR.finditer(html)}
    allowed = sorted(styles & TABLE_ALIGN)
    if allowed:
        directives["style-src"] += ["'unsafe-hashes'", *map(_sha256, allowed)]
    for style in sorted(styles - TABLE_ALIGN):
        log.warning("style-attribut på %s blokeres af CSP: %.60s", page, style)
    return "; ".join(f"{name} {' '.join(dict.fromkeys(values))}"
                     for name, values in directives.items())


def add_policy(html: str, page: str = "") -> str:
    """Insert the CSP meta tag right after <meta charset> (before any script or style)."""
    if CHARSET not in html:
        raise ValueError(f"{page}: no {CHARSET} to put the Content-Security-Policy after")
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, page)}">'
    return html.replace(CHARSET, f"{CHARSET}\n    {tag}", 1)



POLICY_CONTENT = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')


def reload_script(page: bytes) -> bytes | None:
    """The body of the live-reload script mkdocs' preview server puts before `</body>` of each
    page it sends, or None."""
    end = page.rfind(b"</script></body>")
    start = page.rfind(b"<script>", 0, end)
    if end < 0 or start < 0 or b"livereload(" not in page[start:end]:
        return None
    return page[start + len(b"<script>"):end]


def allow_reload_script(page: bytes) -> bytes:
    """`page` as the preview server sends it, with its policy also allowing the live-reload
    script (by its hash): the preview keeps the policy the published site has."""
    body, found = reload_script(page), POLICY_CONTENT.search(page)
    if body is None or found is None:
        return page
    digest = _sha256(body.decode("utf-8")).encode()
    content = found.group(1).replace(b"script-src ", b"script-src " + digest + b" ", 1)
    return page[:found.start(1)] + content + page[found.end(1):]
