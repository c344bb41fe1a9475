"""The index's share of the state database: committed manifests and the replicas serving them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from database.engine import make_engine
from ingest.manifest import ManifestStore
from ingest.replicas import ReplicaRegistry
from ingest.settings import Settings


@dataclass(frozen=True)
class IndexState:
    engine: Engine
    manifests: ManifestStore
    replicas: ReplicaRegistry


def open_index_state(settings: Settings, engine: Engine | None = None) -> IndexState:
    """The index state in the configured database (an install's ``manifest.json`` imported on first use)."""
    engine = engine or make_engine(settings.state_database_url)
    manifests = ManifestStore(engine)
    manifests.import_legacy_file(settings.index_dir)
    return IndexState(engine, manifests, ReplicaRegistry(engine, settings.replica_stale_after_s))
