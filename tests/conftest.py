"""Shared fixtures: offline environment, a network guard, the real embedding model, a small corpus."""

from __future__ import annotations

import ipaddress
import shutil
import socket
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ingest.runtime_env import configure_runtime_env
from ingest.settings import Settings

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
FIXTURE_FILES = (
    "catalogue/fiche-01-charte-ethique.md",
    "catalogue/fiche-03-comite-gouvernance.md",
    "catalogue/fiche-12-cafe-ia.md",
    "catalogue/fiche-13-labs-ia.md",
    "raci/matrice-raci-projet-ia.md",
)

configure_runtime_env(REPO / "var" / "cache")


def _is_loopback(address: Any) -> bool:
    if isinstance(address, (str, bytes)):
        return True  # AF_UNIX socket path
    if not isinstance(address, tuple):
        return False
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True, scope="session")
def no_network() -> Iterator[None]:
    """Tests run with the network off: any connection beyond loopback fails loudly."""
    original = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        if not _is_loopback(address):
            raise ConnectionRefusedError(f"network disabled in tests: {address!r}")
        return original(self, address)

    socket.socket.connect = guarded  # type: ignore[method-assign]
    yield
    socket.socket.connect = original  # type: ignore[method-assign]


@pytest.fixture
def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def models_dir() -> Path:
    """The repository's provisioned models (``make models``); provisioned here if missing."""
    from ingest.embeddings.provision import provision_embedding_model

    settings = Settings(data_dir=REPO / "var")
    provision_embedding_model(settings)
    return settings.models_dir


@pytest.fixture(scope="session")
def embedder(models_dir: Path) -> Any:
    from ingest.embeddings.encoder import Embedder

    return Embedder(Settings().embedding_model, models_dir=models_dir)


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A small copy of the real corpus: four fiches and the RACI guide."""
    return copy_fixture_corpus(tmp_path / "corpus")


def copy_fixture_corpus(target: Path) -> Path:
    for rel in FIXTURE_FILES:
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(CORPUS / rel, target / rel)
    return target


@pytest.fixture(scope="session")
def indexed_template(tmp_path_factory: pytest.TempPathFactory, models_dir: Path, embedder: Any) -> Path:
    """A data folder indexing the fixture corpus, built once per session; tests get copies of it."""
    from ingest.indexer import Indexer

    root = tmp_path_factory.mktemp("template")
    settings = Settings(corpus_dir=copy_fixture_corpus(root / "corpus"), data_dir=root / "var")
    report = Indexer(settings, embedder).reindex()
    assert report.chunks_embedded == report.chunks_total > 0
    return settings.data_dir


def copy_index(template: Path, data_dir: Path) -> None:
    """Copy a data folder's index: its Chroma folder and its state database (manifests)."""
    shutil.copytree(template / "index", data_dir / "index")
    copy_sqlite(template / "gouvernail.db", data_dir / "gouvernail.db")


def copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite database that may be open (WAL) elsewhere."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def reset_database(url: str) -> None:
    """Drop every table of a (test) database, the migrations' version table included."""
    from sqlalchemy import MetaData, create_engine

    engine = create_engine(url)
    metadata = MetaData()
    metadata.reflect(engine)
    metadata.drop_all(engine)
    engine.dispose()


def served_manifest(settings: Settings) -> Any:
    """The manifest committed last in the settings' state database."""
    from ingest.state import open_index_state

    return open_index_state(settings).manifests.load()


@pytest.fixture
def indexed(make_settings: Callable[..., Settings], indexed_template: Path) -> Settings:
    """Settings whose index already holds the fixture corpus (a private copy)."""
    settings = make_settings()
    copy_index(indexed_template, settings.data_dir)
    return settings


@pytest.fixture
def make_settings(tmp_path: Path, corpus_dir: Path, models_dir: Path) -> Callable[..., Settings]:
    """Settings for an index in ``tmp_path`` over ``corpus_dir``, using the shared models."""

    def build(**overrides: Any) -> Settings:
        data_dir = tmp_path / "var"
        (data_dir / "models").parent.mkdir(parents=True, exist_ok=True)
        if not (data_dir / "models").exists():
            (data_dir / "models").symlink_to(models_dir, target_is_directory=True)
        values: dict[str, Any] = {"corpus_dir": corpus_dir, "data_dir": data_dir} | overrides
        return Settings(**values)

    return build
