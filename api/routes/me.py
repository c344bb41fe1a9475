"""``GET /v1/me``: who the key is (id, name, role), so that a page shows the views the role allows."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import StaffKey
from api.errors import error_responses
from api.schemas import Me

router = APIRouter(prefix="/v1", tags=["keys"])


@router.get(
    "/me",
    summary="The calling key",
    description="The key's id, name and role — never the key itself.",
    responses=error_responses(401, 429),
)
def me(key: StaffKey) -> Me:
    return Me(id=key.id, name=key.name, role=key.role)
