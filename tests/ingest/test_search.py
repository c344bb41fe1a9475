"""Dense search through the embedded store and through a real `chroma run` server on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.indexer import Indexer
from ingest.search import DenseSearcher, IndexNotReadyError
from tests.servers import chroma_server as run_chroma

QUESTION = "Qui valide la charte éthique ?"


@pytest.fixture
def chroma_server(tmp_path: Path, free_port: int) -> Iterator[str]:
    """A real Chroma server on 127.0.0.1."""
    with run_chroma(tmp_path / "server-data", free_port) as url:
        yield url


def test_charter_question_finds_fiche_1_in_embedded_store(indexed, embedder) -> None:
    hits = DenseSearcher(indexed, embedder).search(QUESTION, k=5)
    assert hits[0].metadata["fiche"] == 1
    assert any("Validation de la charte" in h.text for h in hits)
    assert hits[0].score > hits[-1].score


def test_charter_question_finds_fiche_1_through_chroma_server(make_settings, embedder, chroma_server) -> None:
    settings = make_settings(chroma_url=chroma_server)
    report = Indexer(settings, embedder).reindex()
    assert report.chunks_total > 0 and not (settings.index_dir / "chroma").exists()
    hits = DenseSearcher(settings, embedder).search(QUESTION, k=5)
    assert hits[0].metadata["fiche"] == 1
    assert Indexer(settings, embedder).reindex().chunks_embedded == 0


def test_filters_by_metadata(indexed, embedder) -> None:
    hits = DenseSearcher(indexed, embedder).search(QUESTION, k=5, where={"doc_type": "raci"})
    assert hits and all(h.metadata["source"] == "raci/matrice-raci-projet-ia.md" for h in hits)


def test_search_before_any_index_is_a_clear_error(make_settings, embedder) -> None:
    with pytest.raises(IndexNotReadyError, match="gouvernail reindex"):
        DenseSearcher(make_settings(), embedder).search(QUESTION)
