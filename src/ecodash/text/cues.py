"""Wording rules: words in a quote (or its sentence) that decide a fact's status or AI specificity: the rules
`ecodash validate` checks and `ecodash propose` follows."""

from __future__ import annotations

import bisect
import functools

import numpy as np

from ecodash.text.normalise import case_safe_lower

# status -> words that make a figure that status. "objectif" -> target; "peuvent coopérer" -> proposed; money
# spent ("a investi") -> achieved. A cue word starts a word ("a investi" is not in "va investir"); it may end
# inside one ("objectif" in "objectifs").
STATUS_CUES: dict[str, tuple[str, ...]] = {
    "target": ("objectif", "d'ici", "d’ici", "prévoit", "visant à", "vise à"),
    "proposed": ("peuvent coopérer", "sont invitées", "sont invités"),
    "achieved": (
        "avaient déjà été",
        "a déjà été",
        "ont déjà été",
        "a investi",
        "ont investi",
        "avait investi",
        "avaient investi",
        "a dépensé",
        "ont dépensé",
    ),
}
# ai_specificity -> words of the quote itself that make a figure that specificity.
AI_SPECIFICITY_CUES: dict[str, tuple[str, ...]] = {
    "ai_and_other": ("IA et de robotique", "IA et robotique", "IA et de semi-conducteurs"),
    "broader": ("technologies de base",),
}


def starts_word(lowered: str, at: int) -> bool:
    """Whether a cue word found at `at` starts a word there (the character before it is no letter or digit)."""
    return at == 0 or not lowered[at - 1].isalnum()


def _holds(lowered: str, word: str) -> bool:
    at = lowered.find(word)
    while at != -1 and not starts_word(lowered, at):
        at = lowered.find(word, at + 1)
    return at != -1


def cues_in(text: str, cues: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
    """value -> the cue words of `cues` found in `text` at the start of a word (case-insensitive); values with none
    are left out."""
    lowered = text.lower()
    found = {value: [word for word in words if _holds(lowered, word.lower())] for value, words in cues.items()}
    return {value: words for value, words in found.items() if words}


_ALL_CUE_WORDS = tuple(
    dict.fromkeys(
        word.lower() for cues in (STATUS_CUES, AI_SPECIFICITY_CUES) for words in cues.values() for word in words
    )
)


class CueIndex:
    """Where each cue word (STATUS_CUES, AI_SPECIFICITY_CUES) occurs in a text, found once; the cues of any span
    of it read off them. Only for a text whose lower case stands for it character by character (case_safe_lower):
    then a span's lower case is the same span of the text's lower case."""

    def __init__(self, lowered: str):
        found = []  # (where, lower-case cue word, whether it starts a word of the text), in order of position
        for word in _ALL_CUE_WORDS:
            at = lowered.find(word)
            while at != -1:
                found.append((at, word, starts_word(lowered, at)))
                at = lowered.find(word, at + 1)
        found.sort()
        self._found = found
        self._starts = [at for at, _, _ in found]
        self._columns: tuple[np.ndarray, np.ndarray, np.ndarray, list[str]] | None = None  # see _arrays
        self._word_of = np.zeros(0, dtype=np.int64)

    def cues_in(self, start: int, end: int, cues: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
        """cues_in(text[start:end], cues), read off the index (a word at the span's start starts a word of it)."""
        first = bisect.bisect_left(self._starts, start)
        last = bisect.bisect_left(self._starts, end, first)
        found = self._found[first:last]
        inside = {word for at, word, starts in found if at + len(word) <= end and (starts or at == start)}
        if not inside:
            return {}
        found = {value: [word for word in words if word.lower() in inside] for value, words in cues.items()}
        return {value: words for value, words in found.items() if words}

    def _arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
        """The occurrences as arrays (where, where it ends, whether it starts a word) and the words they are of
        (self._word_of: the index of each occurrence's word), made once."""
        if self._columns is None:
            words = list(dict.fromkeys(word for _, word, _ in self._found))
            number = {word: k for k, word in enumerate(words)}
            self._word_of = np.array([number[word] for _, word, _ in self._found], dtype=np.int64)
            self._columns = (
                np.asarray(self._starts, dtype=np.int64),
                np.array([where + len(word) for where, word, _ in self._found], dtype=np.int64),
                np.array([starts for _, _, starts in self._found], dtype=bool),
                words,
            )
        return self._columns

    def cue_bits(self, starts: np.ndarray, ends: np.ndarray, cues: dict[str, tuple[str, ...]]) -> np.ndarray:
        """For each span starts[i]:ends[i] of the text, one bit per value of `cues` (bit k: its k-th value), set
        where cues_in(start, end, cues) lists that value: the same rule, over every span at once."""
        out = np.zeros(len(starts), dtype=np.int64)
        if not self._found or not len(starts):
            return out
        at, word_end, begins, words = self._arrays()
        lowered = [{word.lower() for word in cue_words} for cue_words in cues.values()]
        bits = np.array([sum(1 << k for k, known in enumerate(lowered) if word in known) for word in words])
        bits = bits.astype(np.int64)[self._word_of]
        first = np.searchsorted(at, starts, side="left")  # the cue words starting in the span, as bisect finds them
        counts = np.maximum(np.searchsorted(at, ends, side="left") - first, 0)
        owner = np.repeat(np.arange(len(starts)), counts)
        found = np.repeat(first, counts) + np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        inside = (word_end[found] <= ends[owner]) & (begins[found] | (at[found] == starts[owner]))
        np.bitwise_or.at(out, owner[inside], bits[found[inside]])
        return out


def value_bits(values: list[str], cues: dict[str, tuple[str, ...]]) -> np.ndarray:
    """The bit of each value in CueIndex.cue_bits over `cues` (0 for a value `cues` has no words for)."""
    order = {value: 1 << k for k, value in enumerate(cues)}
    return np.array([order.get(value, 0) for value in values], dtype=np.int64)


def contradicted(bits: np.ndarray, own: np.ndarray) -> np.ndarray:
    """Where a value (`own`: value_bits) may contradict the cue words found (`bits`: cue_bits): words were found
    and none is the value's own. Elsewhere `contradiction` says None, whatever the note."""
    return (bits != 0) & ((bits & own) == 0)


@functools.lru_cache(maxsize=1024)
def cue_index(text: str) -> CueIndex | None:
    """The CueIndex of a text (a seed), built once per text; None where its lower case is not character by
    character (then use cues_in on the passage itself)."""
    lowered = case_safe_lower(text)
    return None if lowered is None else CueIndex(lowered)


def contradiction(value: str, cued: dict[str, list[str]], note: str | None) -> str | None:
    """Why `value` contradicts the cue words found, unless the note quotes one of them (the curator's why)."""
    if not cued or value in cued:
        return None
    words = [word for value_words in cued.values() for word in value_words]
    if note and any(word.lower() in note.lower() for word in words):
        return None
    said = ", ".join(f"'{word}' ({cue})" for cue, cue_words in cued.items() for word in cue_words)
    return f"{value} contradicts the wording {said}; fix it, or say in the note why (quoting the word)"


def passage_cues(
    passage: str, cues: dict[str, tuple[str, ...]], *, seed: str | None = None, at: int | None = None
) -> dict[str, list[str]]:
    """cues_in(passage, cues); for a passage that stands as it is at `at` of `seed`, read off the seed's CueIndex."""
    if seed is not None and at is not None and (index := cue_index(seed)) is not None and seed.startswith(passage, at):
        return index.cues_in(at, at + len(passage), cues)
    return cues_in(passage, cues)


def status_cues(
    quote: str,
    sentence: str,
    *,
    seed: str | None = None,
    quote_at: int | None = None,
    sentence_at: int | None = None,
) -> dict[str, list[str]]:
    """The status cue words of the quote, else of its sentence. With `seed` (where the quote and its sentence stand,
    at `quote_at` and `sentence_at`), read off the seed's cue index: the same words, found once per seed."""
    return passage_cues(quote, STATUS_CUES, seed=seed, at=quote_at) or passage_cues(
        sentence, STATUS_CUES, seed=seed, at=sentence_at
    )


def status_problem(
    status: str,
    quote: str,
    sentence: str,
    note: str | None,
    *,
    seed: str | None = None,
    quote_at: int | None = None,
    sentence_at: int | None = None,
) -> str | None:
    """Why `status` contradicts the cue words of the quote (else of its sentence), unless the note names them
    (`seed`, `quote_at`, `sentence_at`: where they stand, as status_cues takes them)."""
    cued = status_cues(quote, sentence, seed=seed, quote_at=quote_at, sentence_at=sentence_at)
    return contradiction(status, cued, note)


def ai_specificity_problem(
    ai_specificity: str, quote: str, note: str | None, *, seed: str | None = None, quote_at: int | None = None
) -> str | None:
    """Why `ai_specificity` contradicts the cue words of the quote, unless the note names them (`seed`, `quote_at`:
    where the quote stands, as passage_cues takes them)."""
    return contradiction(ai_specificity, passage_cues(quote, AI_SPECIFICITY_CUES, seed=seed, at=quote_at), note)
