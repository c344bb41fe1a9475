"""Features of the answer units of the retrieved passages: what the selector model reads."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from assistant.french_text import terms
from assistant.retrieval.expansion import answering_sections, asks_for_prompt, expand_for_lexical
from assistant.retrieval.hybrid import Hit
from ingest.units import LIST_MARKER, split_units, unit_embed_text, unit_key

Vector = npt.NDArray[np.float32]
_HEADING = re.compile(r"^#{1,6}\s+(.+)$", re.MULTILINE)
LIST_QUESTION = re.compile(
    r"\b(?:quel(?:le)?s|liste[rz]?|lesquel(?:le)?s|[ée]tapes|outils|indicateurs|livrables|which|what are"
    r"|list|diff[ée]rent(?:e)?s|c'est quoi les"
    # a count of things asked for: « les trois niveaux », "the three levels", « 5 étapes »
    r"|(?:deux|trois|quatre|cinq|six|sept|huit|two|three|four|five|seven|eight|[2-9])\s+[a-zà-ÿ]{3,}s)\b",
    re.IGNORECASE,
)
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
FEATURES = (
    "passage_rank",  # 1 / (1 + rank of the passage holding the unit)
    "passage_cosine",  # the passage's cosine to the question (0 when only BM25 found it)
    "passage_fused",  # the passage's fused (RRF) score, relative to the best passage's
    "term_overlap",  # IDF share of the question's terms found in the unit
    "heading_overlap",  # IDF share of the question's terms found in the headings above the unit
    "value_match",  # the unit holds the kind of value the question asks for (a number, a duration, a role)
    "section_match",  # the unit stands under the sub-heading the question's intent points to
    "unit_cosine",  # the unit's own vector against the question's
    "unit_cosine_rank",  # 1 / (1 + rank of the unit by cosine among the candidates)
    "unit_cosine_gap",  # the unit's cosine minus the best unit's
    "lexical_share",  # the unit's lexical score (overlaps, rank-damped) over the best unit's
    "log_words",
    "list_item",
    "list_question",
    "list_item_in_list_question",
)


@dataclass(frozen=True)
class Unit:
    """A sentence, list item or table row of a retrieved chunk: ``text`` is ``chunk.text[start:end]``."""

    hit_rank: int
    start: int  # offset in the chunk text
    end: int
    text: str
    features: tuple[float, ...] = ()
    score: float = 0.0  # the selector's probability that the unit answers
    vector: Vector | None = field(default=None, compare=False)  # its stored e5 vector, when the index has it


def candidate_units(
    question: str,
    hits: Sequence[Hit],
    idf: Callable[[str], float],
    query_vector: Vector | None = None,
    unit_vector: Callable[[str], Vector | None] = lambda key: None,
    max_chunks: int = 5,
) -> list[Unit]:
    """Every unit of the top ``max_chunks`` passages with its features (``FEATURES`` order)."""
    query = set(terms(expand_for_lexical(question)))
    if not hits or not query:
        return []
    weights = {t: idf(t) for t in query}
    total = sum(weights.values()) or 1.0
    wanted = [value for asks, value in _VALUE_CUES if asks.search(question)]
    prompt_asked = asks_for_prompt(question)
    sections = answering_sections(question)
    list_question = float(bool(LIST_QUESTION.search(question)))
    best_fused = max(h.score for h in hits) or 1.0
    raw: list[tuple[int, int, int, str, list[float], float, float, Vector | None]] = []
    for rank, hit in enumerate(hits[:max_chunks]):
        heading_path = str(hit.chunk.metadata.get("heading_path", ""))
        heading_terms = set(terms(heading_path))
        inner = [(m.start(), m.group(1)) for m in _HEADING.finditer(hit.chunk.text)]
        whole_code = prompt_asked and hit.chunk.metadata.get("doc_type") == "prompt"
        for start, end in split_units(hit.chunk.text, whole_code):
            text = hit.chunk.text[start:end]
            sub_heading = next((h for offset, h in reversed(inner) if offset < start), "")
            overlap = sum(weights[t] for t in query & set(terms(text))) / total
            context = sum(weights[t] for t in query & (heading_terms | set(terms(sub_heading)))) / total
            value = float(any(cue.search(text) for cue in wanted))
            section = float(any(s.search(sub_heading) for s in sections))
            vector = unit_vector(unit_key(unit_embed_text(heading_path, text)))
            cosine = (
                float(vector @ query_vector)
                if vector is not None and query_vector is not None
                else float(hit.dense or 0.0)
            )
            lexical = (overlap + 0.5 * context + 0.5 * value + section) / (1 + 0.35 * rank)
            item = float(is_list_item(hit.chunk.text, start))
            row = [
                1 / (1 + rank), float(hit.dense or 0.0), hit.score / best_fused, overlap, context, value,
                section, cosine, 0.0, 0.0, 0.0, math.log1p(len(text.split())), item, list_question,
                item * list_question,
            ]  # fmt: skip
            raw.append((rank, start, end, text, row, cosine, lexical, vector))
    by_cosine = sorted({r[5] for r in raw}, reverse=True)
    best_lexical = max((r[6] for r in raw), default=0.0) or 1.0
    units = []
    for rank, start, end, text, row, cosine, lexical, vector in raw:
        row[8] = 1 / (1 + by_cosine.index(cosine))
        row[9] = cosine - by_cosine[0]
        row[10] = lexical / best_lexical
        units.append(Unit(rank, start, end, text, tuple(row), vector=vector))
    return units


def is_list_item(text: str, start: int) -> bool:
    """The unit at ``start`` follows a list marker on its line."""
    before = text[text.rfind("\n", 0, start) + 1 : start].strip()
    return bool(before) and bool(LIST_MARKER.match(before + " "))
