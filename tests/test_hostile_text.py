"""Hostile text from data (tests/hostile.py) is shown literally on every page, in Markdown and in plotly.

Every string a page hands to Streamlit's Markdown (markdown, captions, alerts, headings, widget labels and helps,
page links, metrics, tabs, expanders, segmented options) is rendered here with markdown-it, as Streamlit's
frontend would (HTML allowed, to be strict): no element, link or image may come out of the data, and every
hostile piece must read back literally. Every string of every plotly figure is read as plotly's pseudo-HTML
does: no tag from the data may survive unescaped.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from google.protobuf.json_format import MessageToDict
from markdown_it import MarkdownIt

import hostile
from ecodash import i18n
from ecodash.ui.draw import WORD_JOINER
from ecodash.ui.navigation import PAGE_SPECS
from support import assert_link_followed, open_app, use_data_dir

MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
BARE_LINK = re.compile(r"(?i)(?:^|[\s*_~(])(?:https?://|www\.)[-\w]|[-.\w+]+@[-\w]+\.[-\w]")
"""What GitHub-flavoured Markdown (Streamlit's frontend) turns into a live link in plain text: a bare URL or
e-mail address (markdown-it's commonmark has no such rule, so the check looks for them in the rendered text)."""
PLAIN_TYPES = {"code", "text", "plotly_chart", "arrow_data_frame", "dataframe", "json", "html"}
"""Elements whose text Streamlit shows as typed (the figure and tables are checked apart)."""
MARKDOWN_KEYS = {"body", "label", "help", "content", "placeholder"}
FORBIDDEN_HTML = re.compile(r"<(img|script|b|a|iframe)\b|<strong>bold</strong>|<[^>]*\b(href|src)=", re.IGNORECASE)
"""What Markdown rendered from data would create: an element, a link or an image (the app's own are none of these
in a string that also holds data: the check runs on strings that mention the payload)."""
FORBIDDEN_PLOTLY = re.compile(r"<(img|script|a|iframe)\b|<b>b</b>|<[^>]*\b(href|src)=", re.IGNORECASE)
MARKERS = ("__pwned", "example.com/x.png", "<i>e", "<u>")
"""Left after the literal pieces are taken out, any of these means a piece was interpreted (an entity decoded)."""


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile.write(tmp_path_factory.mktemp("hostile"))


def _nodes(node) -> Iterator:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def _strings(value, keys: set[str] | None = None, key: str | None = None) -> Iterator[str]:
    """Every string in a proto dict (under `keys` when given, at any depth)."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, keys, k)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, keys, key)
    elif isinstance(value, str) and (keys is None or key in keys):
        yield value


def _without_payload(text: str) -> str:
    """The text with every literal hostile piece taken out: what remains must not mention the payload."""
    for piece in sorted((*hostile.PIECES, hostile.JS_URL), key=len, reverse=True):
        text = text.replace(piece, "")
    return text


def _rendered_text(rendered_html: str) -> str:
    """The text a reader sees (escape_markdown's invisible word joiners, which stop bare URLs linking, left out)."""
    return html.unescape(re.sub(r"<[^>]+>", "", rendered_html)).replace(WORD_JOINER, "")


def markdown_problems(at) -> tuple[list[str], str]:
    """(problems, every shown text) of the strings a run hands to Markdown."""
    problems, shown = [], []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None or getattr(node, "type", None) in PLAIN_TYPES:
            continue
        data = MessageToDict(proto, preserving_proto_field_name=True)
        keys = MARKDOWN_KEYS | ({"options"} if node.type == "radio" else set())
        for source in _strings(data, keys):
            if not any(marker in source for marker in MARKERS) and "bold" not in source:
                continue
            rendered = MARKDOWN.render(source)
            text = _rendered_text(rendered)
            shown.append(text)
            bare_link = BARE_LINK.search(html.unescape(re.sub(r"<[^>]+>", " ", rendered)))
            if FORBIDDEN_HTML.search(rendered) or bare_link or any(m in _without_payload(text) for m in MARKERS):
                problems.append(f"{node.type}: {source[:160]!r} -> {rendered[:200]!r}")
    return problems, "\n".join(shown)


def plotly_problems(at) -> tuple[list[str], str]:
    """(problems, every shown text) of the strings of every plotly figure (titles, ticks, names, hovers, data)."""
    problems, shown = [], []
    for node in _nodes(at._tree):
        if getattr(node, "type", None) != "plotly_chart":
            continue
        figure = json.loads(node.proto.spec)
        for source in _strings(figure):
            if not any(marker in html.unescape(source) for marker in MARKERS):
                continue
            text = html.unescape(re.sub(r"<[^>]+>", " ", source.replace("<br>", " ")))
            text = re.sub(r"\s+", " ", text)
            shown.append(text)
            if FORBIDDEN_PLOTLY.search(source) or any(m in _without_payload(text) for m in MARKERS):
                problems.append(f"plotly: {source[:200]!r}")
    return problems, "\n".join(shown)


QUERIES = [(page, {}) for page in PAGE_SPECS] + [
    ("profile", {"region": "portville"}),
    ("profile", {"region": "fictivia"}),
    ("sources", {"fact": "nl_annual"}),
    ("overview", {"present": "1"}),
    ("compare", {"present": "1"}),
    ("funding", {"view": "total"}),
    ("pillars", {"pillar": "compute_infrastructure", "region": "all"}),  # a detail: its heading names the pillar
]


@pytest.mark.parametrize("language", i18n.LANGUAGES)
@pytest.mark.parametrize(("page", "query"), QUERIES, ids=[f"{p}-{'-'.join(q.values())}" for p, q in QUERIES])
def test_no_markdown_or_html_from_data_is_interpreted(page, query, language, hostile_dir, monkeypatch):
    use_data_dir(monkeypatch, hostile_dir)
    at = open_app(page, lang=language, **query)
    assert_link_followed(at)
    md_problems, md_text = markdown_problems(at)
    chart_problems, chart_text = plotly_problems(at)
    assert not md_problems + chart_problems, "\n".join(md_problems + chart_problems)
    if page not in ("add_article", "yours"):  # these pages show no data text before the reader acts
        assert hostile.PAYLOAD in md_text + chart_text  # the data text is there, and reads back literally


def _one_markdown(escape: bool) -> None:
    import streamlit as st

    import hostile as h
    from ecodash.ui.draw import escape_markdown

    text = f"Nordland {h.PAYLOAD}"
    st.markdown(escape_markdown(text) if escape else text)


def _one_chart(escape: bool) -> None:
    import plotly.graph_objects as go
    import streamlit as st

    import hostile as h
    from ecodash.charts.text import esc as plotly_text  # the one escaper of plotly text

    name = f"Nordland {h.PAYLOAD}"
    shown = plotly_text(name) if escape else name
    st.plotly_chart(go.Figure(go.Bar(x=[shown], y=[1], name=shown), layout={"title": {"text": shown}}))


@pytest.mark.parametrize(("app", "problems"), [(_one_markdown, markdown_problems), (_one_chart, plotly_problems)])
def test_the_check_catches_unescaped_text(app, problems):
    """The checkers themselves: an unescaped name is a problem; the same name escaped is not, and reads back."""
    from streamlit.testing.v1 import AppTest

    assert problems(AppTest.from_function(app, args=(False,)).run())[0]
    found, text = problems(AppTest.from_function(app, args=(True,)).run())
    assert not found
    assert hostile.PAYLOAD in text
