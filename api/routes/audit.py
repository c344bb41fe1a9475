"""``GET /v1/audit``: the exchanges of the audit log (masked), filtered and paged — DPO and admin."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from api.audit_store import Outcome
from api.deps import DpoKey, ServicesDep
from api.errors import error_responses
from api.schemas import AuditItem, AuditPage, DailyOutcomes

router = APIRouter(prefix="/v1", tags=["audit"])
MAX_OFFSET = 2**31 - 1  # past it every database would overflow, or the page would be empty anyway
MAX_DAYS = 366  # the per-day counts read one row per exchange: one year at most


@router.get(
    "/audit",
    summary="Read the audit log",
    description="Exchanges newest first: masked question, answer, citations, guardrail decisions, mode, "
    "outcome and latency; `since` (inclusive) and `until` (exclusive) are ISO 8601 times.",
    responses=error_responses(401, 403, 422, 429),
)
def audit(
    _key: DpoKey,
    services: ServicesDep,
    since: Annotated[datetime | None, Query(examples=["2026-01-01T00:00:00Z"])] = None,
    until: Annotated[datetime | None, Query()] = None,
    outcome: Annotated[Outcome | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> AuditPage:
    total, rows = services.audit.exchanges(
        since=since, until=until, outcome=outcome, limit=limit, offset=offset
    )
    items = [AuditItem.model_validate(row) for row in rows]
    return AuditPage(total=total, limit=limit, offset=offset, items=items)


@router.get(
    "/audit/daily",
    summary="Exchanges per day and outcome",
    description="Counts of answered / abstained / blocked / fallback / aborted exchanges per UTC day in "
    "`[since, until)`; by default the last 30 days, at most 366.",
    responses=error_responses(401, 403, 422, 429),
)
def audit_daily(
    _key: DpoKey,
    services: ServicesDep,
    since: Annotated[datetime | None, Query(examples=["2026-11-01T00:00:00Z"])] = None,
    until: Annotated[datetime | None, Query()] = None,
) -> list[DailyOutcomes]:
    until = until or datetime.now(UTC) + timedelta(seconds=1)
    since = since or until - timedelta(days=30)
    if until - since > timedelta(days=MAX_DAYS):
        raise HTTPException(422, f"at most {MAX_DAYS} days per request")
    return [DailyOutcomes.model_validate(day) for day in services.audit.daily_outcomes(since, until)]
