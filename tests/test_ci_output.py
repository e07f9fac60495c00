"""Problems and the change summary cannot issue GitHub workflow commands or Markdown (issue 23)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from koordineringsbasen import cli
from koordineringsbasen.load.ci_output import (
    command_data,
    command_property,
    markdown_text,
    one_line,
)
from koordineringsbasen.load.problems import Problem, format_problems
from tests.support import FIXTURE_DATA, FIXTURE_SEEDS

HOSTILE = [
    "felt\n::set-output name=x::1",
    "a\r::stop-commands::tok",
    "b\r\n::group::Skjult",
    "c\u2028::debug::x",
    "100%0A::notice::y",
    "slut\n",
]
COMMAND_LINE = re.compile(r"^\s*::", re.MULTILINE)


@pytest.mark.parametrize("text", HOSTILE)
def test_a_problem_prints_as_one_line_and_one_annotation(
        text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    problem = Problem(f"data/x,{text}.yml", 3, 4, f"{text}.navn", f"værdien '{text}' er forkert")
    out = format_problems([problem])
    lines = out.split("\n")
    assert len(lines) == 2, out
    assert not any(COMMAND_LINE.match(line) for line in lines[:1])
    annotation = lines[1]
    assert annotation.startswith("::error file="), annotation
    props, message = annotation[len("::error "):].split("::", 1)
    # The file property holds no raw separator: exactly the three properties are read.
    assert [p.split("=", 1)[0] for p in props.split(",")] == ["file", "line", "col"]
    assert not re.search(r"[\r\n]", annotation)  # the runner splits lines at CR and LF
    # GitHub undoes the escapes: the message is the text again.
    decoded = message.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
    assert decoded == f"{text}.navn: værdien '{text}' er forkert"


def test_escapes_follow_the_workflow_command_syntax() -> None:
    assert command_data("5% \r\n") == "5%25 %0D%0A"
    assert command_property("a:b,c%") == "a%3Ab%2Cc%25"
    assert one_line("x\ny\x1bz") == "x\\ny\\x1bz"


SUMMARY_HOSTILE = [
    "# Overskrift", "[klik](https://evil.example)", "![billede](https://evil.example/x.png)",
    "<img src=x onerror=alert(1)>", "**fed** og `kode`", "| a | b |", "> citat",
    "1. punkt", "- liste", "navn\n## ny overskrift", "x\\]y", "~~slet~~", "<https://evil.example>",
]


@pytest.mark.parametrize("text", SUMMARY_HOSTILE)
def test_the_job_summary_shows_names_as_text(text: str) -> None:
    tokens = MarkdownIt("commonmark").enable("table").enable("strikethrough") \
        .parse(f"- Ny målgruppe: {markdown_text(text)}\n")
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in (t.children or [])}
    assert kinds <= {"bullet_list_open", "bullet_list_close", "list_item_open",
                     "list_item_close", "paragraph_open", "paragraph_close", "inline", "text"}
    shown = "".join(c.content for t in tokens for c in (t.children or []) if c.type == "text")
    assert shown == "Ny målgruppe: " + one_line(text)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def test_diff_markdown_escapes_a_hostile_name(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOORDINERINGSBASEN_SEEDS", str(FIXTURE_SEEDS))
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE_DATA, repo / "data")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "-c", "user.email=t@example.invalid", "-c", "user.name=T", "add", ".")
    _git(repo, "-c", "user.email=t@example.invalid", "-c", "user.name=T", "commit", "-qm", "a")
    path = repo / "data/tilbud/testtilbud.yml"
    text = path.read_text(encoding="utf-8")
    name = re.search(r"^navn: (.*)$", text, re.MULTILINE)
    assert name
    path.write_text(text.replace(name.group(0), "navn: '![x](https://evil.example/a.png) _y_'"),
                    encoding="utf-8")
    assert cli.main(["diff", "HEAD", "--repo", str(repo), "--markdown"]) == 0
    out = capsys.readouterr().out
    html = MarkdownIt("commonmark").render(out)
    assert "<img" not in html and "<em>" not in html and "evil.example/a.png" in html
