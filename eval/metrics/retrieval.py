"""Retrieval figures of the cited passages: hit@1, hit@k (k = citations given) and MRR."""

from __future__ import annotations

from collections.abc import Sequence

from eval.metrics.types import FamilyResult, QuestionRecord, aggregate

FAMILY = "retrieval"


def retrieval_metrics(records: Sequence[QuestionRecord]) -> FamilyResult:
    """Over questions with an expected section: is one of the answer's citations in it, and how high."""
    result = FamilyResult()
    scored = [r for r in records if r.reference_contexts and not r.must_abstain]
    for name in ("hit_at_1", "hit_at_k", "mrr"):
        scores: dict[str, float] = {}
        for record in scored:
            rank = record.citation_rank
            value = {
                "hit_at_1": float(rank == 0),
                "hit_at_k": float(rank is not None),
                "mrr": 1 / (rank + 1) if rank is not None else 0.0,
            }[name]
            scores[record.id] = value
            result.add_question(record.id, name, value)
        result.metrics.append(aggregate(name, scores, family=FAMILY))
    return result
