"""Validation problems said in a language: made from a catalogue key (English reason), shown in the page's language.

`problem(file, row, field, key, **params)` makes a Problem whose reason is the English text of `key`
(locales/en/problems.toml); `localised(problem, "fr")` says the same reason in French and `located(problem, "fr")`
the whole line ("data/facts.csv, ligne 3, value : …"). Values from the data stay as they are in every language:
a param is quoted verbatim, only the words around it are translated. A problem without a key (a reason no
catalogue knows) keeps its English reason everywhere.

Reasons worded by other layers (pydantic's errors, the contract's own ValueErrors in ecodash.schema, the cue checks
of ecodash.text.cues) are given their key here: pydantic's by its error type and context, the others by matching
their English text against the catalogue's "problems.said.*" texts (a text that no longer matches keeps no key;
tests/test_problems.py checks that each of those texts still matches).
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Mapping, Sequence
from string import Formatter

from ecodash import i18n
from ecodash.i18n import EN, formats, plurals, t
from ecodash.schema.problems import MAX_SHOWN, OneOf, Params, Problem, Said, bounded

SAID_PREFIX = "problems.said."
"""The keys of reasons worded elsewhere, found by their English text (keyed_reason)."""
PYDANTIC_TYPES = {
    "missing": "problems.value.required",
    "extra_forbidden": "problems.value.extra_forbidden",
    "string_pattern_mismatch": "problems.value.string_pattern_mismatch",
    "string_too_long": "problems.value.string_too_long",
    "literal_error": "problems.value.literal_error",
    "greater_than": "problems.value.greater_than",
    "greater_than_equal": "problems.value.greater_than_equal",
    "less_than": "problems.value.less_than",
    "less_than_equal": "problems.value.less_than_equal",
    "int_parsing": "problems.value.int_parsing",
    "int_parsing_size": "problems.value.int_parsing_size",
    "int_from_float": "problems.value.int_from_float",
    "float_parsing": "problems.value.float_parsing",
    "finite_number": "problems.value.finite_number",
}
"""pydantic's error type -> the key that says it (its context gives the params)."""


def problem(file: str, row: int, field: str, key: str, **params: object) -> Problem:
    """A Problem whose reason is the English text of `key` with `params`."""
    frozen = Params(params)
    return Problem(file, row, field, say(key, frozen, "en"), key, frozen)


def said(key: str, **params: object) -> Said:
    """A part of a reason said in the reason's language ("a named pipe (FIFO)", "French")."""
    return Said(key, Params(params))


def english(part: Said) -> str:
    return say(part.key, part.params, "en")


def codec_reason(reason: str) -> object:
    """Python's words for a UTF-8 decoding error ("invalid start byte"), as a param: said in each language when the
    catalogue has them as problems.codec.<words joined by _>, else as Python words them."""
    key = "problems.codec." + "_".join(reason.split())
    return said(key) if i18n.has(key) else reason


def say(key: str, params: Mapping[str, object], language: str) -> str:
    """The text of `key` in `language`, its params shown for that language (a Said said in it, a OneOf joined
    with its "or", an int grouped as the language groups digits where the text asks for it with `{n:,}`)."""
    return t(key, language, **{name: _shown(value, language) for name, value in params.items()})


class _Grouped(int):
    """An int that `{n:,}` groups as `language` does (1,000,000 / 1 000 000); shown plainly otherwise."""

    language: str = "en"

    def __format__(self, spec: str) -> str:
        if spec == ",":
            with i18n.use(self.language):
                return formats.number(int(self), 0)
        return format(int(self), spec)


def _shown(value: object, language: str) -> object:
    if isinstance(value, Said):
        return say(value.key, value.params, language)
    if isinstance(value, OneOf):
        quoted = [repr(choice) for choice in value]
        if len(quoted) < 2:
            return "".join(quoted)
        return f"{', '.join(quoted[:-1])} {t('problems.or', language)} {quoted[-1]}"
    if isinstance(value, int) and not isinstance(value, bool):
        grouped = _Grouped(value)
        grouped.language = language
        return grouped
    return value


def localised(found: Problem, language: str | None = None) -> str:
    """The problem's reason in `language` (the current one by default); its English reason if it has no key."""
    if not found.key:
        return found.reason
    return say(found.key, found.params, language or i18n.current())


def field_name(field: str, language: str | None = None) -> str:
    """A problem's field as a reader of `language` reads it: a column as it is, "(file)" and its kin translated."""
    key = f"problems.field.{field}"
    return t(key, language or i18n.current()) if i18n.has(key) else field


def located(found: Problem, language: str | None = None) -> str:
    """The whole problem in `language`: "data/facts.csv, ligne 3, value : …"; in English, exactly str(problem)."""
    language = language or i18n.current()
    return t(
        "problems.line.row" if found.row else "problems.line.file",
        language,
        file=found.file,
        row=found.row,
        field=field_name(found.field, language),
        reason=localised(found, language),
    )


def report_lines(problems: Sequence[Problem], language: str | None = None, limit: int = MAX_SHOWN) -> list[str]:
    """schema.problems.report_lines in `language`: causes first, at most `limit` lines, then how many more."""
    language = language or i18n.current()
    listed, more = bounded(problems, limit)
    with i18n.use(language):
        tail = [plurals.plural("problems.more", more)] if more else []
    return [located(found, language) for found in listed] + tail


def pydantic_problem(file: str, row: int, field: str, error: Mapping) -> Problem:
    """A problem from one pydantic error, located on `field` ("(row)" for a check of the whole row): keyed by its
    type and context; the contract's own ValueErrors by their text, a row check's "field: reason" on its field."""
    kind, context = error["type"], dict(error.get("ctx") or {})
    if kind == "value_error":
        reason = str(context["error"])
        if field == "(row)" and ": " in reason:
            field, reason = reason.split(": ", 1)
        return keyed(file, row, field, reason)
    if kind == "missing":
        return problem(file, row, field, PYDANTIC_TYPES[kind])
    key = PYDANTIC_TYPES.get(kind)
    if kind == "literal_error":
        context["expected"] = OneOf(re.findall(r"'((?:[^'\\]|\\.)*)'", str(context.get("expected", ""))))
    if key is None or not i18n.placeholders(key) <= context.keys():
        return Problem(file, row, field, error["msg"])
    params = {name: context[name] for name in i18n.placeholders(key)}
    return Problem(file, row, field, error["msg"], key, Params(params))


def keyed(file: str, row: int, field: str, reason: str) -> Problem:
    """A problem with a reason worded elsewhere (ecodash.schema's checks, ecodash.text.cues), given the key of the
    catalogue text that says exactly it, with the values it quotes; without a key when none does."""
    for key, pattern, quoted in _said_patterns():
        match = pattern.fullmatch(reason)
        if match is None:
            continue
        try:
            params = {
                name: ast.literal_eval(text) if name in quoted else text for name, text in match.groupdict().items()
            }
        except (ValueError, SyntaxError):
            continue
        frozen = Params(params)
        if say(key, frozen, "en") == reason:
            return Problem(file, row, field, reason, key, frozen)
    return Problem(file, row, field, reason)


@functools.cache
def _said_patterns() -> list[tuple[str, re.Pattern, frozenset[str]]]:
    """(key, the pattern of its English text, its placeholders shown with !r) for every problems.said.* key; the
    texts with the most fixed words first (a looser pattern never takes a text a stricter one says)."""
    found = []
    for key, template in EN.items():
        if not key.startswith(SAID_PREFIX):
            continue
        pattern, quoted, fixed = "", set(), 0
        for literal, name, _, conversion in Formatter().parse(template):
            pattern += re.escape(literal)
            fixed += len(literal)
            if name is not None:
                pattern += f"(?P<{name}>.+?)"
                if conversion == "r":
                    quoted.add(name)
        found.append((fixed, key, re.compile(pattern, re.DOTALL), frozenset(quoted)))
    return [(key, pattern, quoted) for _, key, pattern, quoted in sorted(found, key=lambda item: -item[0])]
