"""Views: what a page (or a slide) shows, computed in the package from the dataset and the page's choices."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pandas as pd
import pytest

import ecodash
from ecodash import charts, views
from ecodash.analysis import funding_views
from ecodash.analysis.indicators import HEADLINE_SLOTS
from ecodash.i18n import use
from ecodash.ingest.dataset import localized
from ecodash.views import slides
from support import DATA_DIR

DATASET = ecodash.load_dataset(DATA_DIR)
FOCUS = DATASET.focus_region_ids()


def bar_names(figure) -> set[str]:
    return {trace.name for trace in figure.data if trace.type == "bar" and any(x is not None for x in trace.x or [])}


def test_a_view_is_frozen():
    view = views.compare_view(DATASET, region_ids=FOCUS, indicator_ids=["compute_capacity"])
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.title = "something else"


def test_the_pure_modules_never_import_streamlit():
    package = Path(views.__file__).parent
    for path in package.glob("*.py"):
        assert "streamlit" not in path.read_text(encoding="utf-8"), path.name


def test_compare_default_view():
    view = views.compare_view(DATASET, region_ids=FOCUS, indicator_ids=list(views.COMPARE_INDICATORS))
    assert view.title == "Funding per year, incl. annualised totals (derived) · AI compute capacity"
    assert "Selected indicators" in view.figure.layout.title.text
    assert bar_names(view.figure) == {"Guangdong", "Gwangju"}
    assert view.notes and view.notes[0].startswith("Not alike: Funding per year")
    assert view.missing and "AI compute capacity — Guangdong, Zhejiang" in view.missing[0]
    assert view.source.startswith("Source: ecodash dataset, curated from:")
    assert view.filename == "ecodash-compare-guangdong-gwangju-funding_per_year-compute_capacity"  # the regions drawn
    assert list(view.table.columns[:6]) == [
        "region_name",
        "indicator_name",
        "value_label",
        "class_label",
        "difference_note",
        "comparable",
    ]
    assert set(view.export["region_name"]) == {"Guangdong", "Gwangju"}


def test_compare_one_indicator_of_one_kind_is_one_bar_chart_in_its_unit():
    view = views.compare_view(DATASET, region_ids=FOCUS, indicator_ids=["compute_capacity"], scale="log")
    assert view.figure.layout.title.text == "AI compute capacity"
    assert view.figure.layout.yaxis.type == "log"
    assert "petaflops" in view.figure.layout.title.subtitle.text
    assert view.notes == ()


def test_compare_without_a_choice_says_what_to_do():
    view = views.compare_view(DATASET, region_ids=[], indicator_ids=["compute_capacity"])
    assert view.figure is None and view.message == "Choose at least one region and one indicator."


def test_compare_lists_who_reports_nothing_once_per_indicator():
    """One short line: each indicator once, with the regions that report nothing for it (not region by region)."""
    view = views.compare_view(DATASET, region_ids=FOCUS, indicator_ids=["funding_per_year", "compute_capacity"])
    line = (
        "Not reported: Funding per year, incl. annualised totals (derived) — Zhejiang, Shanghai, Vietnam; "
        "AI compute capacity — Guangdong, Zhejiang, Shanghai, Vietnam"
    )
    assert view.missing == (line,)


def test_compare_names_an_indicator_nobody_reports():
    view = views.compare_view(DATASET, region_ids=["vietnam"], indicator_ids=["compute_capacity", "ai_talent_trained"])
    assert view.captions == ("Not reported by Vietnam: AI compute capacity",)
    assert view.takeaway.startswith("AI compute capacity: none of the regions shown reports a figure")
    assert "AI talent trained: only Vietnam reports" in view.takeaway


def test_compare_per_million_lists_what_cannot_be_divided():
    view = views.compare_view(DATASET, region_ids=FOCUS, indicator_ids=list(views.COMPARE_INDICATORS), per_million=True)
    assert any("Gwangju — AI compute capacity: not per inhabitant" in c for c in view.captions)
    assert "per million inhabitants" in view.figure.layout.title.subtitle.text
    assert "Per million inhabitants, populations: " in view.source and "(2024)" in view.source
    assert "per_million_derivation" in view.table.columns
    assert "AI compute capacity: no figure shown can be put per inhabitant (not divisible: Gwangju)." in view.takeaway


@pytest.mark.parametrize("view_name", views.FUNDING_VIEWS)
def test_funding_views(view_name):
    view = views.funding_view(DATASET, view=view_name)
    assert view.figure.layout.title.text == view.title
    assert view.filename == f"ecodash-funding-{view_name}"
    assert view.takeaway.startswith(funding_views.funding_what(view_name) + ":")
    assert {"funding_view", "class_label", "difference_note", "derivation", "link"} <= set(view.table.columns)
    assert (view.rows["view"] == view_name).all()


def test_funding_per_million_drops_caps_with_a_caption():
    view = views.funding_view(DATASET, view="per_recipient", per_million=True)
    assert view.captions and view.captions[0].startswith("Not shown per inhabitant:")
    assert "per_million_derivation" in view.table.columns


def test_timeline_view():
    view = views.timeline_view(DATASET, region_id="shanghai")
    assert view.title == "Shanghai: events and target years"
    assert view.figure is not None and view.filename == "ecodash-timeline-shanghai"
    assert view.takeaway.startswith("Shanghai: 3 dated events")
    empty = views.timeline_view(DATASET, region_id="south_korea")
    assert empty.figure is None and empty.message


@pytest.mark.parametrize("row", HEADLINE_SLOTS)
def test_overview_rows_are_comparison_tables(row):
    view = views.overview_row_view(DATASET, row=row)
    assert view.figure is None and not view.table.empty
    assert list(view.table.columns) == ["region_name", "figure", "indicator_name", "class_label", "difference_note"]
    assert set(view.table["region_name"]) <= {views.region_names(DATASET)[r] for r in FOCUS}
    if row in views.HEADLINE_ROWS:
        assert view.notes[0].startswith("Headline kind in this row:")
    else:
        assert "highest" not in view.takeaway and "not ranked" in view.takeaway


def test_a_view_for_each_page_from_its_choices():
    assert views.for_choices(DATASET, "compare", {"indicators": ["compute_capacity"]}).title == "AI compute capacity"
    assert (
        views.for_choices(DATASET, "funding", {"view": ("total",)}).title
        == views.funding_view(DATASET, view="total").title
    )
    assert views.for_choices(DATASET, "profile", {}).title == "Guangdong: events and target years"
    assert views.for_choices(DATASET, "overview", {"row": "talent"}).title == "Talent"
    with pytest.raises(ValueError, match="page must be one of"):
        views.for_choices(DATASET, "data_export", {})


def test_slide_titles_are_the_views_titles():
    for text in (
        "compare",
        "compare.indicators-ai_talent_trained-compute_capacity",
        "funding.view-total",
        "profile.region-hangzhou",
        "overview.row-targets",
    ):
        (slide,), _ = slides.parse(text)
        assert (
            views.slide_title(DATASET, slide.page, slide.as_query())
            == views.for_choices(DATASET, slide.page, slide.as_query()).title
        )


def test_defaults_are_among_the_options_and_are_left_out_of_a_slide():
    options, defaults = views.choice_options(DATASET), views.choice_defaults(DATASET)
    for page, choices in defaults.items():
        for param, value in choices.items():
            assert set(value if isinstance(value, list) else [value]) <= set(options[page][param]), (page, param)
    assert views.without_defaults(DATASET, "compare", {**defaults["compare"], "scale": "log"}) == {"scale": "log"}
    assert views.without_defaults(DATASET, "compare", {"regions": FOCUS[::-1]}) == {"regions": FOCUS[::-1]}


def test_the_page_shows_what_the_view_computes():
    """Compare's chart is the view's figure, trace for trace (the page only renders)."""
    from test_ui import charts as page_charts
    from test_ui import open_page

    at = open_page("compare", indicators=["grant_cap_per_recipient"])
    view = views.compare_view(DATASET, region_ids=FOCUS, indicator_ids=["grant_cap_per_recipient"], cards=True)
    drawn = page_charts(at)[0]
    assert drawn["layout"]["title"]["text"] == view.figure.layout.title.text
    assert [t.get("name") for t in drawn["data"]] == [t.name for t in view.figure.data]
    assert json.loads(view.figure.to_json())["layout"]["annotations"] == drawn["layout"]["annotations"]


def test_a_pillar_view_is_a_table_per_region_per_pillar_or_the_grid():
    one = views.pillar_view(DATASET, pillar="compute_infrastructure")
    assert one.title == "Computing infrastructure — All focus regions"
    assert one.figure is None and list(one.table.columns) == [
        "region_name",
        "counts",
        "strongest",
        "indicator_name",
        "class_label",
    ]
    gwangju = one.table.set_index("region_name").loc["Gwangju"]
    assert gwangju["counts"] == "3 achieved" and gwangju["strongest"] == "> 3,300"
    assert gwangju["class_label"] == "AI only · achieved · about the region itself"
    assert one.table.set_index("region_name").loc["Shanghai", "counts"] == "nothing said"
    assert "VietNamNet" in one.source
    region = views.pillar_view(DATASET, region="gwangju")
    assert region.title == "All pillars — Gwangju" and next(iter(region.table.columns)) == "pillar_name"
    assert len(region.table) == len(DATASET.pillars)
    grid = views.pillar_view(DATASET)
    assert list(grid.table.columns) == ["pillar_name", *(views.region_names(DATASET)[r] for r in FOCUS)]
    cell = views.for_choices(DATASET, "pillars", {"pillar": "compute_infrastructure", "region": "gwangju"})
    assert len(cell.table) == 1 and cell.title == "Computing infrastructure — Gwangju"


def test_a_fact_view_is_the_quote_the_figure_its_kind_and_its_article():
    view = views.for_choices(DATASET, "sources", {"fact": "gj_compute_capacity"})
    assert view.title == "Gwangju: AI compute capacity"
    assert view.quote == "dispose d'une capacité de traitement de 88,5 pétaflops"
    assert view.translation == "has a processing capacity of 88.5 petaflops"
    assert view.details == (
        "Figure: 88.5 PFLOPS (AI compute capacity)",
        "Kind: AI only · achieved · about the region itself",
    )
    assert view.source.startswith("Source: [Le cluster d'IA de Gwangju") and view.source.endswith(", VietNamNet")
    with use("fr"):
        french = views.fact_view(localized(DATASET, "fr"), fact="gj_compute_capacity")
    assert french.translation == "" and french.title == "Gwangju\u00a0: Capacité de calcul pour l’IA"
    nothing = views.for_choices(DATASET, "sources", {})
    assert nothing.message and not nothing.quote


def test_new_slide_titles_are_the_views_titles():
    for text in (
        "pillars",
        "pillars.pillar-rd_support",
        "pillars.region-vietnam",
        "pillars.pillar-compute_infrastructure.region-gwangju",
        "sources.fact-gd_hub_subsidy_cap",
        "sources",
    ):
        (slide,), _ = slides.parse(text)
        assert (
            views.slide_title(DATASET, slide.page, slide.as_query())
            == views.for_choices(DATASET, slide.page, slide.as_query()).title
        ), text


def test_a_view_says_under_its_chart_what_the_chart_leaves_out():
    every = list(views.indicator_names(DATASET))
    view = views.compare_view(DATASET, region_ids=FOCUS, indicator_ids=every)
    drawn = view.figure.layout.meta["drawn"]
    assert drawn["panels"] == charts.MULTIPLES_MAX_PANELS < drawn["panels_of"], "33 indicators: a chart can't hold them"
    assert view.captions[-1] == charts.drawn_line(view.figure)
    assert view.captions[-1].startswith(f"Drawn: {drawn['bars']} of {drawn['bars_of']} figures")
    assert len(view.table) >= drawn["bars_of"], "the table under the chart keeps every figure"
    default = views.compare_view(DATASET, region_ids=FOCUS, indicator_ids=list(views.COMPARE_INDICATORS))
    assert not any(c.startswith("Drawn") for c in default.captions), "nothing left out, nothing said"
    with use("fr"):
        french = views.compare_view(DATASET, region_ids=FOCUS, indicator_ids=every)
    assert french.captions[-1].startswith(f"Dessinés\u00a0: {drawn['bars']} chiffres sur {drawn['bars_of']}")


def test_a_profile_lists_the_regions_figures_by_category_with_each_ones_kind():
    from ecodash.analysis import comparability, indicators

    region = "guangdong"
    own = views.profile_tables(DATASET, region, fx_basis="wdi", quote_columns=("quote", "quote_en"))
    members = indicators.reporting_members(DATASET, region)
    facts = indicators.facts_table(DATASET, fx_basis="wdi")
    mine = facts.loc[facts["region_id"].isin(members)].set_index("fact_id")
    assert [c for c, _ in own.facts] == sorted(set(mine["category"]))
    listed = pd.concat([table for _, table in own.facts])
    assert len(listed) == len(mine)
    assert list(listed.columns) == [*views.PROFILE_FACT_COLUMNS, "quote", "quote_en", "link"]
    ids = listed["link"].str.removeprefix("/sources?fact=")
    assert listed["class_label"].tolist() == [comparability.class_label(mine.loc[i]) for i in ids]
    assert set(own.instruments["name"]) == set(
        DATASET.instruments.loc[DATASET.instruments["region_id"].isin(members), "name"]
    )
    assert not own.instruments.empty and not own.actors.empty
    assert list(own.actors.columns) == ["name", "kind", "role", "quote", "source_id"]


def test_a_compare_view_from_its_analysis_is_the_view_built_whole():
    choices = {"region_ids": FOCUS, "indicator_ids": list(views.COMPARE_INDICATORS), "per_million": True}
    analysis = views.compare_analysis(DATASET, **choices)
    assert analysis.view.figure is None and analysis.long is not None
    for scale, sort in [("log", "value"), ("linear", "region")]:
        whole = views.compare_view(DATASET, **choices, scale=scale, sort=sort)
        reused = views.compare_view(DATASET, **choices, scale=scale, sort=sort, analysis=analysis)
        assert reused.figure.to_json() == whole.figure.to_json()
        for field in ("title", "takeaway", "source", "notes", "captions", "missing", "filename_parts"):
            assert getattr(reused, field) == getattr(whole, field), field
        pd.testing.assert_frame_equal(reused.table, whole.table)
    assert analysis.view.figure is None, "the cached analysis is never changed by a view drawn from it"
    empty = views.compare_analysis(DATASET, region_ids=[], indicator_ids=["compute_capacity"])
    assert views.compare_view(DATASET, region_ids=[], indicator_ids=[], analysis=empty).message


def test_url_choices_map_to_view_arguments_in_one_place():
    compare = views.view_arguments(DATASET, "compare", {"cities": "off", "per": "million", "scale": ["log"]})
    assert compare == {
        "region_ids": FOCUS,
        "indicator_ids": list(views.COMPARE_INDICATORS),
        "scale": "log",
        "sort": "value",
        "subregions": False,
        "per_million": True,
        "fx_basis": "wdi",
    }
    assert views.view_arguments(DATASET, "funding", {}) == {"view": "per_year", "per_million": False, "fx_basis": "wdi"}
    with pytest.raises(ValueError, match="page must be one of"):
        views.view_arguments(DATASET, "nowhere", {})


def reachable(card) -> str:
    """Everything one hover or click away on a card: its lines, its value's and difference's tooltips, badges'."""
    badges = " ".join(f"{b.word} {b.full}" for b in card.badges)
    parts = (card.value, card.stated, card.what, card.differs, card.difference, card.help, badges)
    return "\n".join(parts)


def test_compare_cards_a_kind_one_region_reports_and_charts_only_what_two_report():
    view = views.compare_view(DATASET, region_ids=FOCUS, indicator_ids=list(views.COMPARE_INDICATORS), cards=True)
    assert view.figure is None, "every kind has a single figure: nothing to compare"
    assert [len(kind.cards) for kind in view.kinds] == [1, 1, 1]
    assert {kind.reporting for kind in view.kinds} == {"1 of 5 regions reports this kind"}
    gwangju = view.kinds[1].cards[0]
    assert (gwangju.value, gwangju.stated) == ("84.4 M USD/yr", "target 120 bn KRW / year")
    assert [b.word for b in gwangju.badges] == ["target", "funder ?"]
    assert gwangju.differs == "≠ target · AI only · funder ?, not in force · broad tech · public"
    assert gwangju.difference == (
        "How it differs: Gwangju: target, AI only, funder not stated; Guangdong (headline kind): in force (budget or"
        " programme), broader technology, not AI-specific, public money."
    ), "each side named with its own words"
    charted = views.compare_view(
        DATASET, region_ids=FOCUS, indicator_ids=["grant_cap_per_recipient", "compute_capacity"], cards=True
    )
    assert bar_names(charted.figure) == {"Guangdong", "Shanghai"}, "Gwangju's lone compute figure is a card"
    assert [k.reporting for k in charted.kinds if k.charted] == ["2 of 5 regions report this kind"]
    singles = [(k.group, c.region_name) for k in charted.kinds for c in k.cards]
    assert ("compute_capacity", "Gwangju") in singles
    assert all(len(k.regions) == 1 for k in charted.kinds if not k.charted)


def test_every_caveat_of_a_figure_is_reachable_from_its_card():
    regions = list(DATASET.regions["region_id"])
    for per_million in (False, True):
        view = views.compare_view(
            DATASET,
            region_ids=regions,
            indicator_ids=list(views.indicator_names(DATASET)),
            per_million=per_million,
            cards=True,
        )
        rows = view.rows.set_index(["region_id", "fact_id", "indicator_id"])
        cards = [(kind.group, card) for kind in view.kinds for card in kind.cards]
        assert len(cards) > 20
        for group, card in cards:
            text = reachable(card)
            row = rows.loc[(card.region_id, card.fact_id, group)]
            row = row.iloc[0] if isinstance(row, pd.DataFrame) else row
            assert row["class_label"] in text, card
            if row["difference_note"]:  # 'this figure: …; headline kind: …': each side's words, named on the card
                for side in row["difference_note"].split("; "):
                    assert side.split(": ", 1)[1] in text, card
            assert row["value_label"] in text, card
            if row["qualifier"] != "exact":
                assert views.base.t(f"qualifier_definition.{row['qualifier']}") in text, card
            for column in ("derivation", "fx_derivation", *(["per_million_derivation"] if per_million else [])):
                if isinstance(row[column], str) and row[column]:
                    assert row[column] in text, (column, card)


def test_badges_come_from_the_vocabularies_and_have_a_legend():
    from ecodash.analysis.comparability import DIMENSION_ORDER
    from ecodash.views import cards

    legend = dict(cards.legend())
    for dimension, values in DIMENSION_ORDER.items():
        for value in values[1:]:
            row = {dimension: value}
            (badge,) = cards.badges(row)
            assert legend[badge.word] == badge.full
        assert cards.badges({dimension: values[0]}) == (), "the unmarked value gets no badge"
    with use("fr"):
        assert [b.word for b in cards.badges({"status": "target", "funder": "unspecified"})] == [
            "objectif",
            "financeur\u202f?",
        ]


def test_funding_cards_a_kind_one_region_reports_and_charts_the_caps_two_regions_report():
    per_year = views.funding_view(DATASET, view="per_year", cards=True)
    assert per_year.figure is None and [len(k.cards) for k in per_year.kinds] == [1, 1]
    gwangju = per_year.kinds[1].cards[0]
    assert (gwangju.value, gwangju.stated) == ("84.4 M USD/yr", "target 120 bn KRW/yr")
    assert gwangju.what == "Gwangju additional AI investment objective"
    assert "600 bn KRW over 5 years ÷ 5" in gwangju.help
    caps = views.funding_view(DATASET, view="per_recipient", cards=True)
    assert bar_names(caps.figure) == {"Guangdong", "Shanghai"}
    assert [c.region_name for k in caps.kinds for c in k.cards] == ["Guangdong"]
    assert views.funding_view(DATASET, view="per_year").figure is not None, "slides keep the whole chart"
