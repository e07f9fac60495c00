"""Turn a document (PDF, .docx, .txt) into a source text as the seeds hold them.

PDF goes through poppler's `pdftotext` (Debian's poppler-utils) with `-raw`: text in the order
the PDF draws it, words on one baseline joined by a space. That is how the existing seeds were
extracted, as far as their text shows: 002_… begins with the end of an agenda drawn before the
page header (drawing order, not position), and a label cell and its value stand on one line
("Tid Mødet den 17. marts 2025, kl. 12.00 - 16.00"), then "Øvrige" / "deltagere" / the value's
lines. pdftotext's default mode sets a label and its value apart as two blocks and can interleave
the wrapped lines of neighbouring cells; `-layout` pads columns with runs of spaces, which the
seeds almost never have (12 of 5,873 lines). No mode gives the seeds' trailing spaces or their
blank lines between paragraphs, so another extractor made them; line numbers of new texts are
their own. A .docx is read with the standard library (texts/docx.py): no new runtime
dependency, tables kept in place, automatic numbering written out.

Every text is normalised the same way (`normalise`): UTF-8, "\\n" line ends, no form feeds or
other control characters (tabs are kept, as the seeds have them), trailing blank lines dropped.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .docx import DocxError, docx_text

# Control characters other than tab and newline (form feeds at page ends, NULs, escapes).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
LETTER = re.compile(r"[^\W\d_]")
# A PDF with fewer letters than this is taken for a scan (an image without a text layer).
MIN_LETTERS = 20
PDFTOTEXT = "pdftotext"


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
    result = subprocess.run([PDFTOTEXT, "-raw", "-enc", "UTF-8", str(path), "-"],
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


def _docx(path: Path) -> Converted:
    try:
        return Converted(normalise(docx_text(path)))
    except DocxError as exc:
        raise ConversionError(f"{path.name} kan ikke læses som Word-dokument (.docx): {exc}")


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
