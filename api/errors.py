"""Every error leaves as JSON ``{"error": name, "reason": text}``; no traceback leaves the server."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

log = logging.getLogger("gouvernail.api")


class ErrorBody(BaseModel):
    error: str = Field(description="Machine name of the HTTP status.", examples=["unauthorized"])
    reason: str = Field(description="What went wrong, for a human.", examples=["missing API key"])


def error_payload(status: int, reason: str) -> dict[str, str]:
    return {"error": HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_"), "reason": reason}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for the given error statuses."""
    return {status: {"model": ErrorBody, "description": HTTPStatus(status).phrase} for status in statuses}


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    reason = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    return JSONResponse(error_payload(exc.status_code, reason), exc.status_code, headers=exc.headers)


def readable(exc: RequestValidationError) -> str:
    """``body.k: Input should be less than or equal to 20; …`` — field paths and messages, no input."""
    parts = []
    for error in exc.errors():
        if error.get("type") == "json_invalid":
            parts.append(f"invalid JSON body ({error.get('ctx', {}).get('error', 'parse error')})")
            continue
        loc = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "body"
        parts.append(f"{loc}: {error.get('msg', 'invalid')}")
    return "; ".join(parts)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return JSONResponse(error_payload(422, readable(exc)), 422)


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    route = getattr(request.scope.get("route"), "path", "unmatched")
    log.error("internal error on %s %s: %s", request.method, route, type(exc).__name__)
    return JSONResponse(error_payload(500, "internal error; see the server log"), 500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected_error)
