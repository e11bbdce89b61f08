"""Which language a text is in, French or English, from its function words."""

from __future__ import annotations

import re

_FRENCH_WORDS = {"le", "la", "les", "des", "du", "de", "et", "est", "une", "dans", "pour", "qui", "sur", "avec", "au"}
_ENGLISH_WORDS = {"the", "and", "of", "is", "to", "in", "a", "for", "that", "with", "on", "by", "are", "its", "was"}


def detect_language(text: str) -> str:
    """ "en" when English function words outnumber French ones, else "fr"."""
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    french = sum(word in _FRENCH_WORDS for word in words)
    english = sum(word in _ENGLISH_WORDS for word in words)
    return "en" if english > french else "fr"
