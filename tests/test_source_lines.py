"""The source line of a set of figures: article titles and publishers from the data, a few named, the rest counted."""

from __future__ import annotations

from ecodash.analysis import source_lines
from ecodash.analysis.source_lines import source_note


def test_source_note_lists_titles_and_publishers_once(dataset):
    note = source_note(
        dataset,
        ["gwangju_ai_cluster_vietnam", "guangdong_ai_robotics_plan", "gwangju_ai_cluster_vietnam", float("nan"), None],
    )
    sources = dataset.sources.set_index("source_id")
    gwangju = sources.at["gwangju_ai_cluster_vietnam", "title"]
    guangdong = sources.at["guangdong_ai_robotics_plan", "title"]
    assert note == f"Source: ecodash dataset, curated from: {gwangju} (VietNamNet); {guangdong}"
    assert source_note(dataset, []) == "Source: ecodash dataset"
    assert source_note(dataset, ["not_a_source"]).endswith("curated from: not_a_source")


def test_a_source_line_names_a_few_articles_then_counts_the_rest(dataset, monkeypatch):
    ids = list(dataset.sources["source_id"])
    assert source_note(dataset, ids).count(";") == len(ids) - 1, "five articles: all named"
    monkeypatch.setattr(source_lines, "SOURCES_NAMED", 2)
    note = source_note(dataset, ids)
    titles = dataset.sources.set_index("source_id")["title"]
    assert titles[ids[0]] in note and titles[ids[1]] in note and titles[ids[2]] not in note
    assert note.endswith(f"; and {len(ids) - 2} more articles (the Sources page lists them all)")
