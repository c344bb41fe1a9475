"""The naive LangChain baseline the golden-set script compares with: it builds and answers offline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eval.golden import ExpectedSource, first_match_rank
from eval.retrieval import naive_langchain_retriever


def test_naive_pipeline_finds_the_charter_section_in_the_fixture_corpus(
    corpus_dir: Path, embedder: Any
) -> None:
    retrieve = naive_langchain_retriever(corpus_dir, embedder, k=4)
    passages = retrieve("Qui valide la charte éthique ?")
    assert len(passages) == 4
    assert all(
        0 <= start < end <= len((corpus_dir / p).read_text(encoding="utf-8")) for p, start, end in passages
    )
    charter = ExpectedSource("catalogue/fiche-01-charte-ethique.md", "Responsables de l'action")
    assert first_match_rank(corpus_dir, [charter], passages) is not None
