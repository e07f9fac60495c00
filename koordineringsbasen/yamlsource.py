"""Read one YAML data file safely, keeping the line and column of every value.

Safety comes first: the event stream is scanned before anything is built, so tags that would
construct objects and anchors/aliases (the "billion laughs" bomb) are refused in bounded time and
memory; duplicate keys are errors (ruamel's default).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from functools import cached_property
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import ConstructorError, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem

MAX_BYTES = 512 * 1024
MAX_DEPTH = 32  # real data nest about 5 levels; deeper is an accident or an attack
# Characters YAML forbids, plus invisible ones: bidi controls that can disguise text ("Trojan
# Source"), zero-width spaces and a byte-order mark inside the text.
FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u200b"
                             "\u202a-\u202e\u2060\u2066-\u2069\ufeff\ufffe\uffff]")
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
DUPLICATE_KEY = re.compile(r'found duplicate key "([^"]*)"')
Position = tuple[int, int]
PathKey = tuple[str | int, ...]


class _Constructor(SafeConstructor):
    """Safe construction that reports odd values with a location instead of crashing."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError):
            # e.g. an int of 5000 digits; bad dates never get here (kept as text, see below).
            raise ConstructorError(None, None, f"værdien '{str(node.value)[:40]}' kan ikke læses",
                                   node.start_mark) from None

    def construct_yaml_float(self, node: Any) -> float:
        value = super().construct_yaml_float(node)
        if not math.isfinite(value):
            raise ConstructorError(None, None, "uendelige tal og NaN (.inf, .nan, 1e999) er ikke "
                                   "tilladt", node.start_mark)
        return value

    def flatten_mapping(self, node: Any) -> Any:
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise ConstructorError(None, None, "fletning med '<<' er ikke tilladt; skriv "
                                       "felterne ud", key_node.start_mark)
            if not isinstance(key_node, ScalarNode) or key_node.tag.endswith(":null"):
                raise ConstructorError(None, None, "en nøgle skal være et feltnavn",
                                       key_node.start_mark)
        return super().flatten_mapping(node)


_Constructor.add_constructor("tag:yaml.org,2002:float", _Constructor.construct_yaml_float)
# Dates stay text: the model checks them, so 2024-02-30 gets a field name instead of a crash.
_Constructor.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)


def _safe_yaml() -> YAML:
    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = _Constructor
    return yaml


class YamlDocument:
    """Parsed data, plus the position of every value, computed only when a problem needs it.

    The fast path uses libyaml (ruamel's C loader); the round-trip loader that knows line
    numbers is about 30 times slower, so it runs only for files that have a problem.
    """

    def __init__(self, data: Any, text: str):
        self.data = data
        self._text = text

    @cached_property
    def positions(self) -> dict[PathKey, Position]:  # 1-based (line, col) by path
        positions: dict[PathKey, Position] = {(): (1, 1)}
        # Composing with the same (libyaml) parser as the fast path builds nodes with marks but
        # constructs no values, so it accepts exactly what the fast path accepted.
        _node_positions(YAML(typ="safe", pure=False).compose(self._text), (), positions)
        return positions


class YamlProblem(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def _fail(rel: str, line: int, col: int, message: str) -> YamlProblem:
    return YamlProblem(Problem(rel, line, col, "", message))


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
    found = FORBIDDEN_CHARS.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        raise _fail(rel, line, col, f"usynligt styretegn (U+{ord(found.group()):04X}) i filen; "
                                    "slet det")


def _scan_events(text: str, rel: str) -> None:
    """Refuse tags, anchors, aliases and deep nesting before any node is built."""
    depth = 0
    for event in YAML(typ="safe", pure=False).parse(io.StringIO(text)):
        mark = event.start_mark
        name = type(event).__name__
        depth += name in ("MappingStartEvent", "SequenceStartEvent")
        depth -= name in ("MappingEndEvent", "SequenceEndEvent")
        if depth > MAX_DEPTH:
            raise _fail(rel, mark.line + 1, mark.column + 1,
                        f"mere end {MAX_DEPTH} niveauer indlejring; del værdien op")
        if getattr(event, "tag", None) and type(event).__name__ != "DocumentStartEvent":
            raise _fail(rel, mark.line + 1, mark.column + 1,
                        f"YAML-tagget '{event.tag}' er ikke tilladt i data")
        if getattr(event, "anchor", None) is not None:
            raise _fail(rel, mark.line + 1, mark.column + 1,
                        "ankre og aliaser (&navn / *navn) er ikke tilladt; skriv værdien ud")


def _mark(node: Node) -> Position:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _node_positions(node: Node | None, path: PathKey, positions: dict[PathKey, Position]) -> None:
    """Record the 1-based (line, col) of every value below `node`, and of every key."""
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else str(key_node.value)
            child = (*path, str(key))
            positions[child] = _mark(value_node)
            positions[(*child, "__key__")] = _mark(key_node)
            _node_positions(value_node, child, positions)
    elif isinstance(node, SequenceNode):
        for index, value_node in enumerate(node.value):
            positions[(*path, index)] = _mark(value_node)
            _node_positions(value_node, (*path, index), positions)


def _plain(node: Any) -> Any:
    """Turn loaded values into plain Python values (str keys, no ruamel subclasses)."""
    if isinstance(node, dict):
        return {str(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, (dt.date, dt.datetime)):
        return node
    return str(node)


def read_yaml(path: Path, rel: str) -> YamlDocument:
    """Load `path` (shown as `rel` in messages) or raise YamlProblem with a location."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise _fail(rel, 1, 1, f"filen er {size // 1024} KB; en datafil må højst være "
                               f"{MAX_BYTES // 1024} KB")
    text = _decode(path.read_bytes(), rel)
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#")
                               for ln in text.splitlines()):
        raise _fail(rel, 1, 1, "filen er tom")
    _check_tabs(text, rel)
    _check_characters(text, rel)
    try:
        _scan_events(text, rel)
        node = _safe_yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = exc.problem or "ugyldig YAML"
        reason = next((da for en, da in YAML_MESSAGES.items() if en in reason), reason)
        duplicate = DUPLICATE_KEY.search(str(exc.problem or ""))
        if duplicate:
            reason = f"nøglen '{duplicate.group(1)}' står to gange i samme blok"
        raise _fail(rel, line, col, f"YAML-fejl: {reason}") from None
    except YAMLError as exc:
        raise _fail(rel, 1, 1, f"YAML-fejl: {exc}") from None
    return YamlDocument(_plain(node), text)


def locate(positions: dict[PathKey, Position], loc: PathKey) -> Position:
    """The position of the deepest known path prefix of `loc`."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in positions:
            return positions[loc[:end]]
    return (1, 1)
