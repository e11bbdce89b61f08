"""Rows a reader adds on top of the curated data (an upload, a drafted article): validated together, located in
the reader's files, never written to data/."""

from __future__ import annotations

import hashlib

import pytest

from ecodash.ingest.dataset import DatasetError, addition_layer, addition_problems, load_dataset, with_addition
from support import (
    DATA_DIR,
    TESTVILLE_SEED,
    added_fact,
    added_source,
    curated_fact,
    read_rows,
    table_csv,
)


def test_a_valid_addition_loads_beside_the_curated_data_and_is_marked_as_the_readers():
    curated = load_dataset(DATA_DIR)
    addition = addition_layer(
        {"sources": table_csv("sources", [added_source()]), "facts": table_csv("facts", [added_fact()])},
        {"testville.txt": TESTVILLE_SEED},
        label="your upload",
    )
    merged = with_addition(DATA_DIR, addition)
    assert len(merged.facts) == len(curated.facts) + 1
    assert merged.contributed["facts"] == {"testville_compute_cap"}
    assert merged.contributed["sources"] == {"testville_article"}
    assert merged.is_contributed("facts", merged.facts["fact_id"]).sum() == 1
    assert merged.seeds["testville_article"] == TESTVILLE_SEED.decode("utf-8")
    assert merged.key != curated.key and merged.key.startswith(curated.key)
    assert not curated.contributed["facts"], "the curated data alone contributes nothing"


def test_problems_name_the_readers_file_and_row_and_nothing_loads():
    addition = addition_layer(
        {"facts": table_csv("facts", [added_fact(source_id="guangdong_ai_robotics_plan"), curated_fact(value="51")])},
        {},
        label="your upload",
    )
    problems = [str(p) for p in addition_problems(DATA_DIR, addition)]
    first_id = curated_fact()["fact_id"]
    assert any(p.startswith("your upload: facts.csv:2: quote: not found verbatim") for p in problems), problems
    assert any(
        p.startswith(f"your upload: facts.csv:3: fact_id: duplicate id '{first_id}' (first on data/facts.csv")
        for p in problems
    ), problems
    assert all(p.startswith("your upload: ") for p in problems), "the curated files are not blamed"
    with pytest.raises(DatasetError):
        with_addition(DATA_DIR, addition)


def test_an_addition_seed_that_is_not_utf8_or_not_listed_is_located():
    latin1 = TESTVILLE_SEED.decode("utf-8").replace("’", "'").encode("latin-1")
    addition = addition_layer(
        {"sources": table_csv("sources", [added_source(sha256=hashlib.sha256(latin1).hexdigest())])},
        {"testville.txt": latin1, "stray.txt": b"x"},
        label="your upload",
    )
    problems = [str(p) for p in addition_problems(DATA_DIR, addition)]
    assert any(p.startswith("your upload: seeds/testville.txt:0: (file): not UTF-8 text") for p in problems), problems
    assert "your upload: seeds/stray.txt:0: (file): seed is not listed in sources.csv" in problems


def test_a_region_added_on_top_is_not_required_of_the_curated_sources(tmp_path):
    _, regions = read_rows(DATA_DIR / "regions.csv")
    named_by_curated = {
        **regions[0],
        "region_id": "shenzhen_bis",
        "name_en": "Tencent",
        "name_fr": "Tencent",
        "is_focus": "false",
    }  # a name a curated article contains
    addition = addition_layer({"regions": table_csv("regions", [named_by_curated])}, {}, label="your upload")
    assert addition_problems(DATA_DIR, addition) == []


def test_an_english_article_states_its_numbers_in_english():
    seed = b"In Guangdong, the Testville academy has trained 2,200 AI engineers.\n"
    source = added_source(seed_file="testville_en.txt", language="en", sha256=hashlib.sha256(seed).hexdigest())
    fact = added_fact(
        quote="has trained 2,200 AI engineers",
        quote_en="has trained 2,200 AI engineers",
        indicator_id="ai_talent_trained",
        value="2200",
        unit="people",
        qualifier="exact",
        funder="",
        scope="unspecified",
        status="achieved",
        ai_specificity="ai",
    )
    addition = addition_layer(
        {"sources": table_csv("sources", [source]), "facts": table_csv("facts", [fact])},
        {"testville_en.txt": seed},
        label="your upload",
    )
    problems = [str(p) for p in addition_problems(DATA_DIR, addition)]
    assert problems == [], "2,200 is two thousand two hundred in English"
    french = addition_layer(
        {"sources": table_csv("sources", [{**source, "language": "fr"}]), "facts": table_csv("facts", [fact])},
        {"testville_en.txt": seed},
        label="your upload",
    )
    assert any(": value: 2200 is not stated" in str(p) for p in addition_problems(DATA_DIR, french)), (
        "read as French, 2,200 is 2.2"
    )


def _additions() -> dict[str, object]:
    _, sources = read_rows(DATA_DIR / "sources.csv")
    _, regions = read_rows(DATA_DIR / "regions.csv")
    curated_seed = {**sources[0], "source_id": "again", "sha256": "0" * 64}  # a curated seed file, wrong checksum
    return {
        "quote and duplicate id": addition_layer(
            {
                "facts": table_csv(
                    "facts", [added_fact(source_id="guangdong_ai_robotics_plan"), curated_fact(value="51")]
                )
            },
            {},
            label="your upload",
        ),
        "seeds": addition_layer(
            {"sources": table_csv("sources", [added_source(), curated_seed])},
            {"testville.txt": TESTVILLE_SEED, "stray.txt": b"x"},
            label="your upload",
        ),
        "cycle and names": addition_layer(
            {
                "regions": table_csv(
                    "regions",
                    [
                        {**regions[0], "region_id": "loop_a", "parent_id": "loop_b", "name_en": "Guangdong"},
                        {**regions[0], "region_id": "loop_b", "parent_id": "loop_a", "is_focus": "false"},
                    ],
                )
            },
            {},
            label="your upload",
        ),
        "valid": addition_layer(
            {"sources": table_csv("sources", [added_source()]), "facts": table_csv("facts", [added_fact()])},
            {"testville.txt": TESTVILLE_SEED},
            label="your upload",
        ),
    }


@pytest.mark.parametrize("name", list(_additions()))
def test_an_addition_on_the_loaded_data_has_the_problems_it_has_on_the_folder(name):
    addition = _additions()[name]
    on_folder = addition_problems(DATA_DIR, addition)
    assert addition_problems(load_dataset(DATA_DIR), addition) == on_folder
    assert (name == "valid") == (on_folder == []), on_folder
