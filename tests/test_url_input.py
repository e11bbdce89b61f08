"""URL values are user input: an invalid one gets a notice that quotes it literally and says what is shown."""

from __future__ import annotations

import pytest

from ecodash.ui.draw import escape_markdown
from support import assert_clean, open_app


@pytest.mark.parametrize("lang, all_word", [("en", "showing all instead"), ("fr", "tous est affiché")])
def test_an_invalid_filter_on_data_says_everything_is_shown(lang, all_word):
    at = open_app("data", region="atlantis", lang=lang)
    assert_clean(at)
    notices = [w.value for w in at.warning]
    assert any("atlantis" in n and all_word in n for n in notices), notices
    assert not any("  " in n for n in notices), "no empty fallback ('showing  instead')"


@pytest.mark.parametrize("value", ["[click me](https://example.com)", "**bold**", "<img src=x onerror=alert(1)>"])
def test_an_invalid_url_value_is_quoted_literally(value):
    at = open_app("compare", fx=value)
    assert_clean(at)
    notice = next(w.value for w in at.warning if "fx" in w.value)
    assert escape_markdown(value) in notice, notice
    for special in "[]()*<>":
        assert special not in notice.replace(f"\\{special}", ""), f"{special!r} reaches Markdown unescaped: {notice}"


def test_an_unknown_fact_in_the_url_is_quoted_literally_on_sources():
    at = open_app("sources", fact="[click me](https://example.com)")
    assert_clean(at)
    notice = next(w.value for w in at.warning if "fact" in w.value)
    assert "\\[click me\\]\\(https" in notice, notice
