"""Dense + BM25 retrieval over the live chunks, fused by reciprocal-rank fusion, with filters."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from assistant.governance.answers import Governance
from assistant.retrieval.bm25 import Bm25Index
from assistant.retrieval.expansion import (
    answering_sections,
    defined_terms,
    expand_for_lexical,
    fiche_mentioned,
)
from assistant.retrieval.query_adapter import ADAPTER_FILE, UNIT_ADAPTER_FILE, QueryAdapter, adapter_for
from assistant.retrieval.sections import whole_sections
from ingest.search import DenseSearcher, RetrievedChunk, ServedIndex
from ingest.units import chunk_units

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


@dataclass(frozen=True)
class _LexicalIndex:
    """The BM25 side of one served revision, swapped as a whole."""

    served: ServedIndex | None
    bm25: Bm25Index
    chunks: list[RetrievedChunk]
    by_id: dict[str, RetrievedChunk]
    governance: Governance  # the RACI and summary-table records of its files
    unit_vectors: dict[str, npt.NDArray[np.float32]]  # answer-unit vectors by key (ingest.units)
    sections: dict[str, RetrievedChunk]  # a chunk's whole section, when it was cut into several chunks
    adapter: QueryAdapter | None  # the question-vector map fitted on exactly these chunks, if any
    unit_adapter: QueryAdapter | None  # the map that ranks the answer units of these chunks, if any


class HybridRetriever:
    """Keeps a BM25 index in step with the revision served by the dense searcher."""

    def __init__(
        self,
        searcher: DenseSearcher,
        *,
        candidates: int = 40,
        rrf_k: int = 10,
        adapter_file: Path = ADAPTER_FILE,
        unit_adapter_file: Path = UNIT_ADAPTER_FILE,
    ) -> None:
        self.searcher = searcher
        self.adapter_file = adapter_file
        self.unit_adapter_file = unit_adapter_file
        self.candidates = candidates
        self.rrf_k = rrf_k
        self._lexical_index = _LexicalIndex(
            None, Bm25Index([]), [], {}, Governance({}, {}), {}, {}, None, None
        )
        self._rebuild = threading.Lock()

    def _lexical(self) -> _LexicalIndex:
        """The BM25 index of the served chunks, rebuilt (from the store) when a new revision is served."""
        served = self.searcher.served()
        if self._lexical_index.served is not served:
            with self._rebuild:
                if self._lexical_index.served is not served:
                    chunks = self.searcher.live_chunks(served)
                    bm25 = Bm25Index([f"{c.metadata.get('heading_path', '')}\n{c.text}" for c in chunks])
                    corpus = self.searcher.settings.corpus_dir
                    governance = Governance.from_manifest(served.manifest, corpus)
                    by_id = {c.id: c for c in chunks}
                    keys = (k for c in chunks for k in chunk_units(c.text, _heading_path(c)))
                    units = self.searcher.unit_vectors(served, keys)
                    sections = whole_sections(chunks)
                    files = (self.adapter_file, self.unit_adapter_file)
                    adapter, unit_adapter = (self._adapter(served, f) for f in files)
                    self._lexical_index = _LexicalIndex(
                        served, bm25, chunks, by_id, governance, units, sections, adapter, unit_adapter
                    )
        return self._lexical_index

    def _adapter(self, served: ServedIndex, path: Path) -> QueryAdapter | None:
        if not self.searcher.settings.query_adapter:
            return None
        return adapter_for(served.manifest, path)

    def adapter(self) -> QueryAdapter | None:
        """The query adapter applied to the served index (None: the plain question vector ranks)."""
        return self._lexical().adapter

    def unit_adapter(self) -> QueryAdapter | None:
        """The map that ranks the answer units of the served index (None: the selector alone ranks)."""
        return self._lexical().unit_adapter

    def load(self) -> int:
        """Serve the newest revision now (at start-up, after a reindex, from the index follower) rather
        than on the next question; returns the revision served."""
        self.searcher.refresh()
        served = self._lexical().served
        assert served is not None
        return served.manifest.revision

    def governance(self) -> Governance:
        """The RACI and summary-table records of the served files."""
        return self._lexical().governance

    def chunk_at(self, source: str, start: int, end: int) -> RetrievedChunk | None:
        """The served chunk of ``source`` that holds most of ``[start, end)``."""

        def overlap(chunk: RetrievedChunk) -> int:
            lo, hi = int(chunk.metadata.get("start", 0)), int(chunk.metadata.get("end", 0))
            return min(hi, end) - max(lo, start)

        chunks = self._lexical().chunks
        candidates = [c for c in chunks if c.metadata.get("source") == source and overlap(c) > 0]
        return max(candidates, key=overlap, default=None)

    def chunk(self, chunk_id: str) -> RetrievedChunk | None:
        """A served chunk by id."""
        return self._lexical().by_id.get(chunk_id)

    def unit_vector(self, key: str) -> npt.NDArray[np.float32] | None:
        """The stored vector of an answer unit (``ingest.units.unit_key``), if the served index has it."""
        return self._lexical().unit_vectors.get(key)

    def in_sections(self, hits: Sequence[Hit], max_words: int) -> list[Hit]:
        """Each hit read as its whole section when that stays within ``max_words`` words (the line that
        answers may sit in the section's other chunk); a section reached twice is kept once, first."""
        sections = self._lexical().sections
        read: list[Hit] = []
        seen: set[tuple[str, int]] = set()
        for hit in hits:
            whole = sections.get(hit.chunk.id)
            chunk = whole if whole is not None and len(whole.text.split()) <= max_words else hit.chunk
            place = (str(chunk.metadata.get("source")), int(chunk.metadata.get("start", 0)))
            if place not in seen:
                seen.add(place)
                read.append(replace(hit, chunk=chunk))
        return read

    def idf(self, term: str) -> float:
        """IDF of a normalised term over the served chunks."""
        return self._lexical().bm25.idf(term)

    def knows(self, term: str) -> bool:
        """Whether a normalised term occurs in the served chunks."""
        return self._lexical().bm25.knows(term)

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
        index = self._lexical()
        rank_by = index.adapter.adapt if index.adapter else None
        dense = self.searcher.search(query, self.candidates, filters.where(), index.served, rank_by)
        chunks = index.chunks
        allowed = {i for i, c in enumerate(chunks) if filters.accepts(c.metadata)}
        lexical = index.bm25.search(expand_for_lexical(query), self.candidates, allowed)
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


def _heading_path(chunk: RetrievedChunk) -> str:
    return str(chunk.metadata.get("heading_path", ""))
