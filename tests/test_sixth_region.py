"""A sixth region, article, currency and indicator added by data alone: no code change, every page renders.

The article below is made up for this test (Kestrelle, Marovia and the marovian crown do not exist). It is saved
as a new seed with its sha256 beside a copy of the curated data, with a focus city, its country, a currency with
one cited reference rate, a new indicator, facts (hedged, one target), a programme and an event.
"""

from __future__ import annotations

import hashlib

import pytest

import ecodash
from ecodash import i18n
from ecodash.analysis import fx, indicators
from ecodash.charts.theme import region_colours
from ecodash.i18n.formats import count_words
from ecodash.ui.navigation import PAGE_SPECS
from ecodash.views import about
from support import assert_link_followed, chart_text, open_app, page_text, read_rows, run_cli, use_data_dir, write_rows

ARTICLE = """Kestrelle, la ville qui parie sur l’IA
La municipalité de Kestrelle, deuxième ville de Marovie, a lancé en mars 2024 un programme baptisé « Kestrelle IA ».
Le programme dispose de 80 millions de couronnes par an pour les laboratoires et les jeunes entreprises.
La ville a déjà déposé plus de 40 brevets en intelligence artificielle, et environ 1 200 chercheurs y travaillent.
L’objectif est de former 6 000 spécialistes de l’IA d’ici 2030.
"""
SEED = "900_kestrelle_ai_city.txt"
SOURCE = "kestrelle_ai_city"

NEW_ROWS = {
    "regions": [
        {
            "region_id": "kestrelle",
            "name_en": "Kestrelle",
            "name_fr": "Kestrelle",
            "level": "city",
            "parent_id": "marovia",
            "iso_country": "QM",
            "is_focus": "true",
        },
        {
            "region_id": "marovia",
            "name_en": "Marovia",
            "name_fr": "Marovie",
            "level": "country",
            "iso_country": "QM",
            "is_focus": "false",
        },
    ],
    "sources": [
        {
            "source_id": SOURCE,
            "seed_file": SEED,
            "title": "Kestrelle, la ville qui parie sur l’IA",
            "title_en": "Kestrelle, the city betting on AI",
            "genre": "a city report (Kestrelle)",
            "genre_fr": "un reportage sur une ville (Kestrelle)",
            "language": "fr",
            "region_ids": "kestrelle;marovia",
            "published_year": "2025",
            "note": "Made up for tests/test_sixth_region.py.",
            "note_fr": "Inventé pour tests/test_sixth_region.py.",
        },
    ],
    "indicators": [
        {
            "indicator_id": "ai_patents_filed",
            "name": "AI patents filed",
            "name_fr": "Brevets d’IA déposés",
            "category": "models",
            "unit": "count",
            "scope": "cumulative",
            "summable": "true",
            "definition": "AI patents a region's organisations have filed.",
            "definition_fr": "Brevets d’IA déposés par les organisations d’une région.",
            "per_inhabitant": "true",
        },
    ],
    "fx_rates": [
        {
            "currency": "MVK",
            "year": "2025",
            "units_per_usd": "12.5",
            "series_id": "wdi",
            "series": "Official exchange rate (LCU per US$, period average), PA.NUS.FCRF",
            "publisher": "Synthetic publisher (test)",
            "source_title": "Synthetic indicators",
            "read_at": "tests/test_sixth_region.py",
            "release_date": "2026-01-01",
            "row_as_read": "Marovia,2025,12.5",
        },
    ],
    "facts": [
        {
            "source_id": SOURCE,
            "quote": "80 millions de couronnes par an pour les laboratoires et les jeunes entreprises",
            "quote_en": "80 million crowns a year for laboratories and young companies",
            "fact_id": "ks_budget",
            "region_id": "kestrelle",
            "indicator_id": "funding_annual",
            "value": "80000000",
            "unit": "MVK",
            "qualifier": "exact",
            "scope": "per_year",
            "instrument_id": "ks_ai_programme",
            "status": "committed",
            "ai_specificity": "ai",
            "geo_reach": "region",
            "funder": "public",
            "pillar_ids": "rd_support",
        },
        {
            "source_id": SOURCE,
            "quote": "La ville a déjà déposé plus de 40 brevets en intelligence artificielle",
            "quote_en": "The city has already filed more than 40 patents in artificial intelligence",
            "note": "Counted since the programme's launch (2024), as the paragraph implies.",
            "note_fr": "Compté depuis le lancement du programme (2024), comme le paragraphe le laisse entendre.",
            "fact_id": "ks_patents",
            "region_id": "kestrelle",
            "indicator_id": "ai_patents_filed",
            "value": "40",
            "unit": "count",
            "qualifier": "at_least",
            "scope": "cumulative",
            "period_start": "2024",
            "status": "achieved",
            "ai_specificity": "ai",
            "geo_reach": "region",
            "pillar_ids": "rd_support",
        },
        {
            "source_id": SOURCE,
            "quote": "L’objectif est de former 6 000 spécialistes de l’IA d’ici 2030",
            "quote_en": "The objective is to train 6,000 AI specialists by 2030",
            "fact_id": "ks_talent_target",
            "region_id": "kestrelle",
            "indicator_id": "ai_talent_trained",
            "value": "6000",
            "unit": "people",
            "qualifier": "exact",
            "scope": "unspecified",
            "period_end": "2030",
            "status": "target",
            "ai_specificity": "ai",
            "geo_reach": "region",
            "pillar_ids": "talent_training",
        },
    ],
    "instruments": [
        {
            "source_id": SOURCE,
            "quote": "un programme baptisé « Kestrelle IA »",
            "quote_en": "a programme named “Kestrelle IA”",
            "instrument_id": "ks_ai_programme",
            "region_id": "kestrelle",
            "name": "Kestrelle IA programme",
            "name_fr": "Programme Kestrelle IA",
            "kind": "action_plan",
            "description": "The city's AI programme.",
            "description_fr": "Le programme d’IA de la ville.",
            "pillar_ids": "government_coordination",
        },
    ],
    "events": [
        {
            "source_id": SOURCE,
            "quote": "a lancé en mars 2024 un programme",
            "quote_en": "launched in March 2024 a programme",
            "event_id": "ks_programme_launched",
            "region_id": "kestrelle",
            "date": "2024-03",
            "kind": "plan_announced",
            "description": "Kestrelle launches its AI programme.",
            "description_fr": "Kestrelle lance son programme d’IA.",
            "pillar_ids": "government_coordination",
        },
    ],
}


@pytest.fixture
def sixth(data_copy):
    """The curated data plus the sixth article, region, currency and indicator; returns the data folder."""
    raw = ARTICLE.encode("utf-8")
    (data_copy.parent / "seeds" / SEED).write_bytes(raw)
    for table, rows in NEW_ROWS.items():
        header, existing = read_rows(data_copy / f"{table}.csv")
        rows = [{**row, "sha256": hashlib.sha256(raw).hexdigest()} if table == "sources" else row for row in rows]
        write_rows(data_copy / f"{table}.csv", header, existing + [{c: r.get(c, "") for c in header} for r in rows])
    return data_copy


def test_the_validate_command_accepts_it(sixth):
    result = run_cli("validate", "--data-dir", str(sixth))
    assert result.returncode == 0, result.stderr


def test_the_new_region_currency_and_indicator_are_compared(sixth, dataset):
    ds = ecodash.load_dataset(sixth)
    assert ds.focus_region_ids() == [*dataset.focus_region_ids(), "kestrelle"]
    facts = fx.convert_to_usd(ds).set_index("fact_id")
    assert facts.loc["ks_budget", "value_usd"] == pytest.approx(80_000_000 / 12.5)  # its own cited rate
    long = indicators.comparison_long(ds, region_ids=ds.focus_region_ids())
    patents = long.loc[long["indicator_id"] == "ai_patents_filed"].set_index("region_id")
    assert len(patents) == len(ds.focus_region_ids()), "one row per focus region, reported or not"
    assert patents.loc["kestrelle", "report_status"] == "reported"
    assert (patents.drop(index="kestrelle")["report_status"] == indicators.NOT_REPORTED).all()  # never 0


def test_the_sixth_focus_region_gets_its_own_colour(sixth):
    ds = ecodash.load_dataset(sixth)
    colours = region_colours(ds.regions)
    focus = [colours[r] for r in ds.focus_region_ids()]
    assert len(set(focus)) == len(focus) == 6
    assert len(set(colours.values())) == len(colours)


def test_texts_count_the_sixth_article(sixth):
    ds = ecodash.load_dataset(sixth)
    for language in i18n.LANGUAGES:
        with i18n.use(language):
            text = about.articles_sentence(ds, "sources.no_score_body")
            assert (
                count_words(len(ds.sources)) in text
                and ds.sources["genre_fr" if language == "fr" else "genre"].iloc[-1] in text
            )


@pytest.mark.parametrize("language", i18n.LANGUAGES)
@pytest.mark.parametrize("page", list(PAGE_SPECS))
def test_every_page_renders_with_the_sixth_region(page, language, sixth, monkeypatch):
    use_data_dir(monkeypatch, sixth)
    at = open_app(page, lang=language, **({"region": "kestrelle"} if page == "profile" else {}))
    assert_link_followed(at)
    if page in ("overview", "compare", "profile", "pillars", "data", "funding"):
        assert "Kestrelle" in page_text(at) + chart_text(at)
    if page == "sources":
        title = ecodash.load_dataset(sixth).sources.set_index("source_id").loc[SOURCE, "title"]
        assert any(title in box.options for box in at.selectbox), "the sixth article can be read"
