"""The source texts (seeds): build inputs read from KOORDINERINGSBASEN_SEEDS, never committed.

Lines are numbered as the data check counts them (split on newline only: the PDF-extracted texts
hold form feeds that str.splitlines would count as line breaks). Footnotes quote a few of them.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..model.common import line_bounds

QUOTE_LIMIT = 200
# A word broken at a line end by the PDF ("til-" + "bud"); not "Social- og" (a shared suffix).
SPLIT_WORD = re.compile(r"(\w)-$")
KEEP_HYPHEN_BEFORE = {"og", "eller", "samt", "el."}
# Bullets a PDF's Symbol or Wingdings font left in the private-use area (U+F0B7 is most of them
# in the texts): read as the bullet they show, so quotes and anchors hold no invisible character.
SYMBOL_FONT = str.maketrans({"\uf0b7": "•", "\uf0a7": "▪", "\uf076": "❖", "\uf0d8": "➢",
                             "\uf0fc": "✓"})


def _version(path: Path) -> int | None:
    """The file's modification time, or None when it is no file: a changed file is read again."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_mtime_ns if stat.S_ISREG(found.st_mode) else None


def split_lines(text: str) -> list[str]:
    """A source text's lines as they are numbered everywhere: split on newline only."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def raw_lines(path: Path) -> tuple[str, ...] | None:
    """The lines of the file at `path`, numbered as everywhere (split_lines; Symbol-font
    bullets read as bullets, SYMBOL_FONT), or
    None when it is no file: for the contributor tools, which read a text outside a build (a
    build reads through its SeedTexts). A file changed since it was read is read again."""
    version = _version(path)
    return None if version is None else _read_raw(path, version)


# The caches below are keyed by a file's version (modification time): an edited file is read
# again, and a build asks each file its version once (SeedTexts), so they never serve old lines.
@lru_cache(maxsize=32)
def _read_raw(path: Path, version: int) -> tuple[str, ...]:
    # Symbol-font bullets are read as bullets here, once per file (SYMBOL_FONT): one character
    # for one, so no line or column moves.
    text = path.read_text(encoding="utf-8", errors="replace")
    return tuple(split_lines(text.translate(SYMBOL_FONT)))


def forget() -> None:
    """Drop every file kept in this process (the benchmark measures a new process)."""
    for cached in (_read_raw, _read, _quote):
        cached.cache_clear()


@lru_cache(maxsize=32)
def _read(path: Path, version: int) -> tuple[str, ...]:
    return tuple(line.replace("\x0c", "").rstrip() for line in _read_raw(path, version))


@dataclass(frozen=True)
class SeedTexts:
    """The folder of source texts, or None when the build has none: the one reader of the
    texts in a build, shared by the data check (`raw_lines`, `passage`) and the pages (`lines`,
    `quote`). Each build makes its own, which asks each file its version once (a build quotes
    one file thousands of times), so under `mkdocs serve` an edited text is read again by both."""

    folder: Path | None
    _versions: dict[str, int | None] = field(default_factory=dict, compare=False, repr=False)
    _passages: dict[tuple[str, str], str | None] = field(default_factory=dict, compare=False,
                                                         repr=False)

    def _version(self, name: str) -> int | None:
        if name not in self._versions:
            self._versions[name] = _version(self.folder / name) if self.folder else None
        return self._versions[name]

    @property
    def available(self) -> bool:
        return self.folder is not None

    def raw_lines(self, name: str) -> tuple[str, ...] | None:
        """The lines of seed file `name` as read (raw_lines), numbered as everywhere, or
        None when it is no file: what the data check reads."""
        version = self._version(name)
        return None if version is None or self.folder is None else _read_raw(self.folder / name,
                                                                               version)

    def passage(self, name: str, line_range: str) -> str | None:
        """Lines `line_range` of seed file `name` unaltered, joined by newlines (None: no file).
        The data check reads the same passage for many facts: kept for the build."""
        key = (name, line_range)
        if key not in self._passages:
            lines = self.raw_lines(name)
            if lines is None:
                self._passages[key] = None
            else:
                first, last = line_bounds(line_range)
                self._passages[key] = "\n".join(lines[first - 1:last])
        return self._passages[key]

    def lines(self, name: str) -> tuple[str, ...] | None:
        """All lines of seed file `name` (line n at index n-1), or None when it is absent."""
        version = self._version(name)
        return None if version is None or self.folder is None else _read(self.folder / name, version)

    def quote(self, name: str, line_range: str, limit: int = QUOTE_LIMIT) -> str | None:
        """The cited lines as one tidy string of at most `limit` characters, cut at a word."""
        version = self._version(name)
        if version is None or self.folder is None:
            return None
        return _quote(self.folder / name, version, line_range, limit)


@lru_cache(maxsize=65536)
def _quote(path: Path, version: int, line_range: str, limit: int) -> str:
    # A claim is cited on several pages (its entity, the source, overviews): tidied once.
    first, last = line_bounds(line_range)
    return tidy_quote(_read(path, version)[first - 1:last], limit)


def join_lines(lines: Sequence[str]) -> str:
    """The lines as one string: words the PDF hyphenated at a line end mended, whitespace
    folded, blank lines dropped. Quotes and citation anchors compare text in this form, so a
    re-wrapped paragraph reads the same."""
    return join_lines_mapped(lines)[0]


def join_lines_mapped(lines: Sequence[str]) -> tuple[str, list[int]]:
    """join_lines, plus where each line's text begins in the result (-1 for a blank line):
    citation anchors map a place in the joined text back to line numbers with it."""
    pieces: list[str] = []  # a whole text is 6,000 lines: no quadratic string building
    size = 0
    starts: list[int] = []
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            starts.append(-1)
            continue
        last = pieces[-1] if pieces else ""
        next_word = line.split(" ", 1)[0]
        if (SPLIT_WORD.search(last, max(0, len(last) - 2)) and line[0].islower()
                and next_word not in KEEP_HYPHEN_BEFORE):
            pieces[-1] = last[:-1]
            size -= 1
        elif pieces:
            pieces.append(" ")
            size += 1
        starts.append(size)
        pieces.append(line)
        size += len(line)
    return "".join(pieces), starts


def tidy_quote(lines: Sequence[str], limit: int = QUOTE_LIMIT) -> str:
    """Join lines (join_lines), mark a start inside a sentence, shorten at a word."""
    text = join_lines(lines)
    if text[:1].islower():
        text = "… " + text  # the cited lines begin inside a sentence
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:.–-") + " …"
