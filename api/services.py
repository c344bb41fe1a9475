"""What the routes share, built once at startup: assistant, key and audit stores, metrics, rate limiter,
and the index follower that keeps this process on the newest committed index revision."""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from fastapi import HTTPException

from api.audit_store import AuditStore, outcome_of
from api.keys import ApiKey, KeyStore
from api.metrics import Metrics
from api.one_time_links import OneTimeLinks
from api.rate_limit import RateLimiter
from api.slots import AnswerSlots
from assistant.models import AskResult
from assistant.prompt_library import PromptEntry, load_prompt_library
from assistant.service import Assistant
from database.engine import make_engine
from eval.store import RunStore, open_run_store
from ingest.errors import GouvernailError
from ingest.indexer import Indexer, ReindexReport
from ingest.settings import Settings

log = logging.getLogger("gouvernail.api")
AssistantFactory = Callable[[Settings], Assistant]


def new_answer_id() -> str:
    return uuid.uuid4().hex


class Services:
    """Built in the app's lifespan; a failure to load the models leaves ``readiness()`` with the reason."""

    def __init__(self, settings: Settings, metrics: Metrics, assistant_factory: AssistantFactory) -> None:
        self.settings = settings
        self.metrics = metrics
        engine = make_engine(settings.state_database_url)
        self.limiter = RateLimiter(engine, settings.rate_limit_per_minute)
        self.keys = KeyStore(engine)
        self.runs: RunStore = open_run_store(settings, engine)
        self.audit = AuditStore(engine)
        purged = self.audit.purge(settings.audit_retention_days)
        if purged.exchanges or purged.feedback:
            log.info("retention: purged %d exchanges, %d feedback", purged.exchanges, purged.feedback)
        self.prompts: list[PromptEntry] = load_prompt_library(settings.corpus_dir)
        self.assistant: Assistant | None = None
        self.load_error: str | None = None
        self.slots = AnswerSlots(settings.max_concurrent_answers)
        self.report_links = OneTimeLinks(engine, ttl_s=60)
        self.replica_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._stop = threading.Event()
        self._follower: threading.Thread | None = None
        try:
            assistant = assistant_factory(settings)
            assistant.guardrails.screen_question("Bonjour")  # loads spaCy/Presidio now, not on a request
            assistant.guardrails.masker.load()
        except Exception as exc:  # any load failure must leave the process up, reporting not ready
            log.error("models not loaded: %s: %s", type(exc).__name__, exc)
            self.load_error = f"models not loaded: {type(exc).__name__}: {exc}"
            return
        self.assistant = assistant
        try:
            assistant.retriever.load()
        except GouvernailError as exc:
            log.warning("index not ready: %s", exc)
        self._follower = threading.Thread(
            target=self._follow_index, args=(assistant,), name="index-follower", daemon=True
        )
        self._follower.start()

    def _follow_index(self, assistant: Assistant) -> None:
        """Every ``index_poll_s``: serve the newest committed revision (BM25 rebuilt here, off the request
        path) and say which one this process serves, so stale chunks outlive no reader."""
        replicas = assistant.retriever.searcher.state.replicas
        failing = False
        while True:
            try:
                replicas.beat(self.replica_id, assistant.retriever.load())
                failing = False
            except Exception as exc:  # a database or store outage: keep serving, say it once
                if not failing:
                    log.warning("index follower: %s: %s", type(exc).__name__, exc)
                failing = True
            if self._stop.wait(self.settings.index_poll_s):
                break
        try:
            replicas.leave(self.replica_id)
        except Exception as exc:  # shutting down: its heartbeat expires anyway
            log.warning("index follower could not leave: %s: %s", type(exc).__name__, exc)

    def close(self) -> None:
        """Stop following the index (at shutdown)."""
        self._stop.set()
        if self._follower is not None:
            self._follower.join(timeout=10)

    def take_slot(self) -> None:
        """One of ``max_concurrent_answers`` slots: the models are CPU-bound, so more answers at once would
        only share the cores and all finish later; the other requests wait their turn, at most
        ``answer_wait_s`` (then 503 with ``Retry-After``). Give it back with ``slots.release()``."""
        if not self.slots.acquire(self.settings.answer_wait_s):
            wait = self.settings.answer_wait_s
            raise HTTPException(
                503, f"busy: no answer slot came free within {wait:g} s", {"Retry-After": "5"}
            )

    @contextmanager
    def answer_slot(self) -> Iterator[None]:
        """An answer slot held for the ``with`` block (see ``take_slot``)."""
        self.take_slot()
        try:
            yield
        finally:
            self.slots.release()

    def readiness(self) -> str | None:
        """``None`` when the models and an index are loaded and answers are being served, else why not."""
        if self.assistant is None:
            return self.load_error or "models not loaded"
        stuck = self.slots.full_for()
        if stuck > self.settings.slots_stuck_after_s:
            return f"no answer slot has been free for {stuck:.0f} s"
        try:
            self.assistant.retriever.searcher.manifest()
        except GouvernailError as exc:
            return str(exc)
        return None

    def index_revision(self) -> int | None:
        """The index revision this process serves, ``None`` before one is loaded."""
        if self.assistant is None:
            return None
        try:
            return self.assistant.retriever.searcher.manifest().revision
        except GouvernailError:
            return None

    def record(
        self, result: AskResult, *, answer_id: str, key: ApiKey, route: str, latency_ms: float
    ) -> None:
        """Audit row, metrics and one log line (ids and figures only) for an answer."""
        self.metrics.observe_answer(result)
        self.audit.record(result, answer_id=answer_id, key_id=key.id, route=route, latency_ms=latency_ms)
        log.info(
            "answer %s key=%s route=%s outcome=%s mode=%s citations=%d latency_ms=%.0f",
            answer_id, key.id, route, outcome_of(result), result.mode, len(result.citations), latency_ms,
        )  # fmt: skip

    def reindex(self, assistant: Assistant, *, full: bool = False) -> ReindexReport:
        """Incremental reindex; the retriever follows the new manifest (on failure the old one keeps
        serving); concurrent reindexes are serialised by the indexer's lock."""
        searcher = assistant.retriever.searcher
        indexer = Indexer(
            self.settings, searcher.embedder, searcher.client, warn=log.warning, state=searcher.state
        )
        report = indexer.reindex(full=full)
        assistant.retriever.load()  # the new chunks, before the next question
        self.prompts = load_prompt_library(self.settings.corpus_dir)
        return report
