"""Public operational routes: index, liveness, readiness, Prometheus metrics."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST

from api.deps import ServicesDep
from api.schemas import Health, Readiness

router = APIRouter(tags=["ops"])


@router.get("/", summary="Service index")
def index(request: Request) -> dict[str, str]:
    return {
        "name": request.app.title,
        "version": request.app.version,
        "docs": "/docs",
        "openapi": "/openapi.json",
    }


@router.get("/healthz", summary="Liveness: the process answers")
def healthz(request: Request) -> Health:
    return Health(status="ok", version=request.app.version)


@router.get(
    "/readyz",
    summary="Readiness: index and models loaded",
    response_model=Readiness,
    responses={503: {"model": Readiness, "description": "Not ready, with the reason."}},
)
def readyz(services: ServicesDep) -> JSONResponse:
    reason = services.readiness()
    body = Readiness(status="ready" if reason is None else "not_ready", reason=reason)
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
