"""The index manifest: which collection is live, the embedding model, and each file's hash and chunks.

Manifests live in the state database, one row per committed revision. Committing a reindex is one
INSERT: a reader sees the previous revision or the new one, never a half-built index, and every replica
reads the same. ``var/index/manifest.json`` of an install from before is imported on first use, so its
index is kept as it is (no re-embedding).
"""

from __future__ import annotations

import contextlib
import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import JSON, Engine, Integer, String, Text, delete, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from database.schema import Base, UtcDateTime, utcnow
from ingest.errors import GouvernailError

MANIFEST_VERSION = 2  # v2: chunks carry injection flags
KEPT_REVISIONS = 20  # older manifest rows are pruned at each commit
LEGACY_FILE = "manifest.json"
log = logging.getLogger("gouvernail.ingest")


class ChunkRef(BaseModel):
    id: str
    content_hash: str


class FileEntry(BaseModel):
    sha256: str
    size: int
    title: str
    chunks: list[ChunkRef]


class Manifest(BaseModel):
    version: int = MANIFEST_VERSION
    embedding_model: str
    chunking: str = ""
    store: str
    collection: str
    generation: int = 0
    revision: int = 0  # the row this manifest was read from (0 before its commit)
    files: dict[str, FileEntry] = Field(default_factory=dict)

    def live_ids(self) -> set[str]:
        return {c.id for entry in self.files.values() for c in entry.chunks}

    def ids_by_content_hash(self) -> dict[str, str]:
        """One live chunk id per content hash: where a vector can be reused from."""
        return {c.content_hash: c.id for entry in self.files.values() for c in entry.chunks}

    def same_content(self, other: Manifest | None) -> bool:
        """True when ``other`` serves exactly what this one does (the revision aside)."""
        return other is not None and self.model_dump(exclude={"revision"}) == other.model_dump(
            exclude={"revision"}
        )


class ManifestError(GouvernailError):
    """A stored manifest cannot be read."""


class IndexManifestRow(Base):
    """One committed manifest; the highest revision is the one served."""

    __tablename__ = "index_manifests"

    revision: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    format_version: Mapped[int]
    generation: Mapped[int]
    collection: Mapped[str] = mapped_column(String(200))
    embedding_model: Mapped[str] = mapped_column(Text)
    chunking: Mapped[str] = mapped_column(String(200))
    store: Mapped[str] = mapped_column(Text)
    files: Mapped[dict[str, Any]] = mapped_column(JSON)


class ManifestStore:
    """Reads and commits manifests in the state database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def latest_revision(self) -> int | None:
        """The revision served now (one indexed lookup: what replicas poll)."""
        with Session(self.engine) as session:
            return session.scalar(select(func.max(IndexManifestRow.revision)))

    def load(self) -> Manifest | None:
        """The manifest served now, or ``None`` when nothing was indexed yet."""
        with Session(self.engine) as session:
            row = session.scalars(
                select(IndexManifestRow).order_by(IndexManifestRow.revision.desc()).limit(1)
            ).first()
            if row is None:
                return None
            try:
                return Manifest(
                    version=row.format_version,
                    embedding_model=row.embedding_model,
                    chunking=row.chunking,
                    store=row.store,
                    collection=row.collection,
                    generation=row.generation,
                    revision=row.revision,
                    files=row.files,
                )
            except ValidationError as exc:
                raise ManifestError(
                    f"unreadable index manifest r{row.revision}: {exc}".splitlines()[0]
                ) from exc

    def commit(self, manifest: Manifest) -> Manifest:
        """Store ``manifest`` as the served one (a reindex's commit point); returns it with its revision."""
        row = IndexManifestRow(
            created_at=utcnow(),
            format_version=manifest.version,
            generation=manifest.generation,
            collection=manifest.collection,
            embedding_model=manifest.embedding_model,
            chunking=manifest.chunking,
            store=manifest.store,
            files={path: entry.model_dump() for path, entry in manifest.files.items()},
        )
        with Session(self.engine) as session, session.begin():
            session.add(row)
            session.flush()
            revision = row.revision
            session.execute(
                delete(IndexManifestRow).where(IndexManifestRow.revision <= revision - KEPT_REVISIONS)
            )
        return manifest.model_copy(update={"revision": revision})

    def import_legacy_file(self, index_dir: Path) -> Manifest | None:
        """On first use of an empty store, adopt the ``manifest.json`` an install from before wrote."""
        path = index_dir / LEGACY_FILE
        if not path.is_file() or self.latest_revision() is not None:
            return None
        try:
            manifest = Manifest.model_validate_json(path.read_text(encoding="utf-8"))
        except (ValidationError, OSError, ValueError) as exc:
            raise ManifestError(f"unreadable index manifest {path}: {exc}".splitlines()[0]) from exc
        committed = self.commit(manifest)
        with contextlib.suppress(FileNotFoundError):  # another process imported it at the same moment
            path.replace(path.with_name(f"{LEGACY_FILE}.imported"))
        log.info("imported %s into the state database as revision %d", path, committed.revision)
        return committed
