"""Dense search over the live index: only chunks listed in the current manifest are ever returned."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.errors import NotFoundError
from sqlalchemy.exc import SQLAlchemyError

from ingest.embeddings.encoder import Embedder
from ingest.errors import GouvernailError
from ingest.manifest import Manifest
from ingest.settings import Settings
from ingest.state import IndexState, open_index_state
from ingest.store import create_client, open_collection, units_collection

Vector = npt.NDArray[np.float32]


@dataclass(frozen=True)
class RetrievedChunk:
    id: str
    text: str
    metadata: dict[str, Any]
    score: float  # cosine similarity


class IndexNotReadyError(GouvernailError):
    """No index has been built yet (run `gouvernail reindex`)."""


@dataclass(frozen=True)
class ServedIndex:
    """One committed revision as served: its manifest, its live chunk ids, its collection."""

    manifest: Manifest
    live: frozenset[str]
    collection: Collection


class DenseSearcher:
    """Queries the collection of the newest committed manifest, following newer revisions within
    ``index_poll_s`` (one indexed lookup per interval); a request keeps the revision it started with."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder,
        client: ClientAPI | None = None,
        state: IndexState | None = None,
    ) -> None:
        self.settings = settings
        self.embedder = embedder
        self.client = client or create_client(settings)
        self.state = state or open_index_state(settings)
        self._served: ServedIndex | None = None
        self._checked_at = -math.inf
        self._lock = threading.Lock()

    def served(self) -> ServedIndex:
        """The revision served now (checked for a newer one at most every ``index_poll_s``)."""
        served = self._served
        if served is None or time.monotonic() - self._checked_at >= self.settings.index_poll_s:
            return self.refresh(max_age_s=self.settings.index_poll_s)
        return served

    def manifest(self) -> Manifest:
        """The manifest served now."""
        return self.served().manifest

    def refresh(self, max_age_s: float = 0.0) -> ServedIndex:
        """Serve the newest committed revision (a cheap lookup when it has not changed), unless another
        thread checked less than ``max_age_s`` ago."""
        with self._lock:
            current = self._served
            if current is not None and time.monotonic() - self._checked_at < max_age_s:
                return current
            try:
                revision = self.state.manifests.latest_revision()
            except SQLAlchemyError as exc:
                if current is None:
                    raise IndexNotReadyError(f"state database unavailable: {type(exc).__name__}") from exc
                if not max_age_s:
                    raise
                self._checked_at = time.monotonic()  # a request keeps the revision it has; retried later
                return current
            self._checked_at = time.monotonic()
            if revision is None:
                raise IndexNotReadyError("no index yet: run `gouvernail reindex`")
            if current is not None and current.manifest.revision == revision:
                return current
            manifest = self.state.manifests.load()
            if manifest is None:
                raise IndexNotReadyError("no index yet: run `gouvernail reindex`")
            collection = open_collection(self.client, manifest.collection, self.embedder)
            self._served = ServedIndex(manifest, frozenset(manifest.live_ids()), collection)
            return self._served

    def live_chunks(self, served: ServedIndex | None = None) -> list[RetrievedChunk]:
        """Every chunk of the served revision (score 0), for lexical indexes built on the same chunks."""
        served = served or self.served()
        ids = sorted(served.live)
        if not ids:
            return []
        got = served.collection.get(ids=ids, include=["documents", "metadatas"])
        documents = got["documents"] or []
        metadatas = got["metadatas"] or []
        return [
            RetrievedChunk(chunk_id, text or "", dict(meta or {}), 0.0)
            for chunk_id, text, meta in zip(got["ids"], documents, metadatas, strict=True)
        ]

    def unit_vectors(self, served: ServedIndex, keys: Iterable[str]) -> dict[str, npt.NDArray[np.float32]]:
        """The stored vectors of answer units by key (those of ``served``'s generation; none for an index
        built before units were embedded, until its next reindex)."""
        ids = sorted(set(keys))
        if not ids:
            return {}
        try:
            units = self.client.get_collection(units_collection(served.manifest.collection))
            got = units.get(ids=ids, include=["embeddings"])
        except (NotFoundError, ValueError):
            return {}
        embeddings = got["embeddings"]
        if embeddings is None:
            return {}
        vectors = zip(got["ids"], embeddings, strict=True)
        return {key: np.asarray(vector, dtype=np.float32) for key, vector in vectors}

    def search(
        self,
        query: str,
        k: int = 5,
        where: dict[str, Any] | None = None,
        served: ServedIndex | None = None,
        rank_by: Callable[[Vector], Vector] | None = None,
    ) -> list[RetrievedChunk]:
        """Top-``k`` live chunks by cosine similarity to ``query`` (in ``served``, default the current).
        ``rank_by`` maps the question's vector to the one that ranks the chunks; their scores stay the
        cosine to the question itself."""
        vector = np.asarray(self.embedder.embed_query(query), dtype=np.float32)
        try:
            return self._query(served or self.served(), vector, k, where, rank_by)
        except NotFoundError:  # a full rebuild replaced the collection: serve the newest revision
            return self._query(self.refresh(), vector, k, where, rank_by)

    def _query(
        self,
        served: ServedIndex,
        vector: Vector,
        k: int,
        where: dict[str, Any] | None,
        rank_by: Callable[[Vector], Vector] | None,
    ) -> list[RetrievedChunk]:
        collection = served.collection
        stored = collection.count()
        if not stored:
            return []
        # chunks written by an unfinished reindex (or awaiting deletion) are not live: over-fetch them
        slack = max(0, stored - len(served.live))
        ranking = vector if rank_by is None else rank_by(vector)
        result = collection.query(
            query_embeddings=[ranking.tolist()],  # type: ignore[arg-type]
            n_results=min(stored, k + slack),
            where=where,  # type: ignore[arg-type]
            include=["documents", "metadatas", "distances", "embeddings"]
            if rank_by
            else ["documents", "metadatas", "distances"],
        )
        hits: list[RetrievedChunk] = []
        ids = result["ids"][0]
        documents = (result["documents"] or [[]])[0]
        metadatas = (result["metadatas"] or [[]])[0]
        if rank_by is None:
            scores = [1.0 - float(distance) for distance in (result["distances"] or [[]])[0]]
        else:
            scores = [float(np.dot(vector, e)) for e in (result["embeddings"] or [[]])[0]]
        for chunk_id, text, meta, score in zip(ids, documents, metadatas, scores, strict=True):
            if chunk_id in served.live:
                hits.append(RetrievedChunk(chunk_id, text or "", dict(meta or {}), score))
        return hits[:k]
