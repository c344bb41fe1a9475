"""One reindex at a time: a PostgreSQL advisory lock when the state database is shared, else a file lock.

The advisory lock belongs to a database session: a replica killed mid-reindex loses it with its
connection, so a later reindex on any replica goes ahead.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import Engine, text

from database.engine import advisory_key
from ingest.errors import GouvernailError


class ReindexBusyError(GouvernailError):
    """Another reindex holds the lock longer than the configured timeout."""


@contextmanager
def reindex_lock(engine: Engine, lock_dir: Path, name: str, timeout_s: float) -> Iterator[None]:
    """Hold the reindex lock ``name`` for the block; ``ReindexBusyError`` after ``timeout_s``."""
    if engine.dialect.name == "postgresql":
        with _advisory_lock(engine, name, timeout_s):
            yield
        return
    lock_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_dir / "reindex.lock"))
    try:
        lock.acquire(timeout=timeout_s)
    except Timeout as exc:
        raise ReindexBusyError(
            f"another reindex is running (lock {lock.lock_file} held for {timeout_s:.0f} s)"
        ) from exc
    try:
        yield
    finally:
        lock.release()


@contextmanager
def _advisory_lock(engine: Engine, name: str, timeout_s: float) -> Iterator[None]:
    key = advisory_key(f"reindex:{name}")
    deadline = time.monotonic() + timeout_s
    with engine.connect() as connection:
        while not connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar():
            connection.rollback()
            if time.monotonic() >= deadline:
                raise ReindexBusyError(
                    f"another reindex is running (database lock {name!r} held for {timeout_s:.0f} s)"
                )
            time.sleep(0.25)
        connection.commit()
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
            connection.commit()
