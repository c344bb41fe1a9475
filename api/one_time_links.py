"""Short-lived single-use tokens: a page can frame a keyed document without putting the key in a URL.

Kept in the state database (SHA-256 only), so a link issued by one worker or replica opens on another.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from api.db import OneTimeLinkRow
from database.schema import utcnow


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class OneTimeLinks:
    """Tokens valid once, for ``ttl_s`` seconds; at most ``capacity`` outstanding (the oldest go first)."""

    def __init__(self, engine: Engine, ttl_s: float = 60.0, capacity: int = 256) -> None:
        self.engine = engine
        self.ttl_s = ttl_s
        self._capacity = capacity

    def issue(self) -> str:
        token = secrets.token_urlsafe(24)
        now = utcnow()
        with Session(self.engine) as session, session.begin():
            session.execute(delete(OneTimeLinkRow).where(OneTimeLinkRow.expires_at <= now))
            session.add(
                OneTimeLinkRow(token_sha256=_digest(token), expires_at=now + timedelta(seconds=self.ttl_s))
            )
            session.flush()
            newest = (
                select(OneTimeLinkRow.token_sha256)
                .order_by(OneTimeLinkRow.expires_at.desc())
                .limit(self._capacity)
            )
            session.execute(
                delete(OneTimeLinkRow).where(OneTimeLinkRow.token_sha256.not_in(newest.scalar_subquery()))
            )
        return token

    def redeem(self, token: str) -> bool:
        """True once for a live token, then never again (on any replica)."""
        with Session(self.engine) as session, session.begin():
            redeemed = session.execute(
                delete(OneTimeLinkRow)
                .where(OneTimeLinkRow.token_sha256 == _digest(token))
                .where(OneTimeLinkRow.expires_at > utcnow())
            )
            return bool(getattr(redeemed, "rowcount", 0))
