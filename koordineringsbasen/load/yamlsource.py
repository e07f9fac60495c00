"""Read one YAML data file safely, keeping the line and column of every value.

Values are built directly from libyaml's event stream (PyYAML's C parser) in one pass, with
YAML 1.2 core-schema resolution: `no` stays text, `10:30` stays text, dates stay text (the model
checks them). Safety comes first: tags that would construct objects, anchors and aliases (the
"billion laughs" bomb), merge keys, duplicate keys and deep nesting are refused as they are met,
so nothing is ever expanded. Positions are recorded only when a problem needs them.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from ..model.common import PathKey
from .problems import Problem

MAX_BYTES = 512 * 1024
MAX_DEPTH = 32  # real data nest about 5 levels; deeper is an accident or an attack
# The one list of characters refused in data, checked in the file's text (where the position
# is exact) and in every parsed string, key and value (where a YAML escape such as "\u202E",
# "\x0C", "\0" or "\e" has become the character). Refused: every control character except
# the two allowed ones, line feed (\n, multi-line text) and tab (\t); the carriage return
# (\r) too, which Markdown would turn into a line break; every format character (Unicode Cf:
# bidi overrides and isolates, LRM/RLM, zero-width spaces and joiners, the soft hyphen, word
# joiners, the byte-order mark, Arabic number signs, tag characters); line and paragraph
# separators; surrogates, private-use characters and noncharacters; and the invisible fillers
# that are not Cf (combining grapheme joiner, Hangul fillers, Khmer vowel inherents,
# Mongolian and other variation selectors, braille blank). In the raw text a \r before \n is a
# Windows line ending and passes; the parsed values never hold it.
ALLOWED_CONTROLS = "\n\t"
REFUSED_CHARS = re.compile(
    "[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u034f\u0600-\u0605\u061c\u06dd"
    "\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u2028-\u202e\u2060-\u206f\u2800\u3164\ud800-\uf8ff\ufe00-\ufe0f\ufeff\uffa0"
    "\ufff9-\ufffb\ufffe\uffff\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
    "\U000f0000-\U0010ffff]")


def refused_char(text: str) -> re.Match[str] | None:
    """The first refused character in a parsed string (see REFUSED_CHARS), or None."""
    return REFUSED_CHARS.search(text)


def describe_char(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE': how a refused character is named in messages."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


# libyaml's messages in plain Danish; unknown messages are shown as they are.
YAML_MESSAGES = {
    "mapping values are not allowed": "kolon på et forkert sted; tjek indrykningen, eller sæt "
                                      "teksten i anførselstegn",
    "did not find expected key": "forventede en nøgle her; tjek indrykningen",
    "could not find expected ':'": "mangler ':' efter nøglen",
    "did not find expected ',' or '}'": "mangler ',' eller '}' i en {…}-liste; sæt tekst med "
                                        "komma eller kolon i anførselstegn",
    "did not find expected ',' or ']'": "mangler ',' eller ']' i en […]-liste",
    "did not find expected '-' indicator": "forventede et listepunkt ('- '); tjek indrykningen",
    "found character that cannot start any token": "et tegn, der ikke kan starte en værdi; "
                                                   "sæt teksten i anførselstegn",
    "found unexpected end of stream": "filen slutter midt i en værdi; mangler et anførselstegn?",
    "found unknown escape character": "ukendt escape-tegn (\\) i tekst i dobbelte "
                                      "anførselstegn",
    "but found another document": "filen har mere end ét dokument ('---'); skriv én enhed "
                                  "pr. fil",
    "found unexpected ':'": "uventet ':' i en værdi; sæt værdien i anførselstegn",
    "did not find expected node content": "her mangler en værdi, eller et tegn står forkert",
    "did not find expected <document start>": "uventet tekst efter slutningen; tjek indrykningen",
    "block sequence entries are not allowed": "et listepunkt ('- ') på et sted, hvor der ikke "
                                              "kan stå en liste; tjek indrykningen",
    "did not find expected alphabetic or numeric character": "'&', '*' og '!' skal følges "
                                                             "af et navn; sæt teksten i "
                                                             "anførselstegn",
    "mapping keys are not allowed": "'?' eller ':' på et forkert sted; sæt teksten i "
                                    "anførselstegn",
}
Position = tuple[int, int]

NULLS = frozenset({"", "~", "null", "Null", "NULL"})
BOOLS = {"true": True, "True": True, "TRUE": True,
         "false": False, "False": False, "FALSE": False}
INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
SPECIAL_FLOAT = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
NUMBER_START = frozenset("0123456789+-.")  # how every INT, FLOAT and SPECIAL_FLOAT starts
_NO_KEY = object()


class YamlDocument:
    """Parsed data, plus the position of every value, computed only when a problem needs it."""

    def __init__(self, data: Any, text: str, rel: str):
        self.data = data
        self.text = text
        self._rel = rel

    @cached_property
    def positions(self) -> dict[PathKey, Position]:  # 1-based (line, col) by path
        positions: dict[PathKey, Position] = {(): (1, 1)}
        _build(self.text, self._rel, positions)
        return positions


class YamlProblem(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def _fail(rel: str, line: int, col: int, message: str) -> YamlProblem:
    return YamlProblem(Problem(rel, line, col, "", message))


def _fail_at(rel: str, mark: Any, message: str) -> YamlProblem:
    return _fail(rel, mark.line + 1, mark.column + 1, message)


def _decode(raw: bytes, rel: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raise _fail(rel, 1, 1, "filen starter med et BOM-tegn; gem den som UTF-8 uden BOM")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _fail(rel, line, col, "filen er ikke gyldig UTF-8; gem den som UTF-8") from None


def _check_tabs(text: str, rel: str) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            raise _fail(rel, number, len(line) - len(stripped) + 1,
                        "tabulator i indrykning; YAML skal indrykkes med mellemrum")


def _check_characters(text: str, rel: str) -> None:
    for found in REFUSED_CHARS.finditer(text):
        if found.group() == "\r" and text.startswith("\n", found.end()):
            continue  # a Windows line ending
        line = text.count("\n", 0, found.start()) + 1
        col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        raise _fail(rel, line, col, f"usynligt styretegn ({describe_char(found.group())}) i "
                                    "filen; slet det")


def _check_scalar(event: ScalarEvent, rel: str) -> None:
    """The parsed value of a key or value holds no refused character (escapes included)."""
    found = REFUSED_CHARS.search(event.value)
    if found:
        raise _fail_at(rel, event.start_mark, f"usynligt styretegn ({describe_char(found.group())})"
                                              " i værdien (skrevet som escape?); slet det")


def _scalar(event: ScalarEvent, rel: str) -> Any:
    """YAML 1.2 core schema for plain scalars; quoted and block scalars are text."""
    value = event.value
    if event.style:  # quoted or block (libyaml gives '' or None for plain scalars)
        return value
    if value in NULLS:
        return None
    if value in BOOLS:
        return BOOLS[value]
    if value[0] not in NUMBER_START:  # most text: no number pattern can match
        return value
    is_float = None
    try:
        if INT.fullmatch(value):
            return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
        is_float = FLOAT.fullmatch(value)
        if is_float:
            number = float(value)
            if math.isfinite(number):
                return number
    except ValueError:  # e.g. an integer of 5000 digits
        raise _fail_at(rel, event.start_mark,
                       f"YAML-fejl: værdien '{value[:40]}' kan ikke læses") from None
    if is_float or SPECIAL_FLOAT.fullmatch(value):
        raise _fail_at(rel, event.start_mark,
                       "YAML-fejl: uendelige tal og NaN (.inf, .nan, 1e999) er ikke tilladt")
    return value


def _build(text: str, rel: str, positions: dict[PathKey, Position] | None = None) -> Any:
    """Build plain Python values from the event stream; record positions when asked.

    Events are told apart by their exact class (libyaml makes no subclasses): this loop runs
    for every value of every file."""
    root: Any = None
    stack: list[list[Any]] = []  # [container, path, pending key or _NO_KEY, key position]
    documents = 0
    parser = yaml.CSafeLoader(text)
    # Events are told apart by exact class (the hot loop of every load), which a type checker
    # cannot narrow on: they are Any here.
    next_event: Callable[[], Any] = parser.get_event  # None after the stream's end
    try:
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is MappingEndEvent or kind is SequenceEndEvent:
                stack.pop()
                continue
            if kind is ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    _refuse(event, rel)
                _check_scalar(event, rel)
                value = _scalar(event, rel)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None or event.tag is not None:
                    _refuse(event, rel)
                if len(stack) >= MAX_DEPTH:
                    raise _fail_at(rel, event.start_mark, f"mere end {MAX_DEPTH} niveauer "
                                                          "indlejring; del værdien op")
                value = {} if kind is MappingStartEvent else []
            elif kind is AliasEvent:
                _refuse(event, rel)
            else:
                if kind is DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise _fail_at(rel, event.start_mark, "YAML-fejl: " +
                                       YAML_MESSAGES["but found another document"])
                continue  # stream and document boundaries
            where = None
            if positions is not None:
                mark = event.start_mark
                where = (mark.line + 1, mark.column + 1)
            if not stack:
                path: PathKey = ()
                root = value
            else:
                frame = stack[-1]
                parent = frame[0]
                if type(parent) is list:
                    path = (*frame[1], len(parent))
                    parent.append(value)
                elif frame[2] is _NO_KEY:
                    if kind is not ScalarEvent or value is None:
                        raise _fail_at(rel, event.start_mark,
                                       "YAML-fejl: en nøgle skal være et feltnavn")
                    if not event.style and event.value == "<<":
                        raise _fail_at(rel, event.start_mark, "YAML-fejl: fletning med '<<' er "
                                                              "ikke tilladt; skriv felterne ud")
                    key = str(value)
                    if key in parent:
                        raise _fail_at(rel, event.start_mark, f"YAML-fejl: nøglen '{key}' står "
                                                              "to gange i samme blok")
                    frame[2], frame[3] = key, where
                    if positions is not None:
                        positions[(*frame[1], key, "__key__")] = where  # type: ignore[assignment]
                    continue
                else:
                    key, key_where = frame[2], frame[3]
                    path = (*frame[1], key)
                    parent[key] = value
                    frame[2] = _NO_KEY
                    if value is None:
                        where = key_where  # an empty value has no token: point at its key
            if positions is not None and path:
                positions[path] = where  # type: ignore[assignment]
            if kind is not ScalarEvent:
                stack.append([value, path, _NO_KEY, None])
    finally:
        parser.dispose()
    return root


def _refuse(event: Any, rel: str) -> None:
    """Anchors, aliases and tags are refused where they are met."""
    if type(event) is AliasEvent or event.anchor is not None:
        raise _fail_at(rel, event.start_mark, "ankre og aliaser (&navn / *navn) er ikke tilladt; "
                                              "skriv værdien ud")
    raise _fail_at(rel, event.start_mark, f"YAML-tagget '{event.tag}' er ikke tilladt i data")


def read_yaml(path: Path, rel: str, raw: bytes | None = None) -> YamlDocument:
    """Load `path` (shown as `rel` in messages; its bytes `raw` when already read) or raise
    YamlProblem with a location."""
    size = path.stat().st_size if raw is None else len(raw)
    if size > MAX_BYTES:
        raise _fail(rel, 1, 1, f"filen er {size // 1024} KB; en datafil må højst være "
                               f"{MAX_BYTES // 1024} KB")
    text = _decode(path.read_bytes() if raw is None else raw, rel)
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#")
                               for ln in text.splitlines()):
        raise _fail(rel, 1, 1, "filen er tom")
    _check_tabs(text, rel)
    _check_characters(text, rel)
    try:
        data = _build(text, rel)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = exc.problem or "ugyldig YAML"
        reason = next((da for en, da in YAML_MESSAGES.items() if en in reason), reason)
        raise _fail(rel, line, col, f"YAML-fejl: {reason}") from None
    except yaml.YAMLError as exc:
        raise _fail(rel, 1, 1, f"YAML-fejl: {exc}") from None
    return YamlDocument(data, text, rel)


def locate(positions: dict[PathKey, Position], loc: PathKey) -> Position:
    """The position of the deepest known path prefix of `loc`."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in positions:
            return positions[loc[:end]]
    return (1, 1)
