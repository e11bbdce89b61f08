"""Every visible string goes through `t()`; the catalogue of a language is `locales/<language>/*.toml`.

Each file holds one area's keys (ui.toml, charts.toml…); a key lives in exactly one file, and every language has
the same keys with the same {placeholders} (tests/test_i18n.py).

The language of a piece of work is a context (like Django's `translation.override`): the app sets it once per
run from `?lang=` (or the browser), the CLI from `--lang`, tests with `use("fr")`. Functions that write text read
it through `t()` and `current()`; cached UI functions take the language as an argument so caches never mix them.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from string import Formatter

LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"
LOCALES = {"en": "en", "fr": "fr"}
"""Babel locale of each UI language (numbers, dates)."""
LOCALES_DIR = Path(__file__).with_name("locales")


def _load(language: str) -> dict[str, str]:
    catalogue: dict[str, str] = {}
    for path in sorted((LOCALES_DIR / language).glob("*.toml")):
        with path.open("rb") as handle:
            texts = tomllib.load(handle)
        clashes = sorted(set(texts) & set(catalogue))
        if clashes:
            raise ValueError(f"{path}: keys already defined in another file: {clashes}")
        catalogue.update(texts)
    return catalogue


CATALOGUES: dict[str, dict[str, str]] = {language: _load(language) for language in LANGUAGES}
EN = CATALOGUES["en"]

_current: ContextVar[str] = ContextVar("ecodash_language", default=DEFAULT_LANGUAGE)


def current() -> str:
    """The language text is being written in now."""
    return _current.get()


def activate(language: str) -> None:
    """Write in `language` from now on, in this thread (the app calls it once per run)."""
    _current.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)


@contextmanager
def use(language: str) -> Iterator[None]:
    """Write in `language` inside the block: `with use("fr"): facts_table(ds)`."""
    token = _current.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)
    try:
        yield
    finally:
        _current.reset(token)


def locale() -> str:
    """The Babel locale of the current language."""
    return LOCALES[current()]


def t(key: str, language: str | None = None, **values: object) -> str:
    """The text for `key` in the current language, `{placeholders}` filled; English if a key is missing there."""
    catalogue = CATALOGUES.get(language or current(), EN)
    template = catalogue.get(key, EN.get(key))
    if template is None:
        raise KeyError(f"no UI text for {key!r}")
    return template.format(**values) if values else template


def has(key: str) -> bool:
    return key in EN


def placeholders(key: str, language: str = DEFAULT_LANGUAGE) -> set[str]:
    """The {names} a text expects (tests check that every language asks for the same ones)."""
    return {name for _, name, _, _ in Formatter().parse(CATALOGUES[language][key]) if name}
