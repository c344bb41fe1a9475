"""Chroma access: embedded ``PersistentClient`` by default, ``HttpClient`` when a server URL is set."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.config import Settings as ChromaSettings

from ingest.embeddings.encoder import Embedder
from ingest.errors import GouvernailError
from ingest.settings import Settings


class StoreUnavailableError(GouvernailError):
    """The vector store cannot be reached or is misconfigured."""


def create_client(settings: Settings) -> ClientAPI:
    """The Chroma client the settings select (telemetry off)."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    match settings.chroma_url:
        case None | "":
            path = settings.index_dir / "chroma"
            path.mkdir(parents=True, exist_ok=True)
            return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
        case url:
            parsed = urlparse(url)
            if parsed.scheme not in {"http", "https"} or not parsed.hostname:
                raise StoreUnavailableError(
                    f"GOUVERNAIL_CHROMA_URL must look like http://host:port, got {url!r}"
                )
            try:
                return chromadb.HttpClient(
                    host=parsed.hostname,
                    port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                    ssl=parsed.scheme == "https",
                    settings=chroma_settings,
                )
            except Exception as exc:  # chromadb raises bare ValueError/ConnectionError variants
                raise StoreUnavailableError(f"cannot reach the Chroma server at {url}: {exc}") from exc


def store_locator(settings: Settings) -> str:
    """Which store an index lives in (an embedded store moves with its folder); a switch means a rebuild."""
    return settings.chroma_url or "local"


class ChromaEmbeddingFunction(EmbeddingFunction[Documents]):
    """Our embedder as a Chroma embedding function (passage prefix for documents, query prefix else)."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def __call__(self, input: Documents) -> Embeddings:
        return self.embedder.embed_passages(list(input))  # type: ignore[return-value]

    def embed_query(self, input: Documents) -> Embeddings:
        return [self.embedder.embed_query(text) for text in input]  # type: ignore[misc]

    @staticmethod
    def name() -> str:
        return "gouvernail-sentence-transformer"

    def get_config(self) -> dict[str, Any]:
        return {"model": self.embedder.model, "location": self.embedder.location}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> ChromaEmbeddingFunction:
        return ChromaEmbeddingFunction(Embedder(config["location"], models_dir=Path()))

    def default_space(self) -> Any:
        return "cosine"


def units_collection(chunks_collection: str) -> str:
    """The collection holding the answer-unit vectors of a chunk collection's generation."""
    return f"{chunks_collection}-units"


def open_collection(client: ClientAPI, name: str, embedder: Embedder) -> Collection:
    """Get or create the chunk collection, cosine space, with our embedding function attached."""
    return client.get_or_create_collection(
        name=name,
        embedding_function=ChromaEmbeddingFunction(embedder),  # type: ignore[arg-type]
        configuration={"hnsw": {"space": "cosine"}},
    )
