"""`risikorunde FIL.csv --runde "Forår 2025"`: one table of ratings, written into every target
group's file as one round.

The table has one row per target group (columns målgruppe, niveau, kilde, linjer, punkt;
optional begrundelse, næste skridt, dato), separated by ; or , in UTF-8 (with or without a
byte-order mark). The round must be one of model.entities.RISK_ROUNDS. Every row is checked
first; one bad row refuses the whole table, each problem named with its CSV line and column.
A rating is added at the end of the file's `risiko` list as text: every other byte of the file
stays as it was. Each citation gets its anchor (tools.citation_block, as `find` writes it).
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from ..load.yamlsource import YamlProblem, read_yaml
from ..model.agenda import resolve_item
from ..model.common import LineRange, PartialDate, line_bounds
from ..model.entities import RiskLevel, RiskRating, known_round
from ..model.sources import Source
from ..texts.anchors import EmptyPassage
from .citation_block import CitationError, Cited, cite, item_for, reference_lines, source_and_text
from .data_files import write_text
from .scaffold import MARK

# Column -> its heading as shown, then the other headings it may have (compared in lower case
# without spaces, dots, hyphens and underscores).
COLUMNS = {
    "maalgruppe": ("målgruppe", "maalgruppe"),
    "niveau": ("niveau",),
    "kilde": ("kilde",),
    "linjer": ("linjer", "linje"),
    "punkt": ("punkt",),
    "begrundelse": ("begrundelse",),
    "naeste_skridt": ("næste skridt", "naeste skridt"),
    "dato": ("dato",),
}
REQUIRED = ("maalgruppe", "niveau", "kilde", "linjer", "punkt")
LEVELS = {**{level.value: level.value for level in RiskLevel}, "rød": "roed", "grøn": "groen"}
RISIKO_KEY = re.compile(r"^risiko:[ \t]*(?:#.*)?$")
FLOW_RISIKO = re.compile(r"^risiko:[ \t]*[^\s#]", re.MULTILINE)
LINES = TypeAdapter(LineRange)
DATE = TypeAdapter(PartialDate)


Report = Callable[[str, str], None]  # (column, message) of the row being read


class RoundError(Exception):
    """The table is refused: every problem, each with its place."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Rating:
    group: str
    path: Path
    niveau: str
    dato: str
    begrundelse: str
    naeste_skridt: str
    cited: Cited


def _folded(name: str) -> str:
    return re.sub(r"[\s._-]+", "", name.strip().lstrip("\ufeff").lower())


def _heading(name: str) -> str | None:
    return next((column for column, names in COLUMNS.items()
                 if _folded(name) in {_folded(n) for n in names}), None)


def read_table(raw: bytes, shown: str) -> tuple[list[tuple[int, dict[str, str]]], dict[str, int]]:
    """The rows as (CSV line, {column: value}) and each column's position (1-based)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RoundError([f"{shown}: filen er ikke UTF-8 (byte {exc.start + 1}); gem den som "
                          f"CSV UTF-8"]) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") and ";" in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if not header:
        raise RoundError([f"{shown}: filen er tom"])
    positions: dict[str, int] = {}
    problems = []
    for index, name in enumerate(header, 1):
        column = _heading(name)
        if column is None and name.strip():
            problems.append(f"{shown}:1: kolonne {index} '{name.strip()}' kendes ikke; brug "
                            f"{', '.join(names[0] for names in COLUMNS.values())}")
        elif column in positions:
            problems.append(f"{shown}:1: kolonne '{name.strip()}' står to gange")
        elif column:
            positions[column] = index
    missing = [COLUMNS[c][0] for c in REQUIRED if c not in positions]
    if missing:
        problems.append(f"{shown}:1: kolonne mangler: {', '.join(missing)}")
    if problems:
        raise RoundError(problems)
    rows = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        values = {c: (cells[i - 1].strip() if i <= len(cells) else "") for c, i in positions.items()}
        rows.append((reader.line_num, values))
    if not rows:
        raise RoundError([f"{shown}: tabellen har ingen rækker"])
    return rows, positions


def _close(value: str, known: list[str]) -> str:
    found = difflib.get_close_matches(value, known, n=1)
    return f"; mente du '{found[0]}'?" if found else ""


def _has_round(path: Path, runde: str) -> bool:
    try:
        data = read_yaml(path, path.name).data
    except YamlProblem:
        return False  # reported by `make check`; the rating is added all the same
    return isinstance(data, dict) and any(isinstance(r, dict) and r.get("runde") == runde
                                          for r in data.get("risiko") or [])


def check_table(raw: bytes, shown: str, runde: str, dato: str | None, data_dir: Path,
                seeds: Path, sources: dict[str, Source]) -> list[Rating]:
    """Every row as a rating to write, or RoundError with every problem of the table."""
    problems: list[str] = []
    try:
        known_round(runde)
    except ValueError as exc:
        problems.append(f"--runde: {exc}")
    if dato:
        try:
            DATE.validate_python(dato)
        except ValidationError as exc:
            problems.append(f"--dato: {exc.errors()[0]['msg'].split(', ', 1)[-1]}")
    rows, positions = read_table(raw, shown)
    groups = sorted(p.stem for p in (data_dir / "maalgrupper").glob("*.yml"))
    seen: dict[str, int] = {}
    ratings = []
    for line, row in rows:
        def problem(column: str, message: str, line: int = line) -> None:
            problems.append(f"{shown}:{line}: kolonne {positions[column]} "
                            f"({COLUMNS[column][0]}): {message}")
        group = row["maalgruppe"]
        path = data_dir / "maalgrupper" / f"{group}.yml"
        if not group:
            problem("maalgruppe", "mangler")
        elif not path.is_file():
            problem("maalgruppe", f"ukendt målgruppe '{group}'{_close(group, groups)}")
        elif group in seen:
            problem("maalgruppe", f"'{group}' står også i linje {seen[group]}")
        elif _has_round(path, runde):
            problem("maalgruppe", f"'{group}' har allerede en vurdering i runden '{runde}'")
        elif FLOW_RISIKO.search(path.read_text(encoding="utf-8")):
            problem("maalgruppe", f"{path.name}: 'risiko' står på én linje; skriv listen med "
                                  f"'- ' pr. vurdering, så runden kan tilføjes")
        seen.setdefault(group, line)
        niveau = LEVELS.get(row["niveau"].lower())
        if niveau is None:
            problem("niveau", f"'{row['niveau']}' er ikke et niveau; brug rød, gul eller grøn")
        cited = _citation(row, sources, seeds, problem)
        when = row.get("dato") or dato or (sources[row["kilde"]].dato
                                           if row["kilde"] in sources else "")
        try:
            when = DATE.validate_python(when) if when else when
        except ValidationError as exc:
            problem("dato" if row.get("dato") else "kilde", exc.errors()[0]["msg"].split(", ", 1)[-1])
        if cited is None or niveau is None or not path.is_file():
            continue
        ratings.append(Rating(group, path, niveau, when, row.get("begrundelse", ""),
                              row.get("naeste_skridt", ""), cited))
        try:  # what `make check` will say of the new rating (the text fields aside)
            RiskRating.model_validate({"runde": runde, "dato": when, "niveau": niveau,
                                       "begrundelse": row.get("begrundelse") or "x",
                                       "kilde": {"kilde": cited.kilde, "linjer": cited.linjer,
                                                 "punkt": cited.punkt, "anker": cited.anker}})
        except ValidationError as exc:
            for error in exc.errors():
                if error["loc"][0] != "runde":
                    problem("kilde", f"{'.'.join(map(str, error['loc']))}: {error['msg']}")
    if problems:
        raise RoundError(problems)
    return ratings


def _citation(row: dict[str, str], sources: dict[str, Source], seeds: Path,
              report: Report) -> Cited | None:
    try:
        chain, lines = source_and_text(sources, row["kilde"], seeds)
    except CitationError as exc:
        report("kilde", str(exc))
        return None
    source = chain[0]
    try:
        first, last = line_bounds(LINES.validate_python(row["linjer"]))
    except ValidationError as exc:
        report("linjer", exc.errors()[0]["msg"].split(", ", 1)[-1])
        return None
    span_first, span_last = line_bounds(source.linjer)
    if first < span_first or last > min(span_last, len(lines)):
        report("linjer", f"linje {row['linjer']} ligger uden for kilden '{source.id}' "
                         f"(linje {source.linjer})")
        return None
    try:
        cited = cite(chain, lines, first, last)
    except EmptyPassage:
        report("linjer", f"linje {row['linjer']} er tomme i {source.fil}")
        return None
    punkt = row["punkt"]
    if punkt and resolve_item(chain, punkt, cited.linjer) is None:
        holding = item_for(chain, first, last)
        where = (f"linjerne står i punkt {holding[1].nr} ({holding[1].titel})" if holding
                 else "intet punkt omfatter linjerne")
        report("punkt", f"punkt '{punkt}' omfatter ikke linje {cited.linjer}; {where}")
        return None
    if punkt:
        cited = Cited(cited.kilde, cited.linjer, punkt, cited.anker)
    return cited


def entry(rating: Rating, runde: str, item_indent: str) -> list[str]:
    """The rating as lines of YAML, a list item indented by `item_indent`."""
    inner = item_indent + "  "
    reason = (f"begrundelse: {json.dumps(rating.begrundelse, ensure_ascii=False)}"
              if rating.begrundelse else f'begrundelse: ""  # {MARK}: kildens begrundelse')
    out = [f"{item_indent}- runde: {runde}", f"{inner}dato: '{rating.dato}'",
           f"{inner}niveau: {rating.niveau}", inner + reason]
    if rating.naeste_skridt:
        out.append(f"{inner}naeste_skridt: {json.dumps(rating.naeste_skridt, ensure_ascii=False)}")
    out.append(f"{inner}kilde:")
    out += [f"{inner}  {line}" for line in reference_lines(rating.cited)]
    return out


def insert_rating(text: str, lines: list[str]) -> str:
    """`text` with the rating's `lines` (as from `entry`, indent marked by '{I}') added at the
    end of its `risiko` list; a file without one gets the list at its end."""
    rows = text.split("\n")
    start = next((i for i, row in enumerate(rows) if RISIKO_KEY.match(row)), None)
    if start is None:
        body = text if text.endswith("\n") or not text else text + "\n"
        return body + "\n".join(["risiko:", *(ln.replace("{I}", "  ") for ln in lines)]) + "\n"
    end = start
    indent = None
    for i in range(start + 1, len(rows)):
        row = rows[i]
        if row.strip() and not row.startswith((" ", "-", "#")):
            break
        if row.strip() and not row.lstrip().startswith("#"):
            end = i
            if indent is None and row.lstrip().startswith("- "):
                indent = row[:len(row) - len(row.lstrip())]
    new = [ln.replace("{I}", indent if indent is not None else "  ") for ln in lines]
    return "\n".join([*rows[:end + 1], *new, *rows[end + 1:]])


def plan(ratings: list[Rating], runde: str) -> dict[Path, str]:
    """Each file's new text; RoundError when one would not read back with its new rating."""
    texts, problems = {}, []
    for rating in ratings:
        new = insert_rating(rating.path.read_text(encoding="utf-8"), entry(rating, runde, "{I}"))
        try:
            data = read_yaml(rating.path, rating.path.name, new.encode("utf-8")).data
            added = [r for r in data["risiko"] if r.get("runde") == runde]
            assert len(added) == 1 and added[0]["kilde"]["linjer"] in (
                rating.cited.linjer, int(rating.cited.linjer.split("-")[0]))
        except (YamlProblem, AssertionError, KeyError, TypeError) as exc:
            problems.append(f"{rating.path.name}: vurderingen kan ikke tilføjes ({exc}); "
                            f"tilføj den i hånden")
        texts[rating.path] = new
    if problems:
        raise RoundError(problems)
    return texts


def write_round(ratings: list[Rating], runde: str) -> list[Path]:
    """Add each rating to its file; nothing is written unless every file can take its rating."""
    texts = plan(ratings, runde)
    for path, text in texts.items():
        write_text(path, text)
    return list(texts)
