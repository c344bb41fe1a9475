"""A semantic second opinion: logistic regression on multilingual-e5 embeddings of the (masked) question.

Rules catch the phrasings they name; this classifier, trained on ``eval/datasets/injection.jsonl``
(``python -m eval.train_injection_classifier``), generalises to attacks worded differently. Its weights
are a small JSON file; the embedding model is the one the index uses, given by path (nothing is
downloaded, nothing loads at import).
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

WEIGHTS = Path(__file__).with_name("classifier_weights.json")


@dataclass(frozen=True)
class ClassifierWeights:
    model: str  # embedding model the weights were trained on
    prefix: str
    coef: tuple[float, ...]
    intercept: float
    threshold: float


def load_weights(path: Path = WEIGHTS) -> ClassifierWeights:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return ClassifierWeights(
        raw["model"], raw["prefix"], tuple(raw["coef"]), float(raw["intercept"]), float(raw["threshold"])
    )


@functools.cache
def _encoder(model_dir: str) -> SentenceTransformer:
    import torch
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(model_dir, device="cpu", model_kwargs={"dtype": torch.float32})


class InjectionClassifier:
    """Probability that a text is an injection attempt, from its embedding."""

    def __init__(self, model_dir: str, weights: ClassifierWeights) -> None:
        self.model_dir = model_dir
        self.weights = weights

    def probability(self, text: str) -> float:
        vector = _encoder(self.model_dir).encode(
            [self.weights.prefix + text[:2000]], normalize_embeddings=True
        )[0]
        logit = (
            sum(c * float(v) for c, v in zip(self.weights.coef, vector, strict=True)) + self.weights.intercept
        )
        return 1 / (1 + math.exp(-logit))

    def is_injection(self, text: str) -> tuple[bool, float]:
        probability = self.probability(text)
        return probability >= self.weights.threshold, probability
