"""The scale-out topology on loopback: one `chroma run`, one PostgreSQL, two `gouvernail serve` replicas
with their own data and corpus folders (no shared disk); replica B runs two workers.

Runs wherever PostgreSQL is (``GOUVERNAIL_TEST_DATABASE_URL``, set by ``.ci/run``); skipped without it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import chromadb
import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from api.audit_store import AuditStore
from api.keys import KeyStore
from database.engine import make_engine
from ingest.manifest import IndexManifestRow, ManifestStore
from ingest.store import units_collection
from tests.conftest import REPO, copy_fixture_corpus, reset_database
from tests.servers import chroma_server

pytestmark = pytest.mark.slow
GOUVERNAIL = str(Path(sys.executable).with_name("gouvernail"))
RATE_LIMIT = 10  # per minute: a token every 6 s, so 100 requests in a burst get exactly 10 through
NOTE = "# Note\n\n## Zythologie\n\nLa zythologie, étude des bières, n'est pas un sujet du comité IA.\n"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Replica:
    name: str
    root: Path
    env: dict[str, str]
    workers: int = 1
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def corpus(self) -> Path:
        return self.root / "corpus"

    def start(self) -> None:
        log = (self.root / "serve.log").open("ab")
        command = [GOUVERNAIL, "serve", "--port", str(self.port), "--workers", str(self.workers)]
        self.process = subprocess.Popen(command, env=self.env, stdout=log, stderr=subprocess.STDOUT, cwd=REPO)

    def wait_ready(self, timeout_s: float = 240) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            assert self.process is not None and self.process.poll() is None, self.log_tail()
            try:
                if all(httpx.get(f"{self.url}/readyz", timeout=5).status_code == 200 for _ in range(4)):
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        raise AssertionError(f"replica {self.name} not ready:\n{self.log_tail()}")

    def revisions(self) -> set[int]:
        """The revisions its workers report serving (a few /readyz calls spread over them)."""
        return {httpx.get(f"{self.url}/readyz", timeout=5).json()["index_revision"] for _ in range(4)}

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log_tail(self) -> str:
        return (self.root / "serve.log").read_text(encoding="utf-8", errors="replace")[-3000:]


@dataclass
class Topology:
    database_url: str
    chroma_url: str
    a: Replica
    b: Replica
    keys: dict[str, str]

    def new_key(self, role: str) -> str:
        return KeyStore(make_engine(self.database_url)).create(role, f"topology {role}")[1]

    def served_manifest(self) -> Any:
        return ManifestStore(make_engine(self.database_url)).load()


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="module")
def topology(tmp_path_factory: pytest.TempPathFactory, models_dir: Path) -> Iterator[Topology]:
    database_url = os.environ.get("GOUVERNAIL_TEST_DATABASE_URL")
    if not database_url:
        if os.environ.get("CI"):
            pytest.fail("GOUVERNAIL_TEST_DATABASE_URL must be set in CI (.ci/run starts PostgreSQL)")
        pytest.skip("PostgreSQL not available: GOUVERNAIL_TEST_DATABASE_URL is not set (.ci/run sets it)")
    reset_database(database_url)
    root = tmp_path_factory.mktemp("replicas")
    with chroma_server(root / "chroma", free_port()) as chroma_url:
        replicas = []
        for name, workers in (("a", 1), ("b", 2)):
            home = root / name
            copy_fixture_corpus(home / "corpus")
            (home / "var").mkdir(parents=True)
            (home / "var" / "models").symlink_to(models_dir, target_is_directory=True)
            env = os.environ | {
                "GOUVERNAIL_DATA_DIR": str(home / "var"),
                "GOUVERNAIL_CORPUS_DIR": str(home / "corpus"),
                "GOUVERNAIL_EVAL_RUNS_DIR": str(home / "runs"),
                "GOUVERNAIL_DATABASE_URL": database_url,
                "GOUVERNAIL_CHROMA_URL": chroma_url,
                "GOUVERNAIL_RATE_LIMIT_PER_MINUTE": str(RATE_LIMIT),
                "GOUVERNAIL_REPLICA_STALE_AFTER_S": "3",
                "PYTHONPATH": str(REPO),
            }
            replicas.append(Replica(name, home, env, workers))
        a, b = replicas
        a.env["GOUVERNAIL_EMBEDDING_BATCH_SIZE"] = "4"  # A's reindexes take long enough to be killed midway
        indexed = subprocess.run(
            [GOUVERNAIL, "reindex"], env=b.env, capture_output=True, text=True, timeout=600, cwd=REPO
        )
        assert indexed.returncode == 0, indexed.stderr
        keys = {role: KeyStore(make_engine(database_url)).create(role, role)[1] for role in ("admin", "dpo")}
        try:
            for replica in replicas:
                replica.start()
            for replica in replicas:
                replica.wait_ready()
            yield Topology(database_url, chroma_url, a, b, keys)
        finally:
            for replica in replicas:
                replica.stop()


def test_a_reindex_through_replica_a_is_served_by_b_within_5_s(topology: Topology) -> None:
    a, b = topology.a, topology.b
    before = topology.served_manifest().revision
    assert b.revisions() == {before}
    for replica in (a, b):  # the corpus is deployed to every machine
        (replica.corpus / "note.md").write_text(NOTE, encoding="utf-8")
    switched: list[datetime] = []
    stop = threading.Event()

    def watch_b() -> None:
        while not stop.is_set() and not switched:
            if b.revisions() == {before + 1}:
                switched.append(datetime.now(UTC))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch_b)
    watcher.start()
    try:
        response = httpx.post(f"{a.url}/v1/admin/reindex", headers=auth(topology.keys["admin"]), timeout=300)
        assert response.status_code == 200 and response.json()["added"] == 1, response.text
        watcher.join(timeout=10)
    finally:
        stop.set()
    with Session(make_engine(topology.database_url)) as session:
        committed_at = session.scalar(
            select(IndexManifestRow.created_at).where(IndexManifestRow.revision == before + 1)
        )
    assert switched and committed_at is not None, "B never served the new revision"
    delay = (switched[0] - committed_at).total_seconds()
    print(f"replica B served revision {before + 1} {delay:.2f} s after A committed it")
    assert delay < 5
    new_chunk = topology.served_manifest().files["note.md"].chunks[0].id
    staff = topology.new_key("staff")
    for _ in range(4):  # B's workers serve the new chunk, their BM25 side rebuilt from the store
        passage = httpx.get(f"{b.url}/v1/passages/{new_chunk}", headers=auth(staff), timeout=30)
        assert passage.status_code == 200 and "zythologie" in passage.text


def test_one_key_gets_exactly_its_limit_across_both_replicas(topology: Topology) -> None:
    token = topology.new_key("staff")
    urls = [topology.a.url, topology.b.url] * 50
    with httpx.Client(timeout=30) as client, ThreadPoolExecutor(max_workers=32) as pool:
        statuses = list(
            pool.map(lambda url: client.get(f"{url}/v1/me", headers=auth(token)).status_code, urls)
        )
    assert statuses.count(200) == RATE_LIMIT and statuses.count(429) == 100 - RATE_LIMIT


def test_audit_rows_from_both_replicas_are_in_the_one_database(topology: Topology) -> None:
    token = topology.new_key("staff")
    ids = []
    for replica in (topology.a, topology.b):
        answer = httpx.post(
            f"{replica.url}/v1/ask",
            json={"question": "Qui valide la charte éthique ?"},
            headers=auth(token),
            timeout=120,
        ).raise_for_status()
        ids.append(answer.json()["id"])
    _, rows = AuditStore(make_engine(topology.database_url)).exchanges(limit=200)
    assert set(ids) <= {row["id"] for row in rows} and len(set(ids)) == 2


def test_an_evaluation_run_started_on_a_is_the_report_b_serves(topology: Topology) -> None:
    run = subprocess.run(
        [GOUVERNAIL, "eval", "--ids", "g001", "--no-guardrails", "--no-judge"],
        env=topology.a.env,
        capture_output=True,
        text=True,
        timeout=900,
        cwd=REPO,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    run_id = next(line.split()[1] for line in run.stdout.splitlines() if line.startswith("run "))
    report = httpx.get(
        f"{topology.b.url}/v1/reports/latest",
        params={"format": "md"},
        headers=auth(topology.keys["dpo"]),
        timeout=60,
    )
    assert report.status_code == 200 and f"`{run_id}`" in report.text


def test_killing_a_mid_reindex_leaves_b_serving_and_a_later_reindex_completes(topology: Topology) -> None:
    a, b = topology.a, topology.b
    served = topology.served_manifest()
    chroma = chromadb.HttpClient(host="127.0.0.1", port=int(topology.chroma_url.rsplit(":", 1)[1]))
    rebuilding = f"gouvernail-g{served.generation + 1}"

    def full_reindex() -> None:
        admin = auth(topology.keys["admin"])
        with contextlib.suppress(httpx.TransportError):  # killed under it
            httpx.post(f"{a.url}/v1/admin/reindex", params={"full": "true"}, headers=admin, timeout=300)

    thread = threading.Thread(target=full_reindex)
    thread.start()
    deadline = time.monotonic() + 120
    while not any(c.name == rebuilding and c.count() > 0 for c in chroma.list_collections()):
        assert time.monotonic() < deadline, "A's full reindex never started writing"
        time.sleep(0.05)
    assert a.process is not None
    a.process.send_signal(signal.SIGKILL)
    a.process.wait(timeout=30)
    thread.join(timeout=30)

    with make_engine(topology.database_url).connect() as connection:
        held = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
        assert connection.execute(text(held)).scalar() == 0  # the lock died with A's connection
    assert topology.served_manifest().revision == served.revision
    assert b.revisions() == {served.revision}
    staff = topology.new_key("staff")
    chunk = next(iter(served.live_ids()))
    assert httpx.get(f"{b.url}/v1/passages/{chunk}", headers=auth(staff), timeout=30).status_code == 200

    with (b.corpus / "note.md").open("a", encoding="utf-8") as note:
        note.write("\nLes brasseries ne relèvent pas de la charte.\n")
    response = httpx.post(f"{b.url}/v1/admin/reindex", headers=auth(topology.keys["admin"]), timeout=300)
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["updated"] + report["added"] == 1, report  # added when run alone (-k), else updated
    assert topology.served_manifest().revision == served.revision + 1
    names = {c.name for c in chroma.list_collections()}
    live = {served.collection, units_collection(served.collection)}  # the chunks and their answer units
    assert names == live, "the killed rebuild's collections are cleaned up"
