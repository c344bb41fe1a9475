"""Which manifest revision each serving process (worker or replica) serves, by heartbeat.

Stale chunks of a superseded revision are deleted only once every live replica serves the new one, so
a replica that has not switched yet never asks for a chunk that is gone.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from sqlalchemy import Engine, Integer, String, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from database.schema import Base, UtcDateTime, utcnow


class IndexReplicaRow(Base):
    """A serving process, the revision it serves, and when it last said so."""

    __tablename__ = "index_replicas"

    replica_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    seen_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ReplicaRegistry:
    """Heartbeats of serving processes; one silent for ``stale_after_s`` counts as gone."""

    def __init__(self, engine: Engine, stale_after_s: float) -> None:
        self.engine = engine
        self.stale_after_s = stale_after_s

    def beat(self, replica_id: str, revision: int) -> None:
        """Record that ``replica_id`` serves ``revision`` now."""
        values = {"revision": revision, "seen_at": utcnow()}
        with Session(self.engine) as session, session.begin():
            changed = session.execute(
                update(IndexReplicaRow).where(IndexReplicaRow.replica_id == replica_id).values(**values)
            )
            if getattr(changed, "rowcount", 0):
                return
        try:
            with Session(self.engine) as session, session.begin():
                session.add(IndexReplicaRow(replica_id=replica_id, **values))
        except IntegrityError:  # inserted meanwhile by a concurrent beat of the same process
            self.beat(replica_id, revision)

    def leave(self, replica_id: str) -> None:
        with Session(self.engine) as session, session.begin():
            session.execute(delete(IndexReplicaRow).where(IndexReplicaRow.replica_id == replica_id))

    def lagging(self, revision: int) -> dict[str, int]:
        """Live replicas still serving a revision older than ``revision``: id -> revision served."""
        fresh = utcnow() - timedelta(seconds=self.stale_after_s)
        with Session(self.engine) as session:
            rows = session.execute(
                select(IndexReplicaRow.replica_id, IndexReplicaRow.revision)
                .where(IndexReplicaRow.seen_at >= fresh)
                .where(IndexReplicaRow.revision < revision)
            ).all()
            session.execute(
                delete(IndexReplicaRow).where(IndexReplicaRow.seen_at < fresh - timedelta(hours=1))
            )
            session.commit()
        return {replica_id: served for replica_id, served in rows}

    def wait_until_served(self, revision: int, timeout_s: float, poll_s: float = 0.2) -> dict[str, int]:
        """Wait until no live replica serves an older revision; returns those still lagging at the end."""
        deadline = time.monotonic() + timeout_s
        while (lagging := self.lagging(revision)) and time.monotonic() < deadline:
            time.sleep(poll_s)
        return lagging
