"""Okapi BM25 over chunk texts (with their heading path), French-normalised."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from assistant.french_text import terms


class Bm25Index:
    """An in-memory BM25 index; ``search`` returns (document index, score) best first."""

    def __init__(self, documents: Sequence[str], k1: float = 1.2, b: float = 0.75) -> None:
        self._k1, self._b = k1, b
        self._docs = [Counter(terms(d)) for d in documents]
        self._lengths = [sum(c.values()) for c in self._docs]
        self._avg = sum(self._lengths) / len(self._lengths) if self._lengths else 0.0
        df: Counter[str] = Counter(t for doc in self._docs for t in doc)
        n = len(self._docs)
        self._idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self._max_idf = math.log(1 + (n + 0.5) / 0.5)

    def idf(self, term: str) -> float:
        """Rarity of a (normalised) term in the chunks; a term absent from the corpus is rarest."""
        return self._idf.get(term, self._max_idf)

    def search(self, query: str, k: int, allowed: set[int] | None = None) -> list[tuple[int, float]]:
        query_terms = set(terms(query))
        scores: list[tuple[int, float]] = []
        for i, doc in enumerate(self._docs):
            if allowed is not None and i not in allowed:
                continue
            score = 0.0
            for term in query_terms & doc.keys():
                tf = doc[term]
                norm = tf + self._k1 * (1 - self._b + self._b * self._lengths[i] / (self._avg or 1))
                score += self._idf[term] * tf * (self._k1 + 1) / norm
            if score > 0:
                scores.append((i, score))
        scores.sort(key=lambda item: -item[1])
        return scores[:k]
