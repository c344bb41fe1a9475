"""Dense search over the live index: only chunks listed in the current manifest are ever returned."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.errors import NotFoundError

from ingest.embeddings.encoder import Embedder
from ingest.errors import GouvernailError
from ingest.manifest import Manifest, load_manifest, manifest_path
from ingest.settings import Settings
from ingest.store import create_client, open_collection


@dataclass(frozen=True)
class RetrievedChunk:
    id: str
    text: str
    metadata: dict[str, Any]
    score: float  # cosine similarity


class IndexNotReadyError(GouvernailError):
    """No index has been built yet (run `gouvernail reindex`)."""


class DenseSearcher:
    """Queries the collection the manifest points to, following manifest swaps between calls."""

    def __init__(self, settings: Settings, embedder: Embedder, client: ClientAPI | None = None) -> None:
        self.settings = settings
        self.embedder = embedder
        self.client = client or create_client(settings)
        self._mtime: int | None = None
        self._manifest: Manifest | None = None
        self._live: set[str] = set()
        self._collection: Collection | None = None

    def manifest(self) -> Manifest:
        """The manifest currently served (reloaded when the file changes)."""
        path = manifest_path(self.settings.index_dir)
        try:
            mtime = path.stat().st_mtime_ns
        except FileNotFoundError as exc:
            raise IndexNotReadyError("no index yet: run `gouvernail reindex`") from exc
        if mtime != self._mtime or self._manifest is None:
            manifest = load_manifest(self.settings.index_dir)
            if manifest is None:
                raise IndexNotReadyError("no index yet: run `gouvernail reindex`")
            self._manifest, self._mtime, self._live = manifest, mtime, manifest.live_ids()
            self._collection = None
        return self._manifest

    def _open(self, manifest: Manifest) -> Collection:
        """The collection the manifest serves (opened once per manifest)."""
        if self._collection is None:
            self._collection = open_collection(self.client, manifest.collection, self.embedder)
        return self._collection

    def live_chunks(self) -> list[RetrievedChunk]:
        """Every chunk of the live index (score 0), for lexical indexes built on the same chunks."""
        collection = self._open(self.manifest())
        ids = sorted(self._live)
        if not ids:
            return []
        got = collection.get(ids=ids, include=["documents", "metadatas"])
        documents = got["documents"] or []
        metadatas = got["metadatas"] or []
        return [
            RetrievedChunk(chunk_id, text or "", dict(meta or {}), 0.0)
            for chunk_id, text, meta in zip(got["ids"], documents, metadatas, strict=True)
        ]

    def search(self, query: str, k: int = 5, where: dict[str, Any] | None = None) -> list[RetrievedChunk]:
        """Top-``k`` live chunks by cosine similarity to ``query``."""
        vector = self.embedder.embed_query(query)
        for attempt in range(2):
            manifest = self.manifest()
            try:
                return self._query(manifest, vector, k, where)
            except NotFoundError:  # a full rebuild swapped collections under us: reload once
                self._mtime = None
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def _query(
        self, manifest: Manifest, vector: list[float], k: int, where: dict[str, Any] | None
    ) -> list[RetrievedChunk]:
        collection = self._open(manifest)
        stored = collection.count()
        if not stored:
            return []
        # chunks written by an unfinished reindex (or awaiting deletion) are not live: over-fetch them
        slack = max(0, stored - len(self._live))
        result = collection.query(
            query_embeddings=[vector],  # type: ignore[arg-type]
            n_results=min(stored, k + slack),
            where=where,  # type: ignore[arg-type]
            include=["documents", "metadatas", "distances"],
        )
        hits: list[RetrievedChunk] = []
        ids = result["ids"][0]
        documents = (result["documents"] or [[]])[0]
        metadatas = (result["metadatas"] or [[]])[0]
        distances = (result["distances"] or [[]])[0]
        for chunk_id, text, meta, distance in zip(ids, documents, metadatas, distances, strict=True):
            if chunk_id in self._live:
                hits.append(RetrievedChunk(chunk_id, text or "", dict(meta or {}), 1.0 - float(distance)))
        return hits[:k]
