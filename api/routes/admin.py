"""Admin routes: incremental reindex and API keys."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response

from api.deps import AdminKey, AssistantDep, ServicesDep
from api.errors import error_responses
from api.keys import ApiKey, LastAdminKeyError
from api.schemas import KeyCreate, KeyCreated, KeyOut, ReindexOut
from ingest.errors import GouvernailError
from ingest.reindex_lock import ReindexBusyError

router = APIRouter(prefix="/v1/admin", tags=["admin"])
log = logging.getLogger("gouvernail.api")


@router.post(
    "/reindex",
    summary="Reindex the corpus (incremental)",
    description="Runs the incremental reindex, then serves the new index. If the reindex fails, the "
    "previous index keeps serving and the error says why (409 when another reindex holds the lock).",
    responses=error_responses(401, 403, 409, 429, 500, 503),
)
def reindex(
    key: AdminKey,
    services: ServicesDep,
    assistant: AssistantDep,
    full: Annotated[bool, Query(description="Re-embed everything.")] = False,
) -> ReindexOut:
    try:
        report = services.reindex(assistant, full=full)
    except ReindexBusyError as exc:
        log.info("admin reindex key=%s outcome=busy", key.id)
        raise HTTPException(409, str(exc)) from exc
    except GouvernailError as exc:
        log.warning("admin reindex key=%s outcome=failed error=%s", key.id, type(exc).__name__)
        raise HTTPException(500, f"reindex failed, the previous index keeps serving: {exc}") from exc
    log.info(
        "admin reindex key=%s outcome=done full=%s added=%d updated=%d removed=%d seconds=%.1f",
        key.id, full, len(report.added), len(report.updated), len(report.removed), report.seconds,
    )  # fmt: skip
    return ReindexOut(
        added=len(report.added),
        updated=len(report.updated),
        removed=len(report.removed),
        unchanged=len(report.unchanged),
        renamed=len(report.renamed),
        skipped=len(report.skipped),
        chunks_total=report.chunks_total,
        chunks_embedded=report.chunks_embedded,
        chunks_reused=report.chunks_reused,
        full_rebuild=report.full_rebuild,
        seconds=round(report.seconds, 3),
    )


def _out(key: ApiKey) -> KeyOut:
    return KeyOut(
        id=key.id, role=key.role, name=key.name, created_at=key.created_at, revoked_at=key.revoked_at
    )


@router.get(
    "/keys",
    summary="List API keys",
    description="Every key's id, role, name, creation and revocation time — never the key itself.",
    responses=error_responses(401, 403, 429),
)
def list_keys(_key: AdminKey, services: ServicesDep) -> list[KeyOut]:
    return [_out(key) for key in services.keys.list()]


@router.post(
    "/keys",
    status_code=201,
    summary="Create an API key",
    description="The key is in the response once; only its SHA-256 is stored.",
    responses=error_responses(401, 403, 422, 429),
)
def create_key(body: KeyCreate, admin: AdminKey, services: ServicesDep, response: Response) -> KeyCreated:
    key, token = services.keys.create(body.role, body.name)
    log.info("admin key-create key=%s created=%s role=%s", admin.id, key.id, key.role)
    response.headers["Cache-Control"] = "no-store"  # the one response that carries a key
    return KeyCreated(**_out(key).model_dump(), key=token)


@router.delete(
    "/keys/{key_id}",
    status_code=204,
    summary="Revoke an API key",
    description="The key stops working at once (401); its audit rows keep its id. 404 for an unknown id, "
    "409 for the last active admin key.",
    responses=error_responses(401, 403, 404, 409, 429),
)
def revoke_key(key_id: str, admin: AdminKey, services: ServicesDep) -> None:
    try:
        revoked = services.keys.revoke(key_id)
    except LastAdminKeyError as exc:
        raise HTTPException(409, str(exc)) from exc
    if not revoked:
        raise HTTPException(404, f"no API key {key_id}")
    log.info("admin key-revoke key=%s revoked=%s", admin.id, key_id)
