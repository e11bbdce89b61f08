"""The translation function: placeholders filled, unknown keys fail loudly, fallback to English."""

import pytest

from ecodash.i18n import CATALOGUES, EN, placeholders, t


def test_placeholders_are_filled():
    assert t("data.rows", shown=3, total=34) == "3 of 34 facts"
    assert placeholders("data.rows") == {"shown", "total"}


def test_unknown_key_fails_loudly():
    with pytest.raises(KeyError, match="no UI text"):
        t("nav.nowhere")


def test_unknown_language_falls_back_to_english():
    assert t("nav.compare", language="fr") == EN["nav.compare"]


def test_catalogues_share_the_english_keys():
    for language, catalogue in CATALOGUES.items():
        assert set(catalogue) <= set(EN), language
