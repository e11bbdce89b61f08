"""Citations for the dataset and for one figure."""

import pytest

from ecodash.io.citation import cite_dataset, cite_fact


def test_dataset_citation_names_every_article_and_the_fx_source(dataset):
    text = cite_dataset(dataset, accessed="2026-11-21")
    for title in dataset.sources["title"]:
        assert title in text
    assert "Federal Reserve G.5A" in text and text.endswith("Accessed 2026-11-21.")
    assert f"{len(dataset.facts)} facts" in text


def test_fact_citation_carries_value_qualifier_quote_and_source(dataset):
    text = cite_fact(dataset, "gd_hub_subsidy_cap", accessed="2026-11-21")
    assert text.startswith("Guangdong: Grant cap per recipient, ≤ 50 M CNY.")
    assert "jusqu’à 50 millions de yuans" in text
    assert "Le pari du Guangdong" in text and "gd_hub_subsidy_cap" in text


def test_fact_citation_names_publisher_and_url_when_the_text_gives_them(dataset):
    text = cite_fact(dataset, "gj_compute_capacity", accessed="2026-11-21")
    assert "VietNamNet" in text and "https://vietnamnet.vn/" in text


def test_unknown_fact_is_refused(dataset):
    with pytest.raises(KeyError, match="unknown fact"):
        cite_fact(dataset, "nope", accessed="2026-11-21")
