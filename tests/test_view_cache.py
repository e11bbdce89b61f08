"""Views are built once per dataset, choices, language and theme, and shared by every session (caches.page_view)."""

from __future__ import annotations

import dataclasses

import streamlit as st

from ecodash.views import registry
from support import assert_clean, open_app

CHARTED = {"indicators": ["grant_cap_per_recipient"]}
"""A Compare view drawn as a chart (two regions report the same kind); the default shows cards only."""


def _count_builds(monkeypatch, page: str, part: str = "build") -> list[dict]:
    """Record each call of `page`'s view function (or its `analysis`), through a copy of the registry."""
    st.cache_resource.clear()  # a view built by an earlier test must not hide this test's builds
    spec = registry.SPECS[page]
    real = getattr(spec, part)
    calls = []

    def recorded(*args, **kwargs):
        calls.append({k: v for k, v in kwargs.items() if k not in ("tables", "style", "analysis")})
        return real(*args, **kwargs)

    monkeypatch.setattr(registry, "SPECS", {**registry.SPECS, page: dataclasses.replace(spec, **{part: recorded})})
    return calls


def test_compare_view_is_built_once_for_every_session_and_again_for_new_choices(monkeypatch):
    calls = _count_builds(monkeypatch, "compare")
    first = open_app("compare", **CHARTED)
    second = open_app("compare", **CHARTED)  # another reader, same view: nothing rebuilt, the same chart drawn
    assert_clean(first)
    assert_clean(second)
    assert [c["scale"] for c in calls] == ["linear"]
    assert first.get("plotly_chart")[0].proto.spec == second.get("plotly_chart")[0].proto.spec

    second.segmented_control(key="url.compare.scale").set_value("log").run()
    assert_clean(second)
    assert [c["scale"] for c in calls] == ["linear", "log"]  # a new choice builds its own view
    assert second.get("plotly_chart")[0].proto.spec != first.get("plotly_chart")[0].proto.spec

    first.segmented_control(key="url.compare.scale").set_value("log").run()
    assert [c["scale"] for c in calls] == ["linear", "log"]  # the first reader gets the view already built
    assert first.get("plotly_chart")[0].proto.spec == second.get("plotly_chart")[0].proto.spec


def test_the_language_is_part_of_a_view_key(monkeypatch):
    calls = _count_builds(monkeypatch, "funding")
    english = open_app("funding", lang="en", view="per_recipient")
    french = open_app("funding", lang="fr", view="per_recipient")
    assert_clean(english)
    assert_clean(french)
    assert len(calls) == 2
    assert english.get("plotly_chart")[0].proto.spec != french.get("plotly_chart")[0].proto.spec


def test_a_scale_or_sort_change_redraws_the_chart_and_reuses_the_views_analysis(monkeypatch):
    analyses = _count_builds(monkeypatch, "compare", "analysis")  # clears the caches first
    at = open_app("compare", **CHARTED)
    assert_clean(at)
    linear = at.get("plotly_chart")[0].proto.spec
    at.segmented_control(key="url.compare.scale").set_value("log").run()
    at.segmented_control(key="url.compare.sort").set_value("region").run()
    assert_clean(at)
    assert at.get("plotly_chart")[0].proto.spec != linear
    assert len(analyses) == 1, "the words, notes and tables of these choices were worked out once"
    at.segmented_control(key="url.compare.per").set_value("million").run()
    assert_clean(at)
    assert [c["per_million"] for c in analyses] == [False, True], "per inhabitant: other words, worked out anew"
