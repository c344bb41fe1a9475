"""``POST /v1/ask``: the JSON contract of ``gouvernail ask --json``."""

from __future__ import annotations

import time

from fastapi import APIRouter

from api.conversation import earlier_turns
from api.deps import AssistantDep, ServicesDep, StaffKey, check_question
from api.errors import error_responses
from api.schemas import AskRequest
from api.services import new_answer_id
from assistant.models import AskResult
from assistant.retrieval.hybrid import Filters

router = APIRouter(prefix="/v1", tags=["assistant"])


@router.post(
    "/ask",
    summary="Answer a question with citations",
    description="Screens the question and the history (PII masked, injections refused or left out), "
    "retrieves passages and answers "
    "with `[n]` markers, each backed by a citation quoting the corpus. `id` is the answer id to send "
    "feedback on. The masked exchange is written to the audit log.",
    responses=error_responses(401, 403, 413, 422, 429, 503),
)
def ask(body: AskRequest, key: StaffKey, services: ServicesDep, assistant: AssistantDep) -> AskResult:
    check_question(body.question, services)
    history = earlier_turns([(t.question, t.answer) for t in body.history], services.settings)
    answer_id = new_answer_id()
    started = time.perf_counter()
    with services.answer_slot():
        result = assistant.ask(
            body.question,
            k=body.k,
            filters=Filters(fiche=body.fiche, phase=body.phase, doc_type=body.doc_type),
            history=history,
            request_id=answer_id,
        )
    services.record(
        result,
        answer_id=answer_id,
        key=key,
        route="/v1/ask",
        latency_ms=(time.perf_counter() - started) * 1000,
    )
    return result
