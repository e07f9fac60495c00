"""Two built sites compared the way a reader would: the same pages, the same article text.

Shared by the ProperDocs test and the Zensical column of the benchmark. A page is an HTML file
(404.html aside) and its text is its <article>'s, with whitespace squashed; theme chrome
(navigation, header, footer) is left out, since another generator may draw it differently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

SPACE = re.compile(r"\s+")


def article_text(html: str) -> str:
    article = BeautifulSoup(html, "html.parser").find("article")
    return SPACE.sub(" ", article.get_text(" ")).strip() if article else ""


def page_texts(site_dir: Path) -> dict[str, str]:
    """Site-relative path of every page -> its article text."""
    return {p.relative_to(site_dir).as_posix(): article_text(p.read_text("utf-8"))
            for p in sorted(site_dir.rglob("*.html")) if p.name != "404.html"}


@dataclass(frozen=True)
class Comparison:
    only_a: list[str]
    only_b: list[str]
    differing: list[str]  # pages in both whose article text differs
    same: int

    @property
    def matches(self) -> bool:
        return not (self.only_a or self.only_b or self.differing)

    def summary(self) -> str:
        if self.matches:
            return f"same {self.same} pages, same article text"
        return (f"{self.same} pages the same; only in a: {len(self.only_a)}, only in b: "
                f"{len(self.only_b)}, text differs: {len(self.differing)} "
                f"(e.g. {(self.only_a + self.only_b + self.differing)[:3]})")


def compare(a: dict[str, str], b: dict[str, str]) -> Comparison:
    differing = [page for page in sorted(a.keys() & b.keys()) if a[page] != b[page]]
    return Comparison(sorted(a.keys() - b.keys()), sorted(b.keys() - a.keys()), differing,
                      len(a.keys() & b.keys()) - len(differing))
