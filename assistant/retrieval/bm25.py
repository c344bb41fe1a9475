"""Okapi BM25 over chunk texts (with their heading path), French-normalised, scored by ``bm25s``."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import bm25s
import numpy as np

from assistant.french_text import terms


class Bm25Index:
    """An in-memory BM25 index (``bm25s``, sparse); ``search`` returns (document index, score) best first."""

    def __init__(self, documents: Sequence[str], k1: float = 1.2, b: float = 0.75) -> None:
        tokens = [terms(d) for d in documents]
        self._size = len(tokens)
        self._model = bm25s.BM25(k1=k1, b=b, method="lucene")
        if tokens:
            self._model.index(tokens, show_progress=False)
        df: Counter[str] = Counter(t for doc in tokens for t in set(doc))
        self._idf = {t: math.log(1 + (self._size - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self._max_idf = math.log(1 + (self._size + 0.5) / 0.5)

    def idf(self, term: str) -> float:
        """Rarity of a (normalised) term in the chunks; a term absent from the corpus is rarest."""
        return self._idf.get(term, self._max_idf)

    def knows(self, term: str) -> bool:
        """Whether a (normalised) term occurs in the chunks."""
        return term in self._idf

    def search(self, query: str, k: int, allowed: set[int] | None = None) -> list[tuple[int, float]]:
        known = sorted(set(terms(query)) & self._idf.keys())  # bm25s scores the indexed vocabulary only
        if not known:
            return []
        scores = np.asarray(self._model.get_scores(known), dtype=np.float64)
        if allowed is not None:
            mask = np.zeros(self._size, dtype=bool)
            mask[list(allowed)] = True
            scores = np.where(mask, scores, 0.0)
        order = np.argsort(-scores, kind="stable")[:k]
        return [(int(i), float(scores[i])) for i in order if scores[i] > 0]
