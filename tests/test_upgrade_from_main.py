"""Upgrading a data folder written by main before the state database: index, audit and runs all kept."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sqlalchemy import inspect, text

from api.audit_store import AuditStore
from api.keys import KeyStore
from database.engine import head_revision, make_engine
from eval.store import open_run_store
from ingest.hashing import file_sha256
from ingest.indexer import Indexer
from ingest.manifest import Manifest
from ingest.state import open_index_state
from ingest.store import create_client, units_collection
from tests.conftest import REPO

LEGACY = REPO / "tests" / "fixtures" / "main_var"


def legacy_copy(make_settings, indexed_template: Path, tmp_path: Path):
    settings = make_settings(eval_runs_dir=tmp_path / "runs")
    shutil.copy2(LEGACY / "gouvernail.db", settings.data_dir / "gouvernail.db")
    shutil.copytree(indexed_template / "index" / "chroma", settings.index_dir / "chroma")
    shutil.copy2(LEGACY / "index" / "manifest.json", settings.index_dir / "manifest.json")
    shutil.copytree(LEGACY / "runs", settings.eval_runs_dir)
    return settings


def test_a_data_folder_from_main_keeps_its_index_audit_rows_and_runs(
    make_settings, indexed_template, tmp_path, embedder
) -> None:
    settings = legacy_copy(make_settings, indexed_template, tmp_path)
    legacy = Manifest.model_validate_json((LEGACY / "index" / "manifest.json").read_text(encoding="utf-8"))
    for rel, entry in legacy.files.items():  # the fixture corpus is what main indexed
        assert file_sha256(settings.corpus_dir / rel) == entry.sha256, f"regenerate {LEGACY} ({rel} changed)"

    engine = make_engine(settings.state_database_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
        assert {"index_manifests", "rate_buckets", "eval_runs"} <= set(inspect(connection).get_table_names())
    total, exchanges = AuditStore(engine).exchanges()
    assert total == 1 and exchanges[0]["id"] == "legacy-answer-1"
    assert [f["rating"] for f in exchanges[0]["feedback"]] == ["up"]
    assert [key.name for key in KeyStore(engine).list()] == ["legacy staff"]

    # main's index had no answer-unit vectors: the upgrade embeds the units, never a chunk
    create_client(settings).delete_collection(units_collection(legacy.collection))
    report = Indexer(settings, embedder).reindex()
    assert report.full_rebuild is None and report.chunks_embedded == 0
    assert report.units_embedded == report.units_total > report.chunks_total
    assert sorted(report.unchanged) == sorted(legacy.files) and report.chunks_total == len(legacy.live_ids())
    served = open_index_state(settings).manifests.load()
    assert served is not None and served.revision == 1 and served.collection == legacy.collection
    assert served.live_ids() == legacy.live_ids()
    assert not (settings.index_dir / "manifest.json").exists()
    assert (settings.index_dir / "manifest.json.imported").is_file()

    legacy_run = json.loads(next((LEGACY / "runs").glob("*.json")).read_text(encoding="utf-8"))
    runs = open_run_store(settings)
    assert [h["id"] for h in runs.history()] == [legacy_run["id"]]
    assert runs.load(legacy_run["id"]) == legacy_run


def test_migrating_twice_changes_nothing(make_settings, indexed_template, tmp_path) -> None:
    settings = legacy_copy(make_settings, indexed_template, tmp_path)
    first = make_engine(settings.state_database_url)
    second = make_engine(settings.state_database_url)
    assert open_index_state(settings, first).manifests.latest_revision() == 1
    assert open_index_state(settings, second).manifests.latest_revision() == 1
    assert AuditStore(second).exchanges()[0] == 1
