"""Command line: `python -m koordineringsbasen COMMAND`. Every command is registered here.

A command is a function taking the parsed arguments and returning its exit code, registered
with `@command(name, *arguments)`. Its docstring is its help text: the first line in the list
of commands, the whole in `COMMAND --help`; so it is in Danish, like everything a contributor
reads, and notes for developers are comments.

Exit codes, the same for every command (as diff(1) uses them):

- 0 (OK): done.
- 1 (REFUSED): the command ran and its answer is no: `check` found invalid data or stale
  schemas, `ny` refused the type, the name or the citation, `importer` refused the document
  (a scan, a text already registered, an id that exists), `find` found nothing, `risikorunde`
  refused the table. Each problem is printed with its place.
- 2 (FAILED): the command could not do its job: bad arguments (argparse's own code), an
  unknown revision or source, a missing folder or text (KOORDINERINGSBASEN_SEEDS), or data
  that does not load where a command needs valid data to produce something (`diff`, `pages`,
  `exports`).
"""

from __future__ import annotations

import argparse
import inspect
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import settings
from .load.checks import agenda_items, cited_values
from .load.ci_output import markdown_text, one_line
from .load.loader import default_seeds_dir, load_catalog
from .load.problems import DataError, format_problems
from .model import ENTITY_MODELS
from .model.entities import RISK_ROUNDS
from .model.schema import stale_schemas, write_schemas
from .render.context import RenderContext
from .render.special import abbreviations
from .settings import ROOT
from .site import build_state, generator, mkdocs_yml, output_dirs
from .texts.convert import ConversionError
from .tools import find as find_tool
from .tools import risk_round
from .tools.changes import load_revision, summarize
from .tools.citation_block import (
    CitationError,
    block,
    cite,
    cite_lines,
    item_for,
    read_sources,
    reference_lines,
    source_and_text,
)
from .tools.importer import ImportFailed, ImportRefused, Options, import_document
from .tools.scaffold import MARK, ScaffoldError, create, resolve_kind_or_none

OK, REFUSED, FAILED = 0, 1, 2

Run = Callable[[argparse.Namespace], int]
Argument = tuple[tuple[str, ...], dict[str, Any]]


@dataclass(frozen=True)
class Command:
    name: str
    run: Run
    arguments: tuple[Argument, ...]

    @property
    def help(self) -> str:
        return self.description.splitlines()[0]

    @property
    def description(self) -> str:
        return inspect.cleandoc(self.run.__doc__ or "")


COMMANDS: dict[str, Command] = {}


def arg(*flags: str, **options: Any) -> Argument:
    """One argument of a command, as argparse's add_argument takes it."""
    return flags, options


def command(name: str, *arguments: Argument) -> Callable[[Run], Run]:
    def register(run: Run) -> Run:
        if not (run.__doc__ or "").strip():
            raise TypeError(f"command {name!r} needs a docstring: it is the help text")
        COMMANDS[name] = Command(name, run, arguments)
        return run
    return register


# Builds read the data from KOORDINERINGSBASEN_DATA, else data/: so do pages and exports.
BUILD_DATA = arg("--data", type=Path, default=None,
                 help="datamappen (standard: som bygget, KOORDINERINGSBASEN_DATA eller data/)")


def _build_context(data: Path | None) -> RenderContext | None:
    """The data loaded as the mkdocs hook loads it, or None after printing its problems."""
    try:
        return build_state.load(data, edit_base=generator.edit_base(
            mkdocs_yml.read().get("extra", {}).get("github_repo")))
    except DataError as exc:
        print("Data er ugyldige; intet er skrevet:\n" + format_problems(exc.problems),
              file=sys.stderr)
        return None


def _seeds_missing() -> bool:
    """Print the error when KOORDINERINGSBASEN_SEEDS names no folder."""
    problem = settings.seeds_problem()
    if problem:
        print(f"Fejl: {problem}", file=sys.stderr)
    return problem is not None


@command("check", arg("--data", default=str(ROOT / "data")),
         arg("--seeds", default=None, help=f"kildefiler (standard: {default_seeds_dir()})"))
def check(args: argparse.Namespace) -> int:
    """Valider alle datafiler (og at schemas/ passer til modellen)."""
    started = time.perf_counter()
    seeds = Path(args.seeds) if args.seeds else default_seeds_dir()
    problem = (settings.seeds_problem() if args.seeds is None else
               None if seeds.is_dir() else f"--seeds {seeds} er ikke en mappe")
    if problem:
        print(f"Fejl: {problem}", file=sys.stderr)
        return FAILED
    if not seeds.is_dir():
        print(f"Bemærk: kildeteksterne findes ikke i {seeds}; linjenumre, tal og datoer er ikke "
              f"tjekket mod kilderne (sæt KOORDINERINGSBASEN_SEEDS).", file=sys.stderr)
    try:
        catalog = load_catalog(Path(args.data), Path(args.seeds) if args.seeds else None,
                               cache_dir=settings.cache_dir())
    except DataError as exc:
        print(format_problems(exc.problems), file=sys.stderr)
        print(f"{len(exc.problems)} fejl i data.", file=sys.stderr)
        return REFUSED
    stale = stale_schemas(ROOT)
    if stale:
        print(f"schemas/ er forældet ({', '.join(stale)}); kør 'make schema'", file=sys.stderr)
        return REFUSED
    warnings = agenda_items.unnamed_items(catalog, Path(args.data).resolve().parent)
    if warnings:
        print(format_problems(warnings, "warning"), file=sys.stderr)
    counts = ", ".join(f"{kind}: {len(catalog.entities[kind])}" for kind in catalog.entities)
    marked = cited_values.marker_counts(e for kind in catalog.entities for e in catalog.all(kind))
    forms = ", ".join(f"{form}: {n}" for form, n in sorted(marked.items()))
    explained = f"; forklaret med 'belaeg': {sum(marked.values())} ({forms})" if marked else ""
    elapsed = time.perf_counter() - started
    warned = f"; {len(warnings)} advarsler" if warnings else ""
    print(f"Data OK ({counts}; ordliste: {len(catalog.glossary)}{explained}{warned}) på "
          f"{elapsed:.2f} s")
    return OK


@command("schema")
def schema(args: argparse.Namespace) -> int:
    """Skriv JSON Schema-filerne i schemas/ fra modellen."""
    for path in write_schemas(ROOT):
        print(f"skrev {path.relative_to(ROOT)}")
    return OK


@command("ny", arg("type", help=f"en af: {', '.join(ENTITY_MODELS)}"),
         arg("navn", help="navnet som det står i kilderne; id'et dannes af det"),
         arg("--kilde", default=None, help="kilden til filens kildehenvisning (id)"),
         arg("--linjer", default=None, help="linjerne i kilden, fx 120-134"),
         arg("--data", default=None, help="datamappen (standard: KOORDINERINGSBASEN_DATA "
                                           "eller data/)"))
def ny(args: argparse.Namespace) -> int:
    """Lav en ny datafil med alle påkrævede felter.

    Med --kilde og --linjer bliver filens kildehenvisning udfyldt med kilden, linjerne,
    dagsordenspunktet og ankeret (som 'find' skriver dem).
    """
    data = Path(args.data) if args.data else settings.data_dir()
    if resolve_kind_or_none(args.type) == "kilder":
        # A source needs its text, an id in the organ-and-date scheme and its agenda items.
        print("Fejl: en ny kilde kommer ind med 'make importer FIL=dokument.pdf' (python -m "
              "koordineringsbasen importer), som lægger teksten i kildemappen, giver id'et efter "
              "skemaet (organ og dato, fx natko-raad-2025-09-09) og finder dagsordenspunkterne",
              file=sys.stderr)
        return REFUSED
    citation: list[str] = []
    if (args.kilde is None) != (args.linjer is None):
        print("Fejl: --kilde og --linjer hører sammen", file=sys.stderr)
        return FAILED
    if args.kilde is not None:
        if _seeds_missing():
            return FAILED
        try:
            citation = reference_lines(cite_lines(read_sources(data), args.kilde,
                                                  args.linjer, settings.seeds_dir()))
        except CitationError as exc:
            print(f"Fejl: {exc}", file=sys.stderr)
            return REFUSED
    try:
        path = create(data, args.type, args.navn, citation)
    except ScaffoldError as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return REFUSED
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    print(f"Oprettede {shown}. Udfyld felterne markeret {MARK}, kør 'python -m "
          f"koordineringsbasen anker' (så henvisningerne får deres anker), og kør 'make check'.")
    return OK


@command("importer", arg("fil", type=Path, help="dokumentet: PDF, .docx eller .txt"),
         arg("--id", default=None, help="kildens id (standard: organ og dato, fx "
                                        "das-social-2025-03-17)"),
         arg("--dato", default=None, help="mødets eller dokumentets dato, ÅÅÅÅ-MM-DD"),
         arg("--organ", default=None, help="id på organisationen, der holdt mødet / udgav"),
         arg("--type", default=None, help="kildetype, fx referat eller dagsorden"),
         arg("--indgaar-i", dest="indgaar_i", default=None,
             help="id på mødet, dokumentet er bilag til (teksten skal stå i mødets tekst)"),
         arg("--data", type=Path, default=None, help="datamappen (standard: data/)"))
def importer(args: argparse.Namespace) -> int:
    """Importér et dokument: teksten til seeds-mappen og en ny kildefil med dagsordenspunkter.

    Teksten skrives i KOORDINERINGSBASEN_SEEDS under navnet NNN_<16 hex>.txt (løbenummer og
    SHA-256 af teksten), og data/kilder/<id>.yml får titel, dato, sted og alle dagsordens-
    punkter med nummer, titel og linjer. Gættede felter er markeret UDFYLD: kontrollér dem,
    skriv resumeet, og kør 'make check'. Med --indgaar-i skrives ingen ny tekst: dokumentet
    findes i mødets tekst og får mødets fil og linjerne, hvor det står.
    """
    options = Options(args.fil, args.data or settings.data_dir(), settings.seeds_dir(),
                      args.id, args.dato, args.organ, args.type, args.indgaar_i)
    try:
        result = import_document(options)
    except ImportFailed as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return FAILED
    except (ImportRefused, ConversionError) as exc:
        print(f"Afvist: {exc}", file=sys.stderr)
        return REFUSED
    for notice in result.notices:
        print(f"Bemærk: {notice}", file=sys.stderr)
    for warning in result.warnings:
        print(f"Advarsel: {warning}", file=sys.stderr)
    if result.seed_file is not None:
        print(f"Skrev teksten til {result.seed_file}")
    shown = (result.source_file.relative_to(ROOT) if result.source_file.is_relative_to(ROOT)
             else result.source_file)
    print(f"Oprettede {shown} med {len(result.items)} dagsordenspunkter. Kontrollér felterne "
          f"markeret {MARK}, skriv resumeet, og kør 'make check'.")
    return OK


@command("diff", arg("fra", help="revision før, fx origin/main"),
         arg("til", nargs="?", default=None,
             help="revision efter, fx HEAD (udeladt: arbejdskopien)"),
         arg("--repo", default=str(ROOT), help="git-repositoryet"),
         arg("--data", default="data", help="datamappen i repositoryet"),
         arg("--markdown", action="store_true", help="skriv ændringerne som punktliste"))
def diff(args: argparse.Namespace) -> int:
    """Skriv hvad der er ændret i data mellem to git-revisioner, på almindeligt dansk."""
    repo = Path(args.repo)
    catalogs = []
    for rev in (args.fra, args.til):
        try:
            catalogs.append(load_revision(repo, rev, args.data))
        except ValueError as exc:
            print(f"Fejl: {exc}", file=sys.stderr)
            return FAILED
        except DataError as exc:
            print(f"Data ved {rev or 'arbejdskopien'} er ugyldige:\n"
                  f"{format_problems(exc.problems)}", file=sys.stderr)
            return FAILED
    lines = summarize(*catalogs)
    # Each line is data text: one line always, and literal Markdown in the job summary.
    shown = [f"- {markdown_text(line)}" if args.markdown else one_line(line) for line in lines]
    print("\n".join(shown) if shown else "Ingen ændringer i data.")
    return OK


@command("pages", arg("--out", type=Path, required=True, help="mappen siderne skrives til"),
         arg("--expand", action="store_true",
             help="udfold alle makroer: ren Markdown til en generator uden makro-plugin"),
         arg("--config", type=Path, default=None,
             help="skriv også en mkdocs.yml uden hook og makroer til de udfoldede sider"),
         BUILD_DATA)
def pages(args: argparse.Namespace) -> int:
    """Skriv alle sider, som generatoren får dem (docs/ og én side pr. enhed), til en mappe.

    Uden --expand er enhedssiderne de samme korte sider, som mkdocs-hooket giver mkdocs
    (front matter og ét makrokald); makroerne kræver, at data er indlæst som i hooket. Med
    --expand er alle makroer udfoldet, og hver side er ren Markdown til enhver generator;
    --config skriver den mkdocs.yml, de bygges med (med ordlistens forkortelser). Mappen
    erstattes først, når alle sider er skrevet, og kun hvis den er tom eller skrevet af denne
    kommando (filen .koordineringsbasen-output); aldrig datamappen, arbejdskopien eller mappen
    over den.
    """
    if args.config is not None and not args.expand:
        print("--config hører sammen med --expand", file=sys.stderr)
        return FAILED
    protected = output_dirs.protected_folders(
        {ROOT / "data", args.data or settings.data_dir()}, ROOT)
    try:  # before the data are loaded: a refused folder is said at once
        output_dirs.check_replaceable(args.out, protected)
    except output_dirs.OutputDirRefused as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return REFUSED
    ctx = _build_context(args.data)
    if ctx is None:
        return FAILED
    try:
        written = generator.write_pages(ctx, args.out, expand=args.expand, data_dir=args.data)
    except output_dirs.OutputDirRefused as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return REFUSED
    print(f"Skrev {len(written)} sider til {args.out}")
    if args.config is not None:
        mkdocs_yml.write(mkdocs_yml.without_glue(args.out.resolve(), abbreviations(ctx)),
                         args.config)
        print(f"Skrev {args.config}")
    return OK


@command("exports", arg("--site", type=Path, required=True, help="det byggede site"),
         arg("--site-url", default=None, help="sitets adresse (standard: site_url i mkdocs.yml)"),
         BUILD_DATA)
def exports(args: argparse.Namespace) -> int:
    """Skriv de åbne data (api/, frister.ics, aendringer.xml) ind i et bygget site.

    Det samme, som mkdocs-hooket gør efter sit byg, til et site bygget af en anden generator.
    """
    if not args.site.is_dir():
        print(f"Fejl: {args.site} er ikke en mappe med et bygget site", file=sys.stderr)
        return FAILED
    ctx = _build_context(args.data)
    if ctx is None:
        return FAILED
    config = mkdocs_yml.read()
    site_url = (config.get("site_url") or "") if args.site_url is None else args.site_url
    written = generator.write_site_exports(ctx, args.site, site_url,
                                           config.get("use_directory_urls", True))
    print(f"Skrev {len(written)} åbne datafiler i {args.site}")
    return OK


SEEDS = arg("--seeds", type=Path, default=None,
            help=f"kildeteksterne (standard: KOORDINERINGSBASEN_SEEDS, {default_seeds_dir()})")


def _seeds(given: Path | None) -> Path | None:
    """The folder of source texts, or None after saying it is missing."""
    seeds = given if given is not None else default_seeds_dir()
    if not seeds.is_dir():
        print(f"Fejl: kildeteksterne findes ikke i {seeds} (sæt KOORDINERINGSBASEN_SEEDS eller "
              f"--seeds)", file=sys.stderr)
        return None
    return seeds


@command("anker", arg("kilde", nargs="?", default=None, help="kun henvisninger til denne kilde"),
         arg("--forny", action="store_true",
             help="skriv også ankre, der findes i forvejen, forfra"),
         arg("--data", type=Path, default=ROOT / "data"), SEEDS)
def anker(args: argparse.Namespace) -> int:
    """Skriv på hver henvisning, hvad dens linjer siger (dens anker).

    Ankeret (felt 'anker': lidt tekst før, linjernes tekst, lidt tekst efter) gør, at 'make
    check' opdager det, når kildeteksten ændrer sig, og at 'genanker' kan flytte linjerne
    med. Kør det, når henvisningens linjer er rigtige: det gemmer, hvad de siger nu. Kun
    henvisninger uden anker får et, medmindre --forny er givet. Resten af filen bliver stående
    tegn for tegn.
    """
    from .tools.anchor_fill import fill  # the editing tools are loaded only when used

    seeds = _seeds(args.seeds)
    if seeds is None:
        return FAILED
    report = fill(args.data, seeds, args.kilde, args.forny)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    print(f"Skrev {report.written} ankre i {len(report.files)} filer "
          f"({report.skipped} henvisninger havde et anker i forvejen).")
    return REFUSED if report.problems else OK


@command("genanker", arg("kilde", nargs="?", default=None,
                         help="kun kildeteksten for denne kilde (og de andre kilder i filen)"),
         arg("--data", type=Path, default=ROOT / "data"), SEEDS)
def genanker(args: argparse.Namespace) -> int:
    """Flyt linjenumrene hen, hvor deres tekst nu står (efter en ny udgave af en kildetekst).

    Henvisninger flyttes efter deres anker, dagsordenspunkter efter deres overskrift,
    henvisninger til offentlige dokumenter efter deres adresse, og kildens egne linjer med.
    Intet flyttes til et sted, der ikke er sikkert: tekst, der ikke findes, eller som står flere
    steder, bliver nævnt og står urørt. Afslutter med 0, når alt stemmer eller er flyttet, og
    med 1, når noget står tilbage at rette i hånden.
    """
    from .tools.reanchor import reanchor

    seeds = _seeds(args.seeds)
    if seeds is None:
        return FAILED
    report = reanchor(args.data, seeds, args.kilde)
    for move in report.moved:
        print(f"flyttet: {move}")
    for line in report.unsure:
        print(f"ikke flyttet: {line}", file=sys.stderr)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    print(f"{len(report.moved)} flyttet i {len(report.files)} filer, {report.ok} henvisninger "
          f"stemmer, {len(report.unsure)} skal rettes i hånden.")
    return REFUSED if report.remaining else OK


@command("find", arg("kilde", help="kildens id, fx natko-raad-2025-03-11"),
         arg("tekst", help="ordene eller tallet, der skal findes (tal i enhver dansk skrivemåde)"),
         arg("--antal", type=int, default=find_tool.SHOWN, help="hvor mange steder der vises"),
         arg("--data", type=Path, default=None, help="datamappen (standard: data/)"))
def find(args: argparse.Namespace) -> int:
    """Find linjerne i en kilde, der siger en tekst eller et tal, som en færdig kildehenvisning.

    Teksten findes uden hensyn til store og små bogstaver, også hen over linjeskift og ord
    delt med bindestreg ved linjeslut; tal findes i alle danske skrivemåder (1250, 1.250,
    1 250; 12,5). De bedste steder vises først, hver med sit dagsordenspunkt og en blok
    (kilde, linjer, punkt, anker), der kan sættes direkte ind i en datafil.
    """
    query = find_tool.parse_query(args.tekst)
    if query.empty:
        print("Fejl: skriv en tekst eller et tal at søge efter", file=sys.stderr)
        return FAILED
    if _seeds_missing():
        return FAILED
    sources = read_sources(args.data or settings.data_dir())
    try:
        chain, lines = source_and_text(sources, args.kilde, settings.seeds_dir())
    except CitationError as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return FAILED
    source = chain[0]
    matches = find_tool.search(lines, source.linjer, query)
    if not matches:
        print(f"Fandt ikke '{args.tekst}' i '{source.id}' (linje {source.linjer} i "
              f"{source.fil}).", file=sys.stderr)
        return REFUSED
    shown = matches[:max(1, args.antal)]
    more = f"; de {len(shown)} bedste vises" if len(matches) > len(shown) else ""
    print(f"Fandt '{args.tekst}' {len(matches)} sted{'er' if len(matches) > 1 else ''} i "
          f"'{source.id}'{more}.")
    for number, match in enumerate(shown, 1):
        cited = cite(chain, lines, match.first, match.last)
        item = item_for(chain, match.first, match.last)
        where = f"punkt {item[1].nr}: {item[1].titel}" if item else "intet dagsordenspunkt"
        print(f"\n{number}. linje {cited.linjer} ({where})")
        print(block(cited), end="")
    return OK


@command("risikorunde", arg("fil", type=Path, help="CSV-tabellen (; eller , mellem felterne)"),
         arg("--runde", required=True, help=f"runden, fx '{RISK_ROUNDS[-2]}' (årstid og år)"),
         arg("--dato", default=None,
             help="vurderingens dato (standard: datoen på kilden i hver række)"),
         arg("--data", type=Path, default=None, help="datamappen (standard: data/)"))
def risikorunde(args: argparse.Namespace) -> int:
    """Skriv en risikovurderingsrunde fra én tabel ind i hver målgruppes fil.

    Tabellen (CSV i UTF-8) har en række pr. målgruppe og kolonnerne målgruppe, niveau (rød,
    gul eller grøn), kilde, linjer og punkt (tomt: punktet, der omfatter linjerne); valgfrit
    begrundelse, næste skridt og dato. Runden skal være en kendt runde (årstid og år), så en
    tastefejl ikke bliver en ny kolonne i risikooversigten. Hver henvisning får sit anker. Er
    én række forkert, skrives intet, og hver fejl vises med linje og kolonne i tabellen.
    """
    if _seeds_missing():
        return FAILED
    data = args.data or settings.data_dir()
    shown = str(args.fil)
    try:
        raw = args.fil.read_bytes()
    except OSError:
        print(f"Fejl: {shown} findes ikke eller kan ikke læses", file=sys.stderr)
        return FAILED
    try:
        ratings = risk_round.check_table(raw, shown, args.runde, args.dato, data,
                                         settings.seeds_dir(), read_sources(data))
        written = risk_round.write_round(ratings, args.runde)
    except risk_round.RoundError as exc:
        print("Tabellen er afvist; intet er skrevet:\n" + "\n".join(exc.problems),
              file=sys.stderr)
        return REFUSED
    for path in written:
        print(f"Tilføjede '{args.runde}' i {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    empty = sum(1 for r in ratings if not r.begrundelse)
    if empty:
        print(f"{empty} vurdering(er) mangler begrundelse (markeret {MARK}); udfyld dem, og kør "
              f"'make check'.")
    return OK


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(prog="koordineringsbasen",
                                          description="Koordineringsbasens værktøjer.")
    commands = main_parser.add_subparsers(dest="command", required=True)
    for cmd in COMMANDS.values():
        sub = commands.add_parser(cmd.name, help=cmd.help, description=cmd.description,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        for flags, options in cmd.arguments:
            sub.add_argument(*flags, **options)
        sub.set_defaults(func=cmd.run)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        # The reader stopped reading (`… | head`): not an error; say nothing more.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK
