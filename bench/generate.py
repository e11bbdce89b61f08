"""Generate a VALID synthetic ecodash dataset of any size, for the data-scale benchmark (bench/bench_scale.py).

    python bench/generate.py N OUTDIR [--seed S]

writes OUTDIR/data/*.csv (every table `ecodash validate` needs), OUTDIR/seeds/*.txt (synthetic French articles
holding every quote verbatim, their sha256 in sources.csv) and OUTDIR/data/datapackage.json (the descriptor
`ecodash.io.export` builds for the curated tables, so `frictionless validate OUTDIR/data/datapackage.json` checks the
same CSVs with the same schemas). `generate(n_facts, folder, seed=0)` does the same and returns the data folder
(OUTDIR/data), which `ecodash.load_dataset` reads like data/.

Nothing here is a real figure. The reference tables (regions, indicators, FX rates, populations) are copied
from the curated data/, so facts use real focus and non-focus regions, real indicators and only the currencies
and years that have a cited World Bank rate. Every fact follows the contract: its number is written in its
quote in French ("120 millions de wons", "3 300 start-ups", "30 %", "le 7e rang"), its qualifier is the
quote's hedging ("jusqu'à", "plus de", "environ"), a target's quote has its cue words ("objectif", "d'ici"),
an achieved figure "a déjà été", a proposed one "peuvent coopérer"; multi-year totals state their years,
cumulative ones their start year. About 100 facts per article, plus programmes, actors, events and one audit
exclusion per article. The same (n_facts, seed) always writes the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import random
import shutil
import sys
from pathlib import Path

FACTS_PER_SOURCE = 100
INSTRUMENTS_PER_SOURCE = 4
ACTORS_PER_SOURCE = 3
EVENTS_PER_SOURCE = 2
COPIED_TABLES = ("regions", "indicators", "fx_rates", "population")
CURRENCY_OF_COUNTRY = {"CN": "CNY", "KR": "KRW", "VN": "VND"}
MONEY_WORDS = {"CNY": "yuans", "KRW": "wons", "VND": "dongs", "USD": "dollars US"}

# indicator -> (unit, scope, how the French text writes it: {n} the number, {d} the years, {s} the start year)
INDICATORS = {
    "grant_cap_per_recipient": ("money", "per_recipient", "{n} par bénéficiaire"),
    "funding_annual": ("money", "per_year", "{n} par an"),
    "funding_cumulative": ("money", "cumulative", "{n} depuis {s}"),
    "investment_multi_year": ("money", "multi_year", "{n} sur {d} ans"),
    "open_source_communities_funded": ("count", "per_year", "{n} communautés open source par an"),
    "demo_factories": ("count", "point_in_time", "{n} usines de démonstration"),
    "registered_large_models": ("count", "point_in_time", "{n} grands modèles enregistrés"),
    "startups_supported": ("count", "multi_year", "{n} start-ups accompagnées sur {d} ans"),
    "ai_talent_trained": ("people", "unspecified", "{n} ingénieurs formés"),
    "compute_capacity": ("PFLOPS", "point_in_time", "{n} pétaflops de capacité de calcul"),
    "ai_professionals_national_share": ("share", "point_in_time", "{n} des professionnels du pays"),
    "country_ai_rank": ("rank", "point_in_time", "le {n} rang mondial"),
}
QUALIFIER_WORDS = {"exact": "", "approximate": "environ ", "at_least": "plus de ", "up_to": "jusqu’à "}
# status -> the sentence around the figure; the cue words are the ones ecodash.text.cues reads.
STATUS_SENTENCES = {
    "committed": "Le programme {p} de {r} consacre {body}{ai}.",
    "target": "L’objectif du programme {p} de {r} est d’atteindre {body}{ai} d’ici {y}.",
    "achieved": "Au titre du programme {p}, {r} a déjà été doté de {body}{ai}.",
    "proposed": "Les partenaires de {r} peuvent coopérer sur {body}{ai} dans le programme {p}.",
}
STATUS_WEIGHTS = {"committed": 5, "target": 3, "achieved": 2, "proposed": 1}
AI_WORDS = {
    "ai": " pour des projets d’IA",
    "ai_and_other": " pour des projets d’IA et de robotique",
    "broader": " pour les technologies de base",
}
SYNTHETIC = "Synthetic benchmark data (bench/generate.py); no figure is real."
SYNTHETIC_FR = "Données synthétiques de benchmark (bench/generate.py) ; aucun chiffre n’est réel."


def _curated_dir() -> Path:
    from ecodash.ingest.dataset import default_data_dir

    return default_data_dir()


def _read(folder: Path, table: str) -> list[dict[str, str]]:
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(folder: Path, table: str, rows: list[dict[str, object]]) -> None:
    from ecodash.schema.models import table_columns

    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=table_columns(table), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
    (folder / f"{table}.csv").write_text(buffer.getvalue(), encoding="utf-8", newline="")


def _french_digits(number: int) -> str:
    """3300 -> '3 300' (space-grouped thousands, as French writes them)."""
    return f"{number:,}".replace(",", " ")


def _figure(rng: random.Random, unit: str, currency: str) -> tuple[str, float | int]:
    """(how the quote writes the number, the value it states) for one fact."""
    if unit == "money":
        scale_word, scale = rng.choice((("millions", 10**6), ("milliards", 10**9)))
        mantissa = rng.randint(1, 999)
        text = f"{_french_digits(mantissa)} {scale_word} de {MONEY_WORDS[currency]}"
        if rng.random() < 0.2:  # one decimal: "1,4 milliards" states 1 400 000 000
            tenth = rng.randint(1, 9)
            text = f"{mantissa},{tenth} {scale_word} de {MONEY_WORDS[currency]}"
            return text, mantissa * scale + tenth * scale // 10
        return text, mantissa * scale
    if unit == "share":
        percent = rng.randint(1, 99)
        return f"{percent} %", percent / 100
    if unit == "rank":
        rank = rng.randint(2, 50)
        return f"{rank}e", rank
    number = rng.choice((rng.randint(2, 999), rng.randint(1000, 99_999)))
    return _french_digits(number), number


def _rates(fx_rows: list[dict[str, str]]) -> dict[str, dict[int, float]]:
    rates: dict[str, dict[int, float]] = {}
    for row in fx_rows:
        if row["series_id"] == "wdi":
            rates.setdefault(row["currency"], {})[int(row["year"])] = float(row["units_per_usd"])
    return rates


def generate(n_facts: int, folder: Path, seed: int = 0, *, check: bool = True) -> Path:
    """Write a valid synthetic dataset of `n_facts` facts under `folder` (data/, seeds/); return folder/'data'.

    With `check`, the dataset is loaded once (ecodash.load_dataset, which raises on any problem) and its
    frictionless descriptor is written as data/datapackage.json.
    """
    rng = random.Random(seed)
    folder = Path(folder)
    data, seeds = folder / "data", folder / "seeds"
    for path in (data, seeds):
        if path.exists():
            shutil.rmtree(path)
        path.mkdir(parents=True)
    curated = _curated_dir()
    for table in COPIED_TABLES:
        shutil.copyfile(curated / f"{table}.csv", data / f"{table}.csv")
    indicators = {row["indicator_id"]: row for row in _read(curated, "indicators")}
    for indicator_id, (unit, scope, _) in INDICATORS.items():
        row = indicators.get(indicator_id)
        if row is None or (row["unit"], row["scope"]) != (unit, scope):
            raise SystemExit(f"generate.py: data/indicators.csv no longer has {indicator_id} ({unit}, {scope})")
    rates = _rates(_read(curated, "fx_rates"))
    usable = [
        row
        for row in _read(curated, "regions")
        if CURRENCY_OF_COUNTRY.get(row["iso_country"], "USD") in {*rates, "USD"}
    ]
    by_country: dict[str, list[dict[str, str]]] = {}
    for row in usable:
        by_country.setdefault(row["iso_country"], []).append(row)
    # round robin over countries, so that even three articles use three currencies
    regions = [group[i] for i in range(len(usable)) for group in by_country.values() if i < len(group)]
    pillar_rows = _read(curated, "pillars")
    pillar_ids = [row["pillar_id"] for row in pillar_rows]
    pillars = [
        {
            **row,
            "origin": "added",
            "source_id": None,
            "quote": None,
            "rationale": SYNTHETIC,
            "rationale_fr": SYNTHETIC_FR,
        }
        for row in pillar_rows
    ]
    _write(data, "pillars", pillars)

    tables: dict[str, list[dict[str, object]]] = {
        t: [] for t in ("sources", "facts", "instruments", "actors", "events", "audit_exclusions", "caveats")
    }
    n_sources = max(1, -(-n_facts // FACTS_PER_SOURCE))
    statuses = [s for s, w in STATUS_WEIGHTS.items() for _ in range(w)]
    indicator_ids = list(INDICATORS)
    fact_number = 0
    for k in range(n_sources):
        region = regions[k % len(regions)]
        name, region_id = region["name_fr"], region["region_id"]
        currency = CURRENCY_OF_COUNTRY.get(region["iso_country"], "USD")
        year = rng.choice(sorted(rates.get(currency, {2024: 1.0})))
        source_id, seed_file = f"synthetic_{k:05d}", f"{k:05d}_synthetic.txt"
        lines = [f"Synthèse {k} : l’IA à {name}", f"Un article synthétique sur l’écosystème de l’IA à {name}."]

        def quoted(
            quote: str, quote_en: str, lines: list[str] = lines, source_id: str = source_id
        ) -> dict[str, object]:
            lines.append(quote)
            return {"source_id": source_id, "quote": quote.rstrip("."), "quote_en": quote_en}

        instruments = []
        for i in range(INSTRUMENTS_PER_SOURCE):
            instrument_id, programme = f"syn_{k}_programme_{i}", f"Horizon {chr(65 + i)}{k}"
            tables["instruments"].append(
                {
                    **quoted(
                        f"{name} a lancé le {programme} pour les entreprises d’IA.",
                        f"{name} launched {programme} for AI companies.",
                    ),
                    "instrument_id": instrument_id,
                    "region_id": region_id,
                    "name": programme,
                    "name_fr": programme,
                    "kind": rng.choice(("company_subsidy", "hub_subsidy", "action_plan", "incubation")),
                    "description": f"Synthetic programme {programme}.",
                    "description_fr": f"Programme synthétique {programme}.",
                    "pillar_ids": rng.choice(pillar_ids),
                }
            )
            instruments.append((instrument_id, programme))
        for i in range(ACTORS_PER_SOURCE):
            company = f"Synthetix {chr(65 + i)}{k}"
            tables["actors"].append(
                {
                    **quoted(
                        f"La société {company} développe des modèles d’IA à {name}.",
                        f"The company {company} develops AI models in {name}.",
                    ),
                    "actor_id": f"syn_{k}_actor_{i}",
                    "name": company,
                    "kind": "company",
                    "role": "Synthetic AI company.",
                    "role_fr": "Entreprise d’IA synthétique.",
                    "region_id": region_id,
                    "pillar_ids": rng.choice(pillar_ids),
                }
            )
        for i in range(EVENTS_PER_SOURCE):
            event_year = rng.randint(2015, 2025)
            tables["events"].append(
                {
                    **quoted(
                        f"En {event_year}, {name} a ouvert le centre de calcul {chr(65 + i)}{k}.",
                        f"In {event_year}, {name} opened computing centre {chr(65 + i)}{k}.",
                    ),
                    "event_id": f"syn_{k}_event_{i}",
                    "region_id": region_id,
                    "date": event_year,
                    "kind": "centre_opened",
                    "description": "Synthetic centre opening.",
                    "description_fr": "Ouverture synthétique d’un centre.",
                    "pillar_ids": "compute_infrastructure" if "compute_infrastructure" in pillar_ids else pillar_ids[0],
                }
            )
        lines.append("Le centre applique la norme ISO 9001.")
        tables["audit_exclusions"].append(
            {
                "source_id": source_id,
                "context": "la norme ISO 9001",
                "mention": "9001",
                "reason": "standard number, not an ecosystem measure",
                "reason_fr": "numéro de norme, pas une mesure",
            }
        )

        count = min(FACTS_PER_SOURCE, n_facts - fact_number)
        for _ in range(count):
            indicator_id = rng.choice(indicator_ids)
            unit, scope, pattern = INDICATORS[indicator_id]
            fact_currency = ("USD" if rng.random() < 0.15 else currency) if unit == "money" else None
            number_text, value = _figure(rng, unit, fact_currency or "USD")
            status = rng.choice(statuses)
            qualifier = "exact" if unit == "rank" else rng.choice(tuple(QUALIFIER_WORDS))
            ai = rng.choice(("ai", "ai", "ai_and_other", "broader"))
            duration = rng.randint(2, 10) if scope == "multi_year" else None
            start = rng.randint(2010, 2022) if scope == "cumulative" else None
            end = rng.randint(2026, 2040) if status == "target" else None
            instrument_id, programme = rng.choice(instruments)
            body = QUALIFIER_WORDS[qualifier] + pattern.format(n=number_text, d=duration, s=start)
            sentence = STATUS_SENTENCES[status].format(p=programme, r=name, body=body, ai=AI_WORDS[ai], y=end)
            stated_usd = None
            if fact_currency not in (None, "USD") and rng.random() < 0.3:
                millions = round(value / rates[fact_currency][year] / 10**6)
                if millions >= 1:
                    stated_usd = millions * 10**6
                    sentence = sentence[:-1] + f" (environ {_french_digits(millions)} millions de dollars US)."
            fact_id = f"syn_fact_{fact_number}"
            tables["facts"].append(
                {
                    **quoted(sentence, f"Synthetic figure {fact_id} ({status}, {qualifier})."),
                    "note": None,
                    "note_fr": None,
                    "fact_id": fact_id,
                    "region_id": region_id,
                    "indicator_id": indicator_id,
                    "value": repr(value) if isinstance(value, float) else value,
                    "unit": fact_currency or unit,
                    "qualifier": qualifier,
                    "scope": scope,
                    "period_start": start,
                    "period_end": end,
                    "duration_years": duration,
                    "instrument_id": instrument_id if rng.random() < 0.5 else None,
                    "stated_usd": stated_usd,
                    "status": status,
                    "ai_specificity": ai,
                    "geo_reach": rng.choice(("region", "region", "context")),
                    "funder": rng.choice(("public", "private", "unspecified")) if fact_currency else None,
                    "pillar_ids": ";".join(rng.sample(pillar_ids, rng.randint(1, 2))),
                }
            )
            fact_number += 1

        text = "\n".join(lines) + "\n"
        seed_bytes = text.encode("utf-8")
        (seeds / seed_file).write_bytes(seed_bytes)
        tables["sources"].append(
            {
                "source_id": source_id,
                "seed_file": seed_file,
                "title": lines[0],
                "title_en": f"Synthesis {k}: AI in {name}",
                "genre": "a synthetic article",
                "genre_fr": "un article synthétique",
                "language": "fr",
                "region_ids": region_id,
                "publisher": None,
                "url": None,
                "sha256": hashlib.sha256(seed_bytes).hexdigest(),
                "published_year": year,
                "note": f"published_year {year}: chosen by bench/generate.py. {SYNTHETIC}",
                "note_fr": f"published_year {year} : choisie par bench/generate.py. {SYNTHETIC_FR}",
            }
        )
    for table, rows in tables.items():
        _write(data, table, rows)
    if check:
        _write_descriptor(data)
    return data


def _write_descriptor(data: Path) -> None:
    """Load the folder (raising on any problem) and write the frictionless descriptor of its curated tables."""
    import ecodash
    from ecodash.io import export
    from ecodash.schema.models import TABLE_MODELS

    dataset = ecodash.load_dataset(data)
    frames = {table: dataset.table(table) for table in TABLE_MODELS}
    descriptor = export.datapackage_descriptor(dataset, frames)
    descriptor["sources"] = [s for s in descriptor["sources"] if not s["path"].startswith("seeds/")]
    descriptor["title"] = "ecodash synthetic benchmark dataset (bench/generate.py); no figure is real"
    (data / "datapackage.json").write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n_facts", type=int, help="number of facts (about 100 per synthetic article)")
    parser.add_argument("outdir", type=Path, help="output folder: OUTDIR/data, OUTDIR/seeds")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same bytes)")
    parser.add_argument("--no-check", action="store_true", help="skip loading it and writing datapackage.json")
    args = parser.parse_args(argv)
    data = generate(args.n_facts, args.outdir, args.seed, check=not args.no_check)
    print(f"wrote {args.n_facts} facts to {data} (seeds in {data.parent / 'seeds'})", file=sys.stderr)


if __name__ == "__main__":
    main()
