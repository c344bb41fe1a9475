"""Learned linear maps that move a question's vector toward what answers it: the passages
(``query_adapter.npz``, fitted by ``python -m eval.fit_query_adapter``) and, among the answer units of
the retrieved passages, the lines that hold the answer (``unit_adapter.npz``, ``python -m
eval.fit_unit_adapter``).

Each is fitted on the golden and development questions of the corpus it ships with. It has learned where
this corpus's answers sit, so it applies only to the index it was fitted on: the served chunks must be
exactly those of its fingerprint. After any change to ``corpus/`` (or to the chunking or the embedding
model) the plain question vector ranks again until it is refitted.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ingest.manifest import Manifest

ADAPTER_FILE = Path(__file__).with_name("query_adapter.npz")
UNIT_ADAPTER_FILE = Path(__file__).with_name("unit_adapter.npz")
Vector = npt.NDArray[np.float32]


def corpus_fingerprint(manifest: Manifest) -> str:
    """What the served vectors are: the embedding model and every live chunk's content hash."""
    hashes = sorted(c.content_hash for entry in manifest.files.values() for c in entry.chunks)
    return hashlib.sha256("\n".join([manifest.embedding_model, *hashes]).encode()).hexdigest()


@dataclass(frozen=True)
class QueryAdapter:
    """``adapt(q) = (q + q @ matrix) / ||q + q @ matrix||`` for the index whose fingerprint it holds."""

    matrix: Vector
    fingerprint: str

    def adapt(self, vectors: Vector) -> Vector:
        """One question vector, or a row per question, moved and normalised."""
        moved: Vector = vectors + vectors @ self.matrix
        normalised: Vector = moved / np.linalg.norm(moved, axis=-1, keepdims=True)
        return normalised

    def save(self, path: Path = ADAPTER_FILE) -> None:
        np.savez_compressed(path, matrix=self.matrix.astype(np.float16), fingerprint=self.fingerprint)


@functools.cache
def load_adapter(path: Path = ADAPTER_FILE) -> QueryAdapter | None:
    """The fitted adapter (read once), or None when none was fitted."""
    if not path.exists():
        return None
    with np.load(path) as data:
        return QueryAdapter(data["matrix"].astype(np.float32), str(data["fingerprint"]))


def adapter_for(manifest: Manifest, path: Path = ADAPTER_FILE) -> QueryAdapter | None:
    """The adapter when it was fitted on exactly the chunks ``manifest`` serves, else None."""
    adapter = load_adapter(path)
    return adapter if adapter is not None and adapter.fingerprint == corpus_fingerprint(manifest) else None
