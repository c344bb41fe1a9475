"""Every route, called with no key, a wrong key, a revoked key and each role."""

from __future__ import annotations

import httpx
import pytest

from api.keys import KeyStore
from database.engine import make_engine

CALLERS = ("none", "wrong", "revoked", "staff", "dpo", "admin")
RANKS = {"staff": 0, "dpo": 1, "admin": 2}


@pytest.fixture(scope="module")
def ids(api) -> dict[str, str]:
    """An answer id, a chunk id and a spare key id for the routes that need one."""
    answer = httpx.post(
        f"{api.url}/v1/ask",
        json={"question": "Qui valide la charte ?"},
        headers=api.auth("staff"),
        timeout=60,
    ).json()
    spare, _ = KeyStore(make_engine(api.settings.state_database_url)).create("staff", "spare")
    chunk = answer["citations"][0]["chunk_id"]
    return {"answer": answer["id"], "chunk": chunk, "key": spare.id, "token": "not-a-live-link"}


# (method, path, json body, least role or None for public, status when allowed)
ROUTES = [
    ("POST", "/v1/ask", {"question": "Qui valide la charte ?"}, "staff", 200),
    ("POST", "/v1/chat/completions", {"messages": [{"role": "user", "content": "Qui valide la charte ?"}]},
     "staff", 200),
    ("GET", "/v1/prompts?q=livraison", None, "staff", 200),
    ("GET", "/v1/passages/{chunk}", None, "staff", 200),
    ("POST", "/v1/feedback", {"answer_id": "{answer}", "rating": "up"}, "staff", 201),
    ("GET", "/v1/me", None, "staff", 200),
    ("GET", "/v1/audit", None, "dpo", 200),
    ("GET", "/v1/audit/daily", None, "dpo", 200),
    ("GET", "/v1/feedback", None, "dpo", 200),
    ("GET", "/v1/reports/latest", None, "dpo", 200),
    ("POST", "/v1/reports/latest/link", None, "dpo", 200),
    ("GET", "/v1/reports/view/{token}", None, None, 404),  # a one-time link, not a key, opens it
    ("POST", "/v1/admin/reindex", None, "admin", 200),
    ("GET", "/v1/admin/keys", None, "admin", 200),
    ("POST", "/v1/admin/keys", {"role": "staff", "name": "made by the table test"}, "admin", 201),
    ("DELETE", "/v1/admin/keys/{key}", None, "admin", 204),
    ("GET", "/", None, None, 200),  # the chat page (text/html)
    ("GET", "/healthz", None, None, 200),
    ("GET", "/readyz", None, None, 200),
    ("GET", "/metrics", None, None, 200),
    ("GET", "/docs", None, None, 200),
    ("GET", "/openapi.json", None, None, 200),
]  # fmt: skip


def expected(least: str | None, caller: str, allowed: int) -> int:
    if least is None:
        return allowed
    if caller not in RANKS:
        return 401
    return allowed if RANKS[caller] >= RANKS[least] else 403


@pytest.mark.parametrize(("method", "path", "body", "least", "allowed"), ROUTES, ids=[r[1] for r in ROUTES])
def test_every_route_by_caller(api, ids, method, path, body, least, allowed) -> None:
    url = api.url + path.format(**ids)
    json_body = {k: v.format(**ids) if isinstance(v, str) else v for k, v in body.items()} if body else None
    for caller in CALLERS:
        headers = {"none": {}, "wrong": {"Authorization": "Bearer gv_not-a-real-key"}}.get(caller)
        if headers is None:
            headers = api.auth(caller)
        response = httpx.request(method, url, json=json_body, headers=headers, timeout=120)
        assert response.status_code == expected(least, caller, allowed), (caller, response.text)
        if response.status_code in (401, 403):
            payload = response.json()
            assert set(payload) == {"error", "reason"} and payload["reason"]
        if response.status_code == 401:
            assert response.headers["www-authenticate"] == "Bearer"


def test_the_page_and_its_assets_are_public(api) -> None:
    """``/`` is the chat page (HTML, no key); its script and style are served from ``/static``."""
    page = httpx.get(f"{api.url}/", timeout=30)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for asset, kind in (("chat.js", "javascript"), ("chat.css", "text/css")):
        response = httpx.get(f"{api.url}/static/{asset}", timeout=30)
        assert response.status_code == 200 and kind in response.headers["content-type"]


def test_every_route_is_in_the_table(api) -> None:
    schema = httpx.get(f"{api.url}/openapi.json").json()
    documented = {(method.upper(), path) for path, item in schema["paths"].items() for method in item}
    tabled = {
        (m, p.split("?")[0].replace("{chunk}", "{chunk_id}").replace("{key}", "{key_id}"))
        for m, p, *_ in ROUTES
    }
    assert documented <= tabled


def test_openapi_has_examples_summaries_and_tags(api) -> None:
    schema = httpx.get(f"{api.url}/openapi.json").json()
    for path, item in schema["paths"].items():
        for operation in item.values():
            assert operation.get("summary") and operation.get("tags"), path
    components = schema["components"]["schemas"]
    assert components["AskRequest"]["examples"] and components["ChatRequest"]["examples"]
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
