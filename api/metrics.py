"""Prometheus metrics of one app (own registry): requests, latency, outcomes — labels never hold text."""

from __future__ import annotations

import time

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from api.asgi_watch import WatchedExchange
from assistant.models import AskResult


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "gouvernail_http_requests",
            "HTTP requests by route template, method and status.",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "gouvernail_http_request_duration_seconds",
            "Time to the end of the response, by route template.",
            ["route"],
            buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30),
            registry=self.registry,
        )
        self.guardrail_blocks = Counter(
            "gouvernail_guardrail_blocks", "Questions refused by the guardrails.", registry=self.registry
        )
        self.abstentions = Counter(
            "gouvernail_abstentions", "Questions the corpus could not answer.", registry=self.registry
        )
        self.llm_fallbacks = Counter(
            "gouvernail_llm_fallbacks",
            "LLM answers replaced by the extractive answer (error, timeout, failed check).",
            registry=self.registry,
        )

    def observe_answer(self, result: AskResult) -> None:
        if result.guardrails.blocked:
            self.guardrail_blocks.inc()
        if result.abstained:
            self.abstentions.inc()
        if result.mode == "llm_fallback":
            self.llm_fallbacks.inc()

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


CLIENT_CLOSED = 499


class MetricsMiddleware:
    """Counts every HTTP request by its route template (``/v1/passages/{chunk_id}``), never its path; a
    request whose client hung up before any response counts as 499, not 500."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        exchange = WatchedExchange(receive, send)
        try:
            await self.app(scope, exchange.receive, exchange.send)
        finally:
            # No response at all: the client hung up first (499, as nginx counts it), or the app failed.
            status = exchange.status or (CLIENT_CLOSED if exchange.client_left else 500)
            route = scope.get("route")
            template = route.path if isinstance(route, BaseRoute) and hasattr(route, "path") else "unmatched"
            self.metrics.requests.labels(template, scope["method"], str(status)).inc()
            self.metrics.latency.labels(template).observe(time.perf_counter() - started)
