"""Generate N synthetic but realistic entities (all five kinds), valid against the real model.

Deterministic for a given N and seed. Writes data/<kind>/<id>.yml, data/ordliste.yml and one
synthetic seed text file whose line ranges every citation points into.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from koordineringsbasen.load.checks.cited_values import CITED
from koordineringsbasen.tools.anchor_fill import fill

SEED_FILE = "900_0123456789abcdef.txt"
SPAN = 60  # lines per source in the seed file
# Fields whose values the data check looks for in the cited lines.
CITED_FIELDS = sorted({name for fields in CITED.values() for group in fields for name in group})
ITEMS = 3  # agenda items per meeting, SPAN // ITEMS lines each
SHARES = {"kilder": 0.10, "organisationer": 0.15, "maalgrupper": 0.30, "tilbud": 0.35,
          "reformer": 0.02}
YEARS = range(2018, 2026)
ROUNDS = [f"{season} {year}" for year in range(2021, 2026) for season in ("Forår", "Efterår")]

PLACES = ["Østerby", "Ærøskøbing", "Nørresundby", "Åbenrå", "Sønderborg", "Hjørring", "Fåborg",
          "Kværndrup", "Vejle", "Næstved", "Skælskør", "Brønderslev", "Ølstykke", "Gråsten"]
CONDITIONS = ["døvblindhed", "erhvervet hjerneskade", "spiseforstyrrelser", "sjældne syndromer",
              "svær selvskade", "kompleks traumatisering", "autisme og angst", "Prader-Willis syndrom",
              "tourette og tvang", "svære høretab", "særlig sårbarhed", "misbrug og psykiske lidelser"]
PEOPLE = ["børn", "unge", "voksne", "ældre", "kvinder", "mænd", "familier", "småbørn"]
WORDS = ["målgruppen", "kommunerne", "regionerne", "tilbuddet", "rådet", "styrelsen", "pladserne",
         "belægningen", "koordinationen", "udmeldingen", "økonomien", "kvaliteten", "ventelisten",
         "fagligheden", "borgerne", "sagsbehandlingen", "udviklingen", "særlige behov", "området"]
VERBS = ["vurderer", "følger", "drøfter", "afventer", "understøtter", "styrker", "beskriver",
         "godkender", "påpeger", "bemærker"]
ORG_TYPES = ["kommune", "region", "raad", "forum", "sekretariat", "styrelse",
             "interesseorganisation", "kommunalt-samarbejde", "uddannelsesinstitution"]
CATEGORIES = ["landsdaekkende-undervisning", "oevrigt-landsdaekkende", "sikret-afdeling",
              "saerlige-pladser", "specialiseret-regionalt", "kommunalt", "projekt"]
STATUSES = ["planlagt", "under-etablering", "i-drift", "foelges-skaerpet", "foelges-lokalt",
            "ikke-laengere-skaerpet"]
LAWS = ["SEL § 108", "SEL § 107", "SEL § 13 b, stk. 2", "BL § 32", "SEL § 85", "SUL § 79"]


@dataclass
class _Source:
    id: str
    first: int
    last: int
    items: list[tuple[str, int, int]] = field(default_factory=list)


def counts(n: int) -> dict[str, int]:
    """Entities per kind for N in total (≈10/15/30/35/2/8 %), each kind at least one."""
    result = {kind: max(1, round(n * share)) for kind, share in SHARES.items()}
    result["udmeldinger"] = max(1, n - sum(result.values()))
    return result


class _Gen:
    def __init__(self, n: int, seed: int):
        self.rng = random.Random(seed)
        self.n = counts(n)
        self.sources: list[_Source] = []
        self.stated: dict[int, list[str]] = {}
        self.headings: dict[int, str] = {}  # first line of an agenda item: its number and title

    # --- text ---------------------------------------------------------------------------
    def sentence(self) -> str:
        r = self.rng
        return (f"{r.choice(WORDS).capitalize()} {r.choice(VERBS)} {r.choice(WORDS)} for "
                f"{r.choice(PEOPLE)} med {r.choice(CONDITIONS)} i {r.choice(PLACES)}.")

    def text(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def cite(self, source: _Source | None = None) -> dict[str, Any]:
        """A reference to a few lines inside a source; with its agenda item when inside one."""
        src = source or self.rng.choice(self.sources)
        start = self.rng.randint(src.first, src.last - 3)
        end = start + self.rng.randint(0, 2)
        ref: dict[str, Any] = {"kilde": src.id, "linjer": f"{start}-{end}" if end > start
                               else start}
        for nr, first, last in src.items:
            if first <= start and end <= last:
                ref["punkt"] = nr
        return ref

    def date(self, year: int | None = None) -> str:
        year = year or self.rng.randint(2018, 2025)
        return f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    # --- entities -----------------------------------------------------------------------
    def plan_sources(self) -> None:
        for i in range(self.n["kilder"]):
            first = i * SPAN + 1
            src = _Source(f"kilde-{i:04d}", first, first + SPAN - 1)
            step = SPAN // ITEMS
            if i % 5 != 4:  # meetings have agenda items; every fifth source is an annex report
                src.items = [(str(k + 1), first + k * step, first + (k + 1) * step - 1)
                             for k in range(ITEMS)]
            self.sources.append(src)

    def source(self, i: int) -> dict[str, Any]:
        r, src = self.rng, self.sources[i]
        meeting = bool(src.items)
        doc: dict[str, Any] = {
            "id": src.id,
            "navn": (f"Møde i Det Faglige Råd nr. {i}" if meeting else f"Rapport om kapacitet {i}"),
            "aliaser": [f"DFR-møde {i}"] if meeting else [],
            "type": "referat" if meeting else "rapport",
            "organ": f"org-{r.randrange(self.n['organisationer']):04d}",
            "dato": self.date(),
            "fil": SEED_FILE,
            "linjer": f"{src.first}-{src.last}",
            "resume": self.text(2),
        }
        if meeting:
            doc["sted"] = f"Rådhuset i {r.choice(PLACES)}"
            doc["punkter"] = [{"nr": nr, "titel": f"Punkt om {r.choice(WORDS)}",
                               "linjer": f"{a}-{b}", "resume": self.sentence(),
                               **({"beslutning": {"tekst": self.sentence(), "kilde": {
                                   "kilde": src.id, "linjer": f"{a + 1}", "punkt": nr}}}
                                  if nr == "2" else {})}
                              for nr, a, b in src.items]
            self.headings.update((int(item["linjer"].split("-")[0]), f"{item['nr']} "
                                  f"{item['titel']}.") for item in doc["punkter"])
        if not doc["aliaser"]:
            del doc["aliaser"]
        return doc

    def base(self, prefix: str, i: int, navn: str) -> dict[str, Any]:
        ascii_name = navn.translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae",
                                                   "Ø": "Oe", "Å": "Aa"}))
        return {"id": f"{prefix}-{i:04d}", "navn": navn,
                "aliaser": [ascii_name, f"{prefix.upper()}{i}"] if ascii_name != navn
                else [f"{prefix.upper()}{i}"],
                "resume": self.text(2), "beskrivelse": self.text(self.rng.randint(3, 6)),
                "kilder": [self.cite() for _ in range(self.rng.randint(1, 3))]}

    def organisation(self, i: int) -> dict[str, Any]:
        r = self.rng
        doc = self.base("org", i, f"{r.choice(['Region', 'Rådet for', 'Forum', 'Center'])} "
                                  f"{r.choice(PLACES)} {i}")
        doc["type"] = r.choice(ORG_TYPES)
        doc["forkortelse"] = f"ORG{i}"
        if i and r.random() < 0.5:
            doc["overordnet"] = f"org-{r.randrange(i):04d}"
        return doc

    def target_group(self, i: int) -> dict[str, Any]:
        r = self.rng
        doc = self.base("mg", i, f"{r.choice(PEOPLE).capitalize()} med {r.choice(CONDITIONS)} "
                                 f"({i})")
        # Every third group is a NATKO group, as long as NATKO numbers (1-99, each once) last.
        natko = i % 3 == 0 and i // 3 < 99
        doc["art"] = "natko" if natko else r.choice(["regional", "ad-hoc"])
        if natko:
            doc["natko_nr"] = i // 3 + 1
        elif i and r.random() < 0.3:
            doc["overordnet"] = f"mg-{r.randrange(i):04d}"
        start = r.randrange(len(ROUNDS) - 4)
        doc["risiko"] = [{"runde": name, "dato": f"{name[-4:]}-{'05' if name.startswith('F') else '11'}",
                          "niveau": r.choice(["roed", "gul", "groen"]),
                          "begrundelse": self.sentence(), "naeste_skridt": self.sentence(),
                          "kilde": self.cite()} for name in ROUNDS[start:]]
        doc["datatilgaengelighed"] = [{"undersoegelse": "Resonansundersøgelsen 2023",
                                       "dato": "2023-09", "niveau": r.choice(["gul", "groen"]),
                                       "begrundelse": self.sentence(), "kilde": self.cite()}]
        low = r.randint(5, 200)
        doc["stoerrelse"] = [{"antal": low, "antal_til": low + r.randint(0, 50), "cirka": True,
                              "enhed": "personer pr. år", "betydning": "Skøn på landsplan",
                              "periode": "2020-2023", "kilde": self.cite()}]
        doc["haendelser"] = [{"dato": self.date(), "type": "beslutning",
                              "beskrivelse": self.sentence(), "kilde": self.cite()}]
        return doc

    def capacity(self) -> list[dict[str, Any]]:
        r, rows = self.rng, []
        places = r.randint(5, 40)
        for year in YEARS:
            percent = r.randint(60, 125)
            row: dict[str, Any] = {"aar": year, "ydelse": "SEL § 108", "pladser": places,
                                   "forbrug": round(places * percent / 100, 1),
                                   "belaegning_procent": percent, "kilde": self.cite()}
            if percent > 100 or row["forbrug"] > places:
                row["over_kapacitet"] = True
                row["note"] = "Belægningen oversteg kapaciteten."
            rows.append(row)
        return rows

    def offer(self, i: int) -> dict[str, Any]:
        r = self.rng
        doc = self.base("tb", i, f"{r.choice(['Bostedet', 'Center', 'Skolen', 'Huset'])} "
                                 f"{r.choice(PLACES)} {i}")
        orgs, groups = self.n["organisationer"], self.n["maalgrupper"]
        doc.update({"kategori": r.choice(CATEGORIES),
                    "driftsherre": f"org-{r.randrange(orgs):04d}",
                    "beliggenhed": r.choice(PLACES), "lovgrundlag": [r.choice(LAWS)],
                    "finansiering": "Takstfinansieret"})
        if r.random() < 0.2:
            doc["paa_vegne_af"] = f"org-{r.randrange(orgs):04d}"
        if i and r.random() < 0.1:
            doc["overordnet"] = f"tb-{r.randrange(i):04d}"
        links = r.sample(range(groups), k=min(groups, r.randint(1, 3)))
        doc["maalgrupper"] = [{"id": f"mg-{g:04d}", "relation": r.choice(["eksplicit", "udledt"]),
                               "kilde": self.cite()} for g in links]
        doc["kapacitet"] = self.capacity()
        doc["priser"] = [{"aar": year, "beloeb": r.randint(2000, 9000), "enhed": "kr. pr. døgn",
                          "kilde": self.cite()} for year in (2022, 2023, 2024)]
        doc["status"] = [{"dato": self.date(year), "status": r.choice(STATUSES),
                          "af": f"org-{r.randrange(orgs):04d}", "beskrivelse": self.sentence(),
                          "kilde": self.cite()} for year in (2019, 2022, 2025)]
        doc["noegletal"] = [{"betegnelse": "Anlægsbevilling", "vaerdi": r.randint(1, 90) * 100000,
                             "enhed": "kr.", "dato": "2021", "kilde": self.cite()}]
        if r.random() < 0.2:
            doc["uenigheder"] = [{"felt": "pladser 2023", "note": "Kilderne angiver forskelligt.",
                                  "vaerdier": [{"vaerdi": str(v), "kilde": self.cite()}
                                               for v in (r.randint(5, 20), r.randint(21, 40))]}]
        return doc

    def notification(self, i: int) -> dict[str, Any]:
        r = self.rng
        doc = self.base("cu", i, f"Central udmelding om {r.choice(CONDITIONS)} ({i})")
        orgs, groups, offers = self.n["organisationer"], self.n["maalgrupper"], self.n["tilbud"]
        year = r.randint(2018, 2024)
        doc.update({"udsteder": f"org-{r.randrange(orgs):04d}",
                    "lovgrundlag": ["SEL § 13 b, stk. 2 og 3"],
                    "maalgrupper": [{"id": f"mg-{g:04d}", "kilde": self.cite()}
                                    for g in r.sample(range(groups), k=min(groups, 2))],
                    "tilbud": [f"tb-{t:04d}" for t in r.sample(range(offers),
                                                               k=min(offers, r.randint(0, 3)))],
                    "spoergsmaal": [{"tekst": f"Hvordan sikres {r.choice(WORDS)}?",
                                     "kilde": self.cite()} for _ in range(2)],
                    "svar": [{"fra": f"org-{r.randrange(orgs):04d}", "dato": f"{year + 1}-06",
                              "resume": self.sentence(), "kilde": self.cite()}],
                    "resultat": {"status": r.choice(["aaben", "afventer-afgoerelse", "afsluttet"]),
                                 "beskrivelse": self.sentence(), "kilde": self.cite()}})
        doc["haendelser"] = [
            {"dato": self.date(year), "type": "udsendt", "beskrivelse": "Udmeldingen udsendt.",
             "kilde": self.cite()},
            {"dato": self.date(year + 1), "type": "frist", "dato_tekst": f"ultimo {year + 1}",
             "beskrivelse": "Frist for kommunernes afrapportering.", "kilde": self.cite()},
            {"dato": self.date(r.randint(2026, 2027)), "type": "frist",
             "beskrivelse": "Frist for opfølgning på udmeldingen.", "kilde": self.cite()}]
        return doc

    def reform(self, i: int) -> dict[str, Any]:
        r = self.rng
        doc = self.base("rf", i, f"Reform om {r.choice(CONDITIONS)} ({i})")
        groups, offers = self.n["maalgrupper"], self.n["tilbud"]
        year = r.randint(2020, 2026)
        doc.update({"type": r.choice(["reform", "planlaegning", "aftale", "plan"]),
                    "milepaele": [{"dato": self.date(year + step), "planlagt": year + step > 2025,
                                   "beskrivelse": f"{r.choice(WORDS).capitalize()} "
                                                  f"{r.choice(VERBS)} reformen.",
                                   "kilde": self.cite()} for step in range(r.randint(1, 4))],
                    "maalgrupper": [{"id": f"mg-{g:04d}", "kilde": self.cite()}
                                    for g in r.sample(range(groups), k=min(groups, 2))],
                    "tilbud": [{"id": f"tb-{t:04d}", "kilde": self.cite()}
                               for t in r.sample(range(offers), k=min(offers, 2))]})
        return doc

    def glossary(self) -> list[dict[str, Any]]:
        entries = [{"forkortelse": f"ORG{i}", "betydning": f"Organisation nr. {i} i testdata"}
                   for i in range(min(self.n["organisationer"], 50))]
        return entries + [{"forkortelse": "CU", "betydning": "Central udmelding"},
                          {"forkortelse": "DFR", "betydning": "Det Faglige Råd"},
                          {"forkortelse": "SEL", "betydning": "Lov om social service"}]

    def state_cited_values(self, doc: Any) -> None:
        """Remember the numbers and dates each fact cites, so its first cited line states them
        (the data check wants every cited value in its cited lines)."""
        if isinstance(doc, list):
            for item in doc:
                self.state_cited_values(item)
        elif isinstance(doc, dict):
            ref = doc.get("kilde")
            if isinstance(ref, dict) and "linjer" in ref:
                line = int(str(ref["linjer"]).split("-")[0])
                self.stated.setdefault(line, []).extend(
                    str(doc[k]).replace(".", ",") if isinstance(doc[k], float) else str(doc[k])
                    for k in CITED_FIELDS if k in doc)
            for value in doc.values():
                self.state_cited_values(value)

    def seed_text(self) -> str:
        lines = []
        for src in self.sources:
            for line in range(src.first, src.last + 1):
                stated = " ".join(self.stated.get(line, []))
                heading = self.headings.get(line, "")  # the heading check wants it first
                lines.append(f"{heading} {src.id} linje {line}: {self.sentence()} "
                             f"{stated}".strip())
        return "\n".join(lines) + "\n"


def _dump(path: Path, doc: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100),
                    encoding="utf-8")


def generate(n: int, data_dir: Path, seeds_dir: Path, seed: int = 1) -> dict[str, int]:
    """Write N entities into `data_dir` and the seed file into `seeds_dir`; return counts."""
    gen = _Gen(n, seed)
    gen.plan_sources()
    makers = {"kilder": gen.source, "organisationer": gen.organisation,
              "maalgrupper": gen.target_group, "tilbud": gen.offer,
              "udmeldinger": gen.notification, "reformer": gen.reform}
    for kind, make in makers.items():
        for i in range(gen.n[kind]):
            doc = make(i)
            gen.state_cited_values(doc)
            _dump(data_dir / kind / f"{doc['id']}.yml", doc)
    _dump(data_dir / "ordliste.yml", gen.glossary())
    seeds_dir.mkdir(parents=True, exist_ok=True)
    (seeds_dir / SEED_FILE).write_text(gen.seed_text(), encoding="utf-8")
    report = fill(data_dir, seeds_dir)  # every citation with its anchor, as 'anker' writes it
    assert not report.problems, report.problems[:5]
    return dict(gen.n)
