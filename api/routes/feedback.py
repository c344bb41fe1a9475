"""``POST /v1/feedback``: a rating of an answer from the audit log, comment masked."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from api.deps import AssistantDep, ServicesDep, StaffKey
from api.errors import error_responses
from api.schemas import FeedbackOut, FeedbackRequest
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
