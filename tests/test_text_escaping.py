"""Every line break a text can hold is folded by the Markdown escaping (issue 23, class 6): a
carriage return alone is a line break to Python-Markdown and made a heading and a code block."""

from __future__ import annotations

import markdown
import pytest

from koordineringsbasen.render.text import md, paragraphs

BREAKS = ["\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("brk", BREAKS)
def test_inline_text_stays_on_one_line(brk: str) -> None:
    text = f"Navn{brk}# Falsk overskrift{brk}{brk}    kodeblok{brk}- punkt"
    escaped = str(md(text))
    assert len(escaped.splitlines()) == 1, repr(escaped)
    html = markdown.markdown(f"Før: {escaped}")
    assert "<h1" not in html and "<pre" not in html and "<li" not in html, html
    assert html.count("<p>") == 1


@pytest.mark.parametrize("brk", BREAKS)
def test_paragraphs_split_on_every_line_break_and_nothing_else(brk: str) -> None:
    escaped = str(paragraphs(f"Første afsnit.{brk}## Andet{brk}    tredje"))
    html = markdown.markdown(escaped)
    assert html.count("<p>") == 3 and "<h2" not in html and "<pre" not in html, html
