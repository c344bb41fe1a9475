"""Character tables: Latin look-alikes, leetspeak digits and the invisible format characters."""

from __future__ import annotations

import unicodedata

# Cyrillic, Greek and Latin-extended letters that render like a Latin letter (upper and lower case).
_LOOKALIKES: dict[str, str] = {
    # Cyrillic
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "Ԛ": "Q", "Ԝ": "W", "Ӏ": "I", "Ү": "Y",
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l",
    "ү": "y", "ɡ": "g",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    "α": "a", "β": "b", "γ": "y", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "ω": "w",
    # Latin small capitals and other look-alikes that NFKC leaves alone
    "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ꜰ": "f", "ɢ": "g", "ʜ": "h", "ɪ": "i", "ᴊ": "j",
    "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ɴ": "n", "ᴏ": "o", "ᴘ": "p", "ʀ": "r", "ꜱ": "s", "ᴛ": "t", "ᴜ": "u",
    "ᴠ": "v", "ᴡ": "w", "ʏ": "y", "ᴢ": "z", "ı": "i", "ȷ": "j", "ɑ": "a", "ɩ": "i",
}  # fmt: skip

LOOKALIKE_TABLE: dict[int, str] = {ord(k): v for k, v in _LOOKALIKES.items()}
LOOKALIKE_CHARS: str = "".join(_LOOKALIKES)

# Letters that NFKC folds to ASCII: fullwidth, mathematical alphanumerics, circled and squared letters.
STYLED_LETTER_RANGES: str = (
    "\uff21-\uff3a\uff41-\uff5a\U0001d400-\U0001d7ff\u24b6-\u24e9\U0001f130-\U0001f149\U0001f150-\U0001f189"
)

LEET_CHARS: dict[str, str] = {"0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}

# Typographic quotes and dashes folded to their ASCII form so rules can use plain ' " and -.
PUNCTUATION: dict[str, str] = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u00b4`", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
}

# Unicode "tag" characters smuggle invisible ASCII (U+E0020..U+E007E); they are decoded, not dropped.
TAG_TABLE: dict[int, int] = {cp: cp - 0xE0000 for cp in range(0xE0020, 0xE007F)}

_ASTRAL_FORMAT_RANGES = (
    range(0x110BD, 0x110CE),
    range(0x13430, 0x13440),
    range(0x1BCA0, 0x1BCA4),
    range(0x1D173, 0x1D17B),
    range(0xE0000, 0xE0080),
)


def _char_class(codepoints: list[int]) -> str:
    """The body of a regex character class matching exactly ``codepoints`` (sorted), as ranges."""
    parts: list[str] = []
    start = prev = codepoints[0]
    for cp in [*codepoints[1:], -1]:
        if cp == prev + 1:
            prev = cp
            continue
        parts.append(f"\\U{start:08x}" if start == prev else f"\\U{start:08x}-\\U{prev:08x}")
        start = prev = cp
    return "".join(parts)


def _build_classes() -> tuple[str, str]:
    """Scan the BMP once for format characters (Cf, invisible) and combining marks (Mn, accents)."""
    invisible: list[int] = []
    marks: list[int] = []
    for cp in range(0x10000):
        category = unicodedata.category(chr(cp))
        if category == "Cf":
            invisible.append(cp)
        elif category == "Mn":
            marks.append(cp)
    invisible += [
        cp for block in _ASTRAL_FORMAT_RANGES for cp in block if unicodedata.category(chr(cp)) == "Cf"
    ]
    return _char_class(invisible), _char_class(marks)


INVISIBLE_CLASS, MARK_CLASS = _build_classes()
