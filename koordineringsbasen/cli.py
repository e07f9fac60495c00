"""Command line: `python -m koordineringsbasen check | schema | ...`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import changes, scaffold
from .loader import ROOT, default_seeds_dir, load_catalog
from .problems import DataError, format_problems
from .schema import stale_schemas, write_schemas


def _check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        catalog = load_catalog(Path(args.data), Path(args.seeds) if args.seeds else None)
    except DataError as exc:
        print(format_problems(exc.problems), file=sys.stderr)
        print(f"{len(exc.problems)} fejl i data.", file=sys.stderr)
        return 1
    stale = stale_schemas(ROOT)
    if stale:
        print(f"schemas/ er forældet ({', '.join(stale)}); kør 'make schema'", file=sys.stderr)
        return 1
    counts = ", ".join(f"{kind}: {len(catalog.entities[kind])}" for kind in catalog.entities)
    elapsed = time.perf_counter() - started
    print(f"Data OK ({counts}; ordliste: {len(catalog.glossary)}) på {elapsed:.2f} s")
    return 0


def _schema(args: argparse.Namespace) -> int:
    for path in write_schemas(ROOT):
        print(f"skrev {path.relative_to(ROOT)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="koordineringsbasen")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="valider alle datafiler")
    check.add_argument("--data", default=str(ROOT / "data"))
    check.add_argument("--seeds", default=None, help=f"kildefiler (standard: {default_seeds_dir()})")
    check.set_defaults(func=_check)
    schema = commands.add_parser("schema", help="skriv JSON Schema-filer fra modellen")
    schema.set_defaults(func=_schema)
    scaffold.register(commands)
    changes.register(commands)
    args = parser.parse_args(argv)
    return args.func(args)
