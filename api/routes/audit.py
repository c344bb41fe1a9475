"""``GET /v1/audit``: the exchanges of the audit log (masked), filtered and paged — DPO and admin."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from api.audit_store import Outcome
from api.deps import DpoKey, ServicesDep
from api.errors import error_responses
from api.schemas import AuditItem, AuditPage

router = APIRouter(prefix="/v1", tags=["audit"])
MAX_OFFSET = 2**31 - 1  # past it every database would overflow, or the page would be empty anyway


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
