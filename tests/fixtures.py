"""A small synthetic dataset, written from the Python literals below into any folder (data/ + seeds/).

Made up for the tests (no place, currency or figure here is real), and built to hold the awkward cases:

- a focus region with no figures at all, and without a population (Sudmark);
- a city rolling up into its focus province (Portville -> Nordland), itself without a population;
- a currency with a cited reference rate (FVD) and one with none at all (XTS: its figure stays unconverted);
- quotes with typographic apostrophes and French guillemets (’ « »);
- "up to", "more than" and "about" figures, a target, an article's own USD conversion;
- an undated event with its note, a dated one, a programme, an actor, a pillar named by an article.

`write(folder)` returns the data folder; `ecodash.load_dataset` reads it like data/.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

from ecodash.schema.models import table_columns

NORDLAND_ARTICLE = """Le pari de Nordland : un pôle d’IA au nord de la Fictivie
Les dirigeants provinciaux de Nordland ont récemment dévoilé un plan pour l’IA.
Le plan consacre 120 millions de florins (environ 15 millions de dollars US) par an à l’IA.
Les entreprises sélectionnées peuvent recevoir jusqu’à 2 millions de florins chacune.
La province compte plus de 300 start-ups et environ 40 laboratoires.
Un fonds portuaire a investi 900 millions de tessons sur trois ans dans le calcul pour l’IA.
L’objectif est de former 5 000 ingénieurs en IA d’ici 2030.
À Portville, la « capitale numérique » de la province, un centre d’une capacité de 12 pétaflops est opérationnel depuis 2024.
Le modèle de Nordland réunit deux éléments : une infrastructure de calcul et des entreprises.
"""

SUDMARK_ARTICLE = """Sudmark, la discrète
Au sud de la Fictivie, Sudmark ne publie aucun chiffre sur l’IA.
Le pays vise à figurer parmi les 20 premiers pays de l’IA d’ici 2035.
"""

SEEDS = {"900_fixture_nordland.txt": NORDLAND_ARTICLE, "901_fixture_sudmark.txt": SUDMARK_ARTICLE}

NORDLAND, SUDMARK = "fixture_nordland_plan", "fixture_sudmark_essay"

FOCUS_WITHOUT_FIGURES = "sudmark"
"""A focus region the articles name but give no figure for: every page says 'not reported', never 0."""
UNCONVERTED_FACT = "nl_port_fund"
"""The figure in XTS, a currency without any reference rate."""
UNCONVERTED_CURRENCY = "XTS"

_PROVENANCE = {"publisher": "Synthetic publisher (test fixture)", "read_at": "tests/fixtures.py"}

TABLES: dict[str, list[dict[str, object]]] = {
    "regions": [
        {
            "region_id": "nordland",
            "name_en": "Nordland",
            "name_fr": "Nordland",
            "level": "province",
            "parent_id": "fictivia",
            "iso_country": "XF",
            "is_focus": True,
        },
        {
            "region_id": "sudmark",
            "name_en": "Sudmark",
            "name_fr": "Sudmark",
            "level": "province",
            "parent_id": "fictivia",
            "iso_country": "XF",
            "is_focus": True,
        },
        {
            "region_id": "fictivia",
            "name_en": "Fictivia",
            "name_fr": "Fictivie",
            "level": "country",
            "iso_country": "XF",
            "is_focus": False,
        },
        {
            "region_id": "portville",
            "name_en": "Portville",
            "name_fr": "Portville",
            "level": "city",
            "parent_id": "nordland",
            "iso_country": "XF",
            "is_focus": False,
        },
    ],
    "sources": [
        {
            "source_id": NORDLAND,
            "seed_file": "900_fixture_nordland.txt",
            "title": "Le pari de Nordland : un pôle d’IA au nord de la Fictivie",
            "title_en": "Nordland’s bet: an AI hub in the north of Fictivia",
            "genre": "a provincial plan (Nordland)",
            "genre_fr": "un plan provincial (Nordland)",
            "language": "fr",
            "region_ids": "nordland;portville;fictivia",
            "published_year": 2025,
            "note": "published_year 2025: written for the tests.",
            "note_fr": "published_year 2025 : écrit pour les tests.",
        },
        {
            "source_id": SUDMARK,
            "seed_file": "901_fixture_sudmark.txt",
            "title": "Sudmark, la discrète",
            "title_en": "Sudmark, the discreet",
            "language": "fr",
            "region_ids": "sudmark;fictivia",
        },
    ],
    "pillars": [
        {
            "pillar_id": "compute_infrastructure",
            "name": "Compute",
            "name_fr": "Calcul",
            "definition": "Computing centres.",
            "definition_fr": "Centres de calcul.",
            "origin": "article",
            "source_id": NORDLAND,
            "quote": "une infrastructure de calcul",
            "rationale": "Named by the Nordland article.",
            "rationale_fr": "Cité par l’article sur Nordland.",
        },
        {
            "pillar_id": "enterprise_development",
            "name": "Enterprises",
            "name_fr": "Entreprises",
            "definition": "Companies and start-ups.",
            "definition_fr": "Entreprises et start-ups.",
            "origin": "article",
            "source_id": NORDLAND,
            "quote": "des entreprises",
            "rationale": "Named by the Nordland article.",
            "rationale_fr": "Cité par l’article sur Nordland.",
        },
        {
            "pillar_id": "talent_training",
            "name": "Talent",
            "name_fr": "Talents",
            "definition": "Training.",
            "definition_fr": "Formation.",
            "origin": "added",
            "rationale": "The target of engineers needs it.",
            "rationale_fr": "L’objectif d’ingénieurs l’exige.",
        },
    ],
    "indicators": [
        {
            "indicator_id": "funding_annual",
            "name": "Funding per year",
            "name_fr": "Financement annuel",
            "category": "funding",
            "unit": "money",
            "scope": "per_year",
            "summable": True,
            "definition": "Money each year.",
            "definition_fr": "Sommes annuelles.",
            "per_inhabitant": True,
        },
        {
            "indicator_id": "grant_cap_per_recipient",
            "name": "Grant cap",
            "name_fr": "Plafond d’aide",
            "category": "funding",
            "unit": "money",
            "scope": "per_recipient",
            "summable": False,
            "definition": "Most one recipient may get.",
            "definition_fr": "Maximum par bénéficiaire.",
            "per_inhabitant": False,
        },
        {
            "indicator_id": "investment_multi_year",
            "name": "Investment over years",
            "name_fr": "Investissement pluriannuel",
            "category": "funding",
            "unit": "money",
            "scope": "multi_year",
            "summable": True,
            "definition": "Total over years.",
            "definition_fr": "Total sur plusieurs années.",
            "per_inhabitant": True,
        },
        {
            "indicator_id": "compute_capacity",
            "name": "Compute capacity",
            "name_fr": "Capacité de calcul",
            "category": "compute",
            "unit": "PFLOPS",
            "scope": "point_in_time",
            "summable": True,
            "definition": "Petaflops.",
            "definition_fr": "Pétaflops.",
            "per_inhabitant": False,
        },
        {
            "indicator_id": "startups",
            "name": "Start-ups",
            "name_fr": "Jeunes pousses",
            "category": "startups",
            "unit": "count",
            "scope": "point_in_time",
            "summable": True,
            "definition": "Start-ups.",
            "definition_fr": "Jeunes pousses.",
            "per_inhabitant": True,
        },
        {
            "indicator_id": "labs",
            "name": "Laboratories",
            "name_fr": "Laboratoires",
            "category": "talent",
            "unit": "count",
            "scope": "point_in_time",
            "summable": True,
            "definition": "Laboratories.",
            "definition_fr": "Laboratoires.",
            "per_inhabitant": False,
        },
        {
            "indicator_id": "engineers_trained",
            "name": "Engineers trained",
            "name_fr": "Ingénieurs formés",
            "category": "targets",
            "unit": "people",
            "scope": "unspecified",
            "summable": True,
            "definition": "Engineers.",
            "definition_fr": "Ingénieurs.",
            "per_inhabitant": False,
        },
        {
            "indicator_id": "country_ai_rank",
            "name": "AI rank",
            "name_fr": "Rang en IA",
            "category": "ranking",
            "unit": "rank",
            "scope": "point_in_time",
            "summable": False,
            "definition": "Rank.",
            "definition_fr": "Rang.",
            "per_inhabitant": False,
        },
    ],
    "facts": [
        {
            "source_id": NORDLAND,
            "quote": "120 millions de florins (environ 15 millions de dollars US) par an à l’IA",
            "quote_en": "120 million florins (about 15 million US dollars) a year to AI",
            "fact_id": "nl_annual",
            "region_id": "nordland",
            "indicator_id": "funding_annual",
            "value": 120000000,
            "unit": "FVD",
            "qualifier": "exact",
            "scope": "per_year",
            "stated_usd": 15000000,
            "status": "committed",
            "ai_specificity": "ai",
            "geo_reach": "region",
            "funder": "public",
            "instrument_id": "nl_ai_fund",
            "pillar_ids": "enterprise_development",
        },
        {
            "source_id": NORDLAND,
            "quote": "peuvent recevoir jusqu’à 2 millions de florins chacune",
            "quote_en": "may receive up to 2 million florins each",
            "fact_id": "nl_cap",
            "region_id": "nordland",
            "indicator_id": "grant_cap_per_recipient",
            "value": 2000000,
            "unit": "FVD",
            "qualifier": "up_to",
            "scope": "per_recipient",
            "status": "committed",
            "ai_specificity": "ai",
            "geo_reach": "region",
            "funder": "public",
            "pillar_ids": "enterprise_development",
        },
        {
            "source_id": NORDLAND,
            "quote": "Un fonds portuaire a investi 900 millions de tessons sur trois ans",
            "quote_en": "A port fund invested 900 million tessons over three years",
            "fact_id": UNCONVERTED_FACT,
            "region_id": "nordland",
            "indicator_id": "investment_multi_year",
            "value": 900000000,
            "unit": UNCONVERTED_CURRENCY,
            "qualifier": "exact",
            "scope": "multi_year",
            "duration_years": 3,
            "status": "achieved",
            "ai_specificity": "ai",
            "geo_reach": "region",
            "funder": "unspecified",
            "pillar_ids": "compute_infrastructure",
        },
        {
            "source_id": NORDLAND,
            "quote": "plus de 300 start-ups",
            "quote_en": "more than 300 start-ups",
            "fact_id": "nl_startups",
            "region_id": "nordland",
            "indicator_id": "startups",
            "value": 300,
            "unit": "count",
            "qualifier": "at_least",
            "scope": "point_in_time",
            "status": "achieved",
            "ai_specificity": "ai",
            "geo_reach": "region",
            "pillar_ids": "enterprise_development",
        },
        {
            "source_id": NORDLAND,
            "quote": "environ 40 laboratoires",
            "quote_en": "about 40 laboratories",
            "fact_id": "nl_labs",
            "region_id": "nordland",
            "indicator_id": "labs",
            "value": 40,
            "unit": "count",
            "qualifier": "approximate",
            "scope": "point_in_time",
            "status": "achieved",
            "ai_specificity": "ai",
            "geo_reach": "region",
            "pillar_ids": "talent_training",
        },
        {
            "source_id": NORDLAND,
            "quote": "L’objectif est de former 5 000 ingénieurs en IA d’ici 2030",
            "quote_en": "The objective is to train 5,000 AI engineers by 2030",
            "fact_id": "nl_engineers_target",
            "region_id": "nordland",
            "indicator_id": "engineers_trained",
            "value": 5000,
            "unit": "people",
            "qualifier": "exact",
            "scope": "unspecified",
            "period_end": 2030,
            "status": "target",
            "ai_specificity": "ai",
            "geo_reach": "region",
            "pillar_ids": "talent_training",
        },
        {
            "source_id": NORDLAND,
            "quote": "À Portville, la « capitale numérique » de la province, un centre d’une capacité de 12 pétaflops",
            "quote_en": "In Portville, the province’s “digital capital”, a centre with a capacity of 12 petaflops",
            "fact_id": "pv_compute",
            "region_id": "portville",
            "indicator_id": "compute_capacity",
            "value": 12,
            "unit": "PFLOPS",
            "qualifier": "exact",
            "scope": "point_in_time",
            "status": "achieved",
            "ai_specificity": "ai",
            "geo_reach": "region",
            "pillar_ids": "compute_infrastructure",
        },
        {
            "source_id": SUDMARK,
            "quote": "vise à figurer parmi les 20 premiers pays de l’IA d’ici 2035",
            "quote_en": "aims to be among the top 20 AI countries by 2035",
            "fact_id": "fv_rank_target",
            "region_id": "fictivia",
            "indicator_id": "country_ai_rank",
            "value": 20,
            "unit": "rank",
            "qualifier": "up_to",
            "scope": "point_in_time",
            "period_end": 2035,
            "status": "target",
            "ai_specificity": "ai",
            "geo_reach": "region",
            "pillar_ids": "talent_training",
        },
    ],
    "actors": [
        {
            "source_id": NORDLAND,
            "quote": "un centre d’une capacité de 12 pétaflops",
            "quote_en": "a centre with a capacity of 12 petaflops",
            "actor_id": "portville_centre",
            "name": "Portville compute centre",
            "kind": "facility",
            "role": "Computing centre.",
            "role_fr": "Centre de calcul.",
            "region_id": "portville",
            "pillar_ids": "compute_infrastructure",
        },
    ],
    "events": [
        {
            "source_id": NORDLAND,
            "quote": "ont récemment dévoilé un plan pour l’IA",
            "quote_en": "recently unveiled a plan for AI",
            "note": "The article gives no date ('récemment').",
            "note_fr": "L’article ne donne pas de date (« récemment »).",
            "event_id": "nl_plan_unveiled",
            "region_id": "nordland",
            "kind": "plan_announced",
            "description": "Nordland unveils its AI plan.",
            "description_fr": "Nordland dévoile son plan pour l’IA.",
            "pillar_ids": "enterprise_development",
        },
        {
            "source_id": NORDLAND,
            "quote": "est opérationnel depuis 2024",
            "quote_en": "has been operational since 2024",
            "event_id": "pv_centre_opened",
            "region_id": "portville",
            "date": "2024",
            "kind": "centre_opened",
            "description": "Portville's computing centre opens.",
            "description_fr": "Le centre de calcul de Portville ouvre.",
            "pillar_ids": "compute_infrastructure",
        },
    ],
    "instruments": [
        {
            "source_id": NORDLAND,
            "quote": "un plan pour l’IA",
            "quote_en": "a plan for AI",
            "instrument_id": "nl_ai_fund",
            "region_id": "nordland",
            "name": "Nordland AI plan",
            "name_fr": "Plan IA de Nordland",
            "kind": "action_plan",
            "description": "Provincial AI plan.",
            "description_fr": "Plan provincial pour l’IA.",
            "pillar_ids": "enterprise_development",
        },
    ],
    "fx_rates": [
        {
            "currency": "FVD",
            "year": 2025,
            "units_per_usd": 8,
            "series_id": "wdi",
            "series": "Synthetic official rate",
            "source_title": "Synthetic indicators",
            "release_date": "2026-01-01",
            "row_as_read": "Fictivia,2025,8",
            **_PROVENANCE,
        },
        {
            "currency": "FVD",
            "year": 2023,
            "units_per_usd": 7.5,
            "series_id": "fed",
            "series": "Synthetic average",
            "source_title": "Synthetic rates",
            "release_date": "2024-02-01",
            **_PROVENANCE,
        },
    ],
    "population": [
        {
            "region_id": "nordland",
            "year": 2024,
            "population": 5000000,
            "definition": "synthetic residents",
            "definition_fr": "résidents synthétiques",
            "excerpt": "Nordland,2024,5000000",
            "primary_or_secondary": "primary data (synthetic)",
            "primary_or_secondary_fr": "données primaires (synthétiques)",
            **_PROVENANCE,
        },
        {
            "region_id": "fictivia",
            "year": 2024,
            "population": 20000000,
            "definition": "synthetic residents",
            "definition_fr": "résidents synthétiques",
            "excerpt": "Fictivia,2024,20000000",
            "primary_or_secondary": "primary data (synthetic)",
            "primary_or_secondary_fr": "données primaires (synthétiques)",
            **_PROVENANCE,
        },
    ],
    "audit_exclusions": [],
    "caveats": [],
}


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_table(data_dir: Path, table: str, rows: list[dict[str, object]]) -> None:
    """One curated CSV, columns in the contract's order (a column a row leaves out is an empty cell)."""
    columns = table_columns(table)
    with (data_dir / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_cell(row.get(column)) for column in columns] for row in rows)


def write(
    folder: Path, tables: dict[str, list[dict[str, object]]] | None = None, seeds: dict[str, str] | None = None
) -> Path:
    """Write data/ and seeds/ into `folder` (the fixture's, or the given tables and seeds); return data/.

    Every source's sha256 is the checksum of its seed as written here.
    """
    tables = TABLES if tables is None else tables
    seeds = SEEDS if seeds is None else seeds
    data_dir, seeds_dir = folder / "data", folder / "seeds"
    data_dir.mkdir(parents=True, exist_ok=True)
    seeds_dir.mkdir(parents=True, exist_ok=True)
    digests = {}
    for name, text in seeds.items():
        raw = text.encode("utf-8")
        (seeds_dir / name).write_bytes(raw)
        digests[name] = hashlib.sha256(raw).hexdigest()
    for table, rows in tables.items():
        if table == "sources":
            rows = [{**row, "sha256": digests[str(row["seed_file"])]} for row in rows]
        write_table(data_dir, table, rows)
    return data_dir
