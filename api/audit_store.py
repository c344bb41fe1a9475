"""The audit log: one row per exchange (masked question, answer, citations, decisions), feedback, purge."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import CursorResult, Engine, delete, func, select
from sqlalchemy.orm import Session

from api.db import ExchangeRow, FeedbackRow
from assistant.models import AskResult
from assistant.service import ABORTED
from database.schema import utcnow

Outcome = Literal["answered", "abstained", "blocked", "fallback", "aborted"]
OUTCOMES: tuple[Outcome, ...] = ("answered", "abstained", "blocked", "fallback", "aborted")


def outcome_of(result: AskResult) -> Outcome:
    if ABORTED in result.flags:
        return "aborted"
    if result.guardrails.blocked:
        return "blocked"
    if result.abstained:
        return "abstained"
    return "fallback" if result.mode == "llm_fallback" else "answered"


@dataclass(frozen=True)
class Purged:
    exchanges: int
    feedback: int


class AuditStore:
    """Writes and reads the audit tables; every text stored here was masked before it arrived."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def record(
        self, result: AskResult, *, answer_id: str, key_id: str, route: str, latency_ms: float
    ) -> None:
        row = ExchangeRow(
            id=answer_id,
            created_at=utcnow(),
            key_id=key_id,
            route=route,
            question_masked=result.question_masked,
            answer=result.answer,
            citations=[c.model_dump() for c in result.citations],
            guardrails=result.guardrails.model_dump() | {"flags": result.flags},
            mode=result.mode,
            abstained=result.abstained,
            outcome=outcome_of(result),
            latency_ms=round(latency_ms, 2),
        )
        with Session(self.engine) as session, session.begin():
            session.add(row)

    def exists(self, answer_id: str) -> bool:
        with Session(self.engine) as session:
            return session.get(ExchangeRow, answer_id) is not None

    def add_feedback(self, answer_id: str, *, key_id: str, rating: str, comment_masked: str) -> int:
        """Store a rating; returns its id."""
        row = FeedbackRow(
            exchange_id=answer_id,
            created_at=utcnow(),
            key_id=key_id,
            rating=rating,
            comment_masked=comment_masked,
        )
        with Session(self.engine) as session, session.begin():
            session.add(row)
            session.flush()
            return row.id

    def exchanges(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        outcome: Outcome | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[int, list[dict[str, Any]]]:
        """The total matching and one page of exchanges, newest first."""
        query = select(ExchangeRow)
        if since is not None:
            query = query.where(ExchangeRow.created_at >= since)
        if until is not None:
            query = query.where(ExchangeRow.created_at < until)
        if outcome is not None:
            query = query.where(ExchangeRow.outcome == outcome)
        with Session(self.engine) as session:
            total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
            page = query.order_by(ExchangeRow.created_at.desc(), ExchangeRow.id).limit(limit).offset(offset)
            items = [_as_dict(row) for row in session.scalars(page)]
            ratings = select(FeedbackRow).where(FeedbackRow.exchange_id.in_([item["id"] for item in items]))
            by_exchange: dict[str, list[dict[str, Any]]] = {}
            for row in session.scalars(ratings.order_by(FeedbackRow.id)):
                by_exchange.setdefault(row.exchange_id, []).append(_feedback_dict(row))
            for item in items:
                item["feedback"] = by_exchange.get(item["id"], [])
            return total, items

    def daily_outcomes(self, since: datetime, until: datetime) -> list[dict[str, Any]]:
        """Exchanges per UTC day and outcome in ``[since, until)``, oldest day first."""
        query = (
            select(ExchangeRow.created_at, ExchangeRow.outcome)
            .where(ExchangeRow.created_at >= since)
            .where(ExchangeRow.created_at < until)
        )
        days: dict[str, dict[str, int]] = {}
        with Session(self.engine) as session:
            for created_at, outcome in session.execute(query):
                counts = days.setdefault(created_at.date().isoformat(), dict.fromkeys(OUTCOMES, 0))
                counts[outcome] = counts.get(outcome, 0) + 1
        return [{"day": day} | counts for day, counts in sorted(days.items())]

    def feedback_page(self, *, limit: int = 50, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
        """The total and one page of ratings, newest first, each with the masked question it rates."""
        with Session(self.engine) as session:
            total = session.scalar(select(func.count()).select_from(FeedbackRow)) or 0
            page = (
                select(FeedbackRow, ExchangeRow.question_masked)
                .join(ExchangeRow, ExchangeRow.id == FeedbackRow.exchange_id)
                .order_by(FeedbackRow.created_at.desc(), FeedbackRow.id.desc())
                .limit(limit)
                .offset(offset)
            )
            rows = session.execute(page).all()
            return total, [_feedback_dict(row) | {"question_masked": question} for row, question in rows]

    def purge(self, older_than_days: int) -> Purged:
        """Delete exchanges older than the cutoff, with their feedback, and older feedback."""
        cutoff = utcnow() - timedelta(days=older_than_days)
        old = select(ExchangeRow.id).where(ExchangeRow.created_at < cutoff)
        with Session(self.engine) as session, session.begin():
            feedback = _deleted(
                session.execute(
                    delete(FeedbackRow).where(
                        (FeedbackRow.created_at < cutoff) | FeedbackRow.exchange_id.in_(old)
                    )
                )
            )
            exchanges = _deleted(session.execute(delete(ExchangeRow).where(ExchangeRow.created_at < cutoff)))
        return Purged(exchanges=exchanges, feedback=feedback)


def _deleted(result: object) -> int:
    return result.rowcount if isinstance(result, CursorResult) else 0


def _as_dict(row: ExchangeRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "time": row.created_at,
        "key_id": row.key_id,
        "route": row.route,
        "question_masked": row.question_masked,
        "answer": row.answer,
        "citations": row.citations,
        "guardrails": row.guardrails,
        "mode": row.mode,
        "abstained": row.abstained,
        "outcome": row.outcome,
        "latency_ms": row.latency_ms,
    }


def _feedback_dict(row: FeedbackRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "answer_id": row.exchange_id,
        "time": row.created_at,
        "key_id": row.key_id,
        "rating": row.rating,
        "comment_masked": row.comment_masked,
    }
