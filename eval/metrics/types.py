"""Typed inputs and outputs shared by the metric families."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

Direction = Literal["higher", "lower"]


@dataclass(frozen=True)
class CitedPassage:
    """A citation of an answer: ``source[start:end]`` should equal ``quote``, under ``heading_path``."""

    n: int
    source: str
    start: int
    end: int
    quote: str
    heading_path: str = ""


@dataclass(frozen=True)
class QuestionRecord:
    """One golden question after the assistant answered it: everything the metrics need."""

    id: str
    question: str
    category: str
    must_abstain: bool
    reference: str
    reference_contexts: tuple[str, ...]  # text of the expected sections (empty when none)
    key_facts: tuple[str, ...]
    answer: str
    abstained: bool
    blocked: bool
    citations: tuple[CitedPassage, ...]
    retrieved_contexts: tuple[str, ...]  # text of the passages retrieved for the answer
    citation_rank: int | None  # position of the first citation in an expected section
    latency_ms: float


@dataclass(frozen=True)
class MetricValue:
    """An aggregate figure. ``value`` is NaN when nothing could be scored; ``nan_count`` says how many
    per-question scores were NaN (never averaged in)."""

    name: str
    value: float
    direction: Direction
    family: str
    n: int = 0
    nan_count: int = 0
    description: str = ""


@dataclass
class FamilyResult:
    """What a metric family returns: aggregate figures and per-question scores (for diffing)."""

    metrics: list[MetricValue] = field(default_factory=list)
    per_question: dict[str, dict[str, float]] = field(default_factory=dict)
    details: dict[str, object] = field(default_factory=dict)

    def add_question(self, qid: str, name: str, value: float) -> None:
        self.per_question.setdefault(qid, {})[name] = value


def mean_without_nan(values: Iterable[float]) -> tuple[float, int, int]:
    """(mean of the finite values, how many were finite, how many were NaN); NaN mean when none."""
    finite, nans = [], 0
    for value in values:
        if math.isnan(value):
            nans += 1
        else:
            finite.append(value)
    return (sum(finite) / len(finite) if finite else math.nan), len(finite), nans


def aggregate(
    name: str,
    scores: Mapping[str, float],
    *,
    direction: Direction = "higher",
    family: str,
    description: str = "",
) -> MetricValue:
    """Mean of per-question scores, NaNs counted apart."""
    value, n, nans = mean_without_nan(scores.values())
    return MetricValue(name, value, direction, family, n, nans, description)
