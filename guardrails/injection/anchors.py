"""Which rules could match a text, and where: an index of its words checked against the rules' anchors."""

from __future__ import annotations

import re
from bisect import bisect_left

from guardrails.injection.rule import Rule

_WORD = re.compile(r"[a-z]+")
WHOLE_TEXT_UP_TO = 4_000  # shorter texts are searched whole
WINDOW_BEFORE = 300  # a match spans far less than WINDOW_BEFORE + WINDOW_AFTER characters
WINDOW_AFTER = 500


class AnchorIndex:
    """The words of one text: skips rules whose anchors are absent, searches long texts near anchors only."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._positions: dict[str, list[int]] = {}
        if len(text) > WHOLE_TEXT_UP_TO:
            for match in _WORD.finditer(text):
                self._positions.setdefault(match.group(), []).append(match.start())
        self._words = sorted(self._positions or set(_WORD.findall(text)))
        self._seen: dict[str, bool] = {}

    def allows(self, rule: Rule) -> bool:
        """True unless one of ``rule``'s anchor groups is entirely absent from the text."""
        return all(any(self._has(anchor) for anchor in group) for group in rule.anchors)

    def search(self, rule: Rule) -> re.Match[str] | None:
        """The first match of ``rule`` in the text, or None, looking only where it could match."""
        if not self.allows(rule):
            return None
        if not self._positions or not rule.local or not rule.anchors:
            return rule.pattern.search(self._text)
        spots = min((self._spots(group) for group in rule.anchors), key=len)
        for start, end in _windows(spots, len(self._text)):
            match = rule.pattern.search(self._text, start, end)
            if match:
                return match
        return None

    def _has(self, anchor: str) -> bool:
        if anchor not in self._seen:
            if anchor.isalpha():
                at = bisect_left(self._words, anchor)
                self._seen[anchor] = at < len(self._words) and self._words[at].startswith(anchor)
            else:
                self._seen[anchor] = anchor in self._text
        return self._seen[anchor]

    def _spots(self, group: tuple[str, ...]) -> list[int]:
        """Where the words (or snippets) of ``group`` occur."""
        spots: list[int] = []
        for anchor in group:
            if not anchor.isalpha():
                spots += [m.start() for m in re.finditer(re.escape(anchor), self._text)]
                continue
            at = bisect_left(self._words, anchor)
            while at < len(self._words) and self._words[at].startswith(anchor):
                spots += self._positions[self._words[at]]
                at += 1
        return spots


def _windows(spots: list[int], length: int) -> list[tuple[int, int]]:
    """Merged windows around ``spots``; the whole text once they would cover most of it."""
    windows: list[tuple[int, int]] = []
    for spot in sorted(spots):
        start, end = max(0, spot - WINDOW_BEFORE), min(length, spot + WINDOW_AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    if sum(end - start for start, end in windows) > length // 2:
        return [(0, length)]
    return windows
