"""What validation settles column-wise for a whole table of figures, so that only the other rows are read one by
one: the figures whose quotes state every number in digits, and those whose cue words agree with their status and
AI specificity. Each settles only rows on which the full check finds nothing (seedchecks.check_against_seeds)."""

from __future__ import annotations

import operator

import numpy as np

from ecodash.ingest.csvrows import Row
from ecodash.schema.models import Fact
from ecodash.text.cues import AI_SPECIFICITY_CUES, STATUS_CUES, contradicted, cue_index, value_bits
from ecodash.text.normalise import NormalisedText
from ecodash.text.sentences import sentence_bounds
from ecodash.text.stated import as_floats, digit_values, stated_in_digits

QUOTED_NUMBERS = ("value", "stated_usd")
"""The numbers of a figure its quote must state (seedchecks._check_numbers_quoted)."""
IMPLIED_NUMBERS = ("period_start", "period_end", "duration_years")
"""The numbers of a figure its quote states, or its note says why not."""


def numbers_settled(rows: list[Row], languages: dict[str, str]) -> frozenset[int]:
    """Positions (in `rows`) of the figures whose every number the quote check asks about is the value of a digit
    mention of their quote (text.stated), or, for a period or duration, whose note says why not: those have no
    number problem. The others (a number in words, a fraction, a rank, a number not stated) are left to the full
    reader."""
    facts = [(position, row.record) for position, row in enumerate(rows) if isinstance(row.record, Fact)]
    if not facts:
        return frozenset()
    fields = ("source_id", "quote", "note", *QUOTED_NUMBERS, *IMPLIED_NUMBERS)
    columns = dict(zip(fields, zip(*map(operator.attrgetter(*fields), (fact for _, fact in facts))), strict=True))
    spoken = [languages.get(source_id, "fr") for source_id in columns["source_id"]]
    settled: set[int] = set()
    for language in sorted(set(spoken)):
        group = [index for index, said in enumerate(spoken) if said == language]
        chosen = {name: [column[index] for index in group] for name, column in columns.items()}
        match_rows, values = digit_values(chosen["quote"], language)
        quoted = np.ones(len(group), dtype=bool)
        implied = np.ones(len(group), dtype=bool)
        for name in (*QUOTED_NUMBERS, *IMPLIED_NUMBERS):
            numbers, present, unfit = as_floats(chosen[name])
            stated = stated_in_digits(match_rows, values, numbers, present) | ~(present | unfit)
            if name in QUOTED_NUMBERS:
                quoted &= stated
            else:
                implied &= stated
        noted = np.array([bool(note) for note in chosen["note"]], dtype=bool)
        fine = quoted & (implied | noted)
        settled.update(facts[group[index]][0] for index in np.flatnonzero(fine).tolist())
    return frozenset(settled)


def cues_settled(
    rows: list[Row], seeds: dict[str, tuple[str, NormalisedText]], located: dict[int, list[tuple[int, int]]]
) -> frozenset[int]:
    """Positions (in `rows`) of the figures whose status and AI specificity no cue word contradicts: no cue word in
    the quote, else in its sentence, or the figure's own among them (text.cues.CueIndex.cue_bits, the rule of
    cues.status_problem and cues.ai_specificity_problem over every quote of a seed at once). `located`: position ->
    the spans of its quote in its seed. A quote that does not stand verbatim at its first span, or a seed whose
    lower case is not character by character, is left to the full check."""
    by_source: dict[str, list[tuple[int, Fact, int, int]]] = {}
    for position, row in enumerate(rows):
        fact = row.record
        if isinstance(fact, Fact) and located.get(position):
            start, end = located[position][0]
            by_source.setdefault(fact.source_id, []).append((position, fact, start, end))
    settled: set[int] = set()
    for source_id, group in by_source.items():
        text = seeds[source_id][0]
        index = cue_index(text)
        if index is None:
            continue
        group = [item for item in group if text.startswith(item[1].quote, item[2])]
        starts = np.array([start for _, _, start, _ in group], dtype=np.int64)
        ends = np.array([end for _, _, _, end in group], dtype=np.int64)
        bounds = np.asarray(sentence_bounds(text), dtype=np.int64)
        first = bounds[np.searchsorted(bounds, starts, side="right") - 1]  # as sentences.sentence_span finds them
        last = bounds[np.searchsorted(bounds, ends, side="left")]
        quote_bits = index.cue_bits(starts, ends, STATUS_CUES)
        status_bits = np.where(quote_bits != 0, quote_bits, index.cue_bits(first, last, STATUS_CUES))
        status = value_bits([fact.status for _, fact, _, _ in group], STATUS_CUES)
        ai_bits = index.cue_bits(starts, ends, AI_SPECIFICITY_CUES)
        ai = value_bits([fact.ai_specificity for _, fact, _, _ in group], AI_SPECIFICITY_CUES)
        fine = ~contradicted(status_bits, status) & ~contradicted(ai_bits, ai)
        settled.update(position for (position, *_), ok in zip(group, fine.tolist(), strict=True) if ok)
    return frozenset(settled)
