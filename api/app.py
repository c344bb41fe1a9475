"""FastAPI application factory (the full API comes with the chat-API issue)."""

from __future__ import annotations

from fastapi import FastAPI
from pydantic import BaseModel

from ingest.settings import Settings


class Health(BaseModel):
    status: str
    version: str


def create_app(settings: Settings) -> FastAPI:
    """Build the app for ``settings``; nothing heavy happens at import time."""
    app = FastAPI(title="Gouvernail", version="0.1.0", summary="Assistant de gouvernance IA générative")
    app.state.settings = settings

    @app.get("/healthz", response_model=Health, tags=["ops"])
    def healthz() -> Health:
        """Liveness: the process answers."""
        return Health(status="ok", version=app.version)

    return app
