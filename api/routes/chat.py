"""``POST /v1/chat/completions``: OpenAI-compatible, with history, streaming (SSE) and citations."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import closing
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import StreamingResponse

from api.conversation import earlier_turns, sources_block
from api.deps import AssistantDep, ServicesDep, StaffKey, check_question, check_system_messages
from api.errors import error_responses
from api.schemas import ChatAnswer, ChatChoice, ChatCompletion, ChatMessage, ChatRequest, Usage
from api.services import new_answer_id
from api.streaming import AnswerRelay, RelayedResponse
from assistant.models import AskResult
from assistant.retrieval.hybrid import Filters
from assistant.service import AnswerStream

router = APIRouter(prefix="/v1", tags=["assistant"])
log = logging.getLogger("gouvernail.api")
ROUTE = "/v1/chat/completions"


def _conversation(messages: Sequence[ChatMessage]) -> tuple[str, list[tuple[str, str]], list[str]]:
    """The last user message, the earlier (user, assistant) pairs and the system/developer messages
    (screened, never passed to a model); tool messages are ignored."""
    if messages[-1].role != "user":
        raise HTTPException(422, "messages: the last message must have role 'user'")
    pairs: list[tuple[str, str]] = []
    instructions: list[str] = []
    pending: str | None = None
    for message in messages[:-1]:
        if message.role == "user":
            pending = message.text() if pending is None else f"{pending}\n{message.text()}"
        elif message.role == "assistant" and pending is not None:
            pairs.append((pending, message.text()))
            pending = None
        elif message.role in ("system", "developer"):
            instructions.append(message.text())
    return messages[-1].text(), pairs, instructions


def _usage(prompt: str, completion: str) -> Usage:
    """Word counts standing in for token counts."""
    prompt_tokens, completion_tokens = len(prompt.split()), len(completion.split())
    return Usage(
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        total_tokens=prompt_tokens + completion_tokens,
    )


@router.post(
    "/chat/completions",
    summary="OpenAI-compatible chat completion with citations",
    description="Works with the official `openai` client and LangChain's `ChatOpenAI` (`base_url` = "
    "`…/v1`, `api_key` = a Gouvernail key). Previous user/assistant messages are the history (PII "
    "masked); the last user message is the question. The answer ends with a numbered `Sources :` "
    "list, and `citations` holds the structured citations. With `stream: true` the answer comes as "
    "server-sent `chat.completion.chunk` events; the last chunk carries `citations`, `answer_id`, `mode`, "
    "`abstained`, `blocked` and `question_masked`, then `data: [DONE]`.",
    response_model=ChatCompletion,
    responses={
        200: {"content": {"text/event-stream": {"example": 'data: {"object": "chat.completion.chunk", …}'}}},
        **error_responses(401, 403, 413, 422, 429, 503),
    },
)
def chat_completions(
    body: ChatRequest, key: StaffKey, services: ServicesDep, assistant: AssistantDep
) -> ChatCompletion | StreamingResponse:
    question, pairs, instructions = _conversation(body.messages)
    check_question(question, services)
    history = earlier_turns(pairs, services.settings)
    check_system_messages(instructions, services)
    answer_id = new_answer_id()
    filters = Filters(fiche=body.fiche, phase=body.phase, doc_type=body.doc_type)

    def start() -> AnswerStream:
        return assistant.stream(
            question,
            k=body.k,
            filters=filters,
            history=history,
            instructions=instructions,
            request_id=answer_id,
        )

    started = time.perf_counter()

    def record(result: AskResult) -> None:
        latency_ms = (time.perf_counter() - started) * 1000
        services.record(result, answer_id=answer_id, key=key, route=ROUTE, latency_ms=latency_ms)

    if body.stream:
        services.take_slot()  # before the response starts: a busy server answers 503, not a broken stream
        relay = AnswerRelay(start, record, services.slots.release)
        events = _events(relay.items(), answer_id, body.model)
        return RelayedResponse(events, relay, headers={"Cache-Control": "no-cache"})
    with services.answer_slot(), closing(start()) as stream:
        result = next(item for item in stream if isinstance(item, AskResult))
    record(result)
    content = result.answer + sources_block(result.citations)
    return ChatCompletion(
        id=answer_id,
        created=int(time.time()),
        model=body.model,
        choices=[ChatChoice(message=ChatAnswer(content=content))],
        usage=_usage(result.question_masked, content),
        citations=result.citations,
        answer_id=answer_id,
        mode=result.mode,
        abstained=result.abstained,
    )


async def _events(stream: AsyncIterator[str | AskResult], answer_id: str, model: str) -> AsyncIterator[str]:
    """Role chunk, content chunks, the source list, the final chunk (citations), ``[DONE]``."""
    base = {"id": answer_id, "object": "chat.completion.chunk", "created": int(time.time()), "model": model}

    def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> str:
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
        return f"data: {json.dumps(base | {'choices': [choice]} | extra, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    try:
        result: AskResult | None = None
        async for item in stream:
            if isinstance(item, AskResult):
                result = item
            else:
                yield chunk({"content": item})
        if result is None:
            raise RuntimeError("the answer stream ended without a result")
    except Exception as exc:  # headers are sent: the error becomes an event the openai client raises
        log.error("stream %s failed: %s", answer_id, type(exc).__name__)
        error = {"message": "internal error; see the server log", "type": "server_error", "code": None}
        yield f"data: {json.dumps({'error': error})}\n\n"
        return
    sources = sources_block(result.citations)
    if sources:
        yield chunk({"content": sources})
    citations = [c.model_dump() for c in result.citations]
    yield chunk(
        {},
        "stop",
        citations=citations,
        answer_id=answer_id,
        mode=result.mode,
        abstained=result.abstained,
        blocked=result.guardrails.blocked,
        question_masked=result.question_masked,
    )
    yield "data: [DONE]\n\n"
