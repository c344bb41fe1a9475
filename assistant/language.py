"""Is a question French or English? (enough to answer a refusal or abstention in its language)."""

from __future__ import annotations

import re

_EN = frozenset(
    "the what who which how is are does do of in for and to with my our can should why when".split()
)
_FR = frozenset(
    "le la les des du de qui que quel quelle est sont pour dans avec un une et comment qu".split()
)
_WORD = re.compile(r"[a-zà-ÿ']+")


def detect_language(text: str) -> str:
    """``"en"`` when English function words dominate, else ``"fr"``."""
    words = _WORD.findall(text.lower())
    english = sum(w in _EN for w in words)
    french = sum(w in _FR for w in words)
    return "en" if english > french else "fr"
