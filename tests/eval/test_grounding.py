"""The offline grounding check reads each quoted line against the passage its marker cites."""

from __future__ import annotations

from eval.metrics.grounding import check_answer
from eval.metrics.types import CitedPassage, QuestionRecord

PASSAGES = (
    "Ateliers de 2 heures par groupes de 8 personnes.",
    "Révision annuelle de la charte par le comité.",
)


def _record(answer: str) -> QuestionRecord:
    citations = tuple(CitedPassage(n, "x.md", 0, len(q), q) for n, q in enumerate(PASSAGES, start=1))
    return QuestionRecord(
        id="q", question="?", category="fact", must_abstain=False, reference="", reference_contexts=(),
        key_facts=(), answer=answer, abstained=False, blocked=False, citations=citations,
        retrieved_contexts=(), citation_rank=0, latency_ms=1.0,
    )  # fmt: skip


def test_a_marker_after_the_full_stop_cites_the_line_before_it() -> None:
    checks = check_answer(
        _record("Ateliers de 2 heures par groupes de 8 personnes. [1]\nRévision annuelle. [2]")
    )
    assert [c.unsupported for c in checks] == [(), ()]


def test_a_line_citing_the_wrong_passage_is_unsupported() -> None:
    checks = check_answer(_record("Ateliers de 2 heures par groupes de 8 personnes. [2]"))
    assert checks[0].unsupported
