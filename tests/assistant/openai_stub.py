"""A local OpenAI chat-completions stub: a real uvicorn server on 127.0.0.1 in a background thread."""

from __future__ import annotations

import asyncio
import json
import math
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from tests.servers import serve_in_thread

STUB_MODEL = "gouvernail-stub"
STREAM_PIECES = 4


@dataclass
class StubBehaviour:
    """What the stub answers; mutable between calls."""

    reply: str | Callable[[list[dict[str, Any]]], str] = "Réponse de test fondée sur le passage [1]."
    delay_s: float = 0.0
    status: int = 200
    error_text: str | None = None  # the error message (default "stub error <status>")
    piece_delay_s: float = 0.0  # pause between streamed pieces


@dataclass
class OpenAIStub:
    """A running stub: its base URL, the JSON bodies it received, and its current behaviour."""

    url: str
    behaviour: StubBehaviour
    requests: list[dict[str, Any]] = field(default_factory=list)


def _text_of(content: Any) -> str:
    """Text of a message ``content`` (a string or a list of content parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return ""


def _words(text: str) -> int:
    """A crude token count: whitespace-separated words."""
    return len(text.split())


def _error(status: int, message: str) -> JSONResponse:
    """An error in the OpenAI shape."""
    kind = "server_error" if status >= 500 else "invalid_request_error"
    body = {"error": {"message": message, "type": kind, "param": None, "code": None}}
    return JSONResponse(body, status_code=status)


def _pieces(text: str) -> list[str]:
    """``text`` cut into a few consecutive pieces that join back to it."""
    if not text:
        return []
    size = math.ceil(len(text) / STREAM_PIECES)
    return [text[i : i + size] for i in range(0, len(text), size)]


def _chunk(base: dict[str, Any], delta: dict[str, Any], finish: str | None, usage: bool) -> str:
    """One ``chat.completion.chunk`` server-sent event."""
    choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
    body = {**base, "choices": [choice]} | ({"usage": None} if usage else {})
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"


async def _sse(
    base: dict[str, Any], text: str, usage: dict[str, int] | None, piece_delay_s: float
) -> AsyncIterator[str]:
    """Role delta, content deltas, the ``stop`` chunk, an optional usage chunk, then ``[DONE]``."""
    with_usage = usage is not None
    yield _chunk(base, {"role": "assistant", "content": "", "refusal": None}, None, with_usage)
    for piece in _pieces(text):
        await asyncio.sleep(piece_delay_s)
        yield _chunk(base, {"content": piece}, None, with_usage)
    yield _chunk(base, {}, "stop", with_usage)
    if usage is not None:
        yield f"data: {json.dumps({**base, 'choices': [], 'usage': usage})}\n\n"
    yield "data: [DONE]\n\n"


async def _wait(request: Request, delay_s: float) -> None:
    """Sleep ``delay_s``, returning early once the client has gone (e.g. it timed out)."""
    deadline = time.monotonic() + delay_s
    while time.monotonic() < deadline and not await request.is_disconnected():
        await asyncio.sleep(min(0.05, max(0.0, deadline - time.monotonic())))


def _build_app(stub: OpenAIStub) -> FastAPI:
    """The stub's FastAPI application, bound to ``stub``."""
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)

    @app.get("/v1/models")
    def models() -> dict[str, Any]:
        model = {"id": STUB_MODEL, "object": "model", "created": 0, "owned_by": "gouvernail"}
        return {"object": "list", "data": [model]}

    @app.post("/v1/chat/completions")
    async def chat_completions(request: Request) -> Response:
        try:
            body = await request.json()
        except ValueError:
            return _error(400, "request body is not valid JSON")
        if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
            return _error(400, "'messages' is required")
        stub.requests.append(body)
        behaviour = stub.behaviour
        if behaviour.delay_s > 0:
            await _wait(request, behaviour.delay_s)
        if behaviour.status != 200:
            return _error(behaviour.status, behaviour.error_text or f"stub error {behaviour.status}")
        messages: list[dict[str, Any]] = body["messages"]
        text = behaviour.reply(messages) if callable(behaviour.reply) else behaviour.reply
        prompt = sum(_words(_text_of(message.get("content"))) for message in messages)
        usage = {"prompt_tokens": prompt, "completion_tokens": _words(text)}
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        base = {
            "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
            "created": int(time.time()),
            "model": body.get("model") or STUB_MODEL,
            "system_fingerprint": None,
        }
        if body.get("stream"):
            include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
            events = _sse(
                {**base, "object": "chat.completion.chunk"},
                text,
                usage if include_usage else None,
                behaviour.piece_delay_s,
            )
            return StreamingResponse(events, media_type="text/event-stream")
        message = {"role": "assistant", "content": text, "refusal": None}
        choice = {"index": 0, "message": message, "logprobs": None, "finish_reason": "stop"}
        return JSONResponse({**base, "object": "chat.completion", "choices": [choice], "usage": usage})

    return app


@contextmanager
def openai_stub(behaviour: StubBehaviour | None = None) -> Iterator[OpenAIStub]:
    """Serve a stub on a free loopback port for the duration of the block."""
    stub = OpenAIStub(url="", behaviour=behaviour or StubBehaviour())
    with serve_in_thread(_build_app(stub), "openai-stub", lifespan="off", log_level="warning") as port:
        stub.url = f"http://127.0.0.1:{port}/v1"
        yield stub
