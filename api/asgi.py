"""The app as uvicorn workers import it: ``api.asgi:app_from_env`` builds it from the environment."""

from __future__ import annotations

from fastapi import FastAPI

from api.app import create_app
from api.server import DeadlineHttpProtocol
from ingest.runtime_env import configure_runtime_env, limit_threads, threads_per_worker
from ingest.settings import Settings


def app_from_env() -> FastAPI:
    """One worker's app: settings from ``GOUVERNAIL_*`` (checked by ``gouvernail serve`` before it
    starts the workers), its own models, loaded once at its start, its share of the cores' threads."""
    settings = Settings()
    configure_runtime_env(settings.cache_dir)
    threads = threads_per_worker(settings.threads_per_worker, 1, settings.max_concurrent_answers)
    limit_threads(threads)  # `serve` sets it for its workers
    DeadlineHttpProtocol.read_timeout_s = settings.request_read_timeout_s  # this process serves one app
    return create_app(settings)
