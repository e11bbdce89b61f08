"""Ranking statements in French and English text: membership of a top group ("parmi les 30 plus grands", "among
the top 50") and superlatives ("le plus grand", "les meilleurs", "the largest"), each valued by the rank it states,
and claims of standing against peers that state no rank ("inégalé", "rivalisant avec", "surpassant", "un leader
mondial", "unmatched")."""

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
# "meilleur" is the superlative of "bon" and ranks like "plus" + adjective: "les meilleurs talents",
# "l’une des meilleures universités".
_APOSTROPHE = "[’']"
# Not an adjective after "plus": quantities ("et plus de 100 000") and idioms ("le plus souvent" = usually).
_NOT_ADJECTIVE = r"(?:de|d|du|des|en|que|qu|souvent|possible|tôt|tard)\b"
_ADJECTIVE = rf"(?!{_NOT_ADJECTIVE})[^\W\d_]+(?:-[^\W\d_]+)*"
_GROUP_SIZE = rf"\d+(?:[ \u00a0\u202f]\d{{3}})*|{FR_RUN}"
# A sized top group stands alone too: "les trois premiers pays", "des 50 premières entreprises".
_MEMBERSHIP = re.compile(
    rf"\b(?:(?:parmi\s+(?:les|des)|(?:l{_APOSTROPHE})?une?\s+des)\s+(?:(?P<size>{_GROUP_SIZE})\s+)?"
    rf"(?:plus\s+{_ADJECTIVE}|meilleurs|meilleures|premiers|premières)"
    rf"|(?:les|des|aux)\s+(?P<top>{_GROUP_SIZE})\s+(?:premiers|premières))\b",
    re.IGNORECASE,
)
_SUPERLATIVE = re.compile(
    rf"\b(?:le|la|les|du|aux)\s+(?:plus\s+{_ADJECTIVE}|meilleure?s?)\b",
    re.IGNORECASE,
)
_COORDINATED = re.compile(rf"\bet\s+(?P<superlative>plus\s+{_ADJECTIVE})\b", re.IGNORECASE)
_COORDINATION_GAP = re.compile(r"[^.;:!?()\n]{0,60}")  # same clause, a few words at most


_EN_ADJECTIVE = r"(?:largest|biggest|most\s+[a-z]+|best|leading|[a-z]+est)"
_EN_MEMBERSHIP = re.compile(  # "among the top 50", "one of the 30 largest", "among the largest" (unsized)
    rf"\b(?:among|in|one\s+of)\s+the\s+(?P<top>top\s+)?(?:(?P<size>\d+|{EN_RUN})\b)?"
    rf"(?(top)|\s*{_EN_ADJECTIVE})\b",
    re.IGNORECASE,
)
_EN_SUPERLATIVE = re.compile(r"\bthe\s+(?:largest|biggest|best|most\s+populous|most\s+advanced)\b", re.IGNORECASE)

# Claims of standing against peers, with no rank: unmatched ("inégalé", "sans égal"), rivalling or outdoing
# named peers ("rivalisant avec des centres établis comme Beijing", "surpassant la communauté Llama", "dépassant
# parfois même les modèles de Google"), leading the world ("un leader mondial"). Their value is None, like an
# unsized membership. "rivaliser" needs its "avec" ("non seulement de rivaliser mais de mener" names no peer), and
# "dépasser" a determiner and a word after it, inside the match, so that a quantity ("dépassant 100 000",
# "dépassant les 100 000") is not one. Every match ends on \b, so MentionIndex's span rule holds.
_UNMATCHED = ("inégalé", "inégalée", "inégalés", "inégalées")
_WITHOUT_EQUAL = ("égal", "égale", "égaux", "égales", "pareil", "pareille", "pareils", "pareilles", "rival", "rivaux")
_RIVAL = (
    "rivalise",
    "rivalisent",
    "rivalisant",
    "rivaliser",
    "rivalisait",
    "rivalisaient",
    "rivalisera",
    "rivaliseront",
)
_SURPASS = ("surpasse", "surpassent", "surpassant", "surpasser", "surpassé", "surpassée", "surpassait", "surpassaient")
_OUTDO = ("dépasse", "dépassent", "dépassant", "dépassait", "dépassaient")
_LEADER = ("leader", "leaders")
_ADVERB = r"(?:parfois|même|largement|souvent|déjà|nettement|désormais)"
_DETERMINER = rf"(?:(?:les|la|le|ses|son|sa|leurs|leur|ceux|celles|celle|celui)\s+|l{_APOSTROPHE}\s*)"
_STANDING = re.compile(
    rf"\b(?:{'|'.join(_UNMATCHED)}"
    rf"|sans\s+(?:{'|'.join(_WITHOUT_EQUAL)})"
    rf"|(?:{'|'.join(_RIVAL)})\s+avec"
    rf"|{'|'.join(_SURPASS)}"
    rf"|(?:{'|'.join(_OUTDO)})(?:\s+{_ADVERB})*\s+{_DETERMINER}[^\W\d_]+"
    rf"|(?:{'|'.join(_LEADER)})\s+(?:mondial|mondiaux))\b",
    re.IGNORECASE,
)
_STANDING_WORDS = frozenset({*_UNMATCHED, "sans", *_RIVAL, *_SURPASS, *_OUTDO, *_LEADER})
"""A French claim of standing holds one of these words (its first)."""
_EN_STANDING = re.compile(
    r"\b(?:unmatched|unrivall?ed|unparall?eled|unequall?ed|second\s+to\s+none|rivall?ing|rivall?ed"
    r"|surpass(?:es|ed|ing)?|outperform(?:s|ed|ing)?|outranks?|outranked|outranking|(?:world|global)\s+leaders?)\b",
    re.IGNORECASE,
)


def _standing_claims(
    text: str, pattern: re.Pattern[str], taken: list[Mention], extents: list[tuple[int, int]] | None
) -> list[Mention]:
    """Claims of standing (value None) that no membership or superlative already holds."""
    claims = []
    for match in pattern.finditer(text):
        if extents is not None:
            extents.append(match.span())
        if not any(r.start < match.end() and match.start() < r.end for r in taken):
            claims.append(Mention(match.start(), match.end(), match.group(0), None, RANKING))
    return claims


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


_RANKING_WORDS = frozenset({"plus", "meilleur", "meilleure", "meilleurs", "meilleures", "premiers", "premières"})
"""A French ranking statement (membership, superlative, coordinated) holds one of these words."""


def find_rankings(text: str, language: str = "fr", extents: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Every ranking statement in `text` (kind RANKING), in order of appearance.

    `extents`, if given, receives the span of every match of every pattern, kept or not (see mentions.MentionIndex).
    """
    if language == "en":
        rankings = _memberships_and_superlatives(text, _EN_MEMBERSHIP, _EN_SUPERLATIVE, "en", extents)
        rankings += _standing_claims(text, _EN_STANDING, rankings, extents)
        return sorted(rankings, key=lambda mention: mention.start)
    rankings = []
    if may_hold_word(text, _RANKING_WORDS):
        rankings = _ranks(text, extents)
    if may_hold_word(text, _STANDING_WORDS):
        rankings += _standing_claims(text, _STANDING, rankings, extents)
    return sorted(rankings, key=lambda mention: mention.start)


def _ranks(text: str, extents: list[tuple[int, int]] | None) -> list[Mention]:
    """French memberships, superlatives and the superlatives coordinated after them."""
    rankings = _memberships_and_superlatives(text, _MEMBERSHIP, _SUPERLATIVE, "fr", extents)
    for match in _COORDINATED.finditer(text):
        previous = max((r for r in rankings if r.end <= match.start()), key=lambda r: r.end, default=None)
        if extents is not None:  # a coordinated superlative depends on the ranking it extends
            extents.append((min(match.start(), previous.start) if previous else match.start(), match.end()))
        if previous and _COORDINATION_GAP.fullmatch(text, previous.end, match.start()):
            start, value = match.start("superlative"), previous.value  # same rank as the one it extends
            rankings.append(Mention(start, match.end(), match["superlative"], value, RANKING))
    return sorted(rankings, key=lambda mention: mention.start)
