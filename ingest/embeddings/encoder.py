"""Sentence-transformers embedder with query/passage prefixes, loaded lazily in float32 once per process."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.errors import GouvernailError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

ProgressCallback = Callable[[int, int], None]


class EmbeddingModelMissingError(GouvernailError):
    """The configured model is neither a local folder nor provisioned; the message says what to run."""


def model_slug(model: str) -> str:
    """Folder name of a provisioned hub model inside the models folder."""
    return model.replace("/", "__")


def resolve_model_location(model: str, models_dir: Path) -> str:
    """A local folder for ``model`` (given path, else provisioned copy), or the hub id itself."""
    if Path(model).is_dir():
        return str(Path(model).resolve())
    provisioned = models_dir / model_slug(model)
    if (provisioned / "modules.json").is_file():
        return str(provisioned.resolve())
    return model


def default_prefixes(model: str) -> tuple[str, str]:
    """(query, passage) prefixes: the e5 family needs them, other models get none."""
    return ("query: ", "passage: ") if "e5" in Path(model).name.lower() else ("", "")


@functools.cache
def _load(location: str) -> SentenceTransformer:
    import torch
    from sentence_transformers import SentenceTransformer

    try:
        return SentenceTransformer(location, device="cpu", model_kwargs={"dtype": torch.float32})
    except OSError as exc:
        raise EmbeddingModelMissingError(
            f"embedding model {location!r} is not available locally; run `gouvernail models` "
            "(or set GOUVERNAIL_EMBEDDING_MODEL to a local folder)"
        ) from exc


class Embedder:
    """Embeds passages and queries; counts the passages it embedded (the cost of a reindex)."""

    def __init__(self, model: str, *, models_dir: Path, batch_size: int = 32) -> None:
        self.model = model
        self.location = resolve_model_location(model, models_dir)
        self.query_prefix, self.passage_prefix = default_prefixes(model)
        self.batch_size = batch_size
        self.passages_embedded = 0
        # a question is embedded by the injection classifier, then by retrieval: once is enough. Kept
        # small on purpose: it spans the answers in flight, it is not a cache of past questions.
        self._query_vector = functools.lru_cache(maxsize=8)(self._encode_query)

    @property
    def identity(self) -> str:
        """What the index depends on: a change here means every vector must be recomputed."""
        return f"{self.model}|{self.query_prefix}|{self.passage_prefix}"

    def embed_passages(
        self, texts: Sequence[str], progress: ProgressCallback | None = None
    ) -> list[list[float]]:
        """Normalised passage vectors, in batches; ``progress(done, total)`` after each batch."""
        vectors: list[list[float]] = []
        for i in range(0, len(texts), self.batch_size):
            batch = [self.passage_prefix + t for t in texts[i : i + self.batch_size]]
            vectors.extend(self._encode(batch))
            self.passages_embedded += len(batch)
            if progress:
                progress(len(vectors), len(texts))
        return vectors

    def embed_query(self, text: str) -> list[float]:
        """Normalised query vector (the last few are remembered)."""
        return list(self._query_vector(text))

    def _encode_query(self, text: str) -> tuple[float, ...]:
        return tuple(self._encode([self.query_prefix + text])[0])

    def _encode(self, texts: list[str]) -> list[list[float]]:
        model = _load(self.location)
        array = model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        vectors: list[list[float]] = array.tolist()
        return vectors
