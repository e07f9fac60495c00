"""Edit a YAML data file in place by position, so every byte not edited stays as it was.

The file is parsed once into the span of every node (by its path, as the loader names
paths); edits replace or insert text at those spans and are applied from the end of the
file backwards, so earlier offsets stay valid. A field added to a block mapping is written
as its last lines, at the mapping's indentation; one added to a flow mapping ({kilde: …})
joins it as a flow mapping on the same line.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.events import (
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from ..model.common import PathKey


class EditError(ValueError):
    """The file cannot be edited safely at this place."""


@dataclass
class Node:
    start: int  # character offsets in the text
    end: int  # end of the node's last character (its last scalar, for a block container)
    line: int  # 0-based line and column of the start
    col: int
    key_start: int | None = None  # where the node's key begins (a mapping's value)
    flow: bool = False  # a flow container's end is after its closing bracket
    inner_end: int = 0  # a container's: the end of its last child
    style: str | None = None  # a scalar's style: '', "'", '"', '|', '>'


def _offsets(text: str) -> list[int]:
    starts = [0]
    starts.extend(i + 1 for i, char in enumerate(text) if char == "\n")
    return starts


def node_spans(text: str) -> dict[PathKey, Node]:
    """Every node's span by path (libyaml's marks count characters, lines and columns)."""
    line_starts = _offsets(text)

    def offset(mark: yaml.Mark) -> int:
        return line_starts[mark.line] + mark.column

    nodes: dict[PathKey, Node] = {}
    stack: list[list] = []  # [path, container, pending key, key offset, child count]
    parser = yaml.CSafeLoader(text)
    # Events are told apart by exact class, which a type checker cannot narrow on: Any here.
    next_event: Callable[[], Any] = parser.get_event
    try:
        while (event := next_event()) is not None:
            kind = type(event)
            if kind in (MappingEndEvent, SequenceEndEvent):
                path = stack.pop()[0]
                done = nodes[path]
                done.inner_end = done.end
                if done.flow:
                    done.end = offset(event.end_mark)
                if stack:
                    nodes[stack[-1][0]].end = max(nodes[stack[-1][0]].end, done.end)
                continue
            if kind not in (ScalarEvent, MappingStartEvent, SequenceStartEvent):
                continue
            key_start = None
            if stack:
                frame = stack[-1]
                if frame[1] == "map" and frame[2] is None:
                    frame[2], frame[3] = event.value, offset(event.start_mark)
                    continue
                if frame[1] == "map":
                    path, key_start = (*frame[0], frame[2]), frame[3]
                    frame[2] = None
                else:
                    path = (*frame[0], frame[4])
                    frame[4] += 1
            else:
                path = ()
            mark = event.start_mark
            node = Node(offset(mark), offset(event.end_mark), mark.line, mark.column, key_start)
            if kind is ScalarEvent:
                node.style = event.style or ""
            else:
                node.flow = bool(event.flow_style)
                node.end = node.start
                stack.append([path, "map" if kind is MappingStartEvent else "seq", None, None, 0])
            nodes[path] = node
            if kind is ScalarEvent and stack:
                parent = nodes[stack[-1][0]]
                parent.end = max(parent.end, node.end)
    finally:
        parser.dispose()
    return nodes


def quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def flow(fields: dict[str, str]) -> str:
    """The fields as a YAML flow mapping on one line."""
    return "{" + ", ".join(f"{name}: {quoted(value)}" for name, value in fields.items()) + "}"


def block(key: str, fields: dict[str, str], indent: int) -> str:
    """`key:` with its fields, as lines indented by `indent` spaces."""
    pad = " " * indent
    return "".join([f"{pad}{key}:\n", *(f"{pad}  {name}: {quoted(value)}\n"
                                         for name, value in fields.items())])


class Editor:
    """Edits to one file's text, applied together."""

    def __init__(self, text: str, rel: str):
        self.text = text
        self.rel = rel
        self.nodes = node_spans(text)
        self._edits: list[tuple[int, int, str]] = []

    def _where(self, node: Node) -> str:
        return f"{self.rel}:{node.line + 1}:{node.col + 1}"

    def _line_end(self, offset: int) -> int:
        """The offset just after the line holding `offset` (after its newline)."""
        newline = self.text.find("\n", offset)
        return len(self.text) if newline < 0 else newline + 1

    def _line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def _mapping(self, path: PathKey) -> Node:
        node = self.nodes.get(path)
        if node is None:
            raise EditError(f"{self.rel}: {path} findes ikke")
        if node.style is not None:
            raise EditError(f"{self._where(node)}: henvisningen er ikke en blok med felter")
        return node

    def set_mapping(self, path: PathKey, key: str, fields: dict[str, str]) -> None:
        """Write `key:` with `fields` into the block mapping at `path`, replacing its old value
        when it has one, else as the mapping's last key."""
        mapping = self._mapping(path)
        old = self.nodes.get((*path, key))
        if mapping.flow:  # {kilde: …, linjer: …}: the new field joins it on its line
            if old is not None:
                self._edits.append((old.start, old.end, flow(fields)))
            else:
                end = mapping.inner_end
                self._edits.append((end, end, f", {key}: {flow(fields)}"))
            return
        new = block(key, fields, self._key_col(path, mapping.col))
        if old is not None:
            start = self._line_start(old.key_start if old.key_start is not None else old.start)
            if self.text[start:old.key_start].strip():
                raise EditError(f"{self._where(old)}: '{key}' står ikke på sin egen linje")
            self._edits.append((start, self._block_end(old), new))
        else:
            end = self._block_end(mapping)
            self._edits.append((end, end, new))

    def _key_col(self, path: PathKey, fallback: int) -> int:
        """The column of the mapping's keys (the first key's)."""
        starts = [n.key_start for p, n in self.nodes.items()
                  if len(p) == len(path) + 1 and p[:-1] == path and n.key_start is not None]
        if not starts:
            return fallback
        first = min(starts)
        return first - self._line_start(first)

    def _block_end(self, node: Node) -> int:
        """Where the text after a block node begins: after the line of its last character
        (a block scalar's end mark is already at the start of the next line)."""
        end = node.end
        if not (end > 0 and (end >= len(self.text) or self.text[end - 1] == "\n")):
            end = self._line_end(end)
        while end > 1 and self.text[end - 1] == "\n" and not self.text[
                (start := self._line_start(end - 1)):end].strip():
            end = start  # blank lines a block scalar swallowed stay after the new field
        return end

    def set_scalar(self, path: PathKey, value: str) -> None:
        """Replace the one-line scalar at `path` with `value`, double-quoted."""
        node = self.nodes.get(path)
        if node is None or node.style is None or node.style in ("|", ">"):
            raise EditError(f"{self.rel}: {path} er ikke en tekst på én linje")
        self._edits.append((node.start, node.end, quoted(value)))

    def result(self) -> str:
        text = self.text
        for start, end, new in sorted(self._edits, reverse=True):
            text = text[:start] + new + text[end:]
        return text

    @property
    def changed(self) -> bool:
        return bool(self._edits)
