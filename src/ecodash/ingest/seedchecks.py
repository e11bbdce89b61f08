"""Checks against the seed articles: checksums, regions named, quotes verbatim, numbers and cues stated."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from ecodash.ingest.base import CuratedBase
from ecodash.ingest.csvrows import Row
from ecodash.ingest.files import Layer, seed_text
from ecodash.ingest.messages import codec_reason, keyed, problem
from ecodash.ingest.settled import cues_settled, numbers_settled
from ecodash.schema.models import AuditExclusion, Event, Fact, Pillar, Quoted, Region
from ecodash.schema.problems import Problem
from ecodash.schema.vocabularies import is_money
from ecodash.text import cues as wording
from ecodash.text.mentions import MentionIndex, find_all_mentions, mention_index, passage_mentions, stated_in
from ecodash.text.normalise import NormalisedText, case_safe_lower, normalise_whitespace
from ecodash.text.numbers import Mention
from ecodash.text.sentences import sentence_bounds, sentence_span

SEED_INDEX_FROM = 1.0
"""Read a seed's mentions once (mentions.mention_index) when the passages a table quotes from it add up to at least
this share of its length; below that, parsing each passage costs less. Either way the mentions are the same."""


def seed_texts(
    layers: Sequence[Layer],
    rows: dict[str, list[Row]],
    problems: list[Problem],
    sources_failed: bool = False,
    base: CuratedBase | None = None,
    refused: AbstractSet[str | None] = frozenset(),
) -> dict[str, tuple[str, NormalisedText]]:
    """source_id -> (seed text, normalised view), after checking every checksum and encoding.

    A source looks for its seed in its own layer first, then in the layers below (an addition may list a seed
    the curated folder holds). A seed file no source of its layer lists is a problem. With `base`, layers[0] is
    the curated data, whose seeds were checked when it loaded: a seed found there is its source's checked text.
    A seed file in `refused` (the seed_file of a source row refused, whose problem says why) is not said unlisted.
    """
    texts = {}
    listed: set[tuple[int, str]] = set()

    def holds(index: int, name: str) -> bool:
        return name in (base.seed_files if base is not None and index == 0 else layers[index].seeds)

    for row in rows.get("sources", []):
        source = row.record
        found = next(
            ((index, layers[index]) for index in range(row.layer, -1, -1) if holds(index, source.seed_file)), None
        )
        if found is None:
            unread = {f"seeds/{source.seed_file}", "seeds/"}
            if any(unread & layers[index].unreadable.keys() for index in range(row.layer + 1)):
                continue  # its file could not be read: that problem is reported, and is the cause
            where = layers[row.layer].name("seeds/")
            problems.append(
                problem(row.file, row.line, "seed_file", "problems.seed.missing", seed=source.seed_file, where=where)
            )
            continue
        index, layer = found
        listed.add((index, source.seed_file))
        if base is not None and index == 0:
            curated = base.seed_files[source.seed_file]
            data, digest = None, curated.sha256
        else:
            data = layer.seeds[source.seed_file]
            digest = hashlib.sha256(data).hexdigest()
        if digest != source.sha256:
            problems.append(
                problem(row.file, row.line, "sha256", "problems.seed.changed", seed=source.seed_file, sha256=digest)
            )
            continue
        if data is None:
            text = base.texts[curated.source_id]
            texts[source.source_id] = (text, NormalisedText.of(text))
            continue
        try:
            text = seed_text(data)
        except UnicodeDecodeError as error:
            problems.append(
                problem(
                    layer.name(f"seeds/{source.seed_file}"),
                    0,
                    "(file)",
                    "problems.file.not_utf8",
                    why=codec_reason(error.reason),
                    byte=error.start,
                )
            )
            continue
        texts[source.source_id] = (text, NormalisedText.of(text))
    for index, layer in enumerate(layers):
        for name in sorted(layer.seeds) if base is None or index > 0 else ():
            if (index, name) not in listed and not sources_failed and name not in refused:
                problems.append(problem(layer.name(f"seeds/{name}"), 0, "(file)", "problems.seed.unlisted"))
    return texts


def _names_region(text: str, region: Region, lowered: str | None = None) -> bool:
    """Whether `text` names the region (English or French name, a whole word, any case).

    `lowered`: text.lower(), when it can stand for IGNORECASE (same length, no case hazard); a name not in it is
    not in the text, and the pattern runs only for the names that are, from the first place the name is.
    """
    for name in (region.name_en, region.name_fr):
        at = 0  # where a match can start at the earliest: where its lower case first is in the text's
        if lowered is not None and (name_lowered := case_safe_lower(name)) is not None:
            at = lowered.find(name_lowered)
            if at == -1:
                continue
        if re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE).search(text, at):  # \b sees the text before `at`
            return True
    return False


def check_regions_named(regions: list[Row], sources: list[Row], seeds: dict, problems: list[Problem]) -> None:
    """A source's region_ids are exactly the regions its text names (in English or French).

    A region added in a later layer (an upload) is not required of the sources below it: they were curated
    without it.
    """
    regions = {row.record.region_id: row for row in regions}
    for row in sources:
        source = row.record
        if source.source_id not in seeds:
            continue
        text = seeds[source.source_id][0]
        lowered = case_safe_lower(text)
        listed = [rid for rid in source.region_ids if rid in regions]
        for region_id in listed:
            if not _names_region(text, regions[region_id].record, lowered):
                problems.append(
                    problem(row.file, row.line, "region_ids", "problems.seed.never_names", region=region_id)
                )
        for region_id, region in regions.items():
            if (
                region.layer <= row.layer
                and region_id not in source.region_ids
                and _names_region(text, region.record, lowered)
            ):
                problems.append(problem(row.file, row.line, "region_ids", "problems.seed.names", region=region_id))


def _show(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def _check_numbers_quoted(fact: Fact, shown: str, line: int, problems: list[Problem], mentions: list[Mention]) -> None:
    """`mentions`: the quote's (find_all_mentions), found once for every number of the fact."""
    if not stated_in(mentions, fact.value):
        problems.append(problem(shown, line, "value", "problems.quote.value", value=_show(fact.value)))
    if fact.stated_usd is not None and not stated_in(mentions, fact.stated_usd):
        problems.append(problem(shown, line, "stated_usd", "problems.quote.stated_usd", value=_show(fact.stated_usd)))
    implied = [
        name
        for name in ("period_start", "period_end", "duration_years")
        if getattr(fact, name) is not None and not stated_in(mentions, getattr(fact, name))
    ]
    if implied and not fact.note:
        problems.append(problem(shown, line, implied[0], "problems.quote.implied"))


def _check_cues(
    fact: Fact, text: str, span: tuple[int, int], bounds: dict[str, list[int]], shown: str, line: int, problems: list
) -> None:
    """The fact's status and AI specificity agree with the cue words of its quote (found at `span` of its seed
    `text`) or of its sentence (`bounds`: source_id -> its seed's sentence bounds, found once)."""
    if fact.source_id not in bounds:
        bounds[fact.source_id] = sentence_bounds(text)
    sentence = sentence_span(text, *span, bounds[fact.source_id])
    at, sentence_text = span[0], text[sentence.start : sentence.end]
    status = wording.status_problem(
        fact.status, fact.quote, sentence_text, fact.note, seed=text, quote_at=at, sentence_at=sentence.start
    )
    ai = wording.ai_specificity_problem(fact.ai_specificity, fact.quote, fact.note, seed=text, quote_at=at)
    for field, reason in (("status", status), ("ai_specificity", ai)):
        if reason:
            problems.append(keyed(shown, line, field, reason))  # worded by ecodash.text.cues


def check_against_seeds(
    rows: list[Row],
    seeds: dict[str, tuple[str, NormalisedText]],
    indicators: dict,
    languages: dict[str, str],
    problems: list[Problem],
    fast: bool = True,
) -> None:
    """Quotes are verbatim in their seed and state their numbers, read in the seed's language.

    `fast`: settle column-wise the figures whose quotes state all their numbers in digits (settled.numbers_settled)
    and whose cue words agree with them (settled.cues_settled), and read only the other quotes in full; False
    reads every quote in full. The problems are the same, in the same order, either way."""
    bounds: dict[str, list[int]] = {}  # source_id -> its seed's sentence bounds, found once
    indexes: dict[str, MentionIndex | None] = {}  # source_id -> its seed's mentions, found once (None: parse each)
    passages: dict[str, int] = {}  # source_id -> how many characters of passages this table quotes from it
    for row in rows:
        if isinstance(row.record, Quoted | AuditExclusion):
            passage = row.record.context if isinstance(row.record, AuditExclusion) else row.record.quote
            passages[row.record.source_id] = passages.get(row.record.source_id, 0) + len(passage)
    located: dict[int, list[tuple[int, int]]] = {}  # position in rows -> the spans of its passage in its seed
    quoting = [
        (position, row.record)
        for position, row in enumerate(rows)
        if isinstance(row.record, Quoted | AuditExclusion | Pillar) and row.record.source_id in seeds
    ]
    needles = [
        normalise_whitespace(record.context if isinstance(record, AuditExclusion) else record.quote)
        for _, record in quoting
    ]
    for (position, record), needle in zip(quoting, needles, strict=True):
        text, normalised = seeds[record.source_id]
        # only the first span serves, unless the seed's mention index reads the passage off every one
        first = fast and passages.get(record.source_id, 0) < SEED_INDEX_FROM * len(text)
        located[position] = normalised.find_normalised(needle, first=first)
    settled = numbers_settled(rows, languages) if fast else frozenset()
    cued = cues_settled(rows, seeds, located) if fast else frozenset()

    def mentions_of(source_id: str, text: str, language: str, passage: str, spans: list) -> list[Mention]:
        if source_id not in indexes:  # reading the seed costs about what reading its passages one by one does
            indexes[source_id] = (
                mention_index(text, language) if passages[source_id] >= SEED_INDEX_FROM * len(text) else None
            )
        index = indexes[source_id]
        return passage_mentions(index, passage, spans) if index is not None else find_all_mentions(passage, language)

    settled_whole = settled & cued  # figures found, their numbers stated and their cues agreeing: columns settled
    for position, row in enumerate(rows):
        record, shown = row.record, row.file
        if position in settled_whole:
            _check_indicator(record, indicators.get(record.indicator_id), shown, row.line, problems)
            continue
        if position not in located:
            continue
        text, _ = seeds[record.source_id]
        language = languages.get(record.source_id, "fr")
        passage_field = "context" if isinstance(record, AuditExclusion) else "quote"
        passage = getattr(record, passage_field)
        spans = located[position]
        if not spans:
            problems.append(
                problem(shown, row.line, passage_field, "problems.quote.not_found", source=record.source_id)
            )
            continue
        if isinstance(record, Pillar):
            continue

        if isinstance(record, AuditExclusion):
            mentions = mentions_of(record.source_id, text, language, passage, spans)
            if normalise_whitespace(record.mention) not in [normalise_whitespace(m.text) for m in mentions]:
                problems.append(problem(shown, row.line, "mention", "problems.quote.mention", mention=record.mention))
        elif isinstance(record, Event):
            if record.date is not None and not stated_in(
                mentions_of(record.source_id, text, language, passage, spans), int(record.date[:4])
            ):
                problems.append(problem(shown, row.line, "date", "problems.quote.year", year=record.date[:4]))
        elif isinstance(record, Fact):
            if position not in settled:
                _check_numbers_quoted(
                    record, shown, row.line, problems, mentions_of(record.source_id, text, language, passage, spans)
                )
            if position not in cued:
                _check_cues(record, text, spans[0], bounds, shown, row.line, problems)
            _check_indicator(record, indicators.get(record.indicator_id), shown, row.line, problems)


def _check_indicator(fact: Fact, indicator, shown: str, line: int, problems: list[Problem]) -> None:
    """The fact's unit and scope are its indicator's (an indicator not found is the reference check's problem)."""
    if indicator is None:
        return
    money = is_money(fact.unit)
    if (indicator.unit == "money") != money or (not money and indicator.unit != fact.unit):
        problems.append(
            problem(
                shown,
                line,
                "unit",
                "problems.fact.unit",
                unit=fact.unit,
                indicator=indicator.indicator_id,
                indicator_unit=indicator.unit,
            )
        )
    if indicator.scope != fact.scope:
        problems.append(
            problem(
                shown,
                line,
                "scope",
                "problems.fact.scope",
                scope=fact.scope,
                indicator=indicator.indicator_id,
                indicator_scope=indicator.scope,
            )
        )
