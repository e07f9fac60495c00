"""The package's layout: no import cycles, and no import that runs upward.

Each module belongs to a layer (the longest matching prefix below); a module may import from its
own layer or a lower one, never a higher one. Within a layer the module graph must be acyclic.
Imports inside `if TYPE_CHECKING:` count too: they are dependencies a reader must follow.
"""

from __future__ import annotations

import ast
from pathlib import Path

from koordineringsbasen.settings import PACKAGE

# Lowest first. A change belongs to the lowest layer that can hold it.
LAYERS = (
    "settings",  # the environment and the repository's paths
    "model",  # the one definition of valid data and its domain rules
    "danish",  # reading and writing Danish numbers, dates and ids
    "texts",  # the source texts and citation anchors
    "catalog",  # the immutable catalog with reverse links
    "urls",  # where every page and file lives
    "load.ci_output",  # problems printed for CI, escaped
    "load.problems",
    "load.yamlsource",
    "load.datacache",
    "load.record",
    "load.checks",  # the checks a load runs
    "load",  # data files -> catalog
    "render",  # pages, pure (no mkdocs)
    "exports",  # the open data
    "site",  # inside an mkdocs build
    "serve",  # only under mkdocs serve
    "tools",  # contributors' commands
    "mkdocs_hooks",  # front doors
    "cli",
    "__main__",
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer(module: str) -> int:
    matches = [i for i, prefix in enumerate(LAYERS)
               if module == prefix or module.startswith(prefix + ".")]
    assert matches, f"module {module!r} belongs to no layer: add it to LAYERS"
    return max(matches, key=lambda i: len(LAYERS[i]))


def imports() -> dict[str, set[str]]:
    """Module -> the package's modules it imports (relative or absolute)."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[:len(package) - node.level + 1]
                    stem = ".".join(base + ([node.module] if node.module else []))
                elif (node.module or "").startswith("koordineringsbasen"):
                    stem = (node.module or "").removeprefix("koordineringsbasen").lstrip(".")
                else:
                    continue
                for alias in node.names:
                    full = f"{stem}.{alias.name}".lstrip(".")
                    targets.append(full if full in modules else stem)
            elif isinstance(node, ast.Import):
                targets = [a.name.removeprefix("koordineringsbasen.") for a in node.names
                           if a.name.startswith("koordineringsbasen.")]
            found.update(t for t in targets if t in modules and t != name)
        graph[name] = found
    return graph


def test_every_module_has_a_layer() -> None:
    for module in imports():
        if module:
            layer(module)


def test_no_import_runs_upward() -> None:
    upward = sorted(f"{module} -> {target}" for module, targets in imports().items() if module
                    for target in targets if target and layer(target) > layer(module))
    assert upward == []


def test_no_import_cycle() -> None:
    graph = imports()
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target):], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    # The layer rule itself: a model module importing the loader would be flagged.
    assert layer("model.common") < layer("load.loader")
    assert layer("load.checks.sources") < layer("load.loader")
    assert layer("render.text") > layer("danish.numbers")
