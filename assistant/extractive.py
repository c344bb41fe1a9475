"""The offline answer: source sentences and list items that answer the question, each cited ``[n]``."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.french_text import terms
from assistant.retrieval.expansion import expand_for_lexical
from assistant.retrieval.hybrid import Hit

_SENTENCE = re.compile(r"[^.!?…]+(?:[.!?…]+|$)")  # may span lines
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}")
_TABLE_HEADERS = {"Responsable", "N°"}
_LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,3}[.)]|o)\s+")
_LIST_QUESTION = re.compile(
    r"\b(?:quel(?:le)?s|liste[rz]?|lesquel(?:le)?s|[ée]tapes|outils|indicateurs|livrables|which|what are"
    r"|list)\b",
    re.IGNORECASE,
)
WORD_BUDGET = 120
SECONDARY_SHARE = 0.3  # a passage's best line is quoted when it scores this share of the best line
SECONDARY_WORDS = 40  # extra words allowed for those lines
LIST_WORD_BUDGET = 220


@dataclass(frozen=True)
class Unit:
    """A sentence, list item or table row of a retrieved chunk: ``text`` is ``chunk.text[start:end]``."""

    hit_rank: int
    start: int  # offset in the chunk text
    end: int
    text: str
    score: float


@dataclass(frozen=True)
class Selection:
    """What the answer quotes from one chunk: the units, in reading order."""

    hit: Hit
    units: tuple[Unit, ...]


def split_units(text: str) -> list[tuple[int, int]]:
    """(start, end) of the answerable units of a chunk: list items and table rows whole, prose and code
    blocks (a prompt's wrapped formulation) by sentence."""
    spans: list[tuple[int, int]] = []
    line_start = 0
    code_start: int | None = None
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        offset = line_start + len(line) - len(line.lstrip())  # first visible character
        line_end = line_start + len(line)
        line_start = line_end
        if stripped.startswith("```"):
            if code_start is None:
                code_start = line_end
            else:
                spans += _sentences(text, code_start, offset)
                code_start = None
        elif (
            code_start is not None or not stripped or stripped.startswith("#") or _TABLE_RULE.match(stripped)
        ):
            continue
        elif stripped.startswith("|"):
            if stripped.strip("|").split("|")[0].strip() not in _TABLE_HEADERS:
                spans.append(_trim(text, offset + 1, line_end))
        elif marker := _LIST_MARKER.match(stripped):
            spans.append(_trim(text, offset + marker.end(), line_end))
        else:
            spans += _sentences(text, offset, line_end)
    if code_start is not None:  # unclosed fence: the rest is code
        spans += _sentences(text, code_start, len(text))
    return [(s, e) for s, e in spans if e > s]


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [_trim(text, start + m.start(), start + m.end()) for m in _SENTENCE.finditer(text[start:end])]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t|*":
        start += 1
    while end > start and text[end - 1] in " \t\r\n|*":
        end -= 1
    return start, end


def select(question: str, hits: Sequence[Hit], max_chunks: int = 5) -> list[Selection]:
    """The units worth quoting: the best chunk's matching units, then strong units of the next chunks."""
    query = set(terms(expand_for_lexical(question)))
    if not hits or not query:
        return []
    weights = {t: 1 + math.log(1 + len(t)) for t in query}
    budget = LIST_WORD_BUDGET if _LIST_QUESTION.search(question) else WORD_BUDGET
    scored: list[Unit] = []
    for rank, hit in enumerate(hits[:max_chunks]):
        heading_terms = set(terms(str(hit.chunk.metadata.get("heading_path", ""))))
        for start, end in split_units(hit.chunk.text):
            unit_text = hit.chunk.text[start:end]
            overlap = sum(weights[t] for t in query & set(terms(unit_text)))
            context = 0.5 * sum(weights[t] for t in query & heading_terms)
            scored.append(Unit(rank, start, end, unit_text, (overlap + context) / (1 + 0.35 * rank)))
    best = max(u.score for u in scored) if scored else 0.0
    chosen: list[Unit] = []
    words = 0
    for unit in sorted(scored, key=lambda u: (-u.score, u.hit_rank, u.start)):
        if unit.score < (0.25 if unit.hit_rank == 0 else 0.5) * best:
            continue
        size = len(unit.text.split())
        if chosen and words + size > budget:
            continue
        chosen.append(unit)
        words += size
    # every other relevant passage still gets its best line: the reader sees all supporting sections
    for rank in range(min(max_chunks, len(hits))):
        candidates = [u for u in scored if u.hit_rank == rank and u.score >= SECONDARY_SHARE * best]
        if candidates and not any(u.hit_rank == rank for u in chosen):
            top = max(candidates, key=lambda u: u.score)
            if words + len(top.text.split()) <= budget + SECONDARY_WORDS:
                chosen.append(top)
                words += len(top.text.split())
    selections = []
    for rank, hit in enumerate(hits[:max_chunks]):
        units = tuple(sorted((u for u in chosen if u.hit_rank == rank), key=lambda u: u.start))
        if units:
            selections.append(Selection(hit, units))
    return selections


def clean_for_answer(unit_text: str) -> str:
    """Unit text as it reads in an answer: Markdown emphasis and table pipes removed, wording kept."""
    return re.sub(r"\s*\|\s*", " : ", unit_text.replace("**", "")).strip()
