"""FastAPI dependencies: the shared services, the ready assistant, and API keys checked by role."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.keys import ApiKey, Role
from api.services import Services
from assistant.service import Assistant

_bearer = HTTPBearer(
    auto_error=False,
    description="An API key from `gouvernail keys create --role staff|dpo|admin`.",
)


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def require_role(role: Role) -> Callable[[Services, HTTPAuthorizationCredentials | None], ApiKey]:
    """A dependency returning the caller's key: 401 without a live key, 403 below ``role``, 429 over
    the key's rate limit (with ``Retry-After``)."""

    def check(services: ServicesDep, credentials: Credentials) -> ApiKey:
        challenge = {"WWW-Authenticate": "Bearer"}
        if credentials is None:
            raise HTTPException(401, "missing API key (send `Authorization: Bearer <key>`)", challenge)
        key = services.keys.verify(credentials.credentials)
        if key is None:
            raise HTTPException(401, "unknown or revoked API key", challenge)
        if not key.allows(role):
            raise HTTPException(403, f"this route needs the {role} role; the key has {key.role}")
        retry_after = services.limiter.take(key.id)
        if retry_after is not None:
            limit = services.settings.rate_limit_per_minute
            raise HTTPException(
                429, f"rate limit of {limit} requests per minute reached", {"Retry-After": str(retry_after)}
            )
        return key

    return check


StaffKey = Annotated[ApiKey, Depends(require_role("staff"))]
DpoKey = Annotated[ApiKey, Depends(require_role("dpo"))]
AdminKey = Annotated[ApiKey, Depends(require_role("admin"))]


def ready_assistant(services: ServicesDep) -> Assistant:
    """The loaded assistant, or 503 with the reason it is not ready."""
    reason = services.readiness()
    if reason is not None or services.assistant is None:
        raise HTTPException(503, f"not ready: {reason}")
    return services.assistant


AssistantDep = Annotated[Assistant, Depends(ready_assistant)]


def check_question(question: str, services: Services) -> None:
    """422 when the question is longer than ``max_question_chars``."""
    limit = services.settings.max_question_chars
    if len(question) > limit:
        raise HTTPException(422, f"question too long: {len(question)} characters (at most {limit})")


def check_system_messages(texts: Sequence[str], services: Services) -> None:
    """422 when a system message is longer than ``max_history_message_chars``."""
    limit = services.settings.max_history_message_chars
    for n, text in enumerate(texts, start=1):
        if len(text) > limit:
            raise HTTPException(422, f"system message {n} too long: {len(text)} characters (at most {limit})")
