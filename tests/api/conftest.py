"""The API under a real uvicorn on 127.0.0.1 (a thread of the test process), over a copied real index."""

from __future__ import annotations

import functools
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from api.app import create_app
from api.keys import KeyStore
from api.server import server_options
from assistant.factory import build_assistant
from assistant.service import Assistant
from database.engine import make_engine
from ingest.manifest import ManifestStore
from ingest.settings import Settings
from tests.browser import browser  # noqa: F401  (the Chromium fixture of the browser tests)
from tests.conftest import CORPUS, copy_fixture_corpus, copy_index, copy_sqlite
from tests.servers import serve_in_thread

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "assistant"))  # openai_stub

ROLES = ("staff", "dpo", "admin")
PROMPTS = ("p01", "p06", "p11", "p13", "p19", "p33")  # a few entries of the prompt library


@dataclass
class RunningApi:
    url: str
    settings: Settings
    keys: dict[str, str]  # role -> token, plus "revoked"

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[who]}"}


@pytest.fixture(scope="session")
def api_data(tmp_path_factory: pytest.TempPathFactory, indexed_template: Path, models_dir: Path, embedder):
    """A data folder whose index holds the fixture corpus plus a few prompts (built once)."""
    from ingest.indexer import Indexer

    root = tmp_path_factory.mktemp("api")
    corpus = copy_fixture_corpus(root / "corpus")
    (corpus / "prompts").mkdir()
    for path in (CORPUS / "prompts").glob("*.md"):
        if path.name.startswith(PROMPTS):
            shutil.copy2(path, corpus / "prompts" / path.name)
    data = root / "var"
    copy_index(indexed_template, data)
    (data / "models").symlink_to(models_dir, target_is_directory=True)
    settings = Settings(corpus_dir=corpus, data_dir=data, eval_runs_dir=root / "runs")
    report = Indexer(settings, embedder).reindex()
    assert len(report.added) == len(PROMPTS) and not report.skipped
    store_small_eval_run(settings, embedder)
    return root


def store_small_eval_run(settings: Settings, embedder: Any) -> None:
    """One stored evaluation run (three golden questions, no guardrail sets) for the report route."""
    from eval.runner import EvalOptions, run_eval
    from eval.store import open_run_store

    options = EvalOptions(ids=("g001", "g002", "g003"), guardrails=False, judge=False)
    open_run_store(settings).save(run_eval(settings, options, assistant=build_assistant(settings, embedder)))


def copy_api_data(api_data: Path, target: Path) -> Settings:
    """A private copy of ``api_data`` (for tests that change the corpus or the index)."""
    shutil.copytree(api_data / "corpus", target / "corpus")
    shutil.copytree(
        api_data / "var", target / "var", symlinks=True, ignore=shutil.ignore_patterns("gouvernail.db*")
    )
    copy_sqlite(api_data / "var" / "gouvernail.db", target / "var" / "gouvernail.db")
    return Settings(corpus_dir=target / "corpus", data_dir=target / "var", eval_runs_dir=api_data / "runs")


@pytest.fixture(scope="session")
def assistant_factory(embedder) -> Callable[[Settings], Assistant]:
    """``build_assistant`` reusing the session's embedder (a server starts in a second)."""
    return functools.partial(build_assistant, embedder=embedder)


def seed_index(source: Settings, database_url: str) -> None:
    """Commit the manifest ``source`` serves into another (empty) state database: the same index."""
    manifest = ManifestStore(make_engine(source.state_database_url)).load()
    assert manifest is not None
    ManifestStore(make_engine(database_url)).commit(manifest)


def create_keys(settings: Settings) -> dict[str, str]:
    store = KeyStore(make_engine(settings.state_database_url))
    keys = {role: store.create(role, f"test {role}")[1] for role in ROLES}
    revoked, keys["revoked"] = store.create("admin", "revoked")
    store.revoke(revoked.id)
    return keys


@contextmanager
def serve_api(settings: Settings, factory: Callable[[Settings], Assistant]) -> Iterator[RunningApi]:
    """Run the app under uvicorn on a free loopback port until the block ends."""
    app = create_app(settings, factory)
    options = server_options(settings) | {"loop": "asyncio"}
    with serve_in_thread(
        app, "api", 120, lifespan="on", log_config=None, log_level="info", **options
    ) as port:
        yield RunningApi(f"http://127.0.0.1:{port}", settings, create_keys(settings))


@pytest.fixture(scope="session")
def api(api_data: Path, assistant_factory) -> Iterator[RunningApi]:
    """The main server: the shared index, a SQLite audit log, a rate limit tests never reach."""
    settings = Settings(
        corpus_dir=api_data / "corpus",
        data_dir=api_data / "var",
        eval_runs_dir=api_data / "runs",
        rate_limit_per_minute=100000,
    )
    with serve_api(settings, assistant_factory) as running:
        yield running


@pytest.fixture
def start_api(api_data: Path, assistant_factory, tmp_path: Path) -> Iterator[Callable[..., RunningApi]]:
    """Start extra servers over the shared index with other settings (own state database, seeded with the
    shared index's manifest); stopped after."""
    with_stack: list[Any] = []
    shared = Settings(corpus_dir=api_data / "corpus", data_dir=api_data / "var")

    def start(
        factory: Callable[[Settings], Assistant] | None = None, index: bool = True, **overrides: Any
    ) -> RunningApi:
        values: dict[str, Any] = {
            "corpus_dir": api_data / "corpus",
            "data_dir": api_data / "var",
            "database_url": f"sqlite:///{tmp_path / f'audit{len(with_stack)}.db'}",
            "eval_runs_dir": tmp_path / f"runs{len(with_stack)}",  # not the repository's own runs
        } | overrides
        settings = Settings(**values)
        if index:
            seed_index(shared, settings.state_database_url)
        context = serve_api(settings, factory or assistant_factory)
        with_stack.append(context)
        return context.__enter__()

    yield start
    for context in reversed(with_stack):
        context.__exit__(None, None, None)
