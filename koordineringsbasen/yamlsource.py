"""Read one YAML data file safely, keeping the line and column of every value.

Safety comes first: the event stream is scanned before anything is built, so tags that would
construct objects and anchors/aliases (the "billion laughs" bomb) are refused in bounded time and
memory; duplicate keys are errors (ruamel's default).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from functools import cached_property
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .problems import Problem

MAX_BYTES = 512 * 1024
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
}
DUPLICATE_KEY = re.compile(r'found duplicate key "([^"]*)"')
Position = tuple[int, int]
PathKey = tuple[str | int, ...]


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
        _plain(YAML(typ="rt").load(self._text), (), positions)
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


def _scan_events(text: str, rel: str) -> None:
    """Refuse tags, anchors and aliases before any node is built."""
    for event in YAML(typ="safe", pure=False).parse(io.StringIO(text)):
        mark = event.start_mark
        if getattr(event, "tag", None) and type(event).__name__ != "DocumentStartEvent":
            raise _fail(rel, mark.line + 1, mark.column + 1,
                        f"YAML-tagget '{event.tag}' er ikke tilladt i data")
        if getattr(event, "anchor", None) is not None:
            raise _fail(rel, mark.line + 1, mark.column + 1,
                        "ankre og aliaser (&navn / *navn) er ikke tilladt; skriv værdien ud")


def _plain(node: Any, path: PathKey, positions: dict[PathKey, Position] | None) -> Any:
    """Turn loaded nodes into plain Python values; with `positions`, record where each is."""
    if isinstance(node, dict):
        result = {}
        for key, value in node.items():
            child = (*path, str(key))
            if positions is not None:
                key_line, key_col, val_line, val_col = node.lc.data[key]
                positions[child] = (val_line + 1, val_col + 1)
                positions[(*child, "__key__")] = (key_line + 1, key_col + 1)
            result[str(key)] = _plain(value, child, positions)
        return result
    if isinstance(node, list):
        result_list = []
        for index, value in enumerate(node):
            if positions is not None:
                line, col = node.lc.data[index]
                positions[(*path, index)] = (line + 1, col + 1)
            result_list.append(_plain(value, (*path, index), positions))
        return result_list
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
    try:
        _scan_events(text, rel)
        node = YAML(typ="safe", pure=False).load(text)
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
    return YamlDocument(_plain(node, (), None), text)


def locate(positions: dict[PathKey, Position], loc: PathKey) -> Position:
    """The position of the deepest known path prefix of `loc`."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in positions:
            return positions[loc[:end]]
    return (1, 1)
