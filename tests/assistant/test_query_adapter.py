"""The query and unit adapters on the real index of the fixture corpus: the first moves the passage
ranking, not the scores; the second, the answer units quoted; each applies only to the chunks it was
fitted on."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.extractive import select
from assistant.retrieval.hybrid import HybridRetriever
from assistant.retrieval.query_adapter import (
    UNIT_ADAPTER_FILE,
    QueryAdapter,
    corpus_fingerprint,
    load_adapter,
)
from assistant.selection.features import candidate_units
from assistant.selection.model import load_model
from ingest.search import DenseSearcher

QUESTION = "Qui valide la charte éthique ?"


def _adapter_towards(searcher: DenseSearcher, chunk_id: str, fingerprint: str, path: Path) -> Path:
    """An adapter that moves the question's vector onto one chunk's vector (``q + q @ M = t``)."""
    q = np.asarray(searcher.embedder.embed_query(QUESTION), dtype=np.float32)
    stored = searcher.served().collection.get(ids=[chunk_id], include=["embeddings"])["embeddings"]
    t = np.asarray(stored[0], dtype=np.float32)
    QueryAdapter(np.outer(q, t - q) / (q @ q), fingerprint).save(path)
    return path


def test_the_adapter_ranks_with_the_moved_vector_and_scores_with_the_question(indexed, embedder, tmp_path):
    searcher = DenseSearcher(indexed, embedder)
    plain = searcher.search(QUESTION, k=40)
    last = plain[-1]  # the question alone ranks it last
    fitted_here = corpus_fingerprint(searcher.served().manifest)
    path = _adapter_towards(searcher, last.id, fitted_here, tmp_path / "adapter.npz")
    retriever = HybridRetriever(searcher, adapter_file=path)
    _, dense = retriever.retrieve_with_candidates(QUESTION)
    assert retriever.adapter() is not None
    assert dense[0].chunk.id == last.id
    assert dense[0].dense == pytest.approx(last.score, abs=1e-4)  # still the question's own cosine


def test_an_adapter_fitted_on_other_chunks_or_switched_off_is_not_applied(indexed, embedder, tmp_path):
    searcher = DenseSearcher(indexed, embedder)
    plain = [c.id for c in searcher.search(QUESTION, k=40)]
    path = _adapter_towards(searcher, plain[-1], "another corpus", tmp_path / "stale.npz")
    retriever = HybridRetriever(searcher, adapter_file=path)
    assert retriever.adapter() is None
    assert [h.chunk.id for h in retriever.retrieve_with_candidates(QUESTION)[1]] == plain
    fitted_here = corpus_fingerprint(searcher.served().manifest)
    path = _adapter_towards(searcher, plain[-1], fitted_here, tmp_path / "off.npz")
    switched_off = DenseSearcher(indexed.model_copy(update={"query_adapter": False}), embedder)
    assert HybridRetriever(switched_off, adapter_file=path).adapter() is None


def test_the_fingerprint_changes_with_any_chunk(indexed, embedder):
    manifest = DenseSearcher(indexed, embedder).served().manifest
    first = next(iter(manifest.files))
    fewer = manifest.model_copy(update={"files": {k: v for k, v in manifest.files.items() if k != first}})
    assert corpus_fingerprint(fewer) != corpus_fingerprint(manifest)
    assert corpus_fingerprint(manifest.model_copy(update={"revision": 99})) == corpus_fingerprint(manifest)


def test_the_shipped_adapter_loads():
    adapter = load_adapter()
    assert adapter is not None and adapter.matrix.shape == (384, 384) and adapter.matrix.dtype == np.float32


def _quoted(retriever: HybridRetriever, unit_query: np.ndarray | None = None) -> list[str]:
    """The units the offline answer quotes for ``QUESTION``, with or without a moved question vector."""
    q = np.asarray(retriever.searcher.embedder.embed_query(QUESTION), dtype=np.float32)
    hits = retriever.retrieve(QUESTION)
    chosen = select(QUESTION, hits, retriever.idf, q, retriever.unit_vector, unit_query=unit_query)
    return [u.text for s in chosen for u in s.units]


def _unit_adapter_towards(retriever: HybridRetriever, fingerprint: str, path: Path) -> tuple[str, Path]:
    """An adapter that moves the question's vector onto the vector of the answer unit the selector alone
    ranks best among those it does not quote; that unit's text."""
    q = np.asarray(retriever.searcher.embedder.embed_query(QUESTION), dtype=np.float32)
    quoted = _quoted(retriever)
    units = [
        u
        for u in candidate_units(
            QUESTION, retriever.retrieve(QUESTION), retriever.idf, q, retriever.unit_vector
        )
        if u.vector is not None and u.text not in quoted
    ]
    unquoted = max(units, key=lambda u: load_model().probabilities([u])[0])
    assert unquoted.vector is not None
    QueryAdapter(np.outer(q, unquoted.vector - q) / (q @ q), fingerprint).save(path)
    return unquoted.text, path


def test_the_unit_adapter_brings_the_unit_it_points_to_into_the_answer(indexed, embedder, tmp_path):
    searcher = DenseSearcher(indexed, embedder)
    fitted_here = corpus_fingerprint(searcher.served().manifest)
    text, path = _unit_adapter_towards(HybridRetriever(searcher), fitted_here, tmp_path / "units.npz")
    retriever = HybridRetriever(searcher, unit_adapter_file=path)
    adapter = retriever.unit_adapter()
    assert adapter is not None
    q = np.asarray(embedder.embed_query(QUESTION), dtype=np.float32)
    assert text not in _quoted(retriever)
    assert text in _quoted(retriever, adapter.adapt(q))


def test_a_unit_adapter_fitted_on_other_chunks_is_not_applied(indexed, embedder, tmp_path):
    searcher = DenseSearcher(indexed, embedder)
    _, path = _unit_adapter_towards(HybridRetriever(searcher), "another corpus", tmp_path / "stale.npz")
    assert HybridRetriever(searcher, unit_adapter_file=path).unit_adapter() is None


def test_the_shipped_unit_adapter_loads():
    adapter = load_adapter(UNIT_ADAPTER_FILE)
    assert adapter is not None and adapter.matrix.shape == (384, 384)
