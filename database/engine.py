"""Engines for the configured URL, brought to the newest schema by Alembic before first use.

A database created before migrations existed (tables from ``create_all``, no ``alembic_version``) is
stamped at the first revision, which is exactly that schema, then upgraded: nothing is recreated.
Concurrent starts (several workers, several replicas) migrate one at a time: a file lock beside a SQLite
file, a transaction-scoped advisory lock on PostgreSQL.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from filelock import FileLock
from sqlalchemy import Connection, Engine, create_engine, event, inspect, make_url, text

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
BASELINE_REVISION = "0001"  # the schema of the audit tables before migrations: api_keys, exchanges, feedback


def advisory_key(name: str) -> int:
    """A signed 64-bit PostgreSQL advisory-lock key for ``name``."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def make_engine(url: str) -> Engine:
    """An engine on the newest schema; SQLite gets foreign keys on, WAL and cross-thread connections."""
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        if database and database != ":memory:":
            with FileLock(f"{database}.migrate.lock"):
                _migrate(engine)
        else:
            _migrate(engine)
    else:
        engine = create_engine(url, pool_pre_ping=True)
        _migrate(engine)
    return engine


def _migrate(engine: Engine) -> None:
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": advisory_key("migrate")})
        if _current_revision(connection) == head_revision():
            return
        config = _config(connection)
        tables = set(inspect(connection).get_table_names())
        if "alembic_version" not in tables and "api_keys" in tables:
            command.stamp(config, BASELINE_REVISION)
        command.upgrade(config, "head")


def _current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


@cache
def head_revision() -> str | None:
    return ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()
