"""Interactive API docs served from a local Swagger UI (no CDN: the machine may be offline)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from swagger_ui_bundle import swagger_ui_path

ASSETS = "/docs-assets"
# Only what /docs loads, from the ``swagger-ui-bundle-v2`` package (not its demo pages).
ASSET_FILES = {
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
    "favicon-32x32.png": "image/png",
}
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def _csp(html: str) -> str:
    """The docs page's CSP: its own assets, its one inline script by hash, the OpenAPI document."""
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
        for s in _INLINE_SCRIPT.findall(html)
    )
    return (
        f"default-src 'none'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    )


def install_docs(app: FastAPI) -> None:
    """``/docs`` and the three Swagger UI files it needs."""

    @app.get(ASSETS + "/{name}", include_in_schema=False)
    def docs_asset(name: str) -> FileResponse:
        media_type = ASSET_FILES.get(name)
        if media_type is None:
            raise HTTPException(404, "not found")
        return FileResponse(Path(swagger_ui_path) / name, media_type=media_type)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} — API",
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon-32x32.png",
        )
        html = bytes(page.body).decode()
        return HTMLResponse(
            html, headers={"Content-Security-Policy": _csp(html), "Cache-Control": "no-cache"}
        )
