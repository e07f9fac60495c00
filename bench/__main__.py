"""`python -m bench [--sizes N ...] [--no-serve] [--no-real]`: print figures, write JSON.

Per size N: the project's strict build (hook + macros + Pagefind; first with an empty data cache,
as in CI, then again with the cache that build left, as `make build` after an edit) against the anchor (the same
pages as static Markdown built by plain mkdocs-material WITH Material's search plugin), peak
memory, sizes, and load time alone; the search figures (bench/search.py); and Zensical building
those static pages, with whether its pages match the project's.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from koordineringsbasen.load.loader import load_catalog
from koordineringsbasen.settings import ROOT

from . import targets
from .anchor import write_anchor
from .generate import generate
from .history import history_scenario
from .measure import (
    build_env,
    load_seconds,
    mkdocs_build,
    profile_cold,
    project_build,
    site_stats,
    timed,
)
from .search import first_query_bytes, index_bytes, index_seconds
from .serve import serve_loop
from .zensical import zensical_build

OUT = Path(__file__).resolve().parent / "out"


def run_size(n: int, work: Path, zensical: bool = False) -> dict[str, Any]:
    """Generate N entities under `work`, build both ways (and with Zensical), return the figures.

    Raises when the project or the anchor build fails; a failed Zensical build is reported."""
    data, seeds = work / "data", work / "seeds"
    counts = generate(n, data, seeds)
    load = load_seconds(data, seeds)
    cache = work / "cache"
    loads = {"cold": round(load, 3),
             "warm_disk": round(load_seconds(data, seeds, cache_dir=cache), 3),
             "warm_memory": round(load_seconds(data, seeds, cache_dir=cache, memory=True), 3)}
    project = project_build(data, seeds, work / "site-a", work / "build-a.log",
                            work / "build-cache")
    if project.returncode:
        raise RuntimeError(f"project build failed for N={n}:\n{project.output[-3000:]}")
    # Again with the data cache (and compiled templates) the first build left.
    warm = project_build(data, seeds, work / "site-a-warm", work / "build-a-warm.log",
                         work / "build-cache")
    if warm.returncode:
        raise RuntimeError(f"project build (warm cache) failed for N={n}:\n{warm.output[-3000:]}")
    start = time.perf_counter()
    config, pages, exports = write_anchor(data, seeds, work / "anchor")
    render = time.perf_counter() - start - exports
    anchor = mkdocs_build(config, work / "site-b", build_env(None, seeds), work / "build-b.log")
    if anchor.returncode:
        raise RuntimeError(f"anchor build failed for N={n}:\n{anchor.output[-3000:]}")
    plain = mkdocs_build(config.with_name("mkdocs-nosearch.yml"), work / "site-c",
                         build_env(None, seeds), work / "build-c.log")
    if plain.returncode:
        raise RuntimeError(f"anchor build without search failed for N={n}:\n{plain.output[-3000:]}")
    stats_a, stats_b = site_stats(work / "site-a", n), site_stats(work / "site-b", n)
    query = next(iter(load_catalog(data, seeds).entities["tilbud"].values())).navn
    search = {
        "pagefind_index_seconds": index_seconds(project.output),
        "pagefind_index_bytes": index_bytes(work / "site-a"),
        "first_query": query,
        "first_query_bytes": first_query_bytes(work / "site-a", query),
        "material_search_seconds": round(anchor.seconds - plain.seconds, 2),
        "material_index_bytes": stats_b["search_index_bytes"],
        "anchor_without_search_seconds": round(plain.seconds, 2),
    }
    result = {
        "entities": n,
        "counts": counts,
        "load_validate_seconds": round(load, 3),
        "load": loads,
        "project": {"seconds": round(project.seconds, 2), "max_rss_mb": round(project.max_rss_mb),
                    **stats_a},
        "anchor": {"seconds": round(anchor.seconds, 2), "max_rss_mb": round(anchor.max_rss_mb),
                   "markdown_pages": pages, **stats_b},
        "ratio": round(project.seconds / anchor.seconds, 3),
        "project_warm_cache_seconds": round(warm.seconds, 2),
        "ratio_warm_cache": round(warm.seconds / anchor.seconds, 3),
        "exports_seconds_in_process": round(exports, 3),
        # load + render of every page in-process: work the anchor build gets done for it.
        "anchor_prepare_seconds": round(render, 2),
        "search": search,
    }
    if n == 3000:
        result["history"] = history_scenario(data, work)
    if zensical:
        result["zensical"] = zensical_build(work / "anchor", work / "site-a",
                                            build_env(None, seeds))
    return result


def real_build(work: Path) -> dict[str, Any]:
    """The real data (data/ in the repo), strict build, as `make build` does it: first with an
    empty data cache, then again with the cache it left (`seconds`). Beside it the anchor for
    the same pages: plain Material with its search, and without it (the stack's own floor)."""
    seeds = ROOT.parent / "shared" / "seeds"
    env = {**build_env(None, seeds), "KOORDINERINGSBASEN_CACHE": str(work / "real-cache")}
    args = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(work / "real")]
    cold = timed(args, env, ROOT, work / "real-cold.log")
    run = timed(args, env, ROOT, work / "real.log")
    config, _, _ = write_anchor(ROOT / "data", seeds, work / "real-anchor")
    anchor = mkdocs_build(config, work / "real-b", build_env(None, seeds), work / "real-b.log")
    plain = mkdocs_build(config.with_name("mkdocs-nosearch.yml"), work / "real-b-plain",
                         build_env(None, seeds), work / "real-b-plain.log")
    ok = run.returncode == 0 == cold.returncode == anchor.returncode == plain.returncode
    return {"seconds": round(run.seconds, 2), "cold_seconds": round(cold.seconds, 2),
            "anchor_seconds": round(anchor.seconds, 2),
            "anchor_without_search_seconds": round(plain.seconds, 2),
            "max_rss_mb": round(run.max_rss_mb), "ok": ok,
            **{k: v for k, v in (site_stats(work / "real", 0) if run.returncode == 0 else {}).items()
               if k.startswith(("largest", "text_pages"))},
            "error": "" if ok else "\n".join(r.output[-1500:] for r in (cold, run, anchor, plain)
                                             if r.returncode)}


def table(results: list[dict[str, Any]]) -> str:
    rows = [("N", "build a s", "anchor b s", "a/b", "a warm s", "a warm/b", "zensical s", "z=a", "RSS a MB", "RSS b MB",
             "pages", "max page KB", "site MB", "b index KB", "b index B/ent", "load s")]
    for r in results:
        a, b, z = r["project"], r["anchor"], r.get("zensical", {})
        z_match = ("yes" if z.get("matches") else "no") if z.get("ok") else "-"
        rows.append((r["entities"], a["seconds"], b["seconds"], r["ratio"],
                     r["project_warm_cache_seconds"], r["ratio_warm_cache"], z.get("seconds", "-") if z.get("ok") else "-", z_match, a["max_rss_mb"],
                     b["max_rss_mb"], a["pages"], round(a["largest_entity_page_bytes"] / 1024, 1),
                     round(a["site_bytes"] / 2**20, 1), round(b["search_index_bytes"] / 1024),
                     b["search_index_bytes_per_entity"], r["load_validate_seconds"]))
    return _columns(rows) + "\n\n" + search_table(results)


def search_table(results: list[dict[str, Any]]) -> str:
    """Search per N. The anchor (b) keeps Material's search; its cost is b minus b built
    without the search plugin."""
    rows = [("N", "pagefind index s", "index KB", "1st query KB", "material search s",
             "material index KB", "index/material")]
    for r in results:
        s = r["search"]
        rows.append((r["entities"], s["pagefind_index_seconds"],
                     round(s["pagefind_index_bytes"] / 1024),
                     round(s["first_query_bytes"]["total"] / 1024),
                     s["material_search_seconds"], round(s["material_index_bytes"] / 1024),
                     round(s["pagefind_index_seconds"] / s["material_search_seconds"], 2)
                     if s["material_search_seconds"] > 0 else "–"))
    return _columns(rows)


def _columns(rows: list[tuple[Any, ...]]) -> str:
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(str(c).rjust(w) for c, w in zip(row, widths, strict=True))
                     for row in rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench")
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000, 3000])
    parser.add_argument("--serve-n", type=int, default=1000, help="0 skips the serve loop")
    parser.add_argument("--no-real", action="store_true", help="skip the real-data build")
    parser.add_argument("--no-zensical", action="store_true", help="skip the Zensical anchor")
    parser.add_argument("--no-profile", action="store_true", help="skip the cold-load profile")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"machine": platform.platform(), "sizes": []}
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        for n in args.sizes:
            result = run_size(n, Path(tmp) / f"n{n}", zensical=not args.no_zensical)
            report["sizes"].append(result)
            print(f"N={n}: a={result['project']['seconds']} s, b={result['anchor']['seconds']} s,"
                  f" a/b={result['ratio']}; a with a warm cache "
                  f"{result['project_warm_cache_seconds']} s, a/b={result['ratio_warm_cache']}",
                  flush=True)
            if "history" in result:
                print(f"  history: {result['history']}", flush=True)
            if "zensical" in result:
                z = result["zensical"]
                print(f"  zensical: {z.get('seconds', '-')} s, "
                      f"{z.get('comparison') or z.get('error', '')}", flush=True)
        if len(args.sizes) > 1:
            by_n = {r["entities"]: r["project"]["seconds"] for r in report["sizes"]}
            if 1000 in by_n and 3000 in by_n:
                report["scaling_3000_over_1000"] = round(by_n[3000] / by_n[1000], 2)
            report["marginal"] = targets.marginal(report)
        report["load"] = {str(r["entities"]): r["load"] for r in report["sizes"]}
        if not args.no_profile:
            largest = max(args.sizes)
            report["cold_load_profile"] = profile_cold(Path(tmp) / f"n{largest}" / "data",
                                                       Path(tmp) / f"n{largest}" / "seeds")
        if not args.no_real:
            report["real_data_build"] = real_build(Path(tmp))
            report["serve_real"] = serve_loop(None, Path(tmp) / "serve-real")
        if args.serve_n:
            report[f"serve_{args.serve_n}"] = serve_loop(args.serve_n, Path(tmp) / "serve")
    print(table(report["sizes"]))
    for key in ("scaling_3000_over_1000", "real_data_build", "serve_real",
                f"serve_{args.serve_n}", "marginal"):
        if report.get(key):
            print(f"{key}: {report[key]}")
    if report.get("cold_load_profile"):
        print(f"cold load N={max(args.sizes)}, cProfile, own time (profiling slows it down):")
        print("\n".join("  " + line for line in report["cold_load_profile"]))
    print("Targets (issue 15); the machine is shared, so timings are noisy:")
    print(targets.table(report))
    (OUT / "results.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n",
                                      encoding="utf-8")
    print(f"Skrevet: {OUT / 'results.json'}")


if __name__ == "__main__":
    main()
