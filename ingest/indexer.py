"""Incremental reindexing of the corpus into Chroma, committed atomically through the manifest.

Like ``llm embed-multi``, content already embedded is never embedded again: a chunk whose content hash
is in the live index reuses its vector (renamed files, moved passages), and so does an answer unit (a
sentence, list item or table row of a chunk, embedded on its own) whose text is stored. A changed file gets
exactly its chunks replaced; new chunks and units are written first (invisible: not in the manifest), the
manifest is committed in one row of the state database, then — once every replica serves it — stale chunks
and units are deleted. A crash at any point leaves one consistent index served.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection

from guardrails.injection import InjectionDetector
from ingest.chunking import CHUNKER_VERSION, Chunk, MetadataValue, chunk_document
from ingest.corpus_files import scan_corpus
from ingest.embeddings.encoder import Embedder, ProgressCallback
from ingest.hashing import file_sha256
from ingest.loaders import LoaderError, load_document
from ingest.manifest import MANIFEST_VERSION, ChunkRef, FileEntry, Manifest
from ingest.reindex_lock import reindex_lock
from ingest.settings import Settings
from ingest.state import IndexState, open_index_state
from ingest.store import create_client, open_collection, store_locator, units_collection
from ingest.units import chunk_units

Warn = Callable[[str], None]


@dataclass
class ReindexReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    chunks_embedded: int = 0
    chunks_reused: int = 0
    chunks_total: int = 0
    units_embedded: int = 0
    units_total: int = 0
    full_rebuild: str | None = None
    seconds: float = 0.0

    def summary(self) -> str:
        line = (
            f"added {len(self.added)} / updated {len(self.updated)} / removed {len(self.removed)} / "
            f"unchanged {len(self.unchanged)} / skipped {len(self.skipped)}"
        )
        if self.renamed:
            line += f" / renamed {len(self.renamed)}"
        line += (
            f" — {self.chunks_total} chunks, {self.chunks_embedded} embedded, {self.chunks_reused} reused"
            f" — {self.units_total} answer units, {self.units_embedded} embedded — {self.seconds:.2f} s"
        )
        return f"full rebuild ({self.full_rebuild}): {line}" if self.full_rebuild else line


@dataclass
class _Plan:
    """Files to (re)chunk, with the entries carried over unchanged."""

    entries: dict[str, FileEntry]
    to_chunk: dict[str, str]  # path -> sha256
    chunks: dict[str, list[Chunk]] = field(default_factory=dict)


class Indexer:
    """Keeps the Chroma index in step with the corpus folder."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder,
        client: ClientAPI | None = None,
        warn: Warn | None = None,
        state: IndexState | None = None,
    ) -> None:
        self.settings = settings
        self.embedder = embedder
        self.client = client or create_client(settings)
        self.state = state or open_index_state(settings)
        self.warn: Warn = warn or (lambda message: None)
        self.detector = InjectionDetector()
        self._chunking = f"v{CHUNKER_VERSION}:{settings.chunk_min_chars}-{settings.chunk_max_chars}"

    def reindex(self, *, full: bool = False, progress: ProgressCallback | None = None) -> ReindexReport:
        """Bring the index in line with the corpus; serialised across processes and replicas by a lock."""
        settings = self.settings
        with reindex_lock(
            self.state.engine, settings.index_dir, settings.collection_prefix, settings.reindex_lock_timeout_s
        ):
            return self._reindex(full, progress)

    def _reindex(self, full: bool, progress: ProgressCallback | None) -> ReindexReport:
        started = time.perf_counter()
        report = ReindexReport()
        old = self.state.manifests.load()
        report.full_rebuild = self._rebuild_reason(old, full)
        if old is None or report.full_rebuild:
            generation = old.generation + 1 if old else 1
            base: Manifest | None = None
        else:
            generation = old.generation
            base = old
        collection_name = f"{self.settings.collection_prefix}-g{generation}"
        collection = open_collection(self.client, collection_name, self.embedder)

        plan = self._plan(base, report)
        for path, sha in plan.to_chunk.items():
            chunks = self._chunk(path, report)
            if chunks is None:
                if base and path in base.files:  # unreadable now: keep serving its last good version
                    plan.entries[path] = base.files[path]
                continue
            plan.chunks[path] = chunks
            size = (self.settings.corpus_dir / path).stat().st_size
            plan.entries[path] = FileEntry(
                sha256=sha,
                size=size,
                title=chunks[0].doc_title if chunks else path,
                chunks=[ChunkRef(id=c.id, content_hash=c.content_hash) for c in chunks],
            )

        live_before = base.live_ids() if base else set()
        self._write_chunks(collection, base, plan, live_before, report, progress)
        new = Manifest(
            embedding_model=self.embedder.identity,
            chunking=self._chunking,
            store=store_locator(self.settings),
            collection=collection_name,
            generation=generation,
            files=dict(sorted(plan.entries.items())),
        )
        report.chunks_total = len(new.live_ids())
        needed_units = self._write_units(collection, new, report)
        if not new.same_content(old):
            new = self.state.manifests.commit(new)  # the commit point
        else:
            new = new.model_copy(update={"revision": old.revision if old else 0})
        lagging = self.state.replicas.wait_until_served(new.revision, self.settings.cleanup_wait_s)
        if lagging:
            self.warn(
                f"stale chunks kept: {len(lagging)} replica(s) still serve an older revision "
                f"({', '.join(sorted(lagging))}); the next reindex deletes them"
            )
        else:
            self._collect_garbage(collection, new, needed_units)
        report.seconds = time.perf_counter() - started
        return report

    def _rebuild_reason(self, old: Manifest | None, full: bool) -> str | None:
        if old is None:
            return None
        if full:
            return "requested"
        if old.version != MANIFEST_VERSION:
            return f"index format changed (v{old.version} -> v{MANIFEST_VERSION})"
        if old.embedding_model != self.embedder.identity:
            return f"embedding model changed from {old.embedding_model.split('|')[0]}"
        if old.store != store_locator(self.settings):
            return "vector store changed"
        if old.collection not in {c.name for c in self.client.list_collections()}:
            return "collection missing from the store"
        return None

    def _plan(self, base: Manifest | None, report: ReindexReport) -> _Plan:
        files = scan_corpus(self.settings.corpus_dir)
        old_files = base.files if base else {}
        hashes = {path: file_sha256(file) for path, file in files.items()}
        plan = _Plan(entries={}, to_chunk={})
        removed = [p for p in old_files if p not in hashes]
        by_hash = {old_files[p].sha256: p for p in removed}
        rechunk = base is not None and base.chunking != self._chunking  # same text, new boundaries
        for path, sha in hashes.items():
            if path in old_files and old_files[path].sha256 == sha and not rechunk:
                plan.entries[path] = old_files[path]
                report.unchanged.append(path)
                continue
            plan.to_chunk[path] = sha
            if path in old_files:
                report.updated.append(path)
            elif sha in by_hash:
                report.renamed.append((by_hash.pop(sha), path))
            else:
                report.added.append(path)
        renamed_from = {old for old, _ in report.renamed}
        report.removed = [p for p in removed if p not in renamed_from]
        return plan

    def _chunk(self, path: str, report: ReindexReport) -> list[Chunk] | None:
        try:
            document = load_document(self.settings.corpus_dir / path)
        except LoaderError as exc:
            for bucket in (report.added, report.updated):
                if path in bucket:
                    bucket.remove(path)
            report.renamed = [(old, new) for old, new in report.renamed if new != path]
            report.skipped.append((path, str(exc)))
            self.warn(f"skipped {path}: {exc}")
            return None
        chunks = chunk_document(
            document,
            path,
            min_chars=self.settings.chunk_min_chars,
            max_chars=self.settings.chunk_max_chars,
        )
        return [self._flag_injection(chunk) for chunk in chunks]

    def _flag_injection(self, chunk: Chunk) -> Chunk:
        """Indirect injection planted in a document: flag the chunk in its metadata and warn."""
        result = self.detector.scan(chunk.text)
        if not result.is_injection:
            return chunk
        self.warn(
            f"possible prompt injection in {chunk.source} ({' > '.join(chunk.heading_path)}): "
            f"{result.family}/{result.rule}"
        )
        flags: dict[str, MetadataValue] = {
            "injection_flagged": True,
            "injection_rule": f"{result.family}/{result.rule}",
            "injection_score": result.score,
        }
        return replace(chunk, extra=chunk.extra | flags)

    def _write_chunks(
        self,
        collection: Collection,
        base: Manifest | None,
        plan: _Plan,
        live_before: set[str],
        report: ReindexReport,
        progress: ProgressCallback | None,
    ) -> None:
        """Upsert new chunks (not yet visible), reusing stored vectors by content hash."""
        chunks = [c for file_chunks in plan.chunks.values() for c in file_chunks]
        kept = [c for c in chunks if c.id in live_before]
        if kept:  # same passage, maybe moved: refresh offsets, keep the vector
            collection.update(ids=[c.id for c in kept], metadatas=[c.metadata() for c in kept])
        fresh = [c for c in chunks if c.id not in live_before]
        reusable = base.ids_by_content_hash() if base else {}
        reuse = [c for c in fresh if c.content_hash in reusable]
        if reuse:
            stored = collection.get(ids=[reusable[c.content_hash] for c in reuse], include=["embeddings"])
            embeddings = stored["embeddings"]
            assert embeddings is not None
            vectors = dict(zip(stored["ids"], embeddings, strict=True))
            self._upsert(collection, reuse, [vectors[reusable[c.content_hash]] for c in reuse])
            report.chunks_reused = len(reuse)
        to_embed = [c for c in fresh if c.content_hash not in reusable]
        batch = self.settings.embedding_batch_size
        for i in range(0, len(to_embed), batch):
            part = to_embed[i : i + batch]
            self._upsert(collection, part, self.embedder.embed_passages([c.embed_text for c in part]))
            report.chunks_embedded += len(part)
            if progress:
                progress(report.chunks_embedded, len(to_embed))

    def _write_units(self, collection: Collection, manifest: Manifest, report: ReindexReport) -> set[str]:
        """Embed the answer units of the live chunks that no stored vector holds (before the commit, so a
        served revision always has its units), shortest first (batches of like lengths pad little);
        returns the keys the revision needs."""
        ids = sorted(manifest.live_ids())
        got = collection.get(ids=ids, include=["documents", "metadatas"]) if ids else None
        needed: dict[str, str] = {}
        if got is not None:
            for text, meta in zip(got["documents"] or [], got["metadatas"] or [], strict=True):
                needed |= chunk_units(text or "", str((meta or {}).get("heading_path", "")))
        report.units_total = len(needed)
        units = open_collection(self.client, units_collection(manifest.collection), self.embedder)
        stored = set(units.get(ids=list(needed), include=[])["ids"]) if needed else set()
        missing = sorted((key for key in needed if key not in stored), key=lambda k: len(needed[k]))
        batch = self.settings.embedding_batch_size
        for i in range(0, len(missing), batch):
            keys = missing[i : i + batch]
            texts = [needed[key] for key in keys]
            units.upsert(ids=keys, embeddings=self.embedder.embed_passages(texts), documents=texts)  # type: ignore[arg-type]
            report.units_embedded += len(keys)
        return set(needed)

    @staticmethod
    def _upsert(collection: Collection, chunks: list[Chunk], vectors: Sequence[object]) -> None:
        collection.upsert(
            ids=[c.id for c in chunks],
            embeddings=vectors,  # type: ignore[arg-type]
            documents=[c.text for c in chunks],
            metadatas=[c.metadata() for c in chunks],  # type: ignore[misc]
        )

    def _collect_garbage(self, collection: Collection, manifest: Manifest, units_needed: set[str]) -> None:
        """After the commit: drop stale chunks and units, orphans of interrupted runs and superseded
        collections."""
        units = open_collection(self.client, units_collection(manifest.collection), self.embedder)
        for store, live in ((collection, manifest.live_ids()), (units, units_needed)):
            if store.count() != len(live):
                stale = [i for i in store.get(include=[])["ids"] if i not in live]
                limit = self.client.get_max_batch_size()
                for i in range(0, len(stale), limit):
                    store.delete(ids=stale[i : i + limit])
        prefix = f"{self.settings.collection_prefix}-g"
        kept = {manifest.collection, units_collection(manifest.collection)}
        for other in self.client.list_collections():
            if other.name.startswith(prefix) and other.name not in kept:
                self.client.delete_collection(other.name)
