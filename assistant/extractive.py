"""The offline answer: source sentences and list items that answer the question, each cited ``[n]``."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.french_text import terms
from assistant.retrieval.expansion import answering_sections, asks_for_prompt, expand_for_lexical
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
VALUE_BONUS = 0.5  # share of the rarest question term's weight earned by a unit holding the value asked for
_HEADING = re.compile(r"^#{1,6}\s+(.+)$", re.MULTILINE)
_VALUE_CUES = (  # (the question asks for…, a unit holds it)
    (
        re.compile(r"\b(?:combien|how (?:many|much|long|often)|nombre de|dur[ée]e|fr[ée]quence)\b", re.I),
        re.compile(r"\d"),
    ),
    (
        re.compile(r"\b(?:combien de temps|dur[ée]e|dure|how long)\b", re.I),
        re.compile(r"\b\d+\s*(?:min(?:utes?)?|h(?:eures?)?|jours?|semaines?|mois)\b", re.I),
    ),
    (
        re.compile(r"^\W*(?:qui|who)\b|\bqui (?:est|sont|fait|valide|pilote|r[ée]dige|con[çc]oit)", re.I),
        re.compile(
            r"(?:^|\s)[RACI]\s?[:=]|\b(?:direction|dpo|rssi|dsi|rh|manager|comit[ée]|r[ée]f[ée]rent"
            r"|sponsor|chef de projet|responsable)s?\b",
            re.I,
        ),
    ),
)


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


def split_units(text: str, whole_code: bool = False) -> list[tuple[int, int]]:
    """(start, end) of the answerable units of a chunk: list items and table rows whole, prose by
    sentence, code blocks (a prompt's wrapped formulation) by sentence or, ``whole_code``, whole."""
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
                spans += (
                    [_trim(text, code_start, offset)] if whole_code else _sentences(text, code_start, offset)
                )
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


def select(
    question: str,
    hits: Sequence[Hit],
    max_chunks: int = 5,
    idf: Callable[[str], float] | None = None,
) -> list[Selection]:
    """The units worth quoting: the best chunk's matching units, then strong units of the next chunks.

    A unit scores the rarity (``idf``) of the question terms it contains, plus half of those found in
    the headings above it (the chunk's heading path and a sub-heading inside the chunk), plus a bonus
    when it holds the kind of value asked for or stands under the sub-heading the question's intent
    points to (a prompt entry's "Précautions").
    """
    query = set(terms(expand_for_lexical(question)))
    if not hits or not query:
        return []
    weights = {t: idf(t) if idf else 1 + math.log(1 + len(t)) for t in query}
    budget = LIST_WORD_BUDGET if _LIST_QUESTION.search(question) else WORD_BUDGET
    wanted = [value for asks, value in _VALUE_CUES if asks.search(question)]
    prompt_asked = asks_for_prompt(question)
    sections = answering_sections(question)
    scored: list[Unit] = []
    for rank, hit in enumerate(hits[:max_chunks]):
        heading_terms = set(terms(str(hit.chunk.metadata.get("heading_path", ""))))
        inner = _inner_headings(hit.chunk.text)
        whole_code = prompt_asked and hit.chunk.metadata.get("doc_type") == "prompt"
        for start, end in split_units(hit.chunk.text, whole_code):
            unit_text = hit.chunk.text[start:end]
            sub_heading = _heading_before(inner, start)
            local = heading_terms | set(terms(sub_heading))
            overlap = sum(weights[t] for t in query & set(terms(unit_text)))
            context = 0.5 * sum(weights[t] for t in query & local)
            bonus = sum(VALUE_BONUS * max(weights.values()) for value in wanted if value.search(unit_text))
            if any(section.search(sub_heading) for section in sections):  # "précautions ?" -> ## Précautions
                bonus += max(weights.values())
            scored.append(Unit(rank, start, end, unit_text, (overlap + context + bonus) / (1 + 0.35 * rank)))
    best = max(u.score for u in scored) if scored else 0.0
    chosen: list[Unit] = []
    words = 0
    for unit in sorted(scored, key=lambda u: (-u.score, u.hit_rank, u.start)):
        if unit.score < (0.25 if unit.hit_rank == 0 else 0.5) * best:
            continue
        size = 0 if unit.text.count("\n") > 1 and prompt_asked else len(unit.text.split())  # a whole prompt
        if chosen and words + size > budget:
            continue
        chosen.append(unit)
        words += size
    if budget == LIST_WORD_BUDGET:  # a list question: the list its best item belongs to, whole
        chosen += _whole_list(scored, chosen, hits)
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


def _whole_list(scored: Sequence[Unit], chosen: Sequence[Unit], hits: Sequence[Hit]) -> list[Unit]:
    """The items ``chosen`` lacks of the list (consecutive list items of one chunk) that holds the
    best-scored list item, when that item scores like a supporting line at least."""
    items = [u for u in scored if _is_list_item(hits[u.hit_rank].chunk.text, u.start)]
    if not items:
        return []
    best = max(items, key=lambda u: u.score)
    if best.score <= 0 or best.score < SECONDARY_SHARE * max(u.score for u in scored):
        return []  # no list answers the question
    text = hits[best.hit_rank].chunk.text
    siblings = sorted((u for u in items if u.hit_rank == best.hit_rank), key=lambda u: u.start)
    group: list[Unit] = []
    for unit in siblings:
        if group and text[group[-1].end : unit.start].strip(" \t\r\n-*+0123456789.)|"):
            if best in group:
                break
            group = []
        group.append(unit)
    taken = {(u.hit_rank, u.start) for u in chosen}
    return [u for u in group if (u.hit_rank, u.start) not in taken]


def _is_list_item(text: str, start: int) -> bool:
    """The unit at ``start`` follows a list marker on its line."""
    before = text[text.rfind("\n", 0, start) + 1 : start].strip()
    return bool(before) and bool(_LIST_MARKER.match(before + " "))


def _inner_headings(text: str) -> list[tuple[int, str]]:
    """(offset, text) of the Markdown headings inside a chunk."""
    return [(m.start(), m.group(1)) for m in _HEADING.finditer(text)]


def _heading_before(headings: Sequence[tuple[int, str]], offset: int) -> str:
    return next((text for start, text in reversed(headings) if start < offset), "")


def clean_for_answer(unit_text: str) -> str:
    """Unit text as it reads in an answer: Markdown emphasis and table pipes removed, the source's line
    breaks joined, wording kept."""
    return " ".join(re.sub(r"\s*\|\s*", " : ", unit_text.replace("**", "")).split())
