"""bench/generate.py writes synthetic datasets that pass the whole contract (the data-scale benchmark relies on it)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

import ecodash
from ecodash.schema.models import TABLE_MODELS
from ecodash.schema.vocabularies import QUALIFIERS, STATUSES
from support import DATA_DIR

GENERATE = Path(__file__).resolve().parents[1] / "bench" / "generate.py"


def _load_generator():
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _load_generator().generate(300, tmp_path_factory.mktemp("generated"), seed=3)


def test_generated_dataset_loads_with_every_kind_of_fact(generated: Path) -> None:
    dataset = ecodash.load_dataset(generated)  # raises DatasetError listing any problem
    facts = dataset.facts
    assert len(facts) == 300
    assert set(facts["status"]) == set(STATUSES)
    assert set(facts["qualifier"]) == set(QUALIFIERS)
    assert {"CNY", "KRW", "VND", "USD"} <= set(facts["unit"])
    assert len(set(facts["region_id"])) >= 3
    assert set(facts["region_id"]) & set(dataset.focus_region_ids())
    assert facts["stated_usd"].notna().any() and facts["instrument_id"].notna().any()
    # every currency-year the World Bank default converts at has a rate (no figure left unconverted by the data)
    rates = dataset.fx_rates
    years = dataset.sources.set_index("source_id")["published_year"]
    for currency, source_id in (
        facts.loc[~facts["unit"].isin(["USD", "count", "people", "share", "rank", "PFLOPS"]), ["unit", "source_id"]]
        .drop_duplicates()
        .itertuples(index=False)
    ):
        year = years[source_id]
        assert ((rates["currency"] == currency) & (rates["year"] == year) & (rates["series_id"] == "wdi")).any()
    assert len(dataset.instruments) and len(dataset.actors) and len(dataset.events) and len(dataset.audit_exclusions)


def test_generated_dataset_is_deterministic_and_described(generated: Path, tmp_path: Path) -> None:
    again = _load_generator().generate(300, tmp_path, seed=3, check=False)
    for table in TABLE_MODELS:
        assert (again / f"{table}.csv").read_bytes() == (generated / f"{table}.csv").read_bytes(), table
    other = _load_generator().generate(300, tmp_path / "other", seed=4, check=False)
    assert (other / "facts.csv").read_bytes() != (generated / "facts.csv").read_bytes()
    descriptor = json.loads((generated / "datapackage.json").read_text(encoding="utf-8"))
    assert [resource["path"] for resource in descriptor["resources"]] == [f"{table}.csv" for table in TABLE_MODELS]
    facts_schema = next(r["schema"] for r in descriptor["resources"] if r["name"] == "facts")
    assert {"name": "value", "type": "number"}.items() <= next(
        field for field in facts_schema["fields"] if field["name"] == "value"
    ).items()
    assert (generated / "regions.csv").read_bytes() == (DATA_DIR / "regions.csv").read_bytes()
