"""API keys: created once (the token is shown once), stored as SHA-256, checked by token, revoked by id."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from api.db import ApiKeyRow
from database.schema import utcnow

Role = Literal["staff", "dpo", "admin"]
ROLES: tuple[Role, ...] = get_args(Role)
TOKEN_PREFIX = "gv_"


@dataclass(frozen=True)
class ApiKey:
    """A key as the API sees it: never the token itself."""

    id: str
    role: Role
    name: str
    created_at: datetime
    revoked_at: datetime | None

    def allows(self, role: Role) -> bool:
        """Roles are ordered: staff < dpo < admin."""
        return ROLES.index(self.role) >= ROLES.index(role)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class LastAdminKeyError(Exception):
    """Revoking this key would leave no active admin key."""


class KeyStore:
    """Create, list, verify and revoke API keys in the audit database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create(self, role: Role, name: str = "") -> tuple[ApiKey, str]:
        """A new key and its token (256 random bits); only the token's hash is kept."""
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r} (expected one of {', '.join(ROLES)})")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        row = ApiKeyRow(
            id="key_" + secrets.token_hex(6),
            token_sha256=token_hash(token),
            role=role,
            name=name,
            created_at=utcnow(),
        )
        with Session(self.engine) as session, session.begin():
            session.add(row)
            key = _key(row)
        return key, token

    def list(self) -> list[ApiKey]:
        with Session(self.engine) as session:
            rows = session.scalars(select(ApiKeyRow).order_by(ApiKeyRow.created_at))
            return [_key(row) for row in rows]

    def verify(self, token: str) -> ApiKey | None:
        """The live key for ``token``, or ``None`` (unknown or revoked)."""
        if not token.startswith(TOKEN_PREFIX):
            return None
        with Session(self.engine) as session:
            row = session.scalar(select(ApiKeyRow).where(ApiKeyRow.token_sha256 == token_hash(token)))
            return None if row is None or row.revoked_at is not None else _key(row)

    def revoke(self, key_id: str) -> bool:
        """Revoke ``key_id``; ``False`` when there is no such key, ``LastAdminKeyError`` when it is the
        last active admin key (nobody could manage keys through the API any more)."""
        with Session(self.engine) as session, session.begin():
            live_admins = session.scalars(
                select(ApiKeyRow.id)
                .where(ApiKeyRow.role == "admin", ApiKeyRow.revoked_at.is_(None))
                .with_for_update()
            ).all()
            row = session.get(ApiKeyRow, key_id)
            if row is None:
                return False
            if live_admins == [key_id]:
                raise LastAdminKeyError(f"{key_id} is the last active admin key: create another one first")
            row.revoked_at = row.revoked_at or utcnow()
            return True


def _key(row: ApiKeyRow) -> ApiKey:
    role: Role = row.role  # type: ignore[assignment]  # only ROLES are ever written
    return ApiKey(row.id, role, row.name, row.created_at, row.revoked_at)
