"""The offline answer: source sentences and list items that answer the question, each cited ``[n]``."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from assistant.retrieval.expansion import asks_for_prompt
from assistant.retrieval.hybrid import Hit
from assistant.selection.features import LIST_QUESTION, Unit, Vector, candidate_units, is_list_item
from assistant.selection.model import load_model

WORD_BUDGET = 120  # the shares below were tuned on the blind development sets (key facts, then length)
FIRST_SHARE = 0.07  # a unit of the best passage is quoted at this share of the best unit's probability
OTHER_SHARE = 0.14  # the same, for a unit of another passage
SECONDARY_SHARE = 0.07  # a passage's best line is quoted when it scores this share of the best line
SECONDARY_WORDS = 40  # extra words allowed for those lines
LIST_WORD_BUDGET = 220
# how far a unit's adapted cosine below the best one's lowers its score (log scale); chosen on the
# development sets for key facts and the length of fact, number and "who" answers
UNIT_WEIGHT = 13.0


@dataclass(frozen=True)
class Selection:
    """What the answer quotes from one chunk: the units, in reading order."""

    hit: Hit
    units: tuple[Unit, ...]


def select(
    question: str,
    hits: Sequence[Hit],
    idf: Callable[[str], float],
    query_vector: Vector | None = None,
    unit_vector: Callable[[str], Vector | None] = lambda key: None,
    max_chunks: int = 5,
    unit_query: Vector | None = None,
) -> list[Selection]:
    """The units worth quoting, by the selector model's probability that they answer (weighed, when
    ``unit_query`` — the question's vector moved by the unit adapter — is given, by how near each unit
    is to it): the best units (within a word budget), the whole list a list question asks for, and each
    other passage's best line."""
    candidates = candidate_units(question, hits, idf, query_vector, unit_vector, max_chunks)
    probabilities = load_model().probabilities(candidates)
    scored = [
        replace(u, score=p)
        for u, p in zip(candidates, _weighed(candidates, probabilities, unit_query), strict=True)
    ]
    if not scored:
        return []
    list_question = bool(LIST_QUESTION.search(question))
    prompt_asked = asks_for_prompt(question)
    budget = LIST_WORD_BUDGET if list_question else WORD_BUDGET
    best = max(u.score for u in scored)
    chosen: list[Unit] = []
    words = 0
    for unit in sorted(scored, key=lambda u: (-u.score, u.hit_rank, u.start)):
        if unit.score < (FIRST_SHARE if unit.hit_rank == 0 else OTHER_SHARE) * best:
            continue
        size = 0 if unit.text.count("\n") > 1 and prompt_asked else len(unit.text.split())  # a whole prompt
        if chosen and words + size > budget:
            continue
        chosen.append(unit)
        words += size
    if list_question:  # the list its best item belongs to, whole
        chosen += _whole_list(scored, chosen, hits)
    # every other relevant passage still gets its best line: the reader sees all supporting sections
    for rank in range(min(max_chunks, len(hits))):
        lines = [u for u in scored if u.hit_rank == rank and u.score >= SECONDARY_SHARE * best]
        if lines and not any(u.hit_rank == rank for u in chosen):
            top = max(lines, key=lambda u: u.score)
            if words + len(top.text.split()) <= budget + SECONDARY_WORDS:
                chosen.append(top)
                words += len(top.text.split())
    selections = []
    for rank, hit in enumerate(hits[:max_chunks]):
        units = tuple(sorted((u for u in chosen if u.hit_rank == rank), key=lambda u: u.start))
        if units:
            selections.append(Selection(hit, units))
    return selections


def _weighed(units: Sequence[Unit], probabilities: Sequence[float], unit_query: Vector | None) -> list[float]:
    """``p · exp(UNIT_WEIGHT · (cosine − best cosine))`` with the adapted question vector; ``p`` unchanged
    without it (or for a unit whose vector the index lacks)."""
    if unit_query is None:
        return list(probabilities)
    cosines = [float(u.vector @ unit_query) if u.vector is not None else None for u in units]
    best = max((c for c in cosines if c is not None), default=0.0)
    return [
        p if c is None else p * math.exp(UNIT_WEIGHT * (c - best))
        for p, c in zip(probabilities, cosines, strict=True)
    ]


def _whole_list(scored: Sequence[Unit], chosen: Sequence[Unit], hits: Sequence[Hit]) -> list[Unit]:
    """The items ``chosen`` lacks of the list (consecutive list items of one chunk) that holds the
    best-scored list item, when that item scores like a supporting line at least."""
    items = [u for u in scored if is_list_item(hits[u.hit_rank].chunk.text, u.start)]
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
