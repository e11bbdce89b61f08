"""Guesses `ecodash propose` makes from the curated vocabularies: which region a figure describes (place names in
its sentence, then paragraph, then article) and which indicator it measures (shared words with the indicator's
name and definition, among indicators of a compatible unit)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from ecodash.drafting.cues import DEMONYMS, Place, places_named
from ecodash.schema.vocabularies import is_money
from ecodash.text.normalise import ascii_fold

# Words too common to say what an indicator measures.
_STOP_WORDS = (
    "dans",
    "pour",
    "avec",
    "sont",
    "plus",
    "nombre",
    "number",
    "which",
    "that",
    "their",
    "from",
    "with",
    "this",
    "région",
    "region",
    "entre",
    "chaque",
    "ainsi",
    "comme",
    "leurs",
    "under",
    "other",
    "autre",
    "whose",
    "where",
    "being",
    "fact",
    "facts",
    "money",
    "total",
    "stated",
    "value",
    "année",
    "years",
    "source",
    "compte",
    "comptait",
    "count",
    "ville",
    "city",
)
# Money indicators whose scope the words of the clause tell ("par an" -> per_year).
SCOPE_WORDS = {
    "per_year": re.compile(r"par\s+an\b|chaque\s+année|annuel|per\s+year|a\s+year|annual|each\s+year", re.IGNORECASE),
    "cumulative": re.compile(r"depuis|cumul|since|so\s+far|à\s+ce\s+jour", re.IGNORECASE),
    "multi_year": re.compile(r"\bans\b|années|years", re.IGNORECASE),
    "per_recipient": re.compile(
        r"chaque|chacun|par\s+(?:bénéficiaire|projet|entreprise|pôle)|each|per\s+"
        r"(?:recipient|project|company)|subvention|grant|subsid",
        re.IGNORECASE,
    ),
}


_SCOPE_BEFORE = re.compile(r"(?:\bde|\bd[’']|\ben|\bdu|\bof|\bin)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Guess:
    """A guessed id, and why (words in a reason)."""

    value: str
    why: str


def _words(text: str) -> set[str]:
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return {word[:5] for word in re.findall(r"[a-z]{4,}", plain)}


_STOP = _words(" ".join(_STOP_WORDS))


def _stems(text: str) -> set[str]:
    """The first five letters of each word of four letters or more (accents dropped), without the common ones."""
    return _words(text) - _STOP


def _folded(name: str) -> str:
    return ascii_fold(" ".join(name.split())).casefold()


class RegionFinder:
    """Place names of regions.csv (English and French names, and a few demonyms) found in a text.

    A country named as the scope of a comparison ("la plus peuplée de Chine", "le laboratoire de Corée") and a
    demonym ("chinois") are weak: a region named outright in the sentence or paragraph comes first.
    """

    def __init__(self, regions: pd.DataFrame):
        self._names = {row.region_id: {row.name_en, row.name_fr} for row in regions.itertuples()}
        self._countries = set(regions.loc[regions["level"] == "country", "region_id"])
        self._patterns = {
            region_id: re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(names, key=len, reverse=True)))})\b")
            for region_id, names in self._names.items()
        }
        self._demonyms = {rid: re.compile(rf"\b(?:{words})\b") for rid, words in DEMONYMS.items() if rid in self._names}

    def found(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str, str, bool]]:
        """(position, region_id, name as written, weak) of every place name in text[start:end]."""
        end = len(text) if end is None else end
        hits = [
            (m.start(), rid, m.group(0), self._is_scope(text, rid, m.start()))
            for rid, p in self._patterns.items()
            for m in p.finditer(text, start, end)
        ]
        demonyms = [(rid, m) for rid, p in self._demonyms.items() for m in p.finditer(text, start, end)]
        hits += [(m.start(), rid, m.group(0), True) for rid, m in demonyms]
        return sorted(set(hits))

    def unknown_places(self, text: str, start: int = 0, end: int | None = None) -> list[Place]:
        """The places text[start:end] introduces by their kind ("la ville de Daegu") that regions.csv does not
        name (in English or French, case and accents aside): each would need a region row of its own."""
        known = {_folded(name) for names in self._names.values() for name in names}
        return [place for place in places_named(text, start, end) if _folded(place.name) not in known]

    def _is_scope(self, text: str, region_id: str, start: int) -> bool:
        return region_id in self._countries and bool(_SCOPE_BEFORE.search(text, max(0, start - 6), start))

    def guess(self, text: str, position: int, areas: list[tuple[str, int, int]]) -> Guess | None:
        """The place named nearest to `position` in the first area (sentence, paragraph) naming one outright,
        else weakly, else the region the article names most."""
        for weak in (False, True):
            for label, start, end in areas:
                hits = [hit for hit in self.found(text, start, end) if hit[3] == weak]
                if hits:
                    _, region_id, name, _ = min(hits, key=lambda hit: abs(hit[0] - position))
                    return Guess(region_id, f"region {region_id} from '{name}' in the {label}")
        counts = Counter(hit[1] for hit in self.found(text) if not hit[3])
        if not counts:
            return None
        region_id, count = counts.most_common(1)[0]
        return Guess(region_id, f"region {region_id}: the article names it most ({count}x)")


class IndicatorFinder:
    """Indicators of a compatible unit, scored by words shared with the clause and sentence of a figure."""

    def __init__(self, indicators: pd.DataFrame, language: str):
        self._rows = indicators.to_dict("records")
        fields = ("name", "definition") if language == "en" else ("name_fr", "definition_fr", "name")
        self._stems = {
            row["indicator_id"]: _stems(" ".join(str(row.get(field) or "") for field in fields)) for row in self._rows
        }

    def scope_of(self, indicator_id: str) -> str:
        return next(row["scope"] for row in self._rows if row["indicator_id"] == indicator_id)

    def guess(self, unit: str, words: tuple[str, str, str], constraints: dict[str, bool]) -> Guess | None:
        """Best indicator for a figure in `unit`, from `words`: (the words right after the figure, its clause, its
        sentence), nearest weighing most; `constraints` says which scopes validation allows (multi_year needs a
        duration, cumulative a start year)."""
        kind = "money" if is_money(unit) else unit
        candidates = [row for row in self._rows if row["unit"] == kind and constraints.get(row["scope"], True)]
        if not candidates:
            return None
        stems = tuple(_stems(text) for text in words)
        scored = sorted(((self._score(row, stems, words[1]), row) for row in candidates), key=lambda pair: -pair[0][0])
        (score, shared), best = scored[0]
        if len(candidates) == 1:
            return Guess(best["indicator_id"], f"indicator {best['indicator_id']}: the only {kind} indicator")
        if score < 3:
            return None
        shown = ", ".join(sorted(shared)[:4])
        why = f"indicator {best['indicator_id']} (shared words: {shown})"
        return Guess(best["indicator_id"], why)

    def _score(self, row: dict, stems: tuple[set[str], ...], clause_text: str) -> tuple[float, set[str]]:
        own = self._stems[row["indicator_id"]]
        local, clause, sentence = stems
        shared = (local | clause | sentence) & own
        score = 3 * len(local & own) + 2 * len((clause - local) & own) + len((sentence - clause - local) & own)
        scope_words = SCOPE_WORDS.get(row["scope"])
        if row["unit"] == "money" and scope_words and scope_words.search(clause_text):
            score += 4
            shared |= {f"scope {row['scope']}"}
        return score, shared
