"""``/v1/feedback``: rate an answer of the audit log (comment masked); the DPO reads the ratings."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from api.deps import AssistantDep, DpoKey, ServicesDep, StaffKey
from api.errors import error_responses
from api.routes.audit import MAX_OFFSET
from api.schemas import FeedbackOut, FeedbackPage, FeedbackPageItem, FeedbackRequest
from guardrails.text import clean_text

router = APIRouter(prefix="/v1", tags=["feedback"])


@router.post(
    "/feedback",
    status_code=201,
    summary="Rate an answer",
    description="`answer_id` must be an answer of the audit log (404 otherwise). The comment is stored "
    "with its personal data masked.",
    responses=error_responses(401, 403, 404, 413, 422, 429, 503),
)
def feedback(
    body: FeedbackRequest, key: StaffKey, services: ServicesDep, assistant: AssistantDep
) -> FeedbackOut:
    if not services.audit.exists(body.answer_id):
        raise HTTPException(404, f"no answer {body.answer_id} in the audit log")
    comment = assistant.guardrails.masker.mask(clean_text(body.comment)).text if body.comment else ""
    rating = str(body.rating)
    feedback_id = services.audit.add_feedback(
        body.answer_id, key_id=key.id, rating=rating, comment_masked=comment
    )
    return FeedbackOut(id=feedback_id, answer_id=body.answer_id, rating=rating, comment_masked=comment)


@router.get(
    "/feedback",
    summary="Read the ratings",
    description="Ratings newest first, with the masked comment and the masked question rated (dpo, admin).",
    responses=error_responses(401, 403, 422, 429),
)
def feedback_list(
    _key: DpoKey,
    services: ServicesDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> FeedbackPage:
    total, rows = services.audit.feedback_page(limit=limit, offset=offset)
    items = [FeedbackPageItem.model_validate(row) for row in rows]
    return FeedbackPage(total=total, limit=limit, offset=offset, items=items)
