"""Reindex through the API: the new file is served at once; a failed reindex keeps the old index."""

from __future__ import annotations

import shutil

import httpx

from tests.api.conftest import copy_api_data
from tests.conftest import CORPUS

NEW_FICHE = "catalogue/fiche-14-cas-usage.md"


def test_reindex_serves_new_files_and_survives_failure(start_api, api_data, tmp_path) -> None:
    settings = copy_api_data(api_data, tmp_path / "own")
    api = start_api(corpus_dir=settings.corpus_dir, data_dir=settings.data_dir)
    admin, staff = api.auth("admin"), api.auth("staff")

    unchanged = httpx.post(f"{api.url}/v1/admin/reindex", headers=admin, timeout=120).json()
    assert unchanged["unchanged"] == 11 and unchanged["chunks_embedded"] == 0

    shutil.copy2(CORPUS / NEW_FICHE, settings.corpus_dir / NEW_FICHE)
    report = httpx.post(f"{api.url}/v1/admin/reindex", headers=admin, timeout=120)
    assert report.status_code == 200 and report.json()["added"] == 1 and report.json()["chunks_embedded"] > 0
    question = {"question": "Comment instruire un cas d'usage ?", "fiche": 14}
    answer = httpx.post(f"{api.url}/v1/ask", json=question, headers=staff, timeout=60).json()
    assert answer["citations"] and answer["citations"][0]["source"] == NEW_FICHE

    settings.corpus_dir.rename(tmp_path / "moved")
    try:
        failed = httpx.post(f"{api.url}/v1/admin/reindex", headers=admin, timeout=120)
        assert failed.status_code == 500 and set(failed.json()) == {"error", "reason"}
        assert "corpus folder not found" in failed.json()["reason"]
        still = httpx.post(f"{api.url}/v1/ask", json=question, headers=staff, timeout=60).json()
        assert still["citations"][0]["source"] == NEW_FICHE
        assert httpx.get(f"{api.url}/readyz").status_code == 200
    finally:
        (tmp_path / "moved").rename(settings.corpus_dir)
