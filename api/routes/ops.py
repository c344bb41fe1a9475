"""Public routes: the chat page, liveness, readiness, Prometheus metrics."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse, JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST

from api.deps import ServicesDep
from api.schemas import Health, Readiness

router = APIRouter(tags=["ops"])

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
# The page loads only its own script and style; the API key never leaves for another origin. It frames
# one same-origin document, the evaluation report (through a one-time link, see routes/reports.py).
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


@router.get(
    "/",
    summary="Chat page",
    description="The French workspace (no build step): a streamed conversation, cited sections, the prompt "
    "library, and the dpo and admin views its key's role allows; loading it needs no key.",
    response_class=FileResponse,
    responses={200: {"content": {"text/html": {}}}},
)
def index() -> FileResponse:
    return FileResponse(STATIC_DIR / "index.html", media_type="text/html", headers=PAGE_HEADERS)


@router.get(
    "/healthz",
    summary="Liveness: the process answers",
    description="200 as long as the process serves HTTP, even while the models load (see `/readyz`).",
)
def healthz(request: Request) -> Health:
    return Health(status="ok", version=request.app.version)


@router.get(
    "/readyz",
    summary="Readiness: index and models loaded",
    description="200 once the assistant (embedding model, guardrails, index) is loaded; 503 with the reason "
    "before that or when the index is missing.",
    response_model=Readiness,
    responses={503: {"model": Readiness, "description": "Not ready, with the reason."}},
)
def readyz(services: ServicesDep) -> JSONResponse:
    reason = services.readiness()
    body = Readiness(
        status="ready" if reason is None else "not_ready",
        reason=reason,
        index_revision=services.index_revision(),
    )
    return JSONResponse(body.model_dump(), status_code=200 if reason is None else 503)


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    description="Requests by route template and status, latency histogram, guardrail blocks, "
    "abstentions, LLM fallbacks. No question text is ever a label.",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST: {}}}},
)
def metrics(services: ServicesDep) -> Response:
    return Response(services.metrics.exposition(), media_type=CONTENT_TYPE_LATEST)
