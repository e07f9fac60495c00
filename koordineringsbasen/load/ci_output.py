"""Text printed where CI interprets it: GitHub's workflow commands and the job summary.

GitHub Actions reads every line of a step's output that starts with '::' as a workflow command
(::error, ::warning, ::add-mask::, ::stop-commands::), and renders the job summary as
Markdown. Data text (a key, a name) must reach neither as anything but text.
"""

from __future__ import annotations

import html
import re

# Control characters shown as visible escapes in plain output: a line break inside a problem
# would start a new output line, which GitHub reads as a command if it starts with '::'.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# What Markdown (GitHub's job summary) gives a meaning: emphasis, links, images, headings,
# lists, tables, code, quotes, HTML; escaped with a backslash.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>:])")


def one_line(text: str) -> str:
    """`text` on one line: every control character written as an escape ('\\n', '\\x1b')."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def command_data(text: str) -> str:
    """The message part of a workflow command ('::error …::<message>')."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def command_property(text: str) -> str:
    """A property value of a workflow command (file=…, title=…): ':' and ',' end it."""
    return command_data(text).replace(":", "%3A").replace(",", "%2C")


def markdown_text(text: str) -> str:
    """`text` as literal Markdown on one line (no heading, link, image, list or HTML)."""
    # Entities first: the '&' of an entity must stay unescaped to be read as one.
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(one_line(text), quote=False))
