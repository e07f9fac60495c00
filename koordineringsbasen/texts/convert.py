"""Turn a document (PDF, .docx, .txt) into a source text as the seeds hold them.

PDF goes through poppler's `pdftotext` (Debian's poppler-utils) in its default reading-order
mode: the existing seeds were extracted that way (a label cell and its value come as separate
blocks, "Øvrige\\ndeltagere\\n\\nAnette Sloth, …"; no runs of spaces that `-layout` makes; lines
not interleaved across columns as `-raw` does). A .docx is read with the standard library
(zipfile + ElementTree): the format is a zip of XML, and walking the body in order keeps tables
where they stand, which python-docx's `Document.paragraphs` does not; no new runtime dependency.

Every text is normalised the same way (`normalise`): UTF-8, "\\n" line ends, no form feeds or
other control characters (tabs are kept, as the seeds have them), trailing blank lines dropped.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

# Control characters other than tab and newline (form feeds at page ends, NULs, escapes).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
LETTER = re.compile(r"[^\W\d_]")
# A PDF with fewer letters than this is taken for a scan (an image without a text layer).
MIN_LETTERS = 20
PDFTOTEXT = "pdftotext"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class ConversionError(Exception):
    """A Danish message for the person who imports a document."""


@dataclass(frozen=True)
class Converted:
    text: str
    notices: tuple[str, ...] = ()


def normalise(text: str) -> str:
    """UTF-8 text as the seeds hold it: "\\n" line ends, no control characters (form feeds at
    page ends become line breaks), no trailing blank lines, one final newline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\ufeff", "")
    text = CONTROL.sub("", text)
    # Leading blank lines stay: the existing texts keep them, and they count in line numbers.
    return text.rstrip("\n") + "\n" if text.strip() else ""


def letter_count(text: str) -> int:
    return len(LETTER.findall(text))


def pdftotext_available() -> bool:
    return shutil.which(PDFTOTEXT) is not None


def _pdf(path: Path) -> Converted:
    if not pdftotext_available():
        raise ConversionError("pdftotext findes ikke på maskinen; installér Debians pakke "
                              "poppler-utils (make poppler)")
    result = subprocess.run([PDFTOTEXT, "-enc", "UTF-8", str(path), "-"],
                            capture_output=True, check=False)
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ConversionError(f"{path.name} kan ikke læses som PDF"
                              + (f" ({detail[-1]})" if detail else ""))
    text = normalise(result.stdout.decode("utf-8", "replace"))
    if letter_count(text) < MIN_LETTERS:
        raise ConversionError(
            f"{path.name} har intet tekstlag (kun {letter_count(text)} bogstaver): det ligner "
            f"en scannet PDF. Få dokumentet som tekst-PDF eller Word, eller kør OCR på det først")
    return Converted(text)


def _docx_paragraph(paragraph: ElementTree.Element) -> str:
    parts = []
    for node in paragraph.iter():
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append("\t")
        elif node.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    return "".join(parts)


def _docx_blocks(body: ElementTree.Element) -> list[str]:
    """Paragraphs in document order; a table row becomes one line, its cells tab-separated."""
    lines: list[str] = []
    for child in body:
        if child.tag == f"{W}p":
            lines.append(_docx_paragraph(child))
        elif child.tag == f"{W}tbl":
            for row in child.iter(f"{W}tr"):
                cells = [" ".join(_docx_paragraph(p) for p in cell.iter(f"{W}p")).strip()
                         for cell in row.iter(f"{W}tc")]
                lines.append("\t".join(cells))
        elif child.tag == f"{W}sdt":  # content controls (e.g. a table of contents)
            content = child.find(f"{W}sdtContent")
            if content is not None:
                lines.extend(_docx_blocks(content))
    return lines


def _docx(path: Path) -> Converted:
    try:
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("word/document.xml")
        body = ElementTree.fromstring(xml).find(f"{W}body")
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        raise ConversionError(f"{path.name} kan ikke læses som Word-dokument (.docx): {exc}")
    if body is None:
        raise ConversionError(f"{path.name} har ingen brødtekst")
    # Paragraphs are separated by a blank line, as in the seeds extracted from Word documents.
    return Converted(normalise("\n\n".join(_docx_blocks(body))))


def _txt(path: Path) -> Converted:
    data = path.read_bytes()
    try:
        return Converted(normalise(data.decode("utf-8")))
    except UnicodeDecodeError:
        return Converted(normalise(data.decode("cp1252", "replace")),
                         (f"{path.name} er ikke UTF-8; læst som Windows-1252 (cp1252). "
                          f"Kontrollér æ, ø og å i teksten.",))


READERS = {".pdf": _pdf, ".docx": _docx, ".txt": _txt}


def convert(path: Path) -> Converted:
    """The normalised text of the document at `path`; ConversionError when it cannot be had."""
    if not path.is_file():
        raise ConversionError(f"{path} findes ikke")
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ConversionError(f"{path.name}: ukendt filtype '{path.suffix}'; brug PDF, .docx "
                              f"eller .txt")
    converted = reader(path)
    if not converted.text.strip():
        raise ConversionError(f"{path.name} indeholder ingen tekst")
    return converted
