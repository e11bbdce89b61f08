"""The page specs: each slide page's URL state declared once (views.registry), and everything that reads it.

The first tests add one URL choice to Compare in a copy of the registry and find it, with no other change, in the
page's widgets and URL, in slides, in the view's arguments, in "Add to slides", in present mode and in the warm-up.
"""

from __future__ import annotations

import dataclasses

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import ecodash
from ecodash import i18n, views
from ecodash.ui.navigation import PAGE_SPECS
from ecodash.views import registry, slides
from support import DATA_DIR, assert_clean, assert_link_followed, open_app

DATASET = ecodash.load_dataset(DATA_DIR)
DETAIL = registry.Param(
    "detail",
    options=lambda ds: ("brief", "full"),
    default="brief",
    label="compare.scale",
    argument="detail_level",
    names=lambda ds: {"brief": "Brief", "full": "Full"},
)
"""A made-up choice: two options, a default, a view argument under another name than its URL parameter."""


@pytest.fixture
def built_with(monkeypatch) -> list[str]:
    """Compare with DETAIL added, in a copy of the registry; the detail_level each Compare view was built with."""
    st.cache_resource.clear()  # views built by earlier tests hold no detail
    spec = registry.SPECS["compare"]
    seen: list[str] = []

    def build(ds, *, detail_level: str, **arguments):
        seen.append(detail_level)
        return spec.build(ds, **arguments)

    extended = dataclasses.replace(spec, params=(*spec.params, DETAIL), build=build)
    monkeypatch.setattr(registry, "SPECS", {**registry.SPECS, "compare": extended})
    return seen


def test_a_new_choice_gets_its_widget_and_its_place_in_the_url(built_with):
    at = open_app("compare")
    assert_clean(at)
    widget = at.segmented_control(key="url.compare.detail")
    assert widget.value == "brief" and widget.options == ["Brief", "Full"]
    assert at.query_params["detail"] == "brief"
    assert built_with == ["brief"], "the view is built with the default"
    widget.set_value("full").run()
    assert_clean(at)
    assert at.query_params["detail"] == "full" and built_with[-1] == "full"


def test_a_link_with_the_new_choice_restores_it_and_a_bad_value_gets_a_notice(built_with):
    at = open_app("compare", detail="full")
    assert_link_followed(at)
    assert at.segmented_control(key="url.compare.detail").value == "full" and built_with == ["full"]
    bad = open_app("compare", detail="sideways")
    assert "sideways" in " ".join(w.value for w in bad.warning)
    assert bad.segmented_control(key="url.compare.detail").value == "brief"


def test_slides_and_the_views_arguments_take_the_new_choice(built_with):
    options = views.choice_options(DATASET)
    assert options["compare"]["detail"] == ["brief", "full"]
    assert views.choice_defaults(DATASET)["compare"]["detail"] == "brief"
    (slide,), errors = slides.parse("compare.detail-full", options=options)
    assert errors == [] and slide.as_query() == {"detail": "full"}
    assert slides.serialize([slides.Slide.of("compare", {"detail": "full"})]) == "compare.detail-full"
    _, errors = slides.parse("compare.detail-huge", options=options)
    assert errors == ["Slide 1: detail = “huge” is not available; ignored."]
    assert views.view_arguments(DATASET, "compare", {"detail": "full"})["detail_level"] == "full"
    assert views.view_arguments(DATASET, "compare", {})["detail_level"] == "brief"
    assert views.without_defaults(DATASET, "compare", {"detail": "brief", "scale": "log"}) == {"scale": "log"}
    views.for_choices(DATASET, "compare", slide.as_query())
    assert built_with == ["full"]


def test_add_to_slides_and_present_mode_carry_the_new_choice(built_with):
    at = open_app("compare", detail="full", indicators=["compute_capacity"])
    at.button(key="present.add.compare").click().run()
    assert at.query_params["slides"] == "compare.indicators-compute_capacity.detail-full"
    shown = open_app("overview", present="1", slides="compare.detail-full")
    assert_clean(shown)
    assert built_with[-1] == "full", "the slide's view is built with the slide's choice"


def _warm_app(data_dir: str) -> None:
    from ecodash.ui import caches

    caches.warm(data_dir)


def test_the_warm_up_builds_the_new_default_into_the_view_the_page_then_reuses(built_with):
    AppTest.from_function(_warm_app, args=(str(DATA_DIR),), default_timeout=90).run()
    assert built_with == ["brief"]
    at = open_app("compare")
    assert_clean(at)
    assert built_with == ["brief"], "the first visit finds the view the warm-up built"


# --- the registry itself ----------------------------------------------------------------------------


@pytest.mark.parametrize("page", list(registry.SPECS))
def test_every_spec_is_a_page_of_the_app_with_words_for_its_choices(page):
    spec = registry.SPECS[page]
    assert page in PAGE_SPECS, "a slide page is a page of the navigation"
    for param in spec.params:
        assert slides.TOKEN.fullmatch(param.name), param.name
        options = list(param.options(DATASET))
        assert all(slides.TOKEN.fullmatch(o) for o in options), (param.name, options)
        default = param.default_for(DATASET)
        assert default is None or set(default if isinstance(default, list) else [default]) <= set(options)
        if param.widget is not None:
            assert i18n.has(param.label), param.label
        if isinstance(param.names, str):
            assert all(i18n.has(f"{param.names}.{o}") for o in options), param.name
        if param.values is not None:
            assert set(param.values) == set(options), "every URL value maps to an argument"
        if param.argument is not None:
            assert param.argument in spec.build.__code__.co_varnames, (page, param.argument)


def test_a_url_value_and_its_view_argument_map_both_ways_in_one_declaration():
    per = registry.SPECS["funding"].param("per")
    assert [per.to_argument(v, DATASET) for v in ("absolute", "million", "nonsense")] == [False, True, False]
    cities = registry.SPECS["compare"].param("cities")
    assert [cities.to_argument(v, DATASET) for v in ("on", "off", ["off"])] == [True, False, False]
    assert views.view_arguments(DATASET, "compare", {"regions": []})["region_ids"] == [], "emptied: nothing chosen"
    assert views.view_arguments(DATASET, "sources", {}) == {"fact": None}


def test_a_choice_only_the_page_keeps_stays_out_of_slides():
    assert "fx" not in views.choice_options(DATASET)["profile"]
    assert views.without_defaults(DATASET, "profile", {"region": "shanghai", "fx": "article_implied"}) == {
        "region": "shanghai"
    }
    assert views.view_arguments(DATASET, "profile", {"fx": "article_implied"})["fx_basis"] == "article_implied"
    _, errors = slides.parse("profile.fx-wdi")
    assert errors and "fx" in errors[0]
    with pytest.raises(ValueError, match="page must be one of"):
        registry.spec_of("data")
    with pytest.raises(KeyError, match="no URL choice"):
        registry.SPECS["compare"].param("colour")


def test_a_param_with_a_widget_needs_a_label_and_a_known_kind():
    with pytest.raises(ValueError, match="needs a label"):
        registry.Param("x", options=lambda ds: ("a",), default="a")
    with pytest.raises(ValueError, match="widget must be one of"):
        registry.Param("x", options=lambda ds: ("a",), default="a", label="compare.scale", widget="slider")
