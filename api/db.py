"""SQLAlchemy tables of the API: keys, exchanges, feedback, rate-limit buckets, one-time report links."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from database.schema import Base, UtcDateTime, utcnow


class ApiKeyRow(Base):
    """An API key: only the SHA-256 of the token is stored."""

    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    role: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class ExchangeRow(Base):
    """One answered (or refused) question: masked text only, never the raw question or the key."""

    __tablename__ = "exchanges"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # the answer id
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    key_id: Mapped[str] = mapped_column(String(32), index=True)
    route: Mapped[str] = mapped_column(String(64))
    question_masked: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    citations: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    guardrails: Mapped[dict[str, Any]] = mapped_column(JSON)
    mode: Mapped[str] = mapped_column(String(16))
    abstained: Mapped[bool]
    outcome: Mapped[str] = mapped_column(String(16), index=True)
    latency_ms: Mapped[float]


class FeedbackRow(Base):
    """A rating of an answer, with an optional comment (PII masked)."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    exchange_id: Mapped[str] = mapped_column(ForeignKey("exchanges.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    key_id: Mapped[str] = mapped_column(String(32))
    rating: Mapped[str] = mapped_column(String(8))  # "up", "down" or "1"…"5"
    comment_masked: Mapped[str] = mapped_column(Text, default="")


class RateBucketRow(Base):
    """A key's token bucket, shared by every worker and replica: tokens left at ``updated_at`` (epoch s)."""

    __tablename__ = "rate_buckets"

    key_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    tokens: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[float] = mapped_column(Float)


class OneTimeLinkRow(Base):
    """A one-time report link (its SHA-256 only), redeemable on any replica until it expires."""

    __tablename__ = "one_time_links"

    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
