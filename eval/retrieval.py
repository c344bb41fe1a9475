"""Retrieval quality on the golden set: dense-only, hybrid (dense + BM25, RRF), and a naive LangChain
baseline (``RecursiveCharacterTextSplitter(1000, 200)`` + the same embeddings + Chroma top-4).

``python -m eval.retrieval`` prints hit@1, hit@k and MRR, where a hit is a retrieved passage that
overlaps the expected section of the expected file. Needs an index (``gouvernail reindex``).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings
from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.retrieval.hybrid import HybridRetriever
from eval.golden import GoldenItem, first_match_rank, load_golden
from ingest.corpus_files import scan_corpus
from ingest.embeddings.encoder import Embedder
from ingest.runtime_env import configure_runtime_env
from ingest.search import DenseSearcher, RetrievedChunk
from ingest.settings import Settings

Passage = tuple[str, int, int]  # source path, start, end
Retriever = Callable[[str], list[Passage]]


@dataclass(frozen=True)
class RetrievalScores:
    hit_at_1: float
    hit_at_k: float
    mrr: float
    median_ms: float


class _LangchainEmbeddings(Embeddings):
    """Our embedder (same model, same prefixes) behind LangChain's interface."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_passages(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text)


def naive_langchain_retriever(corpus_dir: Path, embedder: Embedder, k: int = 4) -> Retriever:
    """The textbook pipeline: fixed-size character chunks with overlap, in an in-memory Chroma."""
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200, add_start_index=True)
    texts, metadatas = [], []
    for rel, path in scan_corpus(corpus_dir).items():
        for doc in splitter.create_documents([path.read_text(encoding="utf-8")], [{"source": rel}]):
            texts.append(doc.page_content)
            metadatas.append(doc.metadata)
    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    store = Chroma(collection_name="naive", embedding_function=_LangchainEmbeddings(embedder), client=client)
    store.add_texts(texts, metadatas=metadatas)

    def retrieve(question: str) -> list[Passage]:
        docs = store.similarity_search(question, k=k)
        return [
            (d.metadata["source"], d.metadata["start_index"], d.metadata["start_index"] + len(d.page_content))
            for d in docs
        ]

    return retrieve


def score(retriever: Retriever, items: Sequence[GoldenItem], corpus_dir: Path) -> RetrievalScores:
    """hit@1, hit@k (k = passages returned), MRR and median latency over answerable items."""
    firsts, anys, reciprocal, timings = [], [], [], []
    for item in items:
        started = time.perf_counter()
        passages = retriever(item.question)
        timings.append((time.perf_counter() - started) * 1000)
        rank = first_match_rank(corpus_dir, item.sources, passages)
        firsts.append(rank == 0)
        anys.append(rank is not None)
        reciprocal.append(0.0 if rank is None else 1 / (rank + 1))
    n = len(items)
    return RetrievalScores(sum(firsts) / n, sum(anys) / n, sum(reciprocal) / n, statistics.median(timings))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--k", type=int, default=5, help="passages for dense and hybrid")
    args = parser.parse_args()
    settings = Settings()
    configure_runtime_env(settings.cache_dir)
    embedder = Embedder(settings.embedding_model, models_dir=settings.models_dir)
    searcher = DenseSearcher(settings, embedder)
    hybrid = HybridRetriever(searcher)
    items = [i for i in load_golden() if i.sources]

    def passages(chunks: Sequence[RetrievedChunk]) -> list[Passage]:
        return [(c.metadata["source"], c.metadata["start"], c.metadata["end"]) for c in chunks]

    retrievers: dict[str, Retriever] = {
        "dense (ours)": lambda q: passages(searcher.search(q, k=args.k)),
        "hybrid (ours)": lambda q: passages([h.chunk for h in hybrid.retrieve(q, k=args.k)]),
        "hybrid (ours) top-4": lambda q: passages([h.chunk for h in hybrid.retrieve(q, k=4)]),
        "naive LangChain top-4": naive_langchain_retriever(settings.corpus_dir, embedder),
    }
    print(f"{len(items)} answerable golden questions; hit = a passage overlapping the expected section")
    print(f"{'pipeline':<24} {'hit@1':>6} {'hit@k':>6} {'MRR':>6} {'median ms':>10}")
    for name, retriever in retrievers.items():
        s = score(retriever, items, settings.corpus_dir)
        print(f"{name:<24} {s.hit_at_1:>6.3f} {s.hit_at_k:>6.3f} {s.mrr:>6.3f} {s.median_ms:>10.1f}")


if __name__ == "__main__":
    main()
