"""FastAPI application factory: lifespan (loads the assistant once), middleware, error handlers, routes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from api.body_limit import BodyLimitMiddleware
from api.docs import install_docs
from api.errors import install_error_handlers
from api.metrics import Metrics, MetricsMiddleware
from api.routes import admin, ask, audit, chat, feedback, me, ops, passages, prompts, reports
from api.security_headers import SecurityHeadersMiddleware
from api.services import AssistantFactory, Services
from ingest.settings import Settings

DESCRIPTION = """
Assistant RAG sur le corpus de gouvernance de l'IA générative : réponses courtes et **citées**,
données personnelles masquées avant tout modèle, journal ou stockage.

Authentication: `Authorization: Bearer <key>`, keys from `gouvernail keys create --role staff|dpo|admin`.
Roles: **staff** (ask, chat, prompts, passages, feedback), **dpo** (+ audit, evaluation reports),
**admin** (+ reindex, keys).
Errors are JSON `{"error": …, "reason": …}`.
"""
TAGS = [
    {"name": "assistant", "description": "Questions and chat (OpenAI-compatible)."},
    {"name": "prompts", "description": "The prompt library."},
    {"name": "passages", "description": "Cited passages in their section."},
    {"name": "feedback", "description": "Ratings of answers."},
    {"name": "audit", "description": "The audit log (dpo, admin)."},
    {"name": "keys", "description": "The calling key (any role)."},
    {"name": "admin", "description": "Reindex and API keys (admin)."},
    {"name": "ops", "description": "Health, readiness, metrics (public)."},
]


def create_app(settings: Settings, assistant_factory: AssistantFactory | None = None) -> FastAPI:
    """Build the app for ``settings``; the assistant is built by ``assistant_factory`` (default
    ``build_assistant``) at startup, never at import."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        factory = assistant_factory
        if factory is None:
            from assistant.factory import build_assistant

            factory = build_assistant
        services = await run_in_threadpool(Services, settings, metrics, factory)
        app.state.services = services
        yield
        await run_in_threadpool(services.close)

    app = FastAPI(
        title="Gouvernail",
        version="0.1.0",
        summary="Assistant de gouvernance IA générative",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    metrics = Metrics()
    install_error_handlers(app)
    install_docs(app)
    for module in (ask, chat, prompts, passages, feedback, audit, reports, admin, me, ops):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=ops.STATIC_DIR), name="static")  # the chat page's JS and CSS
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(MetricsMiddleware, metrics=metrics)  # outermost: counts the 413s too
    return app
