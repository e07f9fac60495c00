"""The GitHub Actions workflow: valid YAML, the steps CI promises, least privilege, pinned actions.

Parsed with ruamel.yaml (YAML 1.2, so `on:` stays a string key and duplicate keys are errors).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.support import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
CI = WORKFLOWS / "ci.yml"
PINNED = re.compile(
    r"^\s*(?:-\s+)?uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40})\s+#\s*v\d+\.\d+\.\d+\s*$")
PUSH_TO_MAIN = "github.event_name == 'push' && github.ref == 'refs/heads/main'"


def _load(path: Path) -> Any:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ci() -> dict[str, Any]:
    return _load(CI)


def _steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return job["steps"]


def _uses(job: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [s for s in _steps(job) if str(s.get("uses", "")).split("@")[0] == action]


def _runs(job: dict[str, Any]) -> list[str]:
    return [s["run"] for s in _steps(job) if "run" in s]


def _index(job: dict[str, Any], text: str) -> int:
    for i, step in enumerate(_steps(job)):
        if text in step.get("run", ""):
            return i
    raise AssertionError(f"no step runs {text!r}")


def test_every_workflow_is_valid_yaml() -> None:
    files = sorted(WORKFLOWS.glob("*.y*ml"))
    assert CI in files
    for path in files:
        data = _load(path)
        assert isinstance(data, dict) and "jobs" in data and "on" in data, path


def test_triggers(ci: dict[str, Any]) -> None:
    assert "pull_request" in ci["on"]
    assert ci["on"]["push"]["branches"] == ["main"]


def test_least_privilege(ci: dict[str, Any]) -> None:
    assert ci["permissions"] == {"contents": "read"}
    for name, job in ci["jobs"].items():
        if name != "deploy":
            assert "permissions" not in job or "write" not in str(job["permissions"]), name
    assert ci["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_build_job_runs_the_front_door(ci: dict[str, Any]) -> None:
    build = ci["jobs"]["build"]
    checkout = _uses(build, "actions/checkout")
    assert checkout and checkout[0]["with"]["fetch-depth"] == 0
    # Python 3.11 with a pip cache (the Debian container brings Python 3.11).
    assert "python:3.11" in str(build.get("container", "")) or any(
        s["with"].get("python-version") == "3.11" for s in _uses(build, "actions/setup-python"))
    assert any("pip" in s["with"]["path"] for s in _uses(build, "actions/cache")) or any(
        s["with"].get("cache") == "pip" for s in _uses(build, "actions/setup-python"))
    runs = "\n".join(_runs(build))
    assert "pip install -r requirements.lock" in runs
    assert "pip install -e . --no-deps" in runs
    assert _index(build, "make browsers") < _index(build, "make test")
    assert _index(build, "make check") < _index(build, "make build") < _index(build, "make test")


def test_browsers_target_installs_debian_chromium() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nbrowsers:", 1)[1].split("\n\n", 1)[0]
    assert "apt-get install" in recipe and "chromium" in recipe
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make check" in ci_run and "make test" in ci_run


def test_preview_and_reports_are_uploaded(ci: dict[str, Any]) -> None:
    build = ci["jobs"]["build"]
    paths = [str(s["with"]["path"]).rstrip("/") for s in _uses(build, "actions/upload-artifact")]
    assert "site" in paths and "test-artifacts" in paths


def test_pull_requests_get_the_data_diff_in_the_summary(ci: dict[str, Any]) -> None:
    build = ci["jobs"]["build"]
    [step] = [s for s in _steps(build) if "koordineringsbasen diff" in s.get("run", "")]
    assert step["if"] == "github.event_name == 'pull_request'"
    assert '"origin/$BASE_REF" HEAD' in step["run"] and "GITHUB_STEP_SUMMARY" in step["run"]
    assert step["env"]["BASE_REF"] == "${{ github.base_ref }}"


def test_deploy_job_uses_the_official_pages_actions(ci: dict[str, Any]) -> None:
    build, deploy = ci["jobs"]["build"], ci["jobs"]["deploy"]
    [package] = _uses(build, "actions/upload-pages-artifact")
    assert package["if"] == PUSH_TO_MAIN and package["with"]["path"].rstrip("/") == "site"
    assert deploy["if"] == PUSH_TO_MAIN and deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"]["group"] == "pages"
    assert _uses(deploy, "actions/configure-pages") and _uses(deploy, "actions/deploy-pages")


def test_actions_are_pinned_to_commits_with_a_version_comment() -> None:
    for path in sorted(WORKFLOWS.glob("*.y*ml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"^\s*(?:-\s+)?uses:", line):
                where = f"{path.name}:{number}"
                assert PINNED.match(line), f"{where}: not pinned to a SHA: {line.strip()}"


def test_no_expression_is_pasted_into_a_script(ci: dict[str, Any]) -> None:
    """`${{ }}` in run: is a script-injection risk; values go through env: instead."""
    for name, job in ci["jobs"].items():
        for script in _runs(job):
            assert "${{" not in script, f"{name}: {script.splitlines()[0]}"


def test_source_texts_come_from_a_configurable_repository(ci: dict[str, Any]) -> None:
    """The seeds are checked out only when the repository variable names them; the build
    then finds them through KOORDINERINGSBASEN_SEEDS, and runs without them otherwise."""
    build = ci["jobs"]["build"]
    [seeds] = [s for s in _uses(build, "actions/checkout") if "repository" in s.get("with", {})]
    assert seeds["if"] == "vars.SEEDS_REPOSITORY != ''"
    assert seeds["with"]["repository"] == "${{ vars.SEEDS_REPOSITORY }}"
    assert seeds["with"]["persist-credentials"] is False
    point = _index(build, "KOORDINERINGSBASEN_SEEDS=")
    assert _steps(build).index(seeds) < point < _index(build, "make check")
    assert "GITHUB_ENV" in _steps(build)[point]["run"]
