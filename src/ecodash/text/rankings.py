"""Ranking statements in French and English text: membership of a top group ("parmi les 30 plus grands", "among
the top 50") and superlatives ("le plus grand", "the largest"), each valued by the rank it states."""

from __future__ import annotations

import re
from fractions import Fraction

from ecodash.text.cardinals import EN_RUN, FR_RUN
from ecodash.text.normalise import may_hold_word
from ecodash.text.numbers import RANKING, Mention, find_mentions

# Ranking statements. One vocabulary, three shapes:
# - membership of a top group: "parmi les 30 plus grands", "parmi les dix premiers", "l’une des plus grandes",
#   "les trois premiers" (value: the size of the group when a number gives it, else None);
# - a superlative with its article: "le plus grand", "la plus peuplée", "les plus brillants" (value 1);
# - a superlative coordinated without article right after another ranking in the same clause:
#   "la plus peuplée de Chine et plus grande économie" (value: the one it extends, here 1).
# "plus" without an article is a comparative ("plus de 100 000", "des lignes plus intelligentes"), not a rank.
# Bare "des plus" + adjective is the intensifier ("une tâche des plus délicates" = very delicate): only
# "un(e) des plus" / "l’un(e) des plus" (one of the most) is membership.
_APOSTROPHE = "[’']"
# Not an adjective after "plus": quantities ("et plus de 100 000") and idioms ("le plus souvent" = usually).
_NOT_ADJECTIVE = r"(?:de|d|du|des|en|que|qu|souvent|possible|tôt|tard)\b"
_ADJECTIVE = rf"(?!{_NOT_ADJECTIVE})[^\W\d_]+(?:-[^\W\d_]+)*"
_GROUP_SIZE = rf"\d+(?:[ \u00a0\u202f]\d{{3}})*|{FR_RUN}"
# A sized top group stands alone too: "les trois premiers pays", "des 50 premières entreprises".
_MEMBERSHIP = re.compile(
    rf"\b(?:(?:parmi\s+(?:les|des)|(?:l{_APOSTROPHE})?une?\s+des)\s+(?:(?P<size>{_GROUP_SIZE})\s+)?"
    rf"(?:plus\s+{_ADJECTIVE}|premiers|premières)"
    rf"|(?:les|des|aux)\s+(?P<top>{_GROUP_SIZE})\s+(?:premiers|premières))\b",
    re.IGNORECASE,
)
_SUPERLATIVE = re.compile(rf"\b(?:le|la|les|du)\s+plus\s+{_ADJECTIVE}\b", re.IGNORECASE)
_COORDINATED = re.compile(rf"\bet\s+(?P<superlative>plus\s+{_ADJECTIVE})\b", re.IGNORECASE)
_COORDINATION_GAP = re.compile(r"[^.;:!?()\n]{0,60}")  # same clause, a few words at most


_EN_ADJECTIVE = r"(?:largest|biggest|most\s+[a-z]+|best|leading|[a-z]+est)"
_EN_MEMBERSHIP = re.compile(  # "among the top 50", "one of the 30 largest", "among the largest" (unsized)
    rf"\b(?:among|in|one\s+of)\s+the\s+(?P<top>top\s+)?(?:(?P<size>\d+|{EN_RUN})\b)?"
    rf"(?(top)|\s*{_EN_ADJECTIVE})\b",
    re.IGNORECASE,
)
_EN_SUPERLATIVE = re.compile(r"\bthe\s+(?:largest|biggest|most\s+populous|most\s+advanced)\b", re.IGNORECASE)


def _memberships_and_superlatives(
    text: str,
    membership: re.Pattern[str],
    superlative: re.Pattern[str],
    language: str,
    extents: list[tuple[int, int]] | None = None,
) -> list[Mention]:
    """Memberships of a top group (valued by its size, if any), then superlatives (rank 1) not inside one."""
    rankings = []
    for match in membership.finditer(text):
        written = match["size"] or match.groupdict().get("top")
        size = find_mentions(written, language)[0].value if written else None
        rankings.append(Mention(match.start(), match.end(), match.group(0), size, RANKING))
    if extents is not None:
        extents += [(r.start, r.end) for r in rankings]
    for match in superlative.finditer(text):
        if extents is not None:
            extents.append(match.span())
        if not any(r.start < match.end() and match.start() < r.end for r in rankings):
            rankings.append(Mention(match.start(), match.end(), match.group(0), Fraction(1), RANKING))
    return sorted(rankings, key=lambda mention: mention.start)


_RANKING_WORDS = frozenset({"plus", "premiers", "premières"})
"""A French ranking statement (membership, superlative, coordinated) holds one of these words."""


def find_rankings(text: str, language: str = "fr", extents: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Every ranking statement in `text` (kind RANKING), in order of appearance.

    `extents`, if given, receives the span of every match of every pattern, kept or not (see mentions.MentionIndex).
    """
    if language == "en":
        return _memberships_and_superlatives(text, _EN_MEMBERSHIP, _EN_SUPERLATIVE, "en", extents)
    if not may_hold_word(text, _RANKING_WORDS):
        return []
    rankings = _memberships_and_superlatives(text, _MEMBERSHIP, _SUPERLATIVE, "fr", extents)
    for match in _COORDINATED.finditer(text):
        previous = max((r for r in rankings if r.end <= match.start()), key=lambda r: r.end, default=None)
        if extents is not None:  # a coordinated superlative depends on the ranking it extends
            extents.append((min(match.start(), previous.start) if previous else match.start(), match.end()))
        if previous and _COORDINATION_GAP.fullmatch(text, previous.end, match.start()):
            start, value = match.start("superlative"), previous.value  # same rank as the one it extends
            rankings.append(Mention(start, match.end(), match["superlative"], value, RANKING))
    return sorted(rankings, key=lambda mention: mention.start)
