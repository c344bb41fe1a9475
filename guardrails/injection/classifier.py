"""A semantic second opinion: logistic regression on multilingual-e5 embeddings of the (masked) question.

Rules catch the phrasings they name; this classifier, trained on ``eval/datasets/injection.jsonl``
(``python -m eval.train_injection_classifier``), generalises to attacks worded differently. Its weights
are a small JSON file; the embedding function is the caller's (the one the index already loaded, with
the ``query: `` prefix), so no second model is loaded.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

WEIGHTS = Path(__file__).with_name("classifier_weights.json")
EmbedQuery = Callable[[str], Sequence[float]]


@dataclass(frozen=True)
class ClassifierWeights:
    model: str  # embedding model the weights were trained on (its query embeddings)
    coef: tuple[float, ...]
    intercept: float
    threshold: float


def load_weights(path: Path = WEIGHTS) -> ClassifierWeights:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return ClassifierWeights(
        raw["model"], tuple(raw["coef"]), float(raw["intercept"]), float(raw["threshold"])
    )


class InjectionClassifier:
    """Probability that a text is an injection attempt, from its query embedding."""

    def __init__(self, embed_query: EmbedQuery, weights: ClassifierWeights) -> None:
        self.embed_query = embed_query
        self.weights = weights

    def probability(self, text: str) -> float:
        vector = self.embed_query(text[:2000])
        products = (c * float(v) for c, v in zip(self.weights.coef, vector, strict=True))
        return 1 / (1 + math.exp(-(sum(products) + self.weights.intercept)))

    def is_injection(self, text: str) -> tuple[bool, float]:
        probability = self.probability(text)
        return probability >= self.weights.threshold, probability
