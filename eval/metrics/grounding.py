"""A deterministic grounding check (offline): which answer sentences carry a claim no cited passage
supports. The hallucination rate tracked when no LLM judge is configured.

A sentence's claims are its numbers (digits, percentages, durations), dates, named roles (the
governance roles of the RACI guide and acronyms) and key terms (content words of 6+ letters). A
sentence is *unsupported* when one of its numbers, dates or roles is absent from the passages it cites
([n] markers; all the answer's passages when it has none) and their headings (« P18 — Répondre à un
avis client négatif » names the entry a quote comes from), or when fewer than half of its key terms are
found there. A ``[n]`` marker ends the claim it cites. Abstentions and refusals have no claims and are
not counted.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from eval.metrics.types import FamilyResult, MetricValue, QuestionRecord
from guardrails.pii.allow_list import ACRONYMS, ROLES_AND_TOOLS

FAMILY = "grounding"
_MARKER = re.compile(r"\[(\d+)\]")
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+|(?<=\])\s+(?=[^\W\d_])|\n+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_TRAILING_MARKERS = re.compile(r"([.!?;:])((?:\s*\[\d+\])+)")
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "dans pour avec sans entre leurs toutes toute tous aussi ainsi comme cette celui celle ceux "
    "elles chaque autre autres leurs notre votre avoir etre etait sont doit doivent peut peuvent faire "
    "plus moins tres apres avant depuis pendant selon lorsque quand parce which their there about these "
    "those would should could other".split()
)
_ROLE_TERMS = tuple(
    sorted({r for r in ROLES_AND_TOOLS if len(r) > 2} | {a.casefold() for a in ACRONYMS if len(a) > 2})
)


def fold(text: str) -> str:
    """Lower case, accents removed, typographic quotes unified, bold markers dropped."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("**", "").casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


@dataclass(frozen=True)
class SentenceCheck:
    sentence: str
    unsupported: tuple[str, ...]  # the claims not found (empty = supported)


def _claims(sentence: str) -> tuple[set[str], set[str], set[str]]:
    folded = fold(_MARKER.sub(" ", sentence))
    numbers = set(_NUMBER.findall(folded))
    words = set(_WORD.findall(folded))
    roles = {r for r in _ROLE_TERMS if re.search(rf"\b{re.escape(fold(r))}\b", folded)}
    terms = {w for w in words if len(w) >= 6 and not w.isdigit() and w not in _STOP}
    return numbers, roles, terms


def check_sentence(sentence: str, passages: str) -> SentenceCheck:
    """The claims of ``sentence`` not found in ``passages`` (both compared accent- and case-folded)."""
    numbers, roles, terms = _claims(sentence)
    folded = fold(passages)
    digits = set(_NUMBER.findall(folded))
    words = set(_WORD.findall(folded))
    missing = [n for n in sorted(numbers) if n not in digits]
    missing += [r for r in sorted(roles) if not re.search(rf"\b{re.escape(fold(r))}\b", folded)]
    absent = sorted(t for t in terms if t not in words)
    if terms and len(absent) * 2 > len(terms):
        missing += absent
    return SentenceCheck(sentence, tuple(missing))


def check_answer(record: QuestionRecord) -> list[SentenceCheck]:
    """One check per sentence of the answer (none for an abstention, a refusal or an uncited answer)."""
    if record.abstained or record.blocked or not record.answer.strip():
        return []
    by_marker = {c.n: f"{c.heading_path}\n{c.quote}" for c in record.citations}
    checks = []
    answer = _TRAILING_MARKERS.sub(r"\2\1", record.answer)  # « phrase. [1] » cites for the phrase before it
    for sentence in (s.strip() for s in _SENTENCE.split(answer)):
        if not _WORD.search(fold(_MARKER.sub(" ", sentence))):
            continue
        cited = [by_marker[int(n)] for n in _MARKER.findall(sentence) if int(n) in by_marker]
        passages = "\n".join(cited or by_marker.values())
        checks.append(check_sentence(sentence, passages))
    return checks


def grounding_metrics(records: Sequence[QuestionRecord]) -> FamilyResult:
    """Hallucination rate = unsupported sentences / checked sentences, over all answered questions."""
    result = FamilyResult()
    total = unsupported = 0
    examples: dict[str, list[str]] = {}
    for record in records:
        checks = check_answer(record)
        if not checks:
            continue
        bad = [c for c in checks if c.unsupported]
        total += len(checks)
        unsupported += len(bad)
        result.add_question(record.id, "hallucination_rate", len(bad) / len(checks))
        if bad:
            examples[record.id] = [", ".join(c.unsupported) for c in bad]
    rate = unsupported / total if total else math.nan
    result.metrics.append(
        MetricValue(
            "hallucination_rate",
            rate,
            "lower",
            FAMILY,
            total,
            0,
            "answer sentences with a claim no cited passage supports",
        )
    )
    result.details["unsupported_claims"] = examples
    return result
