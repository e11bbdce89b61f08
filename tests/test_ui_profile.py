"""Region profile, run whole (AppTest): money as every page words it, category headings, no image of nothing."""

from __future__ import annotations

import pandas as pd
import pytest

from ecodash.analysis.fx import DEFAULT_FX_BASIS
from ecodash.i18n.formats import format_fact, significant
from ecodash.views import Tables
from test_ui import K, open_page


def _facts(at):
    return [df.value for df in at.dataframe if "value_label" in df.value.columns]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_profile_money_reads_as_elsewhere_with_its_qualifier_and_status(language):
    """'≤ 6.95 M USD' and '> 195 M USD', as the charts and cards say it: never '$6,954,250.54' without its ≤."""
    at = open_page("profile", region="guangdong", lang=language)
    shown = {label for frame in _facts(at) for label in frame["usd_words"].dropna()}
    assert any(label.startswith("≤ ") for label in shown) and any(label.startswith("> ") for label in shown)
    assert all(label.endswith(" USD") and "$" not in label for label in shown), shown
    money = "1.39 bn USD" if language == "en" else "1,39 Md USD"
    assert money in shown, shown


def test_profile_usd_words_come_from_the_one_money_format(dataset):
    """Every USD cell is i18n.formats' words for the figure's USD value, qualifier and status (target ~...)."""
    at = open_page("profile", region="shanghai")
    frames = _facts(at)
    ids = [link.split("fact=")[1] for frame in frames for link in frame["link"]]
    words = [w for frame in frames for w in frame["usd_words"]]
    facts = Tables(dataset).facts(DEFAULT_FX_BASIS).drop_duplicates("fact_id").set_index("fact_id")
    assert ids and facts.loc[ids, "value_usd"].notna().any()
    assert facts.loc[ids, "status"].isin(["target"]).any(), "Shanghai's targets check the status mark"
    for fact_id, shown in zip(ids, words, strict=True):
        row = facts.loc[fact_id]
        if pd.isna(row["value_usd"]):
            assert pd.isna(shown)  # no USD value: an empty cell, never 0
        else:
            assert shown == format_fact(significant(float(row["value_usd"])), "USD", row["qualifier"], row["status"])


@pytest.mark.parametrize(
    ("language", "headings"),
    [
        ("en", ["Adoption · 1 figure", "Funding · 6 figures", "Market · 4 figures"]),
        ("fr", ["Adoption de l'IA · 1 chiffre", "Financement · 6 chiffres", "Marché · 4 chiffres"]),
    ],
)
def test_profile_sections_are_named_in_words_with_a_counted_noun(language, headings):
    at = open_page("profile", region="guangdong", lang=language)
    shown = [h.value for h in at.subheader]
    assert [h for h in shown if h in headings] == headings


def test_an_empty_timeline_offers_no_image_and_no_slide():
    """Guangdong's only event has no date: nothing is drawn, so there is nothing to save or present."""
    at = open_page("profile", region="guangdong")
    assert not at.get("plotly_chart")
    assert not at.get("download_button")
    assert "present.add.profile" not in {b.key for b in at.button}
    assert any("Not on the timeline" in c.value for c in at.caption), "the undated event is still said"
    drawn = open_page("profile", region="zhejiang")
    assert drawn.get("plotly_chart") and drawn.get("download_button")
    assert "present.add.profile" in {b.key for b in drawn.button}


def test_profile_choices_are_compact_and_still_in_the_url():
    at = open_page("profile", region="vietnam", fx="fed")
    assert at.selectbox(key=K("region")).value == "vietnam"
    assert at.segmented_control(key=K("fx")).value == "fed"
    assert at.query_params["fx"] == "fed" and at.query_params["region"] == "vietnam"
