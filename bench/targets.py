"""Issue 15's targets beside the figures measured before it and now, one row per target."""

from __future__ import annotations

from typing import Any

# (label, limit in seconds or None when compared with the anchor, figure before issue 15)
TARGETS = [
    ("edit → changed page served, real data", "serve_real.change_to_served_seconds", 2.0,
     "6.5 s"),
    ("edit → dependent pages updated, real data", "serve_real.change_to_dependents_seconds",
     None, "6.5 s"),
    ("edit → found by search, real data", "serve_real.change_to_search_seconds", None, "6.5 s"),
    ("edit → changed page served, N=1000", "serve_1000.change_to_served_seconds", 5.0,
     "31–39 s"),
    ("edit → dependent pages updated, N=1000", "serve_1000.change_to_dependents_seconds", None,
     "31–39 s"),
    ("edit → found by search, N=1000", "serve_1000.change_to_search_seconds", None, "31–39 s"),
    ("load+validation N=3000, warm cache (new process)", "load.3000.warm_disk", 0.5, "3.4–3.7 s"),
    ("load+validation N=3000, warm cache (serve)", "load.3000.warm_memory", 0.5, "3.4–3.7 s"),
    ("load+validation N=3000, cold", "load.3000.cold", 2.0, "3.4–3.7 s"),
    ("change history N=3000, empty cache", "history.read_cold_seconds", None, ""),
    ("change history N=3000, warm cache (new process)", "history.read_warm_disk_seconds", 1.0,
     ""),
    ("full build, real data, cold cache", "real_data_build.cold_seconds", 4.0, "5.5–7 s"),
    ("full build, real data, warm cache", "real_data_build.seconds", 4.0, "5.5–7 s"),
    ("same pages, plain Material with its search", "real_data_build.anchor_seconds", None, ""),
    ("same pages, plain Material without search", "real_data_build.anchor_without_search_seconds",
     None, ""),
    ("ms per entity page, N=1000→3000, project", "marginal.project_ms", None, "28.8 ms"),
    ("ms per entity page, N=1000→3000, anchor", "marginal.anchor_ms", None, "23.5 ms"),
]


def _value(report: dict[str, Any], path: str) -> Any:
    if path.startswith("history."):  # measured at N=3000 only
        report = next((r for r in report.get("sizes", []) if "history" in r), {})
    current: Any = report
    for part in path.split("."):
        if not isinstance(current, dict) or part not in current:
            return None
        current = current[part]
    return current


def marginal(report: dict[str, Any]) -> dict[str, float] | None:
    """Build seconds per extra entity between N=1000 and N=3000, for both builds."""
    by_n = {r["entities"]: r for r in report.get("sizes", [])}
    if 1000 not in by_n or 3000 not in by_n:
        return None
    low, high = by_n[1000], by_n[3000]
    pages = high["project"]["entity_pages"] - low["project"]["entity_pages"]
    return {f"{name}_ms": round(1000 * (high[name]["seconds"] - low[name]["seconds"]) / pages, 1)
            for name in ("project", "anchor")}


def table(report: dict[str, Any]) -> str:
    rows = [("target", "limit", "before", "now", "met")]
    anchor = _value(report, "marginal.anchor_ms")
    for label, path, limit, before in TARGETS:
        now = _value(report, path)
        if path == "marginal.project_ms" and now is not None and anchor is not None:
            met = "yes" if now <= anchor else "no"
            shown_limit = "≤ anchor"
        elif limit is not None and now is not None:
            met, shown_limit = ("yes" if now <= limit else "no"), f"≤ {limit:g} s"
        else:
            met, shown_limit = "", ""
        unit = " ms" if path.startswith("marginal") else " s"
        rows.append((label, shown_limit, before, "-" if now is None else f"{now}{unit}", met))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True))
                     for row in rows)
