"""Fit the unit adapter (``assistant/retrieval/unit_adapter.npz``) on the served index.

``python -m eval.fit_unit_adapter`` reads every answerable question of the sets the query adapter is
fitted on, retrieves for it as the offline answer does (the top passages, each read as its whole section)
and takes the answer units of those passages as they compete for a place in the answer; the units that
hold one of its key facts are the answer. ``M`` (``q' = normalise(q + q @ M)``) is fitted so that the moved
question vector ranks those units first among its own candidates (``eval.fit_query_adapter.fit``). It
prints, leaving each set out in turn, the share of key facts in the three best units by the selector
alone and by the selector weighed by the map (``assistant.extractive.UNIT_WEIGHT``), then writes the map
fitted on every set with the index's fingerprint. The fresh set is never read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from assistant.extractive import UNIT_WEIGHT
from assistant.factory import build_assistant
from assistant.retrieval.query_adapter import UNIT_ADAPTER_FILE, QueryAdapter, corpus_fingerprint
from assistant.selection.features import candidate_units
from assistant.selection.model import load_model
from eval.assistant_eval import norm_text
from eval.fit_query_adapter import FIT_SETS, Array, fit
from eval.golden import load_golden
from ingest.runtime_env import configure_runtime_env
from ingest.settings import Settings

TOP = 3  # units quoted for a fact, number or "who" question


@dataclass
class Question:
    """One question's vector, its candidate units (rows of the unit matrix), their selector
    probabilities, the rows that hold a key fact, and which key facts each row holds."""

    vector: Array
    rows: list[int]
    probabilities: list[float]
    answers: list[int]
    facts: dict[int, frozenset[int]]
    n_facts: int


def top_facts(question: Question, scores: list[float]) -> int:
    """Key facts held by the ``TOP`` best-scored candidate units."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])[:TOP]
    return len(frozenset().union(*(question.facts.get(question.rows[i], frozenset()) for i in order)))


def weighed(question: Question, units: Array, adapter: QueryAdapter) -> list[float]:
    """The selector's probabilities weighed by the adapted cosines, as ``assistant.extractive`` does."""
    cosines = units[question.rows] @ adapter.adapt(question.vector)
    best = float(cosines.max())
    return [
        p * math.exp(UNIT_WEIGHT * (float(c) - best))
        for p, c in zip(question.probabilities, cosines, strict=True)
    ]


def main() -> None:
    settings = Settings()
    configure_runtime_env(settings.cache_dir)
    torch.set_num_threads(1)
    retriever = build_assistant(settings).retriever
    selector = load_model()
    row_of: dict[bytes, int] = {}
    vectors: list[Array] = []
    sets: dict[str, list[Question]] = {}
    for dataset in FIT_SETS:
        questions = sets.setdefault(dataset.stem, [])
        for item in (i for i in load_golden(dataset) if i.sources and i.key_facts):
            query = np.asarray(retriever.searcher.embedder.embed_query(item.question), dtype=np.float32)
            hits = retriever.in_sections(retriever.retrieve(item.question), settings.answer_section_words)
            units = [
                u
                for u in candidate_units(item.question, hits, retriever.idf, query, retriever.unit_vector)
                if u.vector is not None
            ]
            rows, facts = [], {}
            for unit in units:
                assert unit.vector is not None
                rows.append(row_of.setdefault(unit.vector.tobytes(), len(row_of)))
                if len(row_of) > len(vectors):
                    vectors.append(unit.vector)
                held = frozenset(
                    n for n, f in enumerate(item.key_facts) if norm_text(f) in norm_text(unit.text)
                )
                if held:
                    facts[rows[-1]] = held
            if facts:
                probabilities = selector.probabilities(units)
                questions.append(
                    Question(query, rows, probabilities, list(facts), facts, len(item.key_facts))
                )
    matrix = np.asarray(vectors, dtype=np.float32)

    def fitted(questions: list[Question]) -> QueryAdapter:
        moved = fit(
            np.asarray([q.vector for q in questions]), [q.answers for q in questions], matrix,
            [q.rows for q in questions],
        )  # fmt: skip
        return QueryAdapter(moved, fingerprint="")

    print(f"key facts in the {TOP} best units, each set left out of the fit: selector -> weighed by the map")
    for name, held_out in sets.items():
        adapter = fitted([q for n, qs in sets.items() if n != name for q in qs])
        total = sum(q.n_facts for q in held_out)
        plain = sum(top_facts(q, q.probabilities) for q in held_out) / total
        moved = sum(top_facts(q, weighed(q, matrix, adapter)) for q in held_out) / total
        print(f"  {name:<16} {plain:.3f} -> {moved:.3f}  ({len(held_out)} questions)")
    every = [q for qs in sets.values() for q in qs]
    served = retriever.searcher.served()
    QueryAdapter(fitted(every).matrix, corpus_fingerprint(served.manifest)).save(UNIT_ADAPTER_FILE)
    print(f"wrote {UNIT_ADAPTER_FILE} ({len(every)} questions, {len(matrix)} units)")


if __name__ == "__main__":
    main()
