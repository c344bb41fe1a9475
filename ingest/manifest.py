"""The index manifest: which collection is live, the embedding model, and each file's hash and chunks.

The manifest is the commit point of a reindex: it is replaced atomically, and only chunks it lists
are served, so an interrupted reindex never exposes a half-built index.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from ingest.errors import GouvernailError

MANIFEST_VERSION = 2  # v2: chunks carry injection flags


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
    files: dict[str, FileEntry] = Field(default_factory=dict)

    def live_ids(self) -> set[str]:
        return {c.id for entry in self.files.values() for c in entry.chunks}

    def ids_by_content_hash(self) -> dict[str, str]:
        """One live chunk id per content hash: where a vector can be reused from."""
        return {c.content_hash: c.id for entry in self.files.values() for c in entry.chunks}


class ManifestError(GouvernailError):
    """The manifest file exists but cannot be read."""


def manifest_path(index_dir: Path) -> Path:
    return index_dir / "manifest.json"


def load_manifest(index_dir: Path) -> Manifest | None:
    """The current manifest, or ``None`` when nothing was indexed yet."""
    path = manifest_path(index_dir)
    if not path.exists():
        return None
    try:
        return Manifest.model_validate_json(path.read_text(encoding="utf-8"))
    except (ValidationError, OSError, ValueError) as exc:
        raise ManifestError(f"unreadable index manifest {path}: {exc}".splitlines()[0]) from exc


def save_manifest(index_dir: Path, manifest: Manifest) -> None:
    """Write then rename, fsynced: readers see the old or the new manifest, never a partial one."""
    index_dir.mkdir(parents=True, exist_ok=True)
    target = manifest_path(index_dir)
    fd, tmp = tempfile.mkstemp(dir=index_dir, prefix=".manifest-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(manifest.model_dump(), handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
