"""Dense + BM25 retrieval over the live chunks, fused by reciprocal-rank fusion, with filters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant.governance.answers import Governance
from assistant.retrieval.bm25 import Bm25Index
from assistant.retrieval.expansion import (
    answering_sections,
    defined_terms,
    expand_for_lexical,
    fiche_mentioned,
)
from ingest.manifest import Manifest
from ingest.search import DenseSearcher, RetrievedChunk

SECTION_BOOST = 0.5  # share of a first rank's RRF score given to the section a question's intent points to


@dataclass(frozen=True)
class Filters:
    """Optional restrictions: fiche number, phase (``Phase II``), document type (catalogue/raci/prompt)."""

    fiche: int | None = None
    phase: str | None = None
    doc_type: str | None = None

    def as_dict(self) -> dict[str, Any]:
        values = {"fiche": self.fiche, "phase": self.phase, "doc_type": self.doc_type}
        return {k: v for k, v in values.items() if v}

    def where(self) -> dict[str, Any] | None:
        """The same restrictions as a Chroma ``where`` clause."""
        clauses = [{k: v} for k, v in self.as_dict().items()]
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def accepts(self, metadata: dict[str, Any]) -> bool:
        return all(metadata.get(k) == v for k, v in self.as_dict().items())


@dataclass(frozen=True)
class Hit:
    chunk: RetrievedChunk
    score: float  # fused RRF score
    dense: float | None  # cosine similarity when the dense side found it
    lexical: float | None  # BM25 score when the lexical side found it


class HybridRetriever:
    """Keeps a BM25 index in step with the manifest served by the dense searcher."""

    def __init__(self, searcher: DenseSearcher, *, candidates: int = 40, rrf_k: int = 10) -> None:
        self.searcher = searcher
        self.candidates = candidates
        self.rrf_k = rrf_k
        self._indexed: Manifest | None = None
        self._bm25 = Bm25Index([])
        self._chunks: list[RetrievedChunk] = []
        self._by_id: dict[str, RetrievedChunk] = {}
        self._governance = Governance({}, {})

    def _lexical(self) -> tuple[Bm25Index, list[RetrievedChunk]]:
        """The BM25 index of the served chunks, rebuilt when the searcher loads a new manifest."""
        manifest = self.searcher.manifest()
        if manifest is not self._indexed:
            self._chunks = self.searcher.live_chunks()
            self._by_id = {c.id: c for c in self._chunks}
            self._bm25 = Bm25Index([f"{c.metadata.get('heading_path', '')}\n{c.text}" for c in self._chunks])
            self._governance = Governance.from_manifest(manifest, self.searcher.settings.corpus_dir)
            self._indexed = manifest
        return self._bm25, self._chunks

    def governance(self) -> Governance:
        """The RACI and summary-table records of the served files."""
        self._lexical()
        return self._governance

    def chunk_at(self, source: str, start: int, end: int) -> RetrievedChunk | None:
        """The served chunk of ``source`` that holds most of ``[start, end)``."""
        _, chunks = self._lexical()

        def overlap(chunk: RetrievedChunk) -> int:
            lo, hi = int(chunk.metadata.get("start", 0)), int(chunk.metadata.get("end", 0))
            return min(hi, end) - max(lo, start)

        candidates = [c for c in chunks if c.metadata.get("source") == source and overlap(c) > 0]
        return max(candidates, key=overlap, default=None)

    def load(self) -> None:
        """Read the served chunks now (at start-up, after a reindex) rather than on the next question."""
        self._lexical()

    def chunk(self, chunk_id: str) -> RetrievedChunk | None:
        """A served chunk by id."""
        self._lexical()
        return self._by_id.get(chunk_id)

    def idf(self, term: str) -> float:
        """IDF of a normalised term over the served chunks."""
        return self._lexical()[0].idf(term)

    def _prior(self, query: str) -> Callable[[RetrievedChunk], float]:
        """Boosts from the question's wording: a fiche it names ("selon la fiche 16"), a section its
        intent points to ("Qui…" -> "Responsables de l'action"), the passage defining an acronym it asks
        about ("Que veut dire RACI ?" -> "RACI (Responsible, …"). The question is read once."""
        named, sections, acronyms = fiche_mentioned(query), answering_sections(query), defined_terms(query)
        first = 1 / (self.rrf_k + 1)  # the RRF score of a first rank

        def boost(chunk: RetrievedChunk) -> float:
            section = str(chunk.metadata.get("heading_path", "")).rsplit(" > ", 1)[-1]
            return (
                first * (named is not None and chunk.metadata.get("fiche") == named)
                + SECTION_BOOST * first * any(pattern.search(section) for pattern in sections)
                + first * any(f"{acronym} (" in chunk.text for acronym in acronyms)
            )

        return boost

    def retrieve(self, query: str, k: int = 5, filters: Filters | None = None) -> list[Hit]:
        """Top-``k`` chunks for ``query``: each side ranks ``candidates``, RRF merges the rankings."""
        return self.retrieve_with_candidates(query, k, filters)[0]

    def retrieve_with_candidates(
        self, query: str, k: int = 5, filters: Filters | None = None
    ) -> tuple[list[Hit], list[Hit]]:
        """The top-``k`` chunks, and every candidate the dense side ranked (with its cosine)."""
        filters = filters or Filters()
        dense = self.searcher.search(query, k=self.candidates, where=filters.where())
        bm25, chunks = self._lexical()
        allowed = {i for i, c in enumerate(chunks) if filters.accepts(c.metadata)}
        lexical = bm25.search(expand_for_lexical(query), self.candidates, allowed)
        fused: dict[str, float] = {}
        dense_scores = {hit.id: hit.score for hit in dense}
        lexical_scores = {chunks[i].id: score for i, score in lexical}
        by_id = {hit.id: hit for hit in dense} | {chunks[i].id: chunks[i] for i, _ in lexical}
        for rank, hit in enumerate(dense):
            fused[hit.id] = fused.get(hit.id, 0.0) + 1 / (self.rrf_k + rank + 1)
        for rank, (i, _) in enumerate(lexical):
            fused[chunks[i].id] = fused.get(chunks[i].id, 0.0) + 1 / (self.rrf_k + rank + 1)
        prior = self._prior(query)
        for chunk_id, chunk in by_id.items():
            fused[chunk_id] += prior(chunk)
        best = sorted(fused, key=lambda cid: -fused[cid])[:k]
        hits = [Hit(by_id[c], fused[c], dense_scores.get(c), lexical_scores.get(c)) for c in best]
        return hits, [Hit(c, fused[c.id], c.score, lexical_scores.get(c.id)) for c in dense]
