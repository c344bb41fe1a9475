"""Hybrid retrieval on the real index of the fixture corpus: French normalisation, BM25, RRF, filters."""

from __future__ import annotations

import math
import time

import pytest

from assistant.french_text import fold, terms
from assistant.retrieval.bm25 import Bm25Index
from assistant.retrieval.hybrid import Filters, HybridRetriever
from ingest.indexer import Indexer
from ingest.search import DenseSearcher


def test_french_normalisation() -> None:
    assert fold("L’Équipe d'IA") == "equipe ia"
    assert terms("Qui valide les chartes éthiques ?") == terms("qui VALIDER la charte ethique")
    assert "de" not in terms("le comité de gouvernance")


def test_bm25_ranks_by_rare_terms() -> None:
    index = Bm25Index(["Le comité valide la charte.", "Le comité se réunit.", "Un Lab IA de 6 personnes."])
    assert [i for i, _ in index.search("Qui valide la charte ?", k=3)] == [0]
    assert index.search("personnes Lab", k=3, allowed={0, 1}) == []


def test_bm25_scores_like_okapi_and_finds_nothing_without_known_terms() -> None:
    documents = ["Le comité valide la charte.", "Le comité se réunit chaque mois.", "Un Lab IA."]
    index = Bm25Index(documents)
    (first, score), (second, _) = index.search("comité charte", k=3)
    assert (first, second) == (0, 1)
    n, df, length, average = 3, 1, 3, 8 / 3  # « charte » in one document of 3 terms (comit, valid, chart)
    tf_part = 1 / (1 + 1.2 * (1 - 0.75 + 0.75 * length / average))
    expected = math.log(1 + (n - df + 0.5) / (df + 0.5)) * tf_part + index.idf("comit") * tf_part
    assert score == pytest.approx(expected, rel=1e-4)
    assert index.search("zythologie", k=3) == [] and Bm25Index([]).search("charte", k=3) == []


def test_hybrid_finds_the_charter_validator_first(indexed, embedder) -> None:
    retriever = HybridRetriever(DenseSearcher(indexed, embedder))
    hits = retriever.retrieve("Qui valide la charte éthique ?", k=5)
    assert hits[0].chunk.metadata["fiche"] == 1
    assert any("Validation de la charte" in h.chunk.text for h in hits[:3])
    assert all(h.score > 0 for h in hits) and hits == sorted(hits, key=lambda h: -h.score)


def test_english_question_finds_the_french_passage(indexed, embedder) -> None:
    hits = HybridRetriever(DenseSearcher(indexed, embedder)).retrieve("How many people in an AI Lab?", k=5)
    assert any(h.chunk.metadata.get("fiche") == 13 for h in hits[:3])


def test_filters_restrict_both_sides(indexed, embedder) -> None:
    retriever = HybridRetriever(DenseSearcher(indexed, embedder))
    hits = retriever.retrieve("Qui valide la charte ?", k=5, filters=Filters(doc_type="raci"))
    assert hits and {h.chunk.metadata["doc_type"] for h in hits} == {"raci"}
    hits = retriever.retrieve("Qui pilote ?", k=5, filters=Filters(fiche=13))
    assert hits and {h.chunk.metadata["fiche"] for h in hits} == {13}
    assert Filters(fiche=3, phase="Phase I").where() == {"$and": [{"fiche": 3}, {"phase": "Phase I"}]}


def test_lexical_index_follows_a_reindex_within_the_poll_interval(indexed, embedder, corpus_dir) -> None:
    settings = indexed.model_copy(update={"index_poll_s": 0.3})
    retriever = HybridRetriever(DenseSearcher(settings, embedder))
    assert not retriever.retrieve("zythologie", k=3) or all(
        h.lexical is None for h in retriever.retrieve("zythologie", k=3)
    )
    (corpus_dir / "note.md").write_text("# Note\n\n## Zythologie\n\nLa zythologie est hors sujet.\n", "utf-8")
    Indexer(settings, embedder).reindex()
    time.sleep(0.35)
    hits = retriever.retrieve("zythologie", k=3)
    assert hits[0].chunk.metadata["source"] == "note.md" and hits[0].lexical is not None
