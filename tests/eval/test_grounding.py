"""The offline grounding check reads each quoted line against the passage its marker cites."""

from __future__ import annotations

from dataclasses import replace

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


def test_two_quoted_lines_on_one_line_are_read_each_with_its_marker() -> None:
    checks = check_answer(
        _record("Ateliers de 2 heures par groupes de 8 personnes [1] Révision annuelle de la charte [2]")
    )
    assert [c.unsupported for c in checks] == [(), ()]
    swapped = check_answer(_record("Révision annuelle de la charte [1] Ateliers de 2 heures [2]"))
    assert all(c.unsupported for c in swapped)


def test_the_heading_of_a_cited_passage_supports_the_entry_it_names() -> None:
    quote = "Réponse aux avis publiés sur les plateformes d'avis."
    heading = "P18 — Répondre à un avis client négatif"
    record = _record(f"{heading} : {quote} [1]")
    cited = CitedPassage(1, "prompts/p18.md", 0, len(quote), quote, heading)
    assert not any(c.unsupported for c in check_answer(replace(record, citations=(cited,))))
    unheaded = CitedPassage(1, "prompts/p18.md", 0, len(quote), quote)
    assert any(c.unsupported for c in check_answer(replace(record, citations=(unheaded,))))  # « 18 »
