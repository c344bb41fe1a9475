"""``GET /v1/reports/latest``: the evaluation report for the DPO and the RSSI (dpo, admin)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import HTMLResponse, Response

from api.deps import DpoKey, ServicesDep
from api.errors import error_responses
from api.schemas import ReportLink
from eval.report import collect, render_html, render_markdown
from ingest.errors import GouvernailError

router = APIRouter(prefix="/v1", tags=["audit"])
# Self-contained: its own inline style and SVG charts, no script, nothing from elsewhere.
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
)


@router.get(
    "/reports/latest",
    summary="Read the latest evaluation report",
    description="The French report of the stored evaluation runs (`gouvernail eval`): summary against "
    "thresholds, trends, PII, injections, hallucinations, abstention, worst questions, changes. "
    "Self-contained HTML, or Markdown with `format=md`; 404 before the first run.",
    response_class=HTMLResponse,
    responses=error_responses(401, 403, 404, 422, 429),
)
def latest_report(
    _key: DpoKey, services: ServicesDep, format: Annotated[Literal["html", "md"], Query()] = "html"
) -> Response:
    try:
        data = collect(services.settings, services.runs)
    except GouvernailError:
        raise HTTPException(404, "no evaluation run yet: run `gouvernail eval`") from None
    if format == "md":
        return Response(render_markdown(data), media_type="text/markdown; charset=utf-8")
    return HTMLResponse(render_html(data), headers={"Content-Security-Policy": REPORT_CSP})


@router.post(
    "/reports/latest/link",
    summary="A one-time link to the latest report",
    description="For the chat page, which frames the report: an `<iframe>` cannot send the key, so this "
    "returns a URL that opens the latest HTML report once, within a minute, without a key.",
    responses=error_responses(401, 403, 429),
)
def latest_report_link(_key: DpoKey, services: ServicesDep) -> ReportLink:
    links = services.report_links
    return ReportLink(url=f"/v1/reports/view/{links.issue()}", expires_in=int(links.ttl_s))


@router.get(
    "/reports/view/{token}",
    summary="The latest report through a one-time link",
    description="404 for an unknown, used or expired link. May be framed by the chat page only.",
    response_class=HTMLResponse,
    responses=error_responses(404),
)
def latest_report_view(token: str, services: ServicesDep) -> HTMLResponse:
    if not services.report_links.redeem(token):
        raise HTTPException(404, "unknown, used or expired report link")
    try:
        data = collect(services.settings, services.runs)
    except GouvernailError:
        raise HTTPException(404, "no evaluation run yet: run `gouvernail eval`") from None
    headers = {
        "Content-Security-Policy": f"{REPORT_CSP}; frame-ancestors 'self'",
        "X-Frame-Options": "SAMEORIGIN",
        "Cache-Control": "no-store",
    }
    return HTMLResponse(render_html(data), headers=headers)
