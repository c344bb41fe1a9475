"""A streamed answer run by its own thread within an answer slot, bound to the response's lifetime.

The response reads the answer's items from a queue. When the response ends, complete or because the client
hung up, the thread stops at its next item and closes the answer (and its LLM call), the slot is freed, and
the exchange is recorded once both are over: ``aborted`` (with what was computed) when the client left
before the end. Nothing waits for garbage collection.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator, Callable
from typing import Any

import anyio
from starlette.concurrency import run_in_threadpool
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from api.asgi_watch import WatchedExchange
from assistant.models import AskResult
from assistant.service import AnswerStream

log = logging.getLogger("gouvernail.api")
_END = object()


class AnswerRelay:
    """Owns one answer slot, taken before the response starts, until the answer is done or abandoned."""

    def __init__(
        self,
        start: Callable[[], AnswerStream],
        record: Callable[[AskResult], None],
        release: Callable[[], None],
    ) -> None:
        self._start = start
        self._record = record
        self._release = release
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._started = self._released = self._recorded = False
        self._stream: AnswerStream | None = None
        self._result: AskResult | None = None
        self._thread_done = False
        self._delivered: bool | None = None  # set when the response is over

    async def items(self) -> AsyncIterator[str | AskResult]:
        """The answer's deltas, then its result; an error of the answer is raised here."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[Any] = asyncio.Queue()

        def put(item: Any) -> None:
            try:
                loop.call_soon_threadsafe(queue.put_nowait, item)
            except RuntimeError:  # the event loop is gone (shutdown): nobody reads any more
                self._stop.set()

        with self._lock:
            if self._stop.is_set():
                return
            self._started = True
        threading.Thread(target=self._run, args=(put,), name="answer-stream", daemon=True).start()
        while (item := await queue.get()) is not _END:
            if isinstance(item, BaseException):
                raise item
            yield item

    def response_over(self, delivered: bool) -> None:
        """The response ended, every byte sent (``delivered``) or not: stop the thread, then record."""
        with self._lock:
            self._stop.set()
            self._delivered = delivered
            started = self._started
        if not started:
            self._free()
        self._settle()

    def _run(self, put: Callable[[Any], None]) -> None:
        try:
            self._stream = self._start()
            for item in self._stream:
                if self._stop.is_set():
                    break
                put(item)
                if isinstance(item, AskResult):
                    self._result = item
        except Exception as exc:  # the response turns it into an error event
            log.error("answer stream failed: %s", type(exc).__name__)
            put(exc)
        finally:
            if self._stream is not None and self._result is None:
                self._stream.close()
            self._free()
            put(_END)
            with self._lock:
                self._thread_done = True
            self._settle()

    def _settle(self) -> None:
        """Record the exchange once the thread and the response are both over (a started one only)."""
        with self._lock:
            if self._recorded or not self._thread_done or self._delivered is None or self._stream is None:
                return
            self._recorded = True
        result = self._result if self._delivered and self._result is not None else self._stream.abort()
        if result is not None:
            self._record(result)

    def _free(self) -> None:
        with self._lock:
            if self._released:
                return
            self._released = True
        self._release()


class RelayedResponse(StreamingResponse):
    """A server-sent-events response that tells its relay how it ended, however it ended."""

    def __init__(self, content: AsyncIterator[str], relay: AnswerRelay, headers: dict[str, str]) -> None:
        super().__init__(content, media_type="text/event-stream", headers=headers)
        self.relay = relay

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        exchange = WatchedExchange(receive, send)
        try:
            await super().__call__(scope, exchange.receive, exchange.send)
        finally:
            with anyio.CancelScope(shield=True):
                await run_in_threadpool(self.relay.response_over, exchange.delivered)
