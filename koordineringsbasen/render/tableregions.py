"""Every table in its own focusable scroll region, so a wide table never cuts off the page.

A table wider than the screen scrolls inside a `role="region"` with `tabindex="0"` (reachable
and scrollable by keyboard) named after the heading above it; docs/assets/overview.js shows the
hint before it only when the table is wider than its region.
"""

from __future__ import annotations

import html
import re

# Tables Python-Markdown writes carry no attributes (or only align, in cells): <table>.
TOKEN = re.compile(r"<h[1-6][^>]*>(?P<heading>.*?)</h[1-6]>|<table>(?P<table>.*?)</table>",
                   re.DOTALL)
TAG = re.compile(r"<[^>]+>")
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
HINT = ('<p class="kb-scroll__hint" hidden>Tabellen er bredere end skærmen: '
        "rul vandret i den for at se alle kolonner.</p>")


def _text(fragment: str) -> str:
    return " ".join(html.unescape(TAG.sub("", HEADERLINK.sub("", fragment))).split())


def wrap_tables(page_html: str, title: str) -> str:
    """`page_html` (a page's content) with each table inside a labelled scroll region."""
    heading = title
    out, last = [], 0
    for match in TOKEN.finditer(page_html):
        if match.group("heading") is not None:
            heading = _text(match.group("heading")) or heading
            continue
        label = html.escape(f"Tabel: {heading}", quote=True)
        out += [page_html[last:match.start()], HINT,
                f'<div class="kb-scroll" role="region" tabindex="0" aria-label="{label}">',
                match.group(0), "</div>"]
        last = match.end()
    out.append(page_html[last:])
    return "".join(out)
