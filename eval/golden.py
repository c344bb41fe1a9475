"""The golden question set and where each expected answer stands in the corpus."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "datasets" / "golden.jsonl"
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class ExpectedSource:
    path: str
    section: str


@dataclass(frozen=True)
class GoldenItem:
    id: str
    question: str
    lang: str
    category: str
    reference: str
    sources: tuple[ExpectedSource, ...]
    key_facts: tuple[str, ...]
    must_abstain: bool


def load_golden(path: Path = GOLDEN) -> list[GoldenItem]:
    items = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            raw = json.loads(line)
            raw["sources"] = tuple(ExpectedSource(**s) for s in raw["sources"])
            raw["key_facts"] = tuple(raw["key_facts"])
            items.append(GoldenItem(**raw))
    return items


@functools.cache
def section_ranges(corpus_dir: Path, source: ExpectedSource) -> tuple[tuple[int, int], ...]:
    """Character ranges of the sections under that heading (to the next heading of the same or a higher
    level); a heading text can occur more than once in a file."""
    text = (corpus_dir / source.path).read_text(encoding="utf-8")
    headings = list(_HEADING.finditer(text))
    ranges = []
    for i, match in enumerate(headings):
        if match.group(2).replace("**", "") == source.section:
            level = len(match.group(1))
            end = next((h.start() for h in headings[i + 1 :] if len(h.group(1)) <= level), len(text))
            ranges.append((match.start(), end))
    if not ranges:
        raise ValueError(f"section {source.section!r} not found in {source.path}")
    return tuple(ranges)


def matches(corpus_dir: Path, source: ExpectedSource, path: str, start: int, end: int) -> bool:
    """Does a cited passage ``path[start:end]`` fall in (overlap) the expected section?"""
    return path == source.path and any(
        start < hi and lo < end for lo, hi in section_ranges(corpus_dir, source)
    )


def first_match_rank(
    corpus_dir: Path, sources: Sequence[ExpectedSource], passages: Iterable[tuple[str, int, int]]
) -> int | None:
    """Position of the first ``(path, start, end)`` passage falling in one of the expected sections."""
    for position, (path, start, end) in enumerate(passages):
        if any(matches(corpus_dir, source, path, start, end) for source in sources):
            return position
    return None
