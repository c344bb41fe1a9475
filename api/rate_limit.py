"""Per-key token buckets in the state database, shared by every worker and replica: ``rate`` requests
per minute, bursts up to ``rate``.

Taking a token is one conditional UPDATE (refill, then spend if at least one token is there), atomic on
SQLite and PostgreSQL alike, so concurrent requests on any replica never spend the same token twice.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from sqlalchemy import Engine, case, literal, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.db import RateBucketRow


class RateLimiter:
    """``take(key)`` spends one token, or returns how many seconds until one is available."""

    def __init__(self, engine: Engine, per_minute: int, clock: Callable[[], float] = time.time) -> None:
        self.engine = engine
        self.capacity = float(per_minute)
        self.refill_per_s = per_minute / 60.0
        self.clock = clock

    def take(self, key: str) -> int | None:
        """``None`` when the request may go on, else the ``Retry-After`` seconds (at least 1)."""
        now = self.clock()
        later = RateBucketRow.updated_at < now  # replicas' clocks may differ a little: time never runs back
        elapsed = case((later, literal(now) - RateBucketRow.updated_at), else_=literal(0.0))
        refilled = RateBucketRow.tokens + elapsed * self.refill_per_s
        available = case((refilled > self.capacity, literal(self.capacity)), else_=refilled)
        with Session(self.engine) as session, session.begin():
            spent = session.execute(
                update(RateBucketRow)
                .where(RateBucketRow.key_id == key, available >= 1)
                .values(
                    tokens=available - 1,
                    updated_at=case((later, literal(now)), else_=RateBucketRow.updated_at),
                )
            )
            if getattr(spent, "rowcount", 0):
                return None
            tokens: float | None = session.scalar(select(available).where(RateBucketRow.key_id == key))
        if tokens is None:
            return self._first(key, now)
        return max(1, math.ceil((1 - tokens) / self.refill_per_s))

    def _first(self, key: str, now: float) -> int | None:
        """A key's first request: a full bucket less one token."""
        try:
            with Session(self.engine) as session, session.begin():
                session.add(RateBucketRow(key_id=key, tokens=self.capacity - 1, updated_at=now))
        except IntegrityError:  # another request created the bucket at the same moment
            return self.take(key)
        return None
