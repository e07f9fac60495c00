"""The text of a Word document (.docx), read with the standard library (zipfile + ElementTree).

A .docx is a zip of XML. Walking its body in order keeps tables where they stand (a row per
line, cells tab-separated), which python-docx's `Document.paragraphs` does not. Word's automatic
numbering ("1.", "7.2") is not in the paragraph text but in numbering.xml; it is written out
here (decimal, letters, Roman, bullets), since agenda items are often numbered that way and the
headings finder needs the numbers. Number and text are separated by a tab, as Word does.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
         (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


class DocxError(Exception):
    """The file is no readable Word document."""


def _val(node: ElementTree.Element | None, name: str = "val") -> str | None:
    return None if node is None else node.get(f"{W}{name}")


def _roman(n: int) -> str:
    out = ""
    for value, letters in ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    return str(n)


@dataclass
class Numbering:
    """numbering.xml and the numbering of paragraph styles: the label of each numbered
    paragraph, counted in document order."""

    levels: dict[str, dict[int, tuple[int, str, str]]] = field(default_factory=dict)  # abstract
    nums: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    styles: dict[str, tuple[str, int]] = field(default_factory=dict)  # style -> (numId, ilvl)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def read(cls, archive: zipfile.ZipFile) -> Numbering:
        numbering = cls()
        names = set(archive.namelist())
        if "word/numbering.xml" in names:
            root = ElementTree.fromstring(archive.read("word/numbering.xml"))
            for abstract in root.iter(f"{W}abstractNum"):
                levels = {}
                for lvl in abstract.iter(f"{W}lvl"):
                    start = int(_val(lvl.find(f"{W}start")) or 1)
                    levels[int(_val(lvl, "ilvl") or 0)] = (
                        start, _val(lvl.find(f"{W}numFmt")) or "decimal",
                        _val(lvl.find(f"{W}lvlText")) or "")
                numbering.levels[_val(abstract, "abstractNumId") or ""] = levels
            for num in root.iter(f"{W}num"):
                numbering.nums[_val(num, "numId") or ""] = _val(num.find(f"{W}abstractNumId")) or ""
        if "word/styles.xml" in names:
            for style in ElementTree.fromstring(archive.read("word/styles.xml")).iter(f"{W}style"):
                num_pr = style.find(f"{W}pPr/{W}numPr")
                if num_pr is not None and _val(num_pr.find(f"{W}numId")):
                    numbering.styles[_val(style, "styleId") or ""] = (
                        _val(num_pr.find(f"{W}numId")) or "", int(_val(num_pr.find(f"{W}ilvl")) or 0))
        return numbering

    def label(self, paragraph: ElementTree.Element) -> str:
        """The number Word shows before `paragraph` ("3.", "7.2", "•"), or ""."""
        props = paragraph.find(f"{W}pPr")
        num_pr = None if props is None else props.find(f"{W}numPr")
        num_id, ilvl = None, 0
        if num_pr is not None:
            num_id = _val(num_pr.find(f"{W}numId"))
            ilvl = int(_val(num_pr.find(f"{W}ilvl")) or 0)
        elif props is not None and _val(props.find(f"{W}pStyle")) in self.styles:
            num_id, ilvl = self.styles[_val(props.find(f"{W}pStyle")) or ""]
        abstract = self.nums.get(num_id or "")
        if not num_id or num_id == "0" or abstract is None or abstract not in self.levels:
            return ""
        levels = self.levels[abstract]
        if ilvl not in levels:
            return ""
        counts = self.counters.setdefault(abstract, {})
        counts[ilvl] = counts.get(ilvl, levels[ilvl][0] - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]  # a new item restarts its sub-items
        start, fmt, text = levels[ilvl]
        if fmt == "bullet":
            return "•"
        if fmt == "none":
            return ""

        def level(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            first, k_fmt, _ = levels.get(k, (1, "decimal", ""))
            return _format(counts.get(k, first), k_fmt)
        return re.sub(r"%(\d)", level, text)


def _paragraph(paragraph: ElementTree.Element, numbering: Numbering) -> str:
    parts = []
    for node in paragraph.iter():
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append("\t")
        elif node.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    text = "".join(parts)
    label = numbering.label(paragraph)
    return f"{label}\t{text}" if label and text.strip() else text


def _blocks(body: ElementTree.Element, numbering: Numbering) -> list[str]:
    """Paragraphs in document order; a table row becomes one line, its cells tab-separated."""
    lines: list[str] = []
    for child in body:
        if child.tag == f"{W}p":
            lines.append(_paragraph(child, numbering))
        elif child.tag == f"{W}tbl":
            for row in child.iter(f"{W}tr"):
                cells = [" ".join(_paragraph(p, numbering) for p in cell.iter(f"{W}p")).strip()
                         for cell in row.iter(f"{W}tc")]
                lines.append("\t".join(cells))
        elif child.tag == f"{W}sdt":  # content controls (e.g. a table of contents)
            content = child.find(f"{W}sdtContent")
            if content is not None:
                lines.extend(_blocks(content, numbering))
    return lines


def docx_text(path: Path) -> str:
    """The document's paragraphs, separated by a blank line as in the seeds from Word files."""
    try:
        with zipfile.ZipFile(path) as archive:
            body = ElementTree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
            numbering = Numbering.read(archive)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, ValueError) as exc:
        raise DocxError(str(exc))
    if body is None:
        raise DocxError("ingen brødtekst")
    return "\n\n".join(_blocks(body, numbering))
