"""Undo common obfuscation (invisible characters, look-alikes, spacing, leetspeak) before rules run."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from guardrails.injection.confusables import (
    INVISIBLE_CLASS,
    LEET_CHARS,
    LOOKALIKE_CHARS,
    LOOKALIKE_TABLE,
    MARK_CLASS,
    PUNCTUATION,
    STYLED_LETTER_RANGES,
    TAG_TABLE,
)

SIGNAL_ORDER = ("zero_width", "confusables", "spaced_letters", "leetspeak")

_TAGS = re.compile("[\U000e0020-\U000e007e]")
_STYLED = re.compile(f"[{STYLED_LETTER_RANGES}]")
_INVISIBLE = re.compile(f"[{INVISIBLE_CLASS}]")
# An invisible character touching an ASCII letter or digit: hidden in Latin text, not an emoji/Persian joiner.
_INVISIBLE_IN_LATIN = re.compile(f"[A-Za-z0-9][{INVISIBLE_CLASS}]|[{INVISIBLE_CLASS}][A-Za-z0-9]")
# A word broken by invisible characters (a soft hyphen is a legitimate hyphenation hint, not counted here).
_HIDDEN_WORD = re.compile(f"(?<![^\\W_])[^\\W_]*(?:(?:(?!\u00ad)[{INVISIBLE_CLASS}])+[^\\W_]+)+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_PUNCTUATION = re.compile(f"[{''.join(PUNCTUATION)}]")
_MARKS = re.compile(f"[{MARK_CLASS}]+")
_LOOKALIKE = re.compile(f"[{re.escape(LOOKALIKE_CHARS)}]")
_LETTERS = re.compile(r"[^\W\d_]*")
_LATIN_LETTERS = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_GREEK_CYRILLIC = re.compile(r"[\u0370-\u03ff\u0400-\u052f]+")

# Single characters separated by one space, dot, hyphen or underscore; double spaces or slashes mark words.
_SPACED_CHAR = r"(?:[^\W_]|[@$])"
_NOT_CHAR_AFTER = r"(?![^\W_]|[@$])"
_WORD_GAP = r"(?: {2,}|\t+|[ \t]*/[ \t]*)"
_SPACED_RUN = re.compile(
    rf"(?<![^\W_])(?<![@$]){_SPACED_CHAR}{_NOT_CHAR_AFTER}"
    rf"(?:(?:[ ._\-]|{_WORD_GAP}){_SPACED_CHAR}{_NOT_CHAR_AFTER}){{3,}}"
)
_WORD_GAP_RE = re.compile(_WORD_GAP)
_INNER_SEP = re.compile(r"[ ._\-]")

# A token that mixes letters with leet characters (anchored at the token start: linear time).
_LEET_TOKEN = re.compile(r"(?<![a-z0-9@$])[a-z0-9@$]*?[013457@$][a-z0-9@$]*")
_REAL_NUMBER = re.compile(
    r"\d+(?:er|ere|eme|e|nd|st|rd|th|h|min|mn|s|k|m|km|kg|g|go|mo|ko|to|x|ans?|j|pt|px|mb|gb|kb|ms|am|pm"
    r"|hz|mhz|ghz|eur|md|mds)|[a-z]{1,3}\d+|[a-z]+\d*[2689]\d*"
)
_LENIENT_AFTER = 2
_LEET_AS_I = str.maketrans({**LEET_CHARS, "1": "i"})
_VOWELS = frozenset("aeiouy")
_L_CLUSTER = frozenset("bcfgkps")
OneAs = Literal["i", "l", "guess"]
_LEADING_SIGIL = re.compile(r"^[@$]+")
_SPACES = re.compile(r"[^\S\n]+")
_NEWLINES = re.compile(r" ?\n\s*")


@dataclass(frozen=True)
class NormalizedText:
    """The forms of one text that rules are run on, with the obfuscation tricks found in it."""

    text: str
    variants: tuple[str, ...]  # the lines that read otherwise when every leet "1" is an "i", or an "l"
    signals: tuple[str, ...]
    hidden_words: tuple[str, ...]  # words that had invisible characters inside them

    @property
    def views(self) -> tuple[str, ...]:
        """Every form to scan: the main one, then the variants."""
        return (self.text, *self.variants)


def normalize_for_detection(text: str) -> str:
    """Lower-case, accent-free, de-obfuscated text; whitespace collapsed, line breaks kept."""
    return analyze(text).text


def obfuscation_signals(text: str) -> list[str]:
    """The obfuscation tricks found in ``text``: zero_width, confusables, spaced_letters, leetspeak."""
    return list(analyze(text).signals)


def analyze(text: str) -> NormalizedText:
    """Normalize ``text`` once and record which tricks were undone on the way."""
    signals: set[str] = set()
    if _TAGS.search(text):
        signals.add("zero_width")
        text = text.translate(TAG_TABLE)
    if _STYLED.search(text):
        signals.add("confusables")
    text, hidden_words = _strip_invisible(unicodedata.normalize("NFKC", text))
    if hidden_words is not None:
        signals.add("zero_width")
    text = _CONTROL.sub(" ", text).replace("\r", "\n")
    text, mapped = _map_lookalikes(_fold(_PUNCTUATION.sub(lambda m: PUNCTUATION[m.group()], text)))
    if mapped:
        signals.add("confusables")
    text, collapsed = _collapse_spaced_letters(text.lower())
    if collapsed:
        signals.add("spaced_letters")
    main, variants, decoded = _read_leetspeak(text)
    if decoded:
        signals.add("leetspeak")
    ordered = tuple(name for name in SIGNAL_ORDER if name in signals)
    return NormalizedText(main, variants, ordered, hidden_words or ())


def _strip_invisible(text: str) -> tuple[str, tuple[str, ...] | None]:
    """Drop format characters; when some hid inside Latin text, also return the words they split."""
    if not _INVISIBLE.search(text):
        return text, None
    hidden_words = None
    if _INVISIBLE_IN_LATIN.search(text):
        hidden_words = tuple(
            _fold(_INVISIBLE.sub("", m.group())).lower() for m in _HIDDEN_WORD.finditer(text)
        )
    return _INVISIBLE.sub("", text), hidden_words


def _read_leetspeak(text: str) -> tuple[str, tuple[str, ...], int]:
    """The text with leetspeak decoded, the lines that read otherwise, and how many tokens were decoded."""
    main, decoded, leet_ones = _decode_leet(text, "guess", lenient=False)
    lenient = decoded >= _LENIENT_AFTER  # clearly leetspeak: short tokens ("l4", "4p1") are read too
    if lenient:
        main, decoded, leet_ones = _decode_leet(text, "guess", lenient=True)
    main = _collapse_whitespace(main)
    if not leet_ones:
        return main, (), decoded
    # The guess for a leet "1" may be wrong: keep the lines that read otherwise as all-"i" or all-"l".
    readings = (_collapse_whitespace(_decode_leet(text, one, lenient=lenient)[0]) for one in ("i", "l"))
    variants = tuple(lines for lines in (_changed_lines(main, other) for other in readings) if lines)
    return main, variants, decoded


def _fold(text: str) -> str:
    """Remove accents and other combining marks (é→e), keeping scripts such as Hangul composed."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFD", text)))


def _map_lookalikes(text: str) -> tuple[str, bool]:
    """Map look-alike letters to Latin inside words made only of Latin letters and look-alikes."""
    first = _LOOKALIKE.search(text)
    if first is None:
        return text, False
    latin_majority = _letter_count(_LATIN_LETTERS, text) > _letter_count(_GREEK_CYRILLIC, text)
    pieces: list[str] = []
    done = 0  # text[:done] is already in pieces
    mapped = False
    match: re.Match[str] | None = first
    while match is not None:
        start = match.start()
        while start > done and text[start - 1].isalpha():
            start -= 1
        word_end = _LETTERS.match(text, match.start())
        end = word_end.end() if word_end else match.end()
        word = text[start:end]
        latin = word.translate(LOOKALIKE_TABLE)
        if _LATIN_LETTERS.fullmatch(latin):
            pieces += [text[done:start], latin]
            done = end
            mapped = mapped or latin_majority or not _GREEK_CYRILLIC.fullmatch(word)  # mixed or Latin-like
        match = _LOOKALIKE.search(text, max(end, match.end()))
    return "".join([*pieces, text[done:]]), mapped


def _letter_count(pattern: re.Pattern[str], text: str) -> int:
    """How many characters of ``text`` the (one-class, repeated) ``pattern`` matches."""
    return len(text) - len(pattern.sub("", text))


def _collapse_spaced_letters(text: str) -> tuple[str, bool]:
    """Join runs of ≥ 4 single characters ("i g n o r e"); double spaces or slashes become word gaps."""
    collapsed = False

    def replace(match: re.Match[str]) -> str:
        nonlocal collapsed
        parts = _WORD_GAP_RE.split(match.group())
        if any(sep in match.group() for sep in "._-"):  # "s.y.s p_r_o": a single space is a word gap too
            parts = [word for part in parts for word in part.split(" ")]
        words = [_INNER_SEP.sub("", part) for part in parts]
        letters = sum(ch.isalpha() for ch in match.group())
        if max(len(word) for word in words) < 4 or letters < 2:
            return match.group()
        collapsed = True
        return " ".join(words)

    return _SPACED_RUN.sub(replace, text), collapsed


def _decode_leet(text: str, one: OneAs, *, lenient: bool) -> tuple[str, int, bool]:
    """Read digits and @/$ as letters inside words (``1gn0r3`` → ``ignore``), leaving real numbers alone."""
    # ``one``: a leet "1" is read as "i", as "l", or guessed from its neighbours. Returns the text, how many
    # tokens were decoded and whether a "1" was among the decoded characters.
    decoded = 0
    saw_one = False
    table = str.maketrans({**LEET_CHARS, "1": "i" if one == "guess" else one})
    min_letters = 1 if lenient else 2

    def replace(match: re.Match[str]) -> str:
        nonlocal decoded, saw_one
        token = match.group()
        core = _LEADING_SIGIL.sub("", token)  # @mention, $VARIABLE
        if sum(ch.isalpha() for ch in core) < min_letters or (not lenient and _REAL_NUMBER.fullmatch(core)):
            return token
        if "@" in core and text.startswith(".", match.end()):
            return token  # an e-mail address
        latin = _guess_ones(core) if one == "guess" and "1" in core else core.translate(table)
        if latin != core:
            decoded += 1
            saw_one = saw_one or "1" in core
        return token[: len(token) - len(core)] + latin

    return _LEET_TOKEN.sub(replace, text), decoded, saw_one


def _guess_ones(token: str) -> str:
    """Decode a leet token, reading each ``1`` as ``l`` or ``i`` from its neighbours (``a11``, ``ru1es``)."""
    plain = token.translate(_LEET_AS_I)
    letters: list[str] = []
    for at, char in enumerate(token):
        if char != "1":
            letters.append(plain[at])
            continue
        before = letters[-1] if letters else ""
        after = plain[at + 1] if at + 1 < len(token) else ""
        doubled = before == "l" and token[at - 1] == "1"
        cluster = before in _L_CLUSTER and after in _VOWELS  # "p1ease", "c1ient", "b1ock"
        letters.append("l" if doubled or before in _VOWELS or cluster else "i")
    return "".join(letters)


def _changed_lines(main: str, other: str) -> str:
    """The lines of ``other`` that differ from the same lines of ``main`` (both have the same layout)."""
    return "\n".join(
        line for mine, line in zip(main.split("\n"), other.split("\n"), strict=False) if line != mine
    )


def _collapse_whitespace(text: str) -> str:
    """Collapse runs of spaces to one space and runs of blank lines to one line break."""
    return _NEWLINES.sub("\n", _SPACES.sub(" ", text)).strip()
