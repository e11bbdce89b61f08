"""Data & export, run whole (AppTest), and its view module: the regions its filter offers, the file names."""

from __future__ import annotations

import re

from ecodash.analysis import indicators
from ecodash.io.formats import PREFIX
from ecodash.views import Tables
from ecodash.views.data_export import MAX_STEM_CHARS, region_options, view_file_stem
from support import use_data_dir, with_a_hangzhou_figure
from test_ui import K, open_page


def test_the_region_filter_offers_every_region_with_figures_and_every_focus_region(dataset):
    at = open_page("data")
    offered = at.multiselect(key=K("region")).options
    names = dict(zip(dataset.regions["region_id"], dataset.regions["name_en"], strict=True))
    with_figures = set(dataset.facts["region_id"])
    parents = {r for r in names if with_figures & set(indicators.reporting_members(dataset, r))}
    expected = [names[r] for r in dataset.regions["region_id"] if r in set(dataset.focus_region_ids()) | parents]
    assert offered == expected
    assert "Zhejiang" in offered, "a focus region everywhere else"


def test_choosing_a_province_keeps_the_rows_of_the_cities_that_report_for_it(data_copy, monkeypatch):
    dataset = with_a_hangzhou_figure(data_copy)
    use_data_dir(monkeypatch, data_copy)
    at = open_page("data", region=["zhejiang"])
    table = at.dataframe[0].value
    hangzhou = dataset.facts.loc[dataset.facts["region_id"] == "hangzhou", "fact_id"]
    assert not hangzhou.empty
    assert sorted(table["fact_id"]) == sorted(hangzhou)
    assert set(table["region_name"]) == {"Hangzhou"}, "each row keeps its own region's name"


def test_region_options_come_from_the_data(data_copy):
    dataset = with_a_hangzhou_figure(data_copy)
    facts = Tables(dataset).facts("wdi")
    without_hangzhou = facts.loc[facts["region_id"] != "hangzhou"]
    assert "hangzhou" in region_options(dataset, facts)
    assert "hangzhou" not in region_options(dataset, without_hangzhou)
    assert "zhejiang" in region_options(dataset, without_hangzhou), "a focus region is offered even without figures"


def test_the_view_file_is_named_from_its_filters():
    assert view_file_stem(PREFIX, {}) == "ecodash-facts-all"
    assert view_file_stem(PREFIX, {"region_id": [], "status": []}) == "ecodash-facts-all"
    named = view_file_stem(PREFIX, {"region_id": ["zhejiang", "guangdong"], "status": ["target"]})
    assert named == "ecodash-facts-guangdong-zhejiang-target"
    assert view_file_stem(PREFIX, {"region_id": ["guangdong", "zhejiang"], "status": ["target"]}) == named
    assert view_file_stem(PREFIX, {"region_id": ["zhejiang"]}, "fed") == "ecodash-facts-zhejiang-fed"


def test_a_long_view_name_is_cut_safe_and_still_its_own():
    many = {"indicator_id": [f"indicator_number_{n}" for n in range(20)], "source_id": ["l'IA « x » / ../etc"]}
    other = {**many, "source_id": ["another"]}
    first, second = view_file_stem(PREFIX, many), view_file_stem(PREFIX, other)
    assert first != second
    for stem in (first, second):
        assert len(stem) <= MAX_STEM_CHARS and re.fullmatch(r"[a-z0-9-]+", stem), stem
    assert view_file_stem(PREFIX, many) == first, "the same view, the same name"


def test_the_page_names_its_csv_from_the_view(monkeypatch):
    import streamlit as st

    names = []
    real = st.download_button

    def spy(*args, **kwargs):
        names.append(kwargs.get("file_name"))
        return real(*args, **kwargs)

    monkeypatch.setattr(st, "download_button", spy)
    open_page("data", region=["shanghai"], status=["target"])
    assert "ecodash-facts-shanghai-target.csv" in names


def test_a_province_choice_says_whose_rows_it_brings():
    at = open_page("data", region=["zhejiang"])
    captions = [re.sub(r"\\(.)", r"\1", c.value) for c in at.caption]  # escape_markdown's backslashes gone
    assert "Zhejiang: with the rows of Hangzhou, which reports for it." in captions
