"""A located problem in a data file, and how problems are printed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .. import settings
from .ci_output import command_data, command_property, one_line


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    field: str
    message: str

    def __str__(self) -> str:
        # One line whatever the data hold: a key or value with a line break cannot start a
        # line of its own (which CI would read as a command).
        field = f" {self.field}:" if self.field else ""
        return one_line(f"{self.path}:{self.line}:{self.col}:{field} {self.message}")

    def github_annotation(self, level: str = "error") -> str:
        # GitHub turns this line into an inline annotation on the pull request's diff; the
        # file property and the message are escaped for the workflow-command syntax.
        message = f"{self.field}: {self.message}" if self.field else self.message
        return (f"::{level} file={command_property(self.path)},line={self.line},col={self.col}"
                f"::{command_data(message)}")


class DataError(Exception):
    """Raised when the data cannot be loaded; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(f"{len(self.problems)} fejl i data; intet er bygget.")
        return "\n".join(lines)


def format_problems(problems: Iterable[Problem], level: str = "error") -> str:
    """Plain lines, plus GitHub annotations when running in GitHub Actions; warnings
    (`level="warning"`) are marked 'Advarsel:'."""
    lines = []
    for problem in sorted(set(problems)):
        lines.append(f"Advarsel: {problem}" if level == "warning" else str(problem))
        if settings.on_github_actions():
            lines.append(problem.github_annotation(level))
    return "\n".join(lines)
