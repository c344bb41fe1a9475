"""The evaluation report served to the DPO opens in Chromium with every chart drawn."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tests.browser import needs_chromium, png_size

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = needs_chromium


def test_report_renders_its_charts_in_a_browser(api, browser: Browser, tmp_path: Path) -> None:
    context = browser.new_context(
        extra_http_headers=api.auth("dpo"), viewport={"width": 1200, "height": 1000}, locale="fr-FR"
    )
    page = context.new_page()
    try:
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        assert page.goto(f"{api.url}/v1/reports/latest").status == 200
        assert page.locator("h1").inner_text().startswith("Gouvernail — rapport d'évaluation")
        charts = page.locator("svg")
        assert charts.count() >= 2
        for i in range(charts.count()):
            box = charts.nth(i).bounding_box()
            assert box and box["width"] > 50 and box["height"] > 20, f"chart {i} not drawn"
            assert charts.nth(i).locator("path, polyline, rect, circle, line").count() > 0
        broken = page.evaluate("[...document.images].filter(i => !i.complete || !i.naturalWidth).length")
        assert broken == 0
        assert all(url.startswith(api.url) for url in requests), "the report loads nothing from elsewhere"
        shot = tmp_path / "rapport.png"
        page.screenshot(path=str(shot), full_page=True)
        width, height = png_size(shot)
        assert width >= 1200 and height > 1000
    finally:
        context.close()
