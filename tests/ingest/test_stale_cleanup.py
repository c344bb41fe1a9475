"""Stale chunks outlive no reader: a reindex deletes them only once every live replica serves it."""

from __future__ import annotations

import time

from ingest.indexer import Indexer
from ingest.replicas import ReplicaRegistry
from ingest.state import open_index_state
from ingest.store import create_client

FICHE_1 = "catalogue/fiche-01-charte-ethique.md"


def stored_ids(settings) -> set[str]:
    manifest = open_index_state(settings).manifests.load()
    return set(create_client(settings).get_collection(manifest.collection).get(include=[])["ids"])


def test_registry_counts_only_live_replicas_behind(make_settings) -> None:
    state = open_index_state(make_settings())
    registry = ReplicaRegistry(state.engine, stale_after_s=0.5)
    registry.beat("a", 3)
    registry.beat("b", 4)
    registry.beat("a", 2)  # a heartbeat replaces the last one
    assert registry.lagging(4) == {"a": 2}
    registry.leave("a")
    assert registry.lagging(4) == {}
    registry.beat("c", 1)
    time.sleep(0.6)
    assert registry.lagging(4) == {}  # silent too long: gone


def test_cleanup_waits_for_a_lagging_replica(indexed, embedder, corpus_dir) -> None:
    settings = indexed.model_copy(update={"cleanup_wait_s": 0.5, "replica_stale_after_s": 60.0})
    state = open_index_state(settings)
    before = state.manifests.load()
    assert before is not None
    old_ids = {c.id for c in before.files[FICHE_1].chunks}
    registry = ReplicaRegistry(state.engine, settings.replica_stale_after_s)
    registry.beat("slow-replica", before.revision)
    path = corpus_dir / FICHE_1
    path.write_text(path.read_text(encoding="utf-8").replace("IA", "I.A."), encoding="utf-8")
    warnings: list[str] = []

    Indexer(settings, embedder, warn=warnings.append).reindex()
    after = state.manifests.load()
    assert after is not None and after.revision == before.revision + 1
    assert old_ids - after.live_ids() <= stored_ids(settings)  # the old revision's chunks are still there
    assert any("slow-replica" in w for w in warnings)

    registry.beat("slow-replica", after.revision)  # it caught up: the next reindex cleans up
    Indexer(settings, embedder).reindex()
    assert stored_ids(settings) == after.live_ids()
