"""How ``gouvernail serve`` runs uvicorn: request deadlines, JSON protocol errors, logs without query text."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from api.errors import error_payload
from ingest.settings import Settings

KEEP_ALIVE_S = 5
GRACEFUL_SHUTDOWN_S = 5


def _raw_response(status: int, phrase: bytes, reason: str) -> bytes:
    body = json.dumps(error_payload(status, reason)).encode()
    head = (
        b"HTTP/1.1 %d %s\r\ncontent-type: application/json\r\ncontent-length: %d\r\nconnection: close\r\n\r\n"
        % (status, phrase, len(body))
    )
    return head + body


class DeadlineHttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, closing (408) a connection whose request has not fully arrived within
    ``read_timeout_s`` of its connection or its first byte (slow headers or bodies), and answering
    malformed requests in JSON like every other error."""

    read_timeout_s = 10.0
    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm()

    def on_message_complete(self) -> None:
        self._disarm()
        super().on_message_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def send_400_response(self, msg: str) -> None:
        self._disarm()
        self.transport.write(_raw_response(400, b"Bad Request", msg))
        self.transport.close()

    def _arm(self) -> None:
        if self._deadline is None:
            self._deadline = self.loop.call_later(self.read_timeout_s, self._expired)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expired(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        if self.cycle is None or not self.cycle.response_started:
            reason = f"request not received within {self.read_timeout_s:g} s"
            self.transport.write(_raw_response(408, b"Request Timeout", reason))
        self.transport.close()


class PathOnlyAccessLog(logging.Filter):
    """uvicorn's access lines with the path only: a query string may hold what a user typed."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            record.args = (*args[:2], args[2].split("?", 1)[0], *args[3:])
        return True


def log_config() -> dict[str, Any]:
    """uvicorn's logging plus the ``gouvernail`` loggers at INFO (one line per answer and admin action)."""
    fmt = "%(asctime)s %(levelname)s %(name)s %(message)s"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"path_only": {"()": PathOnlyAccessLog}},
        "formatters": {"plain": {"format": fmt}},
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"},
            "access": {
                "class": "logging.StreamHandler",
                "formatter": "plain",
                "filters": ["path_only"],
                "stream": "ext://sys.stdout",
            },
        },
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "uvicorn.error": {"level": "INFO"},
            "uvicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
            "gouvernail": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        },
    }


def server_options(settings: Settings) -> dict[str, Any]:
    """uvicorn settings of the API: request deadlines, keep-alive and shutdown bounds, proxies trusted
    only when named (``GOUVERNAIL_FORWARDED_ALLOW_IPS``)."""
    protocol = type(
        "DeadlineHttpProtocol", (DeadlineHttpProtocol,), {"read_timeout_s": settings.request_read_timeout_s}
    )
    return {
        "http": protocol,
        "timeout_keep_alive": KEEP_ALIVE_S,
        "timeout_graceful_shutdown": GRACEFUL_SHUTDOWN_S,
        "proxy_headers": bool(settings.forwarded_allow_ips),
        "forwarded_allow_ips": settings.forwarded_allow_ips or None,
    }
